// Payments taken at the merchant's tills, newest first, by store and status: the amount asked in
// the store's currency, the CNY the shopper paid, and what was refunded.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { Badge, Card, EmptyState, Field, MoneyText, QueryView, Select, Table } from '../../shared/ui';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { DateTime } from '../components/format';
import { StoresTabs } from './Stores';

export const INSTORE_STATUSES = ['requires_payment', 'requires_confirmation', 'succeeded', 'expired', 'canceled'] as const;
type InstoreStatus = (typeof INSTORE_STATUSES)[number];
type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';
const TONES: Record<string, Tone> = {
  requires_payment: 'info',
  requires_confirmation: 'warning',
  succeeded: 'success',
  expired: 'neutral',
  canceled: 'neutral',
};

export function InstoreStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[status] ?? 'neutral'}>{t(`stores.payment_status.${status}`, { defaultValue: status })}</Badge>;
}

/** The merchant's stores for filters and names (first 100). */
export function useStores() {
  return useQuery({ queryKey: ['stores', 'all'], queryFn: () => unwrap(api.GET('/v1/stores', { params: { query: { limit: 100 } } })) });
}

export function InstorePayments() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const storeId = params.get('store') ?? '';
  const rawStatus = params.get('status');
  const status = INSTORE_STATUSES.includes(rawStatus as InstoreStatus) ? (rawStatus as InstoreStatus) : undefined;
  const cursor = useCursor(params.toString());
  const stores = useStores();
  const storeName = new Map((stores.data?.data ?? []).map((s) => [s.id, s.name]));
  const list = useQuery({
    queryKey: ['instore-payments', storeId, status, cursor.after],
    queryFn: () =>
      unwrap(
        api.GET('/v1/instore/payments', {
          params: { query: { store_id: storeId || undefined, status, limit: PAGE_SIZE, starting_after: cursor.after } },
        }),
      ),
  });
  const setFilter = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  return (
    <div className="mc-page">
      <h1>{t('stores.payments_title')}</h1>
      <StoresTabs />
      <Card>
        <div className="mc-filters">
          <Field label={t('stores.store')}>
            {(p) => (
              <Select {...p} value={storeId} onChange={(e) => setFilter('store', e.target.value)}>
                <option value="">{t('common:all')}</option>
                {stores.data?.data.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('stores.status')}>
            {(p) => (
              <Select {...p} value={status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
                <option value="">{t('common:all')}</option>
                {INSTORE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`stores.payment_status.${s}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
      </Card>
      <Card>
        <QueryView query={list} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('stores.no_payments')} />}>
          {(d) => (
            <Table
              caption={t('stores.payments_title')}
              head={[
                t('stores.payment'),
                t('stores.when'),
                t('stores.store'),
                t('stores.flow'),
                t('stores.status'),
                t('stores.amount'),
                t('stores.charge'),
                t('stores.refunded'),
              ]}
            >
              {d.data.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/stores/payments/${p.id}`} className="mc-code">
                      {p.reference || p.id}
                    </Link>
                  </td>
                  <td>
                    <DateTime value={p.paid_at ?? p.created_at} />
                  </td>
                  <td>{storeName.get(p.store_id) ?? p.store_id}</td>
                  <td>{t(`stores.flow_${p.flow}`)}</td>
                  <td>
                    <InstoreStatusBadge status={p.status} />
                  </td>
                  <td>
                    <MoneyText value={p.amount} />
                  </td>
                  <td>{p.charge ? <MoneyText value={p.charge} /> : '—'}</td>
                  <td>{p.refunded.amount !== '0' ? <MoneyText value={p.refunded} /> : '—'}</td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
        <Pager cursor={cursor} data={list.data} />
      </Card>
    </div>
  );
}
