// The shopper's payments at tills in Australian and New Zealand shops, newest first, each opening
// its page (with the receipt once paid).
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { Button, EmptyState, MoneyText, QueryView } from '../../shared/ui';
import { InstoreStatus } from '../components/instore';
import { RequireShopper } from '../components/RequireShopper';
import { useDates } from '../lib';

export default function InstorePaymentsPage() {
  const { t } = useTranslation();
  return (
    <RequireShopper title={t('instore.history.title')}>
      <History />
    </RequireShopper>
  );
}

function History() {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const list = useInfiniteQuery({
    queryKey: ['instore-history'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/wallet/instore/payments', { params: { query: { limit: 20, ...(pageParam ? { starting_after: pageParam } : {}) } } }),
      ),
    getNextPageParam: (last) => (last.has_more ? last.data.at(-1)?.id : undefined),
  });
  return (
    <div className="ui-stack sf-narrow">
      <h1>{t('instore.history.title')}</h1>
      <QueryView query={list} isEmpty={(d) => d.pages[0]?.data.length === 0} empty={<EmptyState title={t('instore.history.none')} />}>
        {(d) => (
          <ul className="sf-instore-list">
            {d.pages
              .flatMap((p) => p.data)
              .map((p) => (
                <li key={p.id}>
                  <div className="ui-row sf-spread">
                    <Link to={`/wallet/instore/${p.id}`}>
                      <strong>{p.merchant.name}</strong>
                    </Link>
                    <InstoreStatus status={p.status} />
                  </div>
                  <span className="ui-muted">
                    {p.store.name} · {p.store.city} · {dateTime(p.paid_at ?? p.created_at)}
                  </span>
                  <span>
                    {p.charge ? <MoneyText value={p.charge} /> : null} <span className="ui-muted">({<MoneyText value={p.amount} />})</span>
                  </span>
                  {p.refunded.amount !== '0' ? (
                    <span className="sf-credit">
                      {t('instore.refunded')} <MoneyText value={p.charge_refunded} />
                    </span>
                  ) : null}
                </li>
              ))}
          </ul>
        )}
      </QueryView>
      {list.hasNextPage ? (
        <Button variant="secondary" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('common:load_more')}
        </Button>
      ) : null}
      <p className="ui-row">
        <Link to="/wallet/pay-code">{t('instore.code.title')}</Link>
        <Link to="/wallet/scan">{t('instore.scan.title')}</Link>
        <Link to="/wallet">{t('instore.back_to_wallet')}</Link>
      </p>
    </div>
  );
}
