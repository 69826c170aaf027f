// Webhooks: the merchant's endpoints (where its events are sent, signed), and adding one. The new
// endpoint's signing secret is shown here once, right after it is created, and never again.
// Owners and managers only (the API's `webhooks` routes).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, idempotent, unwrap } from '../../shared/api/client';
import { Card, EmptyState, Notice, QueryView, Table } from '../../shared/ui';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { DateTime } from '../components/format';
import { isAdmin, useMerchantSession } from '../components/merchant';
import { draftOf, EndpointForm } from './WebhookForm';
import { EndpointStatus, EventTypesText, SecretOnce, type WebhookEndpoint } from './WebhookParts';

/** Webhooks are for owners and managers: others see why the page is empty. */
export function WebhooksGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { role } = useMerchantSession();
  if (isAdmin(role)) return <>{children}</>;
  return (
    <div className="mc-page">
      <h1>{t('webhooks.title')}</h1>
      <Notice tone="info">{t('webhooks.admins_only')}</Notice>
    </div>
  );
}

export function Webhooks() {
  const { t } = useTranslation();
  const cursor = useCursor('webhook-endpoints');
  const list = useQuery({
    queryKey: ['webhook-endpoints', cursor.after],
    queryFn: () => unwrap(api.GET('/v1/webhook-endpoints', { params: { query: { limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });
  return (
    <WebhooksGate>
      <div className="mc-page">
        <div className="mc-head">
          <h1>{t('webhooks.title')}</h1>
          <Link className="ui-button ui-button--primary" to="/webhooks/new">
            {t('webhooks.add')}
          </Link>
        </div>
        <p className="ui-muted">{t('webhooks.explain')}</p>
        <Card title={t('webhooks.endpoints')}>
          <QueryView
            query={list}
            isEmpty={(d) => d.data.length === 0}
            empty={
              <EmptyState title={t('webhooks.none')}>
                <p className="ui-muted">{t('webhooks.none_hint')}</p>
              </EmptyState>
            }
          >
            {(d) => (
              <Table
                caption={t('webhooks.endpoints')}
                head={[
                  t('webhooks.url'),
                  t('webhooks.status_label'),
                  t('webhooks.event_types'),
                  t('webhooks.failing_since'),
                  t('webhooks.created'),
                ]}
              >
                {d.data.map((e) => (
                  <EndpointRow key={e.id} endpoint={e} />
                ))}
              </Table>
            )}
          </QueryView>
          <Pager cursor={cursor} data={list.data} />
        </Card>
      </div>
    </WebhooksGate>
  );
}

function EndpointRow({ endpoint: e }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td>
        <Link to={`/webhooks/${e.id}`} className="mc-code">
          {e.url}
        </Link>
        {e.description ? <div className="ui-muted">{e.description}</div> : null}
      </td>
      <td>
        <EndpointStatus endpoint={e} />
      </td>
      <td>
        {e.event_types.includes('*') ? (
          t('webhooks.all_events')
        ) : e.event_types.length > 3 ? (
          t('webhooks.n_events', { count: e.event_types.length })
        ) : (
          <EventTypesText types={e.event_types} />
        )}
      </td>
      <td>{e.failing_since ? <DateTime value={e.failing_since} /> : <span className="ui-muted">—</span>}</td>
      <td>
        <DateTime value={e.created_at} />
      </td>
    </tr>
  );
}

/** Add an endpoint; once created, its secret (this once) and the way to the endpoint's page. */
export function WebhookNew() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // One Idempotency-Key per endpoint the user means to add: a retry after a lost answer reuses it.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [created, setCreated] = useState<WebhookEndpoint | null>(null);
  return (
    <WebhooksGate>
      <div className="mc-page">
        <p>
          <Link to="/webhooks">{t('webhooks.back_to_list')}</Link>
        </p>
        <h1>{t('webhooks.add_title')}</h1>
        {created?.secret ? (
          <Card title={t('webhooks.created_title')}>
            <div className="ui-stack">
              <p>
                {t('webhooks.created_notice')} <span className="mc-code">{created.url}</span>
              </p>
              <SecretOnce secret={created.secret} title={t('webhooks.signing_secret')} />
              <p className="ui-muted">{t('webhooks.verify_hint')}</p>
              <p>
                <Link className="ui-button ui-button--primary" to={`/webhooks/${created.id}`}>
                  {t('webhooks.go_to_endpoint')}
                </Link>
              </p>
            </div>
          </Card>
        ) : (
          <Card>
            <EndpointForm
              initial={draftOf()}
              label={t('webhooks.add_title')}
              submitLabel={t('webhooks.add')}
              onSubmit={async (body) => {
                try {
                  const ep = await unwrap(api.POST('/v1/webhook-endpoints', { body, headers: idempotent(key) }));
                  setCreated(ep);
                  await qc.invalidateQueries({ queryKey: ['webhook-endpoints'] });
                } catch (err) {
                  // A refused request changed nothing: the corrected one is a new request. After no
                  // answer (or a server error) the same key is sent again, so nothing is created twice.
                  if (err instanceof ApiError && err.status >= 400 && err.status < 500) setKey(crypto.randomUUID());
                  throw err;
                }
              }}
            />
          </Card>
        )}
      </div>
    </WebhooksGate>
  );
}
