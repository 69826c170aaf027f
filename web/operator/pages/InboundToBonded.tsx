// Inbound to bonded (1210, docs/logistics.md "Bonded stock"): merchants' bulk transfers on their
// way to a China bonded warehouse. When one arrives the warehouse counts it: the operator enters
// what arrived of each line (the sent quantity unless some are short) and those units enter the
// bonded warehouse's stock.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { useSession } from '../../shared/app';
import { Button, Card, EmptyState, Field, Input, QueryView, Table } from '../../shared/ui';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { DateTime } from '../components/format';
import { type FieldErrors, FormError, parseInteger, useRules, useSubmit } from '../components/forms';

type Inbound = Schemas['InboundShipment'];

/** Who may record a receipt (src/modules/logistics/customs-routes.ts). */
const RECEIVERS = ['admin', 'operations'];
const COLUMNS = 6;

export function InboundToBonded() {
  const { t } = useTranslation();
  const { me } = useSession();
  const canReceive = RECEIVERS.includes(me.data?.role ?? '');
  const cursor = useCursor('inbound');
  const [receiving, setReceiving] = useState<string | null>(null);
  const [received, setReceived] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['inbound-shipments', 'in_transit', cursor.after],
    queryFn: () =>
      unwrap(
        api.GET('/v1/inbound-shipments', {
          params: { query: { status: 'in_transit', limit: PAGE_SIZE, starting_after: cursor.after } },
        }),
      ),
  });
  const locations = useQuery({
    queryKey: ['locations'],
    queryFn: () => unwrap(api.GET('/v1/locations', { params: { query: { limit: 100 } } })),
  });
  const placeName = (id: string) => locations.data?.data.find((l) => l.id === id)?.name ?? id;

  return (
    <Card title={t('inbound.title')}>
      <p className="ui-muted">{t('inbound.hint')}</p>
      {received ? (
        <p className="ui-notice ui-notice--success" role="status">
          {t('inbound.received_done', { id: received })}
        </p>
      ) : null}
      <QueryView query={list} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('inbound.none')} />}>
        {(d) => (
          <Table
            caption={t('inbound.in_transit')}
            head={[
              t('inbound.shipment'),
              t('inbound.merchant'),
              t('inbound.route'),
              t('inbound.lines'),
              t('inbound.sent_at'),
              t('hub.actions'),
            ]}
          >
            {d.data.map((s) => (
              <Fragment key={s.id}>
                <tr>
                  <td>
                    <span className="op-code">{s.id}</span>
                    {s.reference ? <div className="ui-muted">{s.reference}</div> : null}
                  </td>
                  <td>
                    <MerchantName id={s.merchant_id} />
                  </td>
                  <td>{t('inbound.from_to', { from: placeName(s.from_location_id), to: placeName(s.to_location_id) })}</td>
                  <td>
                    <ul className="op-list">
                      {s.lines.map((l) => (
                        <li key={l.variant_id}>{t('inbound.line_sent', { sku: l.sku, sent: l.quantity })}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <DateTime value={s.created_at} />
                  </td>
                  <td>
                    {canReceive ? (
                      <Button
                        variant={receiving === s.id ? 'primary' : 'secondary'}
                        aria-expanded={receiving === s.id}
                        aria-label={t('inbound.receive_n', { id: s.id })}
                        onClick={() => {
                          setReceived(null);
                          setReceiving(receiving === s.id ? null : s.id);
                        }}
                      >
                        {t('inbound.receive')}
                      </Button>
                    ) : null}
                  </td>
                </tr>
                {receiving === s.id ? (
                  <tr>
                    <td colSpan={COLUMNS}>
                      <ReceiveForm
                        shipment={s}
                        onDone={(id) => {
                          setReceiving(null);
                          setReceived(id);
                        }}
                        onCancel={() => setReceiving(null)}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </Table>
        )}
      </QueryView>
      <Pager cursor={cursor} data={list.data} />
    </Card>
  );
}

function MerchantName({ id }: { id: string }) {
  const merchant = useQuery({
    queryKey: ['merchant', id],
    queryFn: () => unwrap(api.GET('/v1/merchants/{id}', { params: { path: { id } } })),
    staleTime: 60_000,
  });
  const m = merchant.data;
  return <>{m ? (m.trading_name ?? m.legal_name) : <span className="op-code">{id}</span>}</>;
}

/** What arrived of each line, defaulting to what was sent. */
function ReceiveForm({ shipment: s, onDone, onCancel }: { shipment: Inbound; onDone: (id: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const [counts, setCounts] = useState<string[]>(() => s.lines.map((l) => String(l.quantity)));
  const attempt = useRef<{ body: string; key: Record<string, string> } | null>(null);
  const form = useSubmit([...s.lines.map((_, i) => `lines.${i}.received_quantity`)]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    const lines = s.lines.map((l, i) => {
      const n = parseInteger(counts[i] ?? '');
      if (n === null || n < 0 || n > l.quantity) errs[`lines.${i}.received_quantity`] = rules.range(0, l.quantity);
      return { variant_id: l.variant_id, received_quantity: n ?? 0 };
    });
    // One Idempotency-Key per receipt: a retry of the same counts reuses it.
    const json = JSON.stringify(lines);
    if (attempt.current?.body !== json) attempt.current = { body: json, key: idempotent() };
    const headers = attempt.current.key;
    const done = await form.run(errs, () =>
      unwrap(api.POST('/v1/inbound-shipments/{id}/receive', { params: { path: { id: s.id } }, body: { lines }, headers })),
    );
    if (done) {
      attempt.current = null;
      onDone(done.id);
      await qc.invalidateQueries({ queryKey: ['inbound-shipments'] });
    }
  };

  return (
    <form className="op-form" onSubmit={submit} noValidate aria-label={t('inbound.receive_n', { id: s.id })}>
      <p className="op-form__wide ui-muted">{t('inbound.receive_hint')}</p>
      {s.lines.map((l, i) => (
        <Field
          key={l.variant_id}
          label={t('inbound.received_of', { sku: l.sku })}
          hint={t('inbound.sent_n', { count: l.quantity })}
          error={form.errors[`lines.${i}.received_quantity`]}
        >
          {(p) => (
            <Input
              {...p}
              inputMode="numeric"
              value={counts[i] ?? ''}
              onChange={(e) => setCounts((cs) => cs.map((c, j) => (j === i ? e.target.value : c)))}
            />
          )}
        </Field>
      ))}
      <div className="op-form__wide op-actions">
        <FormError error={form.formError} />
        <Button type="submit" busy={form.busy}>
          {t('inbound.record_receipt')}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('inbound.close')}
        </Button>
      </div>
    </form>
  );
}
