// Merchants, by status: the queue of applications to review first.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { Card, EmptyState, Field, QueryView, Select, Table } from '../../shared/ui';
import { DateTime, MerchantStatus } from '../components/format';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';

export const MERCHANT_STATUSES = ['applied', 'approved', 'rejected', 'suspended'] as const;
type Status = (typeof MERCHANT_STATUSES)[number];

export function Merchants() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status') ?? 'applied';
  const status = (MERCHANT_STATUSES as readonly string[]).includes(raw) ? (raw as Status) : undefined;
  const cursor = useCursor(raw);
  const query = useQuery({
    queryKey: ['merchants', status ?? 'all', cursor.after],
    queryFn: () => unwrap(api.GET('/v1/merchants', { params: { query: { status, limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });

  return (
    <div className="op-page">
      <div className="op-head">
        <h1>{status === 'applied' ? t('merchants.applications') : t('merchants.title')}</h1>
      </div>
      <div className="op-filters">
        <Field label={t('merchants.status')}>
          {(p) => (
            <Select {...p} value={status ?? 'all'} onChange={(e) => setParams({ status: e.target.value })}>
              {MERCHANT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`merchant_status.${s}`)}
                </option>
              ))}
              <option value="all">{t('common:all')}</option>
            </Select>
          )}
        </Field>
      </div>
      <Card>
        <QueryView
          query={query}
          isEmpty={(d) => d.data.length === 0}
          empty={<EmptyState title={status === 'applied' ? t('merchants.no_applications') : t('merchants.none')} />}
        >
          {(d) => (
            <Table
              caption={t('merchants.title')}
              head={[
                t('merchants.legal_name'),
                t('merchants.country'),
                t('merchants.business_number'),
                t('merchants.status'),
                t('merchants.applied_at'),
              ]}
            >
              {d.data.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/merchants/${m.id}`}>{m.legal_name}</Link>
                    {m.trading_name && m.trading_name !== m.legal_name ? <div className="ui-muted">{m.trading_name}</div> : null}
                  </td>
                  <td>{t(`country.${m.country}`, { defaultValue: m.country })}</td>
                  <td className="op-code">{m.business_number}</td>
                  <td>
                    <MerchantStatus status={m.status} />
                  </td>
                  <td>
                    <DateTime value={m.created_at} />
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
        <Pager cursor={cursor} data={query.data} />
      </Card>
    </div>
  );
}
