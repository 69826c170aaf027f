// One order: amounts, lines, where it ships from, and every transition with who and when.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { Card, EmptyState, MoneyText, QueryView, Table } from '../../shared/ui';
import { DateTime, OrderState } from '../components/format';

/** The address fields in reading order, then any others the API adds. */
const ADDRESS_ORDER = ['recipient', 'mobile', 'street', 'district', 'city', 'region', 'postal_code', 'country'];
function addressText(a: Record<string, string | null>): string {
  const keys = [...ADDRESS_ORDER.filter((k) => k in a), ...Object.keys(a).filter((k) => !ADDRESS_ORDER.includes(k))];
  return keys
    .map((k) => a[k])
    .filter(Boolean)
    .join(', ');
}

function MerchantLink({ id }: { id: string }) {
  const m = useQuery({ queryKey: ['merchant', id], queryFn: () => unwrap(api.GET('/v1/merchants/{id}', { params: { path: { id } } })) });
  return <Link to={`/merchants/${id}`}>{m.data ? (m.data.trading_name ?? m.data.legal_name) : id}</Link>;
}

export function OrderDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['order', id],
    queryFn: () => unwrap(api.GET('/v1/orders/{id}', { params: { path: { id } } })),
  });
  const zh = i18n.language === 'zh-CN';
  return (
    <div className="op-page">
      <p>
        <Link to="/orders">{t('orders.back')}</Link>
      </p>
      <QueryView query={query}>
        {(o) => (
          <>
            <div className="op-head">
              <h1>
                {t('orders.order')} <span className="op-code">{o.id}</span>
              </h1>
              <OrderState state={o.state} />
            </div>
            <Card title={t('orders.summary')}>
              <dl className="op-dl">
                <dt>{t('orders.merchant')}</dt>
                <dd>
                  <MerchantLink id={o.merchant} />
                </dd>
                <dt>{t('orders.buyer')}</dt>
                <dd>
                  {o.buyer.name}
                  {o.buyer.id_number ? <span className="op-code"> {o.buyer.id_number}</span> : null}
                </dd>
                <dt>{t('orders.shopper')}</dt>
                <dd className="op-code">{o.shopper}</dd>
                <dt>{t('orders.customs_mode')}</dt>
                <dd>{t(`customs_mode.${o.origin.customs_mode}`)}</dd>
                <dt>{t('orders.origin')}</dt>
                <dd>
                  {t(`origin_kind.${o.origin.kind}`)} <span className="op-code">{o.origin.location_id}</span>
                </dd>
                <dt>{t('orders.created')}</dt>
                <dd>
                  <DateTime value={o.created_at} />
                </dd>
                <dt>{t('orders.paid_at')}</dt>
                <dd>{o.paid_at ? <DateTime value={o.paid_at} /> : t('none')}</dd>
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
                {o.fx_rate ? (
                  <>
                    <dt>{t('orders.fx_rate')}</dt>
                    <dd className="op-code">{o.fx_rate}</dd>
                  </>
                ) : null}
                <dt>{t('orders.address')}</dt>
                <dd>{addressText(o.address)}</dd>
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
                    <td className="op-code">{l.sku}</td>
                    <td>{l.quantity}</td>
                    <td>
                      <MoneyText value={l.unit_price_paid} />
                    </td>
                  </tr>
                ))}
              </Table>
            </Card>
            <Card title={t('orders.history')}>
              {o.history?.length ? (
                <Table caption={t('orders.history')} head={[t('when'), t('orders.change'), t('actor'), t('orders.note')]}>
                  {o.history.map((h, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only
                    <tr key={i}>
                      <td>
                        <DateTime value={h.at} />
                      </td>
                      <td>
                        {h.from ? <OrderState state={h.from} /> : null}
                        {h.from ? ' → ' : null}
                        <OrderState state={h.to} />
                      </td>
                      <td className="op-code">{h.actor}</td>
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
