// One delivery of an event to an endpoint: where it stands, every attempt (newest first) with the
// request sent — its headers and the exact body the signature signs — and the endpoint's answer,
// latency and error; "Retry now" (this delivery again, with a fresh retry window) and "Resend
// event" (the event again to every enabled endpoint that takes its type).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, idempotent, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Notice, QueryView } from '../../shared/ui';
import { DateTime } from '../components/format';
import { FormError, useSubmit } from '../components/forms';
import { WebhooksGate } from './Webhooks';
import { DeliveryStatus, objectIdOf, ResponseCode, useEvent, type WebhookDelivery as Delivery } from './WebhookParts';

type Attempt = NonNullable<Delivery['attempt_log']>[number];

const pre = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 } as const;

/** JSON laid out for reading; anything else as it came. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function WebhookDelivery() {
  const { t } = useTranslation();
  const { id: endpointId = '', deliveryId = '' } = useParams();
  const delivery = useQuery({
    queryKey: ['webhook-delivery', deliveryId],
    queryFn: () => unwrap(api.GET('/v1/webhook-deliveries/{id}', { params: { path: { id: deliveryId } } })),
    // A pending delivery is being sent (or waits for its next retry): keep its log current.
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 2_000 : false),
  });
  return (
    <WebhooksGate>
      <div className="mc-page">
        <p>
          <Link to={`/webhooks/${delivery.data?.endpoint_id ?? endpointId}`}>{t('webhooks.back_to_endpoint')}</Link>
        </p>
        <QueryView query={delivery}>
          {(d) => (
            <>
              <div className="mc-head">
                <h1>{t('webhooks.delivery_title', { type: d.event_type })}</h1>
                <DeliveryStatus status={d.status} />
              </div>
              <Summary delivery={d} />
              <Attempts delivery={d} />
              <EventData eventId={d.event_id} />
            </>
          )}
        </QueryView>
      </div>
    </WebhooksGate>
  );
}

function Summary({ delivery: d }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const endpoint = useQuery({
    queryKey: ['webhook-endpoint', d.endpoint_id],
    queryFn: () => unwrap(api.GET('/v1/webhook-endpoints/{id}', { params: { path: { id: d.endpoint_id } } })),
  });
  const disabled = endpoint.data?.status === 'disabled';
  const form = useSubmit();
  const [resent, setResent] = useState<number | null>(null);
  const retry = () =>
    form.run({}, async () => {
      setResent(null);
      const next = await unwrap(api.POST('/v1/webhook-deliveries/{id}/retry', { params: { path: { id: d.id } }, headers: idempotent() }));
      qc.setQueryData(['webhook-delivery', d.id], { ...d, ...next, attempt_log: d.attempt_log });
      await qc.invalidateQueries({ queryKey: ['webhook-deliveries', d.endpoint_id] });
    });
  const resend = () =>
    form.run({}, async () => {
      const r = await unwrap(
        api.POST('/v1/events/{id}/redeliver', { params: { path: { id: d.event_id } }, body: {}, headers: idempotent() }),
      );
      setResent(r.data.length);
      await qc.invalidateQueries({ queryKey: ['webhook-delivery', d.id] });
      await qc.invalidateQueries({ queryKey: ['webhook-deliveries'] });
    });
  const object = objectIdOf(d.object_key);
  return (
    <Card
      title={t('webhooks.summary')}
      actions={
        <>
          <Button busy={form.busy} disabled={disabled} onClick={() => void retry()}>
            {t('webhooks.retry_now')}
          </Button>
          <Button variant="secondary" busy={form.busy} onClick={() => void resend()}>
            {t('webhooks.resend_event')}
          </Button>
        </>
      }
    >
      <div className="ui-stack">
        <FormError error={form.formError} />
        {resent !== null ? <Notice tone="success">{t('webhooks.resent', { count: resent })}</Notice> : null}
        {disabled ? (
          <Notice tone="warning">
            {t('webhooks.retry_disabled')} <Link to={`/webhooks/${d.endpoint_id}`}>{t('webhooks.back_to_endpoint')}</Link>
          </Notice>
        ) : (
          <p className="ui-muted">{t('webhooks.retry_hint')}</p>
        )}
        <dl className="mc-dl">
          <dt>{t('webhooks.delivery_id')}</dt>
          <dd className="mc-code">{d.id}</dd>
          <dt>{t('webhooks.event')}</dt>
          <dd>
            <span className="mc-code">{d.event_type}</span> · <span className="mc-code">{d.event_id}</span>
          </dd>
          <dt>{t('webhooks.object')}</dt>
          <dd className="mc-code">{object ?? '—'}</dd>
          <dt>{t('webhooks.status_label')}</dt>
          <dd>
            <DeliveryStatus status={d.status} />
          </dd>
          <dt>{t('webhooks.attempts')}</dt>
          <dd data-testid="delivery-attempts">{d.attempts}</dd>
          <dt>{t('webhooks.last_response')}</dt>
          <dd>{d.attempts ? <ResponseCode code={d.last_status_code} /> : '—'}</dd>
          {d.last_error ? (
            <>
              <dt>{t('webhooks.last_error')}</dt>
              <dd className="mc-code">{d.last_error}</dd>
            </>
          ) : null}
          <dt>{t('webhooks.next_retry')}</dt>
          <dd>{d.next_attempt_at ? <DateTime value={d.next_attempt_at} /> : '—'}</dd>
          <dt>{t('webhooks.retry_until')}</dt>
          <dd>
            <DateTime value={d.retry_until} />
          </dd>
          <dt>{t('webhooks.delivered_at')}</dt>
          <dd>{d.delivered_at ? <DateTime value={d.delivered_at} /> : '—'}</dd>
          <dt>{t('webhooks.created')}</dt>
          <dd>
            <DateTime value={d.created_at} />
          </dd>
        </dl>
      </div>
    </Card>
  );
}

function Attempts({ delivery: d }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const log = d.attempt_log ?? [];
  return (
    <Card title={t('webhooks.attempt_log')}>
      {log.length === 0 ? (
        <EmptyState title={t('webhooks.no_attempts')} />
      ) : (
        <ol className="ui-stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {log.map((a) => (
            <AttemptItem key={a.id} attempt={a} delivery={d} />
          ))}
        </ol>
      )}
    </Card>
  );
}

function AttemptItem({ attempt: a, delivery: d }: { attempt: Attempt; delivery: Delivery }) {
  const { t } = useTranslation();
  const headers: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['Tasman-Event-Id', d.event_id],
    ['Tasman-Delivery-Id', d.id],
    ['Tasman-Signature', a.signature],
  ];
  return (
    <li className="mc-variant" style={{ display: 'flex' }} data-testid="webhook-attempt">
      <h3 style={{ margin: 0 }}>{t('webhooks.attempt_n', { n: a.attempt })}</h3>
      <dl className="mc-dl">
        <dt>{t('webhooks.attempt_time')}</dt>
        <dd>
          <DateTime value={a.created_at} />
        </dd>
        <dt>{t('webhooks.status_code')}</dt>
        <dd data-testid="attempt-status">
          <ResponseCode code={a.response_status} />
        </dd>
        <dt>{t('webhooks.latency')}</dt>
        <dd>{t('webhooks.ms', { n: a.latency_ms })}</dd>
        <dt>{t('webhooks.url')}</dt>
        <dd className="mc-code">{a.url}</dd>
        {a.error ? (
          <>
            <dt>{t('webhooks.error')}</dt>
            <dd className="mc-code">{a.error}</dd>
          </>
        ) : null}
      </dl>
      <h4 style={{ margin: 0 }}>{t('webhooks.request_headers')}</h4>
      <dl className="mc-dl mc-code">
        {headers.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{k}</dt>
            <dd data-testid={k === 'Tasman-Signature' ? 'attempt-signature' : undefined}>{v}</dd>
          </div>
        ))}
      </dl>
      <h4 style={{ margin: 0 }}>{t('webhooks.request_body')}</h4>
      <pre className="mc-code" style={pre} data-testid="attempt-request-body">
        {pretty(a.request_body)}
      </pre>
      <h4 style={{ margin: 0 }}>{t('webhooks.response_body')}</h4>
      {a.response_body ? (
        <pre className="mc-code" style={pre}>
          {a.response_body}
        </pre>
      ) : (
        <p className="ui-muted">{t('webhooks.no_response_body')}</p>
      )}
    </li>
  );
}

function EventData({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const event = useEvent(eventId);
  return (
    <Card title={t('webhooks.event_data')}>
      <QueryView query={event}>
        {(e) => (
          <pre className="mc-code" style={pre}>
            {JSON.stringify(e.data, null, 2)}
          </pre>
        )}
      </QueryView>
    </Card>
  );
}
