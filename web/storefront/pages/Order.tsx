// One order: what was bought and paid (goods, shipping, tax), the delivery, its parcels and where
// they are, the state history, and what the shopper may do now (cancel before shipping, confirm
// receipt, ask for a return).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../../shared/api/client';
import { errorText } from '../../shared/i18n';
import { Button, Card, Field, MoneyText, Notice, QueryView, Select, TextArea } from '../../shared/ui';
import { OrderState } from '../components/OrderBits';
import { OrderParcels } from '../components/OrderParcels';
import { RequireShopper } from '../components/RequireShopper';
import { type Order, useDates, useName } from '../lib';

type Reason = Schemas['OrderReturn']['reason'];
const REASONS: Reason[] = ['no_reason', 'damaged', 'wrong_item', 'not_as_described', 'other'];

export default function OrderPage() {
  const { t } = useTranslation();
  return (
    <RequireShopper title={t('order.title')}>
      <OrderView />
    </RequireShopper>
  );
}

function OrderView() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const order = useQuery({
    queryKey: ['orders', 'one', id],
    queryFn: () => unwrap(api.GET('/v1/orders/{id}', { params: { path: { id } } })),
  });
  return (
    <div className="ui-stack">
      <p>
        <Link to="/orders">{t('order.back')}</Link>
      </p>
      <QueryView query={order}>{(o) => <OrderDetail order={o} />}</QueryView>
    </div>
  );
}

function OrderDetail({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const name = useName();
  const { dateTime, day } = useDates();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState<Reason>('no_reason');
  const [description, setDescription] = useState('');
  const done = (data: Order) => {
    qc.setQueryData(['orders', 'one', o.id], data);
    void qc.invalidateQueries({ queryKey: ['orders'] });
    void qc.invalidateQueries({ queryKey: ['wallet'] });
    void qc.invalidateQueries({ queryKey: ['quota'] });
  };
  const path = { params: { path: { id: o.id } } };
  const cancel = useMutation({ mutationFn: () => unwrap(api.POST('/v1/orders/{id}/cancel', { ...path, body: {} })), onSuccess: done });
  const complete = useMutation({ mutationFn: () => unwrap(api.POST('/v1/orders/{id}/complete', { ...path, body: {} })), onSuccess: done });
  const ret = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/orders/{id}/return', {
          ...path,
          body: { reason, ...(description.trim() ? { description: description.trim() } : {}) },
        }),
      ),
    onSuccess: (d) => {
      setReturning(false);
      done(d);
    },
  });
  const err = cancel.error ?? complete.error ?? ret.error;
  const can = (a: string) => o.available_actions.includes(a);
  const shipping = o.shipping as {
    name?: string;
    service_code?: string;
    estimated_delivery?: { earliest: string; latest: string };
    tracking_number?: string;
  };
  const cn = o.amounts.total.currency === 'CNY';
  return (
    <>
      <div className="ui-row sf-spread">
        <h1>{t('order.title')}</h1>
        <OrderState state={o.state} />
      </div>
      <p className="ui-muted sf-small">{t('order.number', { id: o.id })}</p>
      {err ? <Notice tone="danger">{errorText(err)}</Notice> : null}
      <Card title={t('order.items')}>
        <ul className="sf-lines">
          {o.lines.map((l) => {
            const n = name(l.name);
            return (
              <li key={l.line_no} className="sf-line">
                <div className="sf-line__main">
                  <Link to={`/products/${l.product_id}`} lang={n.lang}>
                    {n.name}
                  </Link>
                  <div className="ui-muted">
                    {t('checkout.qty_price', { count: l.quantity })} <MoneyText value={l.unit_price_paid} />
                  </div>
                  {l.returned_quantity > 0 ? (
                    <div className="ui-muted">{t('order.returned_qty', { count: l.returned_quantity })}</div>
                  ) : null}
                </div>
                <div className="sf-line__amounts ui-muted">
                  {t(cn ? 'cart.line_tax' : 'cart.line_gst')} <MoneyText value={l.tax} />
                </div>
              </li>
            );
          })}
        </ul>
        <dl className="sf-sums">
          <dt>{t('checkout.goods')}</dt>
          <dd>
            <MoneyText value={o.amounts.goods} />
          </dd>
          <dt>{t('checkout.shipping_cost')}</dt>
          <dd>
            <MoneyText value={o.amounts.shipping} />
          </dd>
          <dt>{t(cn ? 'checkout.tax' : 'checkout.gst')}</dt>
          <dd>
            <MoneyText value={o.amounts.tax} />
          </dd>
          <dt className="sf-sums__total">{t('order.paid_total')}</dt>
          <dd className="sf-sums__total">
            <MoneyText className="ui-price" value={o.amounts.total} />
          </dd>
          {o.amounts.refunded.amount !== '0' ? (
            <>
              <dt>{t('order.refunded')}</dt>
              <dd>
                <MoneyText value={o.amounts.refunded} />
              </dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Card title={t('order.delivery')}>
        <p>{t(`checkout.mode.${o.origin.customs_mode}`)}</p>
        {shipping.service_code ? <p>{t(`service.${shipping.service_code}`, { defaultValue: shipping.name ?? '' })}</p> : null}
        {shipping.estimated_delivery && !o.delivered_at ? (
          <p>{t('checkout.delivery', { from: day(shipping.estimated_delivery.earliest), to: day(shipping.estimated_delivery.latest) })}</p>
        ) : null}
        {shipping.tracking_number ? <p>{t('order.tracking', { number: shipping.tracking_number })}</p> : null}
        <p className="ui-muted">
          {String(o.address.recipient ?? '')} · {String(o.address.mobile ?? '')}
          <br />
          {t(`region.${o.address.region}`, { defaultValue: String(o.address.region ?? '') })} {o.address.city} {o.address.district ?? ''}{' '}
          {o.address.street}
        </p>
      </Card>
      <OrderParcels orderId={o.id} />
      {o.history ? (
        <section className="ui-card" aria-labelledby="history-title">
          <h2 id="history-title" className="ui-card__title">
            {t('order.history')}
          </h2>
          <ol className="sf-timeline">
            {o.history.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows at the end
              <li key={i}>
                <strong>{t(`order_state.${h.to}`, { defaultValue: h.to })}</strong>
                <span className="ui-muted">
                  {' · '}
                  {dateTime(h.at)} · {t(`order.actor.${h.actor.split(':')[0]}`, { defaultValue: h.actor })}
                </span>
                {h.note ? <p className="sf-small">{h.note}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {o.return ? (
        <Card title={t('order.return')}>
          <p>
            {t(`order.return_status.${o.return.status}`)} · {t(`order.reason.${o.return.reason}`)}
          </p>
          <p>
            {t('order.refund_amount')} <MoneyText value={o.return.refund_amount} />
          </p>
        </Card>
      ) : null}
      <div className="ui-stack">
        {can('complete') ? (
          <Button busy={complete.isPending} onClick={() => complete.mutate()}>
            {t('order.confirm_receipt')}
          </Button>
        ) : null}
        {can('cancel') ? (
          confirmCancel ? (
            <Notice tone="warning">
              {t('order.cancel_confirm')}{' '}
              <span className="ui-row">
                <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate()}>
                  {t('order.cancel_yes')}
                </Button>
                <Button variant="secondary" onClick={() => setConfirmCancel(false)}>
                  {t('order.keep')}
                </Button>
              </span>
            </Notice>
          ) : (
            <Button variant="secondary" onClick={() => setConfirmCancel(true)}>
              {t('order.cancel')}
            </Button>
          )
        ) : null}
        {can('request_return') ? (
          returning ? (
            <form
              className="ui-card"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                ret.mutate();
              }}
            >
              <h2 className="ui-card__title">{t('order.request_return')}</h2>
              <Field label={t('order.reason_label')}>
                {(p) => (
                  <Select {...p} value={reason} onChange={(e) => setReason(e.target.value as Reason)}>
                    {REASONS.map((r) => (
                      <option key={r} value={r}>
                        {t(`order.reason.${r}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={t('order.description')} hint={t('order.description_hint')}>
                {(p) => <TextArea {...p} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} />}
              </Field>
              <div className="ui-row">
                <Button type="submit" busy={ret.isPending}>
                  {t('order.submit_return')}
                </Button>
                <Button variant="ghost" onClick={() => setReturning(false)}>
                  {t('common:cancel')}
                </Button>
              </div>
            </form>
          ) : (
            <Button variant="secondary" onClick={() => setReturning(true)}>
              {t('order.request_return')}
            </Button>
          )
        ) : null}
      </div>
    </>
  );
}
