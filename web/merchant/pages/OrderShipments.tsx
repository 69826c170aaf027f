// An order's shipping on its page: book parcels (one click for the usual single parcel, with
// the checkout's own weight and size as defaults; several parcels say which units each holds),
// the shipments with their tracking numbers, statuses and labels (PDFs the session cookie
// opens in a new tab), and the China customs declaration's status.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Input, Notice, QueryView, Table } from '../../shared/ui';
import { CustomsBadge, formatDay, MilestoneBadge } from '../../shared/ui/tracking';
import { DateTime } from '../components/format';
import { type FieldErrors, FormError, parseInteger, useRules, useSubmit } from '../components/forms';

type Order = Schemas['Order'];
type Shipment = Schemas['Shipment'];

/** The server's limits (src/modules/logistics/shipment-routes.ts). */
const WEIGHT_MAX_G = 70_000;
const SIDE_MAX_CM = 200;
const MAX_PARCELS = 20;
const CM = /^\d{1,3}(\.\d{1,2})?$/;
const BOOKABLE = new Set(['paid', 'fulfilling']);

interface ParcelDraft {
  weight_g: string;
  length_cm: string;
  width_cm: string;
  height_cm: string;
  /** Units of each order line (line_no → text), for shipments of several parcels. */
  units: Record<number, string>;
}

export function OrderShipments({ order }: { order: Order }) {
  const { t } = useTranslation();
  const shipments = useQuery({
    queryKey: ['shipments', order.id],
    queryFn: () => unwrap(api.GET('/v1/shipments', { params: { query: { order: order.id, limit: 100 } } })),
  });
  const shipped = new Map<number, number>();
  for (const s of shipments.data?.data ?? [])
    for (const p of s.parcels) for (const c of p.contents) shipped.set(c.line_no, (shipped.get(c.line_no) ?? 0) + c.quantity);
  const left = order.lines.map((l) => ({ line: l, left: Math.max(0, l.quantity - (shipped.get(l.line_no) ?? 0)) }));
  const canBook = BOOKABLE.has(order.state) && shipments.isSuccess && left.some((x) => x.left > 0);
  const toChina = order.origin.customs_mode === '9610' || order.origin.customs_mode === '1210';
  const [booked, setBooked] = useState(false);
  return (
    <>
      {canBook ? <BookShipment order={order} left={left} onBooking={() => setBooked(false)} onBooked={() => setBooked(true)} /> : null}
      {booked ? <Notice tone="success">{t('shipments.booked')}</Notice> : null}
      <Card title={t('shipments.title')}>
        <QueryView query={shipments} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('shipments.none')} />}>
          {(d) => (
            <div className="mc-page">
              {d.data.map((s) => (
                <ShipmentView key={s.id} shipment={s} />
              ))}
            </div>
          )}
        </QueryView>
      </Card>
      {toChina ? <Customs orderId={order.id} /> : null}
    </>
  );
}

function ShipmentView({ shipment: s }: { shipment: Shipment }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="mc-shipment" aria-labelledby={`shipment-${s.id}`}>
      <div className="mc-head">
        <h3 id={`shipment-${s.id}`}>
          {t('shipments.shipment')} <span className="mc-code">{s.id}</span>
        </h3>
        <a className="ui-button ui-button--secondary" href={s.labels_url} target="_blank" rel="noopener">
          {t('shipments.print_all')}
        </a>
      </div>
      <p className="ui-muted">
        {t(`service.${s.service.code}`, { defaultValue: s.service.name })}
        {s.estimated_delivery
          ? ` · ${t('shipments.estimated', {
              from: formatDay(s.estimated_delivery.earliest, i18n.language),
              to: formatDay(s.estimated_delivery.latest, i18n.language),
            })}`
          : ''}
        {' · '}
        <DateTime value={s.created_at} />
      </p>
      <Table
        caption={t('shipments.parcels_of', { id: s.id })}
        head={[t('shipments.tracking_number'), t('shipments.status'), t('shipments.weight'), t('shipments.contents'), t('shipments.label')]}
      >
        {s.parcels.map((p) => (
          <tr key={p.id}>
            <td>
              <a className="mc-code" href={`/track/${p.tracking_number}`} target="_blank" rel="noopener">
                {p.tracking_number}
              </a>
            </td>
            <td>
              <MilestoneBadge value={p.status} />
              {p.exception_reason ? <div className="ui-muted">{p.exception_reason}</div> : null}
            </td>
            <td>
              {t('shipments.weight_size', {
                g: p.weight_g,
                l: p.dimensions_mm.length / 10,
                w: p.dimensions_mm.width / 10,
                h: p.dimensions_mm.height / 10,
              })}
            </td>
            <td>
              {p.contents.map((c) => (
                <div key={c.line_no}>
                  <span className="mc-code">{c.sku}</span> × {c.quantity}
                </div>
              ))}
            </td>
            <td>
              <a href={p.label_url} target="_blank" rel="noopener">
                {t('shipments.print_label')}
                <span className="ui-visually-hidden"> {p.tracking_number}</span>
              </a>
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

function Customs({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['customs', orderId],
    queryFn: () => unwrap(api.GET('/v1/customs/declarations', { params: { query: { order: orderId, limit: 10 } } })),
  });
  return (
    <Card title={t('shipments.customs')}>
      <QueryView query={query} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('shipments.no_customs')} />}>
        {(d) => (
          <div className="mc-page">
            {d.data.map((c) => (
              <dl key={c.id} className="mc-dl">
                <dt>{t('shipments.customs_status')}</dt>
                <dd>
                  <CustomsBadge value={c.status} />
                </dd>
                <dt>{t('shipments.trade_mode')}</dt>
                <dd>{t(`customs_mode.${c.trade_mode}`, { defaultValue: c.trade_mode })}</dd>
                {c.reason ? (
                  <>
                    <dt>{t('shipments.customs_reason')}</dt>
                    <dd>{c.reason}</dd>
                  </>
                ) : null}
                {c.mismatches.length ? (
                  <>
                    <dt>{t('shipments.mismatches')}</dt>
                    <dd>
                      <ul className="mc-list">
                        {c.mismatches.map((m) => (
                          <li key={`${m.code}-${m.field}`}>{m.message}</li>
                        ))}
                      </ul>
                    </dd>
                  </>
                ) : null}
                <dt>{t('shipments.updated')}</dt>
                <dd>
                  <DateTime value={c.updated_at} />
                </dd>
              </dl>
            ))}
          </div>
        )}
      </QueryView>
    </Card>
  );
}

/** A number the checkout estimated, rounded up to what a form shows. */
const up = (n: unknown, fallback: number) => (typeof n === 'number' && n > 0 ? String(Math.ceil(n)) : String(fallback));

function BookShipment({
  order,
  left,
  onBooking,
  onBooked,
}: {
  order: Order;
  left: { line: Order['lines'][number]; left: number }[];
  onBooking: () => void;
  onBooked: () => void;
}) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const estimate = (order.shipping as { parcel?: Record<string, unknown> }).parcel ?? {};
  const blank = (all: boolean): ParcelDraft => ({
    weight_g: up(estimate.weight_g, 1000),
    length_cm: up(estimate.length_cm, 30),
    width_cm: up(estimate.width_cm, 20),
    height_cm: up(estimate.height_cm, 15),
    units: Object.fromEntries(left.map((x) => [x.line.line_no, all ? String(x.left) : '0'])),
  });
  const [parcels, setParcels] = useState<ParcelDraft[]>(() => [blank(true)]);
  const attempt = useRef<{ body: string; key: Record<string, string> } | null>(null);
  const fields = parcels.flatMap((_, i) => ['weight_g', 'length_cm', 'width_cm', 'height_cm', 'lines'].map((f) => `parcels.${i}.${f}`));
  const form = useSubmit(['parcels', ...fields]);
  const several = parcels.length > 1;
  const open = left.filter((x) => x.left > 0);

  const set = (i: number, patch: Partial<ParcelDraft>) => setParcels((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onBooking();
    const errs: FieldErrors = {};
    const body = parcels.map((p, i) => {
      const at = `parcels.${i}`;
      const weight = parseInteger(p.weight_g);
      if (weight === null || weight < 1 || weight > WEIGHT_MAX_G) errs[`${at}.weight_g`] = rules.range(1, WEIGHT_MAX_G);
      const side = (f: 'length_cm' | 'width_cm' | 'height_cm') => {
        const v = p[f].trim().replace(',', '.');
        const n = Number(v);
        if (!CM.test(v) || n <= 0 || n > SIDE_MAX_CM) errs[`${at}.${f}`] = t('shipments.bad_cm', { max: SIDE_MAX_CM });
        return n;
      };
      const out: {
        weight_g: number;
        length_cm: number;
        width_cm: number;
        height_cm: number;
        lines?: { line_no: number; quantity: number }[];
      } = { weight_g: weight ?? 0, length_cm: side('length_cm'), width_cm: side('width_cm'), height_cm: side('height_cm') };
      if (several) {
        const lines: { line_no: number; quantity: number }[] = [];
        for (const x of open) {
          const q = parseInteger(p.units[x.line.line_no] ?? '0') ?? -1;
          if (q < 0 || q > x.left) errs[`${at}.lines`] = rules.range(0, x.left);
          else if (q > 0) lines.push({ line_no: x.line.line_no, quantity: q });
        }
        if (!lines.length && !errs[`${at}.lines`]) errs[`${at}.lines`] = t('shipments.empty_parcel');
        out.lines = lines;
      }
      return out;
    });
    if (several) {
      for (const x of open) {
        const total = parcels.reduce((n, p) => n + (parseInteger(p.units[x.line.line_no] ?? '0') ?? 0), 0);
        if (total > x.left) errs.parcels = t('shipments.too_many_units', { sku: x.line.sku, max: x.left });
      }
    }
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { body: json, key: idempotent() };
    const headers = attempt.current.key;
    void form
      .run(errs, () =>
        unwrap(api.POST('/v1/orders/{id}/shipments', { params: { path: { id: order.id } }, body: { parcels: body }, headers })),
      )
      .then(async (done) => {
        if (!done) return;
        attempt.current = null;
        setParcels([blank(true)]);
        onBooked();
        await Promise.all([
          qc.invalidateQueries({ queryKey: ['shipments', order.id] }),
          qc.invalidateQueries({ queryKey: ['order', order.id] }),
          qc.invalidateQueries({ queryKey: ['customs', order.id] }),
          qc.invalidateQueries({ queryKey: ['orders'] }),
        ]);
      });
  };

  return (
    <Card title={t('shipments.book')}>
      <form className="mc-page" onSubmit={submit} noValidate aria-label={t('shipments.book')}>
        <p className="ui-muted">{several ? t('shipments.book_several_hint') : t('shipments.book_hint')}</p>
        {parcels.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: parcels are edited in place by position
          <fieldset key={i} className="mc-variant">
            <legend>{t('shipments.parcel_n', { n: i + 1 })}</legend>
            <Field label={t('shipments.weight_g')} error={form.errors[`parcels.${i}.weight_g`]}>
              {(f) => <Input {...f} inputMode="numeric" value={p.weight_g} onChange={(e) => set(i, { weight_g: e.target.value })} />}
            </Field>
            {(['length_cm', 'width_cm', 'height_cm'] as const).map((k) => (
              <Field key={k} label={t(`shipments.${k}`)} error={form.errors[`parcels.${i}.${k}`]}>
                {(f) => <Input {...f} inputMode="decimal" value={p[k]} onChange={(e) => set(i, { [k]: e.target.value })} />}
              </Field>
            ))}
            {several ? (
              <>
                {open.map((x) => (
                  <Field
                    key={x.line.line_no}
                    label={t('shipments.units_of', { sku: x.line.sku })}
                    hint={t('shipments.units_left', { count: x.left })}
                  >
                    {(f) => (
                      <Input
                        {...f}
                        inputMode="numeric"
                        value={p.units[x.line.line_no] ?? '0'}
                        onChange={(e) => set(i, { units: { ...p.units, [x.line.line_no]: e.target.value } })}
                      />
                    )}
                  </Field>
                ))}
                {form.errors[`parcels.${i}.lines`] ? (
                  <p className="ui-field__error mc-wide" role="alert">
                    {form.errors[`parcels.${i}.lines`]}
                  </p>
                ) : null}
                <div className="mc-wide">
                  <Button variant="ghost" onClick={() => setParcels((ps) => ps.filter((_, j) => j !== i))}>
                    {t('shipments.remove_parcel', { n: i + 1 })}
                  </Button>
                </div>
              </>
            ) : null}
          </fieldset>
        ))}
        {form.errors.parcels ? (
          <p className="ui-field__error" role="alert">
            {form.errors.parcels}
          </p>
        ) : null}
        <FormError error={form.formError} />
        <div className="mc-actions">
          <Button type="submit" busy={form.busy}>
            {several ? t('shipments.book_n', { count: parcels.length }) : t('shipments.book_one')}
          </Button>
          <Button
            variant="secondary"
            disabled={parcels.length >= MAX_PARCELS || open.reduce((n, x) => n + x.left, 0) <= parcels.length}
            onClick={() => setParcels((ps) => [...ps, blank(false)])}
          >
            {t('shipments.add_parcel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
