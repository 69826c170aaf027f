// Bulk transfers of stock into China bonded warehouses (1210, docs/logistics.md "Bonded stock"):
// owners and managers send units from one of their warehouses to a bonded warehouse (they leave
// the warehouse at once), and call a transfer off while it is in transit (they come back). The
// list shows every inbound shipment with what was sent and, once the warehouse received it, what
// arrived.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { Badge, Button, EmptyState, Field, Input, QueryView, Select, Table } from '../../shared/ui';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { DateTime } from '../components/format';
import { type FieldErrors, FormError, parseInteger, useRules, useSubmit } from '../components/forms';

type Location = Schemas['Location'];
type Inbound = Schemas['InboundShipment'];

/** The server's limits (src/modules/logistics/bonded.ts: MAX_INBOUND_LINES, MAX_INBOUND_UNITS; reference ≤ 100). */
const MAX_LINES = 100;
const MAX_UNITS = 100_000;
const MAX_REFERENCE = 100;

const TONES = { in_transit: 'info', received: 'success', cancelled: 'neutral' } as const;

interface LineDraft {
  variant_id: string;
  quantity: string;
}

const blankLine = (): LineDraft => ({ variant_id: '', quantity: '' });

/** The form: from one of the merchant's warehouses to a bonded warehouse, line by line. */
export function SendToBonded({ locations, variantLabel }: { locations: Location[]; variantLabel: (id: string) => string }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const own = locations.filter((l) => l.kind === 'merchant_warehouse' && l.active);
  const bonded = locations.filter((l) => l.kind === 'bonded_warehouse' && l.active);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([blankLine()]);
  const [reference, setReference] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const attempt = useRef<{ body: string; key: Record<string, string> } | null>(null);
  const fromId = from || own[0]?.id || '';
  const toId = to || bonded[0]?.id || '';
  // The same query (and cache) as the stock levels table filtered on this warehouse.
  const levels = useQuery({
    queryKey: ['stock-levels', fromId],
    queryFn: () => unwrap(api.GET('/v1/stock-levels', { params: { query: { location_id: fromId, limit: 100 } } })),
    enabled: Boolean(fromId),
  });
  const stocked = (levels.data?.data ?? []).filter((s) => s.location_id === fromId && s.available > 0);
  const availableOf = (variantId: string) => stocked.find((s) => s.variant_id === variantId)?.available;
  const lineFields = lines.flatMap((_, i) => [`lines.${i}.variant_id`, `lines.${i}.quantity`]);
  const form = useSubmit(['from_location_id', 'to_location_id', 'reference', 'lines', ...lineFields]);

  const setLine = (i: number, patch: Partial<LineDraft>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSent(null);
    const errs: FieldErrors = {};
    if (!fromId) errs.from_location_id = rules.required();
    if (!toId) errs.to_location_id = rules.required();
    const seen = new Set<string>();
    const body = lines.map((l, i) => {
      if (!l.variant_id) errs[`lines.${i}.variant_id`] = rules.required();
      else if (seen.has(l.variant_id)) errs[`lines.${i}.variant_id`] = t('inbound.each_once');
      seen.add(l.variant_id);
      const q = parseInteger(l.quantity);
      if (q === null || q < 1 || q > MAX_UNITS) errs[`lines.${i}.quantity`] = rules.range(1, MAX_UNITS);
      return { variant_id: l.variant_id, quantity: q ?? 0 };
    });
    if (reference.trim().length > MAX_REFERENCE) errs.reference = rules.tooLong(MAX_REFERENCE);
    const payload = {
      from_location_id: fromId,
      to_location_id: toId,
      lines: body,
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    };
    // One Idempotency-Key per transfer: a retry of the same one (after a lost answer) reuses it.
    const json = JSON.stringify(payload);
    if (attempt.current?.body !== json) attempt.current = { body: json, key: idempotent() };
    const headers = attempt.current.key;
    void form
      .run(errs, () => unwrap(api.POST('/v1/inbound-shipments', { body: payload, headers })))
      .then(async (done) => {
        if (!done) return;
        attempt.current = null;
        setSent(done.id);
        setLines([blankLine()]);
        setReference('');
        await Promise.all([
          qc.invalidateQueries({ queryKey: ['inbound-shipments'] }),
          qc.invalidateQueries({ queryKey: ['stock-levels'] }),
          qc.invalidateQueries({ queryKey: ['stock-movements'] }),
        ]);
      });
  };

  if (!own.length || !bonded.length) return <EmptyState title={t('inbound.no_places')} />;

  return (
    <form className="mc-form" onSubmit={submit} noValidate aria-label={t('inbound.send')}>
      <p className="ui-muted mc-wide">{t('inbound.hint')}</p>
      <Field label={t('inbound.from')} error={form.errors.from_location_id}>
        {(p) => (
          <Select
            {...p}
            value={fromId}
            onChange={(e) => {
              setFrom(e.target.value);
              setLines([blankLine()]);
            }}
          >
            {own.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('inbound.to')} error={form.errors.to_location_id}>
        {(p) => (
          <Select {...p} value={toId} onChange={(e) => setTo(e.target.value)}>
            {bonded.map((l) => (
              <option key={l.id} value={l.id}>
                {t('inbound.bonded_place', { name: l.name, city: l.city })}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('inbound.reference')} hint={t('inbound.reference_hint')} error={form.errors.reference}>
        {(p) => <Input {...p} value={reference} maxLength={MAX_REFERENCE} onChange={(e) => setReference(e.target.value)} />}
      </Field>
      {lines.map((l, i) => {
        const available = availableOf(l.variant_id);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are edited in place by position
          <fieldset key={i} className="mc-variant mc-wide">
            <legend>{t('inbound.line_n', { n: i + 1 })}</legend>
            <Field label={t('inventory.variant')} error={form.errors[`lines.${i}.variant_id`]}>
              {(p) => (
                <Select {...p} value={l.variant_id} onChange={(e) => setLine(i, { variant_id: e.target.value })}>
                  <option value="">{t('editor.choose')}</option>
                  {stocked.map((s) => (
                    <option key={s.variant_id} value={s.variant_id}>
                      {t('inbound.variant_available', { variant: variantLabel(s.variant_id), count: s.available })}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field
              label={t('inventory.quantity')}
              hint={available === undefined ? undefined : t('inbound.available_hint', { count: available })}
              error={form.errors[`lines.${i}.quantity`]}
            >
              {(p) => <Input {...p} inputMode="numeric" value={l.quantity} onChange={(e) => setLine(i, { quantity: e.target.value })} />}
            </Field>
            {lines.length > 1 ? (
              <div className="mc-actions">
                <Button variant="ghost" onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>
                  {t('inbound.remove_line', { n: i + 1 })}
                </Button>
              </div>
            ) : null}
          </fieldset>
        );
      })}
      {form.errors.lines ? (
        <p className="ui-field__error mc-wide" role="alert">
          {form.errors.lines}
        </p>
      ) : null}
      {levels.isSuccess && stocked.length === 0 ? <p className="ui-muted mc-wide">{t('inbound.nothing_available')}</p> : null}
      <div className="mc-wide mc-actions">
        <FormError error={form.formError} />
        <Button type="submit" busy={form.busy}>
          {t('inbound.submit')}
        </Button>
        <Button
          variant="secondary"
          disabled={lines.length >= Math.min(MAX_LINES, stocked.length)}
          onClick={() => setLines((ls) => [...ls, blankLine()])}
        >
          {t('inbound.add_line')}
        </Button>
        {sent ? <span role="status">{t('inbound.sent', { id: sent })}</span> : null}
      </div>
    </form>
  );
}

/** Every inbound shipment of the merchant, newest first as the API lists them; Cancel while in transit. */
export function InboundList({
  canCancel,
  locationName,
  variantLabel,
}: {
  canCancel: boolean;
  locationName: (id: string) => string;
  variantLabel: (id: string) => string;
}) {
  const { t } = useTranslation();
  const cursor = useCursor('inbound');
  const list = useQuery({
    queryKey: ['inbound-shipments', cursor.after],
    queryFn: () => unwrap(api.GET('/v1/inbound-shipments', { params: { query: { limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });
  return (
    <>
      <QueryView query={list} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('inbound.none')} />}>
        {(d) => (
          <Table
            caption={t('inbound.list')}
            head={[
              t('inbound.shipment'),
              t('inbound.route'),
              t('inbound.lines'),
              t('inbound.status'),
              t('inbound.created'),
              t('inbound.received_at'),
              t('inbound.actions'),
            ]}
          >
            {d.data.map((s) => (
              <InboundRow key={s.id} shipment={s} canCancel={canCancel} locationName={locationName} variantLabel={variantLabel} />
            ))}
          </Table>
        )}
      </QueryView>
      <Pager cursor={cursor} data={list.data} />
    </>
  );
}

function InboundRow({
  shipment: s,
  canCancel,
  locationName,
  variantLabel,
}: {
  shipment: Inbound;
  canCancel: boolean;
  locationName: (id: string) => string;
  variantLabel: (id: string) => string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const cancel = useSubmit();
  return (
    <tr>
      <td>
        <span className="mc-code">{s.id}</span>
        {s.reference ? <div className="ui-muted">{s.reference}</div> : null}
      </td>
      <td>{t('inbound.from_to', { from: locationName(s.from_location_id), to: locationName(s.to_location_id) })}</td>
      <td>
        <ul className="mc-list">
          {s.lines.map((l) => (
            <li key={l.variant_id}>
              {l.received_quantity === null
                ? t('inbound.line_sent', { variant: variantLabel(l.variant_id), sent: l.quantity })
                : t('inbound.line_received', { variant: variantLabel(l.variant_id), sent: l.quantity, received: l.received_quantity })}
            </li>
          ))}
        </ul>
      </td>
      <td>
        <Badge tone={TONES[s.status]}>{t(`inbound_status.${s.status}`)}</Badge>
      </td>
      <td>
        <DateTime value={s.created_at} />
      </td>
      <td>
        <DateTime value={s.received_at} />
      </td>
      <td>
        {canCancel && s.status === 'in_transit' ? (
          <Button
            variant="secondary"
            busy={cancel.busy}
            aria-label={t('inbound.cancel_n', { id: s.id })}
            onClick={async () => {
              const done = await cancel.run({}, () =>
                unwrap(api.POST('/v1/inbound-shipments/{id}/cancel', { params: { path: { id: s.id } }, body: {}, headers: idempotent() })),
              );
              if (done)
                await Promise.all([
                  qc.invalidateQueries({ queryKey: ['inbound-shipments'] }),
                  qc.invalidateQueries({ queryKey: ['stock-levels'] }),
                  qc.invalidateQueries({ queryKey: ['stock-movements'] }),
                ]);
            }}
          >
            {t('inbound.cancel')}
          </Button>
        ) : null}
        <FormError error={cancel.formError} />
      </td>
    </tr>
  );
}
