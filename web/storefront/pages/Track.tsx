// Public parcel tracking (no sign-in): type a tracking number, see where the parcel is — its
// status, the destination city, the delivery window and the timeline, newest first, each
// milestone in the reader's language. The API never shows a name, a street or an order here.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isS10, normaliseTrackingNumber } from '../../../src/modules/logistics/parcel-rules.ts';
import { ApiError, api, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, ErrorState, Field, Input, Loading } from '../../shared/ui';
import { formatDay, MilestoneBadge, Timeline } from '../../shared/ui/tracking';
import { useDates } from '../lib';

export default function TrackPage() {
  const { t } = useTranslation();
  const { number = '' } = useParams();
  const wanted = normaliseTrackingNumber(number);
  return (
    <div className="ui-stack sf-track">
      <h1>{t('track.title')}</h1>
      <TrackForm initial={wanted} />
      {wanted ? <TrackResult number={wanted} /> : <p className="ui-muted">{t('track.intro')}</p>}
    </div>
  );
}

function TrackForm({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setValue(initial), [initial]);
  return (
    <search>
      <form
        className="sf-track__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const n = normaliseTrackingNumber(value);
          if (!n) return setError(t('common:required'));
          if (!isS10(n)) return setError(t('errors:invalid_tracking_number'));
          setError(undefined);
          navigate(`/track/${n}`);
        }}
      >
        <Field label={t('track.number')} hint={t('track.number_hint')} error={error}>
          {(p) => (
            <Input
              {...p}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              enterKeyHint="search"
              maxLength={40}
            />
          )}
        </Field>
        <Button type="submit">{t('track.submit')}</Button>
      </form>
    </search>
  );
}

function TrackResult({ number }: { number: string }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useDates();
  const query = useQuery({
    queryKey: ['tracking', number],
    queryFn: () => unwrap(api.GET('/v1/tracking/{tracking_number}', { params: { path: { tracking_number: number } } })),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <EmptyState title={t('track.not_found', { number })} />;
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const p = query.data;
  const lang = i18n.language;
  return (
    <>
      <Card title={t('track.parcel', { number: p.tracking_number })} actions={<MilestoneBadge value={p.status} />}>
        <dl className="sf-track__facts">
          <dt>{t('track.destination')}</dt>
          <dd>
            {p.destination.city} · {t(`country.${p.destination.country}`, { defaultValue: p.destination.country })}
          </dd>
          {p.delivered_at ? (
            <>
              <dt>{t('track.delivered_at')}</dt>
              <dd>{dateTime(p.delivered_at)}</dd>
            </>
          ) : p.estimated_delivery ? (
            <>
              <dt>{t('track.estimated')}</dt>
              <dd>
                {t('checkout.delivery', {
                  from: formatDay(p.estimated_delivery.earliest, lang),
                  to: formatDay(p.estimated_delivery.latest, lang),
                })}
              </dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Card title={t('track.timeline')}>
        {p.events.length ? <Timeline events={p.events} timeZone="Asia/Shanghai" /> : <EmptyState title={t('track.no_events')} />}
      </Card>
    </>
  );
}
