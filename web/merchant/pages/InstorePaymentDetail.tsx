// One payment at a till: what was asked and paid (store currency and CNY at the locked rate),
// commission and fee, its refunds, a refund (full or partial, in the store's currency; owners and
// managers) and the receipt as the till prints it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { formatMoney, parseAmount } from '../../shared/money';
import { Button, Card, EmptyState, Field, Input, MoneyText, Notice, QueryView, Table } from '../../shared/ui';
import { DateTime } from '../components/format';
import { type FieldErrors, FormError, useSubmit } from '../components/forms';
import { isAdmin, useMerchantSession } from '../components/merchant';
import { InstoreStatusBadge, useStores } from './InstorePayments';
import { StoresTabs } from './Stores';

type Payment = Schemas['InstorePayment'];

export function InstorePaymentDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const payment = useQuery({
    queryKey: ['instore-payment', id],
    queryFn: () => unwrap(api.GET('/v1/instore/payments/{id}', { params: { path: { id } } })),
  });
  return (
    <div className="mc-page">
      <h1>{t('stores.payment_title', { id })}</h1>
      <StoresTabs />
      <QueryView query={payment}>
        {(p) => (
          <>
            <Facts payment={p} />
            <Refunds payment={p} />
            {p.status === 'succeeded' ? <ReceiptView id={p.id} /> : null}
          </>
        )}
      </QueryView>
      <Link to="/stores/payments">{t('stores.back_to_payments')}</Link>
    </div>
  );
}

function Facts({ payment: p }: { payment: Payment }) {
  const { t } = useTranslation();
  const stores = useStores();
  const store = stores.data?.data.find((s) => s.id === p.store_id);
  return (
    <Card title={t('stores.details')}>
      <dl className="mc-dl">
        <dt>{t('stores.status')}</dt>
        <dd>
          <InstoreStatusBadge status={p.status} />
        </dd>
        <dt>{t('stores.reference')}</dt>
        <dd className="mc-code">{p.reference}</dd>
        <dt>{t('stores.store')}</dt>
        <dd>{store ? <Link to={`/stores/${store.id}`}>{store.name}</Link> : p.store_id}</dd>
        <dt>{t('stores.till_id')}</dt>
        <dd className="mc-code">{p.till_id}</dd>
        <dt>{t('stores.flow')}</dt>
        <dd>{t(`stores.flow_${p.flow}`)}</dd>
        <dt>{t('stores.amount')}</dt>
        <dd>
          <MoneyText value={p.amount} />
        </dd>
        <dt>{t('stores.charge')}</dt>
        <dd>{p.charge ? <MoneyText value={p.charge} /> : '—'}</dd>
        {p.fx_rate ? (
          <>
            <dt>{t('stores.rate')}</dt>
            <dd className="mc-code">{t('stores.rate_value', { rate: p.fx_rate, currency: p.amount.currency })}</dd>
          </>
        ) : null}
        <dt>{t('stores.commission')}</dt>
        <dd>
          <MoneyText value={p.commission} />
          {p.commission_refunded.amount !== '0' ? (
            <span className="ui-muted">
              {' '}
              {t('stores.commission_returned')} <MoneyText value={p.commission_refunded} />
            </span>
          ) : null}
        </dd>
        <dt>{t('stores.fee')}</dt>
        <dd>
          <MoneyText value={p.fee} />
        </dd>
        <dt>{t('stores.paid_at')}</dt>
        <dd>{p.paid_at ? <DateTime value={p.paid_at} /> : '—'}</dd>
        <dt>{t('stores.receipt_number')}</dt>
        <dd className="mc-code">{p.receipt_number ?? '—'}</dd>
      </dl>
    </Card>
  );
}

function Refunds({ payment: p }: { payment: Payment }) {
  const { t, i18n } = useTranslation();
  const { role } = useMerchantSession();
  const qc = useQueryClient();
  const refundable = (BigInt(p.amount.amount) - BigInt(p.refunded.amount)).toString();
  const left = { amount: refundable, currency: p.amount.currency };
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<Schemas['InstoreRefund'] | null>(null);
  const form = useSubmit(['amount', 'reason']);
  const refund = (minor: string) => {
    setDone(null);
    const errs: FieldErrors = {};
    if (!/^[1-9]\d{0,11}$/.test(minor) || BigInt(minor) > BigInt(refundable))
      errs.amount = t('stores.refund_invalid', { max: formatMoney(left, i18n.language) });
    if (reason.trim().length > 200) errs.reason = t('validation.too_long', { max: 200 });
    void form.run(errs, async () => {
      const r = await unwrap(
        api.POST('/v1/instore/payments/{id}/refunds', {
          params: { path: { id: p.id } },
          body: { amount: { amount: minor, currency: p.amount.currency }, ...(reason.trim() ? { reason: reason.trim() } : {}) },
          headers: idempotent(),
        }),
      );
      setDone(r);
      setAmount('');
      setReason('');
      qc.setQueryData(['instore-payment', p.id], r.payment);
      await qc.invalidateQueries({ queryKey: ['instore-payments'] });
      await qc.invalidateQueries({ queryKey: ['instore-receipt', p.id] });
      await qc.invalidateQueries({ queryKey: ['instore-report'] });
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    refund(parseAmount(amount, p.amount.currency) ?? '');
  };
  const canRefund = isAdmin(role) && p.status === 'succeeded' && refundable !== '0';
  return (
    <Card title={t('stores.refunds')}>
      <div className="ui-stack">
        {done ? (
          <Notice tone="success">
            {t('stores.refund_done', { amount: formatMoney(done.amount, i18n.language), charge: formatMoney(done.charge, i18n.language) })}
          </Notice>
        ) : null}
        {p.refunds.length ? (
          <Table
            caption={t('stores.refunds')}
            head={[t('stores.when'), t('stores.amount'), t('stores.charge'), t('stores.till_id'), t('stores.reason')]}
          >
            {p.refunds.map((r) => (
              <tr key={r.id}>
                <td>
                  <DateTime value={r.created_at} />
                </td>
                <td>
                  <MoneyText value={r.amount} />
                </td>
                <td>
                  <MoneyText value={r.charge} />
                </td>
                <td className="mc-code">{r.till_id}</td>
                <td>{r.reason ?? ''}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <EmptyState title={t('stores.no_refunds')} />
        )}
        {canRefund ? (
          <form className="mc-form" onSubmit={submit} noValidate aria-label={t('stores.refund')}>
            <Field
              label={t('stores.refund_amount', { currency: p.amount.currency })}
              hint={t('stores.refundable', { amount: formatMoney(left, i18n.language) })}
              error={form.errors.amount}
            >
              {(f) => <Input {...f} inputMode="decimal" value={amount} maxLength={15} onChange={(e) => setAmount(e.target.value)} />}
            </Field>
            <Field label={t('stores.reason_optional')} error={form.errors.reason}>
              {(f) => <Input {...f} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <div className="mc-wide ui-row">
              <Button type="submit" variant="danger" busy={form.busy}>
                {t('stores.refund_partial')}
              </Button>
              <Button variant="secondary" busy={form.busy} onClick={() => refund(refundable)}>
                {t('stores.refund_full', { amount: formatMoney(left, i18n.language) })}
              </Button>
            </div>
            <div className="mc-wide">
              <FormError error={form.formError} />
            </div>
          </form>
        ) : null}
      </div>
    </Card>
  );
}

function ReceiptView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const receipt = useQuery({
    queryKey: ['instore-receipt', id],
    queryFn: () => unwrap(api.GET('/v1/instore/payments/{id}/receipt', { params: { path: { id } } })),
  });
  const zh = i18n.language === 'zh-CN';
  return (
    <Card
      title={t('stores.receipt')}
      actions={
        <a className="ui-button ui-button--secondary" href={`/v1/instore/payments/${id}/receipt.txt`} target="_blank" rel="noreferrer">
          {t('stores.receipt_text')}
        </a>
      }
    >
      <QueryView query={receipt}>
        {(r) => (
          <dl className="mc-dl">
            {r.lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: receipt lines may repeat a key (several refunds)
              <div key={`${l.key}-${i}`} style={{ display: 'contents' }}>
                <dt>{zh ? l.zh : l.en}</dt>
                <dd>{l.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </QueryView>
    </Card>
  );
}
