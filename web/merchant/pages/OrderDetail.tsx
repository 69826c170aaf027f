// One order: what was bought, where it goes, its amounts and history, and the actions the
// merchant may take on it now (`available_actions`): prepare, ship, cancel, refund, returns.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Input, MoneyText, QueryView, Table } from '../../shared/ui';
import { DateTime, Status } from '../components/format';
import { type FieldErrors, FormError, useRules, useSubmit } from '../components/forms';
import { isAdmin, useMerchantSession } from '../components/merchant';
import { OrderShipments } from './OrderShipments';

type Order = Schemas['Order'];
/** The order actions a merchant takes, and their routes. */
const ROUTES = {
  start_fulfilment: '/v1/orders/{id}/fulfil',
  ship: '/v1/orders/{id}/ship',
  cancel: '/v1/orders/{id}/cancel',
  refund: '/v1/orders/{id}/refund',
  approve_return: '/v1/orders/{id}/return/approve',
  reject_return: '/v1/orders/{id}/return/reject',
  receive_return: '/v1/orders/{id}/return/receive',
} as const;
type Action = keyof typeof ROUTES;

export function OrderDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['order', id],
    queryFn: () => unwrap(api.GET('/v1/orders/{id}', { params: { path: { id } } })),
  });
  const zh = i18n.language === 'zh-CN';
  return (
    <div className="mc-page">
      <p>
        <Link to="/orders">{t('orders.back')}</Link>
      </p>
      <QueryView query={query}>
        {(o) => (
          <>
            <div className="mc-head">
              <h1>
                {t('orders.order')} <span className="mc-code">{o.id}</span>
              </h1>
              <Status kind="order_state" value={o.state} />
            </div>
            <Actions order={o} />
            <OrderShipments order={o} />
            <Card title={t('orders.summary')}>
              <dl className="mc-dl">
                <dt>{t('orders.buyer')}</dt>
                <dd>{o.buyer.name}</dd>
                <dt>{t('orders.address')}</dt>
                <dd>
                  {o.address.region ? `${t(`region.${o.address.region}`, { defaultValue: o.address.region })} · ` : ''}
                  {[o.address.city, o.address.district, o.address.street, o.address.postal_code].filter(Boolean).join(' ')}
                </dd>
                <dt>{t('orders.origin')}</dt>
                <dd>
                  {t(`origin_kind.${o.origin.kind}`)} · {t(`customs_mode.${o.origin.customs_mode}`)}
                </dd>
                <dt>{t('orders.created')}</dt>
                <dd>
                  <DateTime value={o.created_at} />
                </dd>
                <dt>{t('orders.goods')}</dt>
                <dd>
                  <MoneyText value={o.amounts.goods} />
                </dd>
                <dt>{t('orders.shipping')}</dt>
                <dd>
                  <MoneyText value={o.amounts.shipping} />
                </dd>
                <dt>{t('orders.tax')}</dt>
                <dd>
                  <MoneyText value={o.amounts.tax} />
                </dd>
                <dt>{t('orders.total')}</dt>
                <dd>
                  <strong>
                    <MoneyText value={o.amounts.total} />
                  </strong>
                </dd>
                <dt>{t('orders.refunded')}</dt>
                <dd>
                  <MoneyText value={o.amounts.refunded} />
                </dd>
                <dt>{t('orders.merchant_price')}</dt>
                <dd>
                  <MoneyText value={o.merchant_price} />
                </dd>
              </dl>
            </Card>
            <Card title={t('orders.lines')}>
              <Table
                caption={t('orders.lines')}
                head={[t('orders.product'), t('orders.sku'), t('orders.quantity'), t('orders.unit_price')]}
              >
                {o.lines.map((l) => (
                  <tr key={l.line_no}>
                    <td lang={zh ? 'zh-CN' : 'en'}>{zh ? l.name['zh-Hans'] : l.name.en}</td>
                    <td className="mc-code">{l.sku}</td>
                    <td>{l.quantity}</td>
                    <td>
                      <MoneyText value={l.unit_price} />
                    </td>
                  </tr>
                ))}
              </Table>
            </Card>
            {o.return ? (
              <Card title={t('orders.return')}>
                <dl className="mc-dl">
                  <dt>{t('orders.return_status')}</dt>
                  <dd>{t(`return_status.${o.return.status}`, { defaultValue: o.return.status })}</dd>
                  <dt>{t('orders.return_reason')}</dt>
                  <dd>{t(`return_reason.${o.return.reason}`, { defaultValue: o.return.reason })}</dd>
                  <dt>{t('orders.refund_amount')}</dt>
                  <dd>
                    <MoneyText value={o.return.refund_amount} />
                  </dd>
                </dl>
              </Card>
            ) : null}
            <Card title={t('orders.history')}>
              {o.history?.length ? (
                <Table caption={t('orders.history')} head={[t('orders.when'), t('orders.change'), t('orders.note')]}>
                  {o.history.map((h, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only
                    <tr key={i}>
                      <td>
                        <DateTime value={h.at} />
                      </td>
                      <td>
                        {h.from ? <Status kind="order_state" value={h.from} /> : null}
                        {h.from ? ' → ' : null}
                        <Status kind="order_state" value={h.to} />
                      </td>
                      <td>{h.note ?? ''}</td>
                    </tr>
                  ))}
                </Table>
              ) : (
                <EmptyState title={t('orders.no_history')} />
              )}
            </Card>
          </>
        )}
      </QueryView>
    </div>
  );
}

function Actions({ order }: { order: Order }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const { role } = useMerchantSession();
  const [open, setOpen] = useState<Action | null>(null);
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [note, setNote] = useState('');
  const form = useSubmit(['carrier', 'tracking_number', 'reason', 'note']);
  const actions = (order.available_actions as string[]).filter((a): a is Action => a in ROUTES && (a !== 'refund' || isAdmin(role)));
  if (!actions.length) return null;

  const run = (action: Action) => {
    const errs: FieldErrors = {};
    const body: Record<string, string> = {};
    if (action === 'ship') {
      if (carrier.length > 60) errs.carrier = rules.tooLong(60);
      if (tracking.length > 60) errs.tracking_number = rules.tooLong(60);
      if (carrier.trim()) body.carrier = carrier.trim();
      if (tracking.trim()) body.tracking_number = tracking.trim();
    }
    if (action === 'cancel' || action === 'refund') {
      if (note.length > 500) errs.reason = rules.tooLong(500);
      if (note.trim()) body.reason = note.trim();
    }
    if (action === 'approve_return' || action === 'reject_return') {
      if (action === 'reject_return' && !note.trim()) errs.note = rules.required();
      if (note.length > 500) errs.note = rules.tooLong(500);
      if (note.trim()) body.note = note.trim();
    }
    void form.run(errs, async () => {
      const updated = await unwrap(
        api.POST(ROUTES[action], { params: { path: { id: order.id } }, body: body as never, headers: idempotent() }),
      );
      qc.setQueryData(['order', order.id], updated);
      await qc.invalidateQueries({ queryKey: ['orders'] });
      setOpen(null);
      setNote('');
    });
  };
  const needsInput = (a: Action) => a === 'ship' || a === 'cancel' || a === 'refund' || a === 'reject_return' || a === 'approve_return';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (open) run(open);
  };

  return (
    <Card title={t('orders.actions')}>
      <div className="mc-page">
        <div className="mc-actions">
          {actions.map((a) => (
            <Button
              key={a}
              variant={a === 'cancel' || a === 'refund' || a === 'reject_return' ? 'danger' : open === a ? 'primary' : 'secondary'}
              busy={form.busy && (open === a || !needsInput(a))}
              onClick={() => {
                form.reset();
                if (needsInput(a)) setOpen(open === a ? null : a);
                else run(a);
              }}
            >
              {t(`order_action.${a}`)}
            </Button>
          ))}
        </div>
        {open ? (
          <form className="mc-form" onSubmit={submit} noValidate aria-label={t(`order_action.${open}`)}>
            {open === 'ship' ? (
              <>
                <Field label={t('orders.carrier')} error={form.errors.carrier}>
                  {(p) => <Input {...p} value={carrier} maxLength={60} onChange={(e) => setCarrier(e.target.value)} />}
                </Field>
                <Field label={t('orders.tracking_number')} error={form.errors.tracking_number}>
                  {(p) => <Input {...p} value={tracking} maxLength={60} onChange={(e) => setTracking(e.target.value)} />}
                </Field>
              </>
            ) : (
              <Field
                label={open === 'cancel' || open === 'refund' ? t('orders.reason') : t('orders.note')}
                error={form.errors.reason ?? form.errors.note}
              >
                {(p) => <Input {...p} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />}
              </Field>
            )}
            <div className="mc-wide mc-actions">
              <Button type="submit" busy={form.busy}>
                {t('common:confirm')}
              </Button>
              <Button variant="ghost" onClick={() => setOpen(null)}>
                {t('common:cancel')}
              </Button>
            </div>
          </form>
        ) : null}
        <FormError error={form.formError} />
      </div>
    </Card>
  );
}
