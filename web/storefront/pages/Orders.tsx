// The shopper's orders, newest first (optionally those of one checkout, right after paying).
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { Button, EmptyState, MoneyText, Notice, QueryView } from '../../shared/ui';
import { OrderState } from '../components/OrderBits';
import { RequireShopper } from '../components/RequireShopper';
import { useDates, useName } from '../lib';

export default function OrdersPage() {
  const { t } = useTranslation();
  return (
    <RequireShopper title={t('orders.title')}>
      <OrdersView />
    </RequireShopper>
  );
}

function OrdersView() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const checkout = params.get('checkout') ?? undefined;
  const paid = params.get('paid') === '1';
  const name = useName();
  const { dateTime } = useDates();
  const orders = useInfiniteQuery({
    queryKey: ['orders', checkout],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/orders', {
          params: { query: { limit: 20, ...(checkout ? { checkout } : {}), ...(pageParam ? { starting_after: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => (last.has_more ? last.data.at(-1)?.id : undefined),
  });
  return (
    <div className="ui-stack">
      <h1>{t('orders.title')}</h1>
      {paid ? <Notice tone="success">{t('orders.paid_notice')}</Notice> : null}
      {checkout ? <Link to="/orders">{t('orders.all')}</Link> : null}
      <QueryView
        query={orders}
        isEmpty={(d) => d.pages[0]?.data.length === 0}
        empty={
          <EmptyState title={t('orders.empty')}>
            <Link to="/search">{t('cart.browse')}</Link>
          </EmptyState>
        }
      >
        {(d) => (
          <>
            <ul className="sf-orders">
              {d.pages
                .flatMap((p) => p.data)
                .map((o) => {
                  const first = o.lines[0];
                  const n = first ? name(first.name) : null;
                  return (
                    <li key={o.id} className="ui-card sf-order-row">
                      <div className="ui-row sf-spread">
                        <h2 className="sf-order-row__title">
                          <Link to={`/orders/${o.id}`} lang={n?.lang}>
                            {n ? (o.lines.length > 1 ? t('orders.item_summary', { name: n.name, count: o.lines.length }) : n.name) : o.id}
                          </Link>
                        </h2>
                        <OrderState state={o.state} />
                      </div>
                      <p className="ui-muted">
                        {dateTime(o.created_at)} · {t(`checkout.mode.${o.origin.customs_mode}`)}
                      </p>
                      <p>
                        {t('orders.total')} <MoneyText className="ui-price" value={o.amounts.total} />
                      </p>
                    </li>
                  );
                })}
            </ul>
            {orders.hasNextPage ? (
              <Button variant="secondary" busy={orders.isFetchingNextPage} onClick={() => void orders.fetchNextPage()}>
                {t('common:load_more')}
              </Button>
            ) : null}
          </>
        )}
      </QueryView>
    </div>
  );
}
