// One in-store payment of the shopper's: right after paying (`?paid=1`) the success screen, and
// any time later its facts, refunds and the receipt (once paid).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { Card, MoneyText, Notice, QueryView } from '../../shared/ui';
import { InstoreStatus, Receipt } from '../components/instore';
import { RequireShopper } from '../components/RequireShopper';
import { useDates } from '../lib';

export default function InstorePaymentPage() {
  const { t } = useTranslation();
  return (
    <RequireShopper title={t('instore.payment.title')}>
      <PaymentView />
    </RequireShopper>
  );
}

function PaymentView() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { dateTime } = useDates();
  const payment = useQuery({
    queryKey: ['instore-payment', id],
    queryFn: () => unwrap(api.GET('/v1/wallet/instore/payments/{id}', { params: { path: { id } } })),
  });
  const justPaid = params.get('paid') === '1';
  return (
    <div className="ui-stack sf-narrow">
      <QueryView query={payment}>
        {(p) => (
          <>
            <h1>{justPaid && p.status === 'succeeded' ? t('instore.payment.success') : t('instore.payment.title')}</h1>
            {justPaid && p.status === 'succeeded' ? (
              <Notice tone="success">{t('instore.payment.success_detail', { merchant: p.merchant.name })}</Notice>
            ) : null}
            <Card>
              <div className="ui-stack">
                <div className="ui-row sf-spread">
                  <strong>{p.merchant.name}</strong>
                  <InstoreStatus status={p.status} />
                </div>
                <div className="sf-amount-pair">
                  <span>{t('instore.you_paid')}</span>
                  {p.charge ? <MoneyText value={p.charge} /> : null}
                </div>
                <dl className="sf-receipt">
                  <div className="sf-receipt__line">
                    <dt>{t('instore.store')}</dt>
                    <dd>
                      {p.store.name} · {p.store.city}
                    </dd>
                  </div>
                  <div className="sf-receipt__line">
                    <dt>{t('instore.till_amount')}</dt>
                    <dd>
                      <MoneyText value={p.amount} />
                    </dd>
                  </div>
                  {p.fx_rate ? (
                    <div className="sf-receipt__line">
                      <dt>{t('instore.rate')}</dt>
                      <dd>{t('instore.rate_value', { rate: p.fx_rate, currency: p.amount.currency })}</dd>
                    </div>
                  ) : null}
                  {p.paid_at ? (
                    <div className="sf-receipt__line">
                      <dt>{t('instore.paid_at')}</dt>
                      <dd>{dateTime(p.paid_at)}</dd>
                    </div>
                  ) : null}
                  {p.receipt_number ? (
                    <div className="sf-receipt__line">
                      <dt>{t('instore.receipt.number')}</dt>
                      <dd>{p.receipt_number}</dd>
                    </div>
                  ) : null}
                  {p.refunded.amount !== '0' ? (
                    <div className="sf-receipt__line">
                      <dt>{t('instore.refunded')}</dt>
                      <dd>
                        <MoneyText value={p.charge_refunded} /> (<MoneyText value={p.refunded} />)
                      </dd>
                    </div>
                  ) : null}
                </dl>
              </div>
            </Card>
            {p.status === 'succeeded' ? <Receipt paymentId={p.id} /> : null}
          </>
        )}
      </QueryView>
      <p className="ui-row">
        <Link to="/wallet/instore">{t('instore.history.title')}</Link>
        <Link to="/wallet">{t('instore.back_to_wallet')}</Link>
      </p>
    </div>
  );
}
