// The merchant's onboarding: its application as the platform holds it, its status and every
// status change with the reason given.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../shared/api/client';
import { Card, EmptyState, Notice, QueryView, Table } from '../../shared/ui';
import { DateTime, Status } from '../components/format';
import { isAdmin, useMerchant, useMerchantSession } from '../components/merchant';

export function ApplicationStatus() {
  const { t } = useTranslation();
  const { merchantId, role } = useMerchantSession();
  const merchant = useMerchant();
  const changes = useQuery({
    queryKey: ['merchant-status-changes', merchantId],
    queryFn: () => unwrap(api.GET('/v1/merchants/{id}/status-changes', { params: { path: { id: merchantId }, query: { limit: 100 } } })),
    enabled: isAdmin(role),
  });
  return (
    <div className="mc-page">
      <h1>{t('application.title')}</h1>
      <QueryView query={merchant}>
        {(m) => (
          <>
            <Notice tone={m.status === 'approved' ? 'success' : m.status === 'applied' ? 'info' : 'warning'}>
              {t(`application.status_text.${m.status}`)}
              {m.status_reason ? ` ${t('application.reason', { reason: m.status_reason })}` : ''}
            </Notice>
            <Card title={t('application.details')}>
              <dl className="mc-dl">
                <dt>{t('application.status')}</dt>
                <dd>
                  <Status kind="merchant_status" value={m.status} />
                </dd>
                <dt>{t('application.legal_name')}</dt>
                <dd>{m.legal_name}</dd>
                <dt>{t('application.trading_name')}</dt>
                <dd>{m.trading_name ?? ''}</dd>
                <dt>{t('application.country')}</dt>
                <dd>{t(`country.${m.country}`)}</dd>
                <dt>{t('application.business_number')}</dt>
                <dd className="mc-code">{m.business_number ?? ''}</dd>
                <dt>{t('application.categories')}</dt>
                <dd>{m.categories.map((c) => t(`category.${c}`, { defaultValue: c })).join(', ')}</dd>
                <dt>{t('application.payout_account')}</dt>
                <dd className="mc-code">{m.payout_account?.masked ?? ''}</dd>
                <dt>{t('application.applied_at')}</dt>
                <dd>
                  <DateTime value={m.created_at} />
                </dd>
              </dl>
            </Card>
          </>
        )}
      </QueryView>
      {isAdmin(role) ? (
        <Card title={t('application.history')}>
          <QueryView query={changes} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('application.no_history')} />}>
            {(d) => (
              <Table caption={t('application.history')} head={[t('orders.when'), t('application.change'), t('application.reason_col')]}>
                {d.data.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <DateTime value={c.at} />
                    </td>
                    <td>
                      {c.from_status ? <Status kind="merchant_status" value={c.from_status} /> : null}
                      {c.from_status ? ' → ' : null}
                      <Status kind="merchant_status" value={c.to_status} />
                    </td>
                    <td>{c.reason ?? ''}</td>
                  </tr>
                ))}
              </Table>
            )}
          </QueryView>
        </Card>
      ) : null}
    </div>
  );
}
