// The parcels of one order (GET /v1/orders/:id/parcels): each with its tracking number, linking
// to the public tracking page, its status and its timeline, newest first.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { QueryView } from '../../shared/ui';
import { formatDay, MilestoneBadge, Timeline } from '../../shared/ui/tracking';

export function OrderParcels({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation();
  const parcels = useQuery({
    queryKey: ['orders', 'parcels', orderId],
    queryFn: () => unwrap(api.GET('/v1/orders/{id}/parcels', { params: { path: { id: orderId } } })),
  });
  if (parcels.isSuccess && parcels.data.data.length === 0) return null;
  return (
    <section className="ui-card" aria-labelledby="parcels-title">
      <h2 id="parcels-title" className="ui-card__title">
        {t('order.parcels')}
      </h2>
      <QueryView query={parcels}>
        {(d) => (
          <ul className="sf-parcels">
            {d.data.map((p, i) => (
              <li key={p.id} className="sf-parcel">
                <div className="ui-row sf-spread">
                  <h3 className="sf-parcel__title">
                    {t('order.parcel_n', { n: i + 1 })} <Link to={`/track/${p.tracking_number}`}>{p.tracking_number}</Link>
                  </h3>
                  <MilestoneBadge value={p.status} />
                </div>
                {p.estimated_delivery && !p.delivered_at ? (
                  <p className="ui-muted sf-small">
                    {t('checkout.delivery', {
                      from: formatDay(p.estimated_delivery.earliest, i18n.language),
                      to: formatDay(p.estimated_delivery.latest, i18n.language),
                    })}
                  </p>
                ) : null}
                {p.events?.length ? <Timeline events={p.events} timeZone="Asia/Shanghai" /> : null}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
