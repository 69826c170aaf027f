// The shopper's China cross-border quota for the year (RMB 26,000 per person, RMB 5,000 per order).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../shared/api/client';
import { MoneyText, QueryView } from '../../shared/ui';

export function QuotaCard({ enabled = true }: { enabled?: boolean }) {
  const { t } = useTranslation();
  const quota = useQuery({ queryKey: ['quota'], queryFn: () => unwrap(api.GET('/v1/shopper/quota')), enabled });
  if (!enabled) return null;
  return (
    <section className="ui-card" aria-labelledby="quota-title">
      <h2 id="quota-title" className="ui-card__title">
        {t('quota.title')}
      </h2>
      <QueryView query={quota}>
        {(q) => (
          <>
            <dl className="sf-sums">
              <dt>{t('quota.remaining', { year: q.year })}</dt>
              <dd>
                <MoneyText className="ui-price" value={q.remaining} />
              </dd>
              <dt>{t('quota.used')}</dt>
              <dd>
                <MoneyText value={q.used} />
              </dd>
              <dt>{t('quota.limit')}</dt>
              <dd>
                <MoneyText value={q.limit} />
              </dd>
              <dt>{t('quota.per_order')}</dt>
              <dd>
                <MoneyText value={q.per_order_limit} />
              </dd>
            </dl>
            <p className="ui-muted">{t('quota.note')}</p>
          </>
        )}
      </QueryView>
    </section>
  );
}
