// One webhook endpoint: its settings (changed in place), rolling its signing secret (the new one
// shown once; optionally the old one keeps signing for a while), disabling or enabling it,
// deleting it, and its deliveries, newest first, filtered by status, a page at a time.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, idempotent, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Notice, QueryView, Select, Table } from '../../shared/ui';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { DateTime } from '../components/format';
import { FormError, useSubmit } from '../components/forms';
import { draftOf, EndpointForm } from './WebhookForm';
import { WebhooksGate } from './Webhooks';
import {
  DeliveryStatus,
  EndpointStatus,
  DeliveryObject,
  EventTypesText,
  ResponseCode,
  SecretOnce,
  type WebhookDelivery,
  type WebhookEndpoint as Endpoint,
} from './WebhookParts';

const DELIVERY_FILTERS = ['', 'pending', 'succeeded', 'failed'] as const;
/** The overlaps offered when rolling a secret (the API takes 0–24 hours). */
const OVERLAP_HOURS = [0, 1, 2, 12, 24] as const;

export function WebhookEndpoint() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const endpoint = useQuery({
    queryKey: ['webhook-endpoint', id],
    queryFn: () => unwrap(api.GET('/v1/webhook-endpoints/{id}', { params: { path: { id } } })),
    // Its health (failing since, disabled by the platform) changes as deliveries fail or succeed.
    refetchInterval: 5_000,
  });
  return (
    <WebhooksGate>
      <div className="mc-page">
        <p>
          <Link to="/webhooks">{t('webhooks.back_to_list')}</Link>
        </p>
        <QueryView query={endpoint}>
          {(e) => (
            <>
              <div className="mc-head">
                <h1>{t('webhooks.endpoint_title')}</h1>
                <EndpointStatus endpoint={e} />
              </div>
              <p className="mc-code">{e.url}</p>
              <HealthNotice endpoint={e} />
              <Settings endpoint={e} />
              <Deliveries endpoint={e} />
            </>
          )}
        </QueryView>
      </div>
    </WebhooksGate>
  );
}

function HealthNotice({ endpoint: e }: { endpoint: Endpoint }) {
  const { t } = useTranslation();
  if (e.status === 'disabled' && e.disabled_reason === 'failing')
    return (
      <Notice tone="danger">
        {t('webhooks.disabled_failing_notice')} <DateTime value={e.failing_since} />
      </Notice>
    );
  if (e.status === 'disabled') return <Notice tone="neutral">{t('webhooks.disabled_notice')}</Notice>;
  if (e.failing_since)
    return (
      <Notice tone="warning">
        {t('webhooks.failing_notice')} <DateTime value={e.failing_since} />
      </Notice>
    );
  return null;
}

type Panel = 'edit' | 'roll' | 'delete' | null;

function Settings({ endpoint: e }: { endpoint: Endpoint }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [panel, setPanel] = useState<Panel>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [overlap, setOverlap] = useState<number>(0);
  const form = useSubmit(['overlap_hours']);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['webhook-endpoint', e.id] });
    await qc.invalidateQueries({ queryKey: ['webhook-endpoints'] });
  };
  const toggle = () =>
    form.run({}, async () => {
      await unwrap(
        api.POST('/v1/webhook-endpoints/{id}', {
          params: { path: { id: e.id } },
          body: { disabled: e.status === 'enabled' },
          headers: idempotent(),
        }),
      );
      await refresh();
      await qc.invalidateQueries({ queryKey: ['webhook-deliveries', e.id] });
    });
  const roll = () =>
    form.run({}, async () => {
      const rolled = await unwrap(
        api.POST('/v1/webhook-endpoints/{id}/roll-secret', {
          params: { path: { id: e.id } },
          body: { overlap_hours: overlap },
          headers: idempotent(),
        }),
      );
      setSecret(rolled.secret ?? null);
      setPanel(null);
      await refresh();
    });
  const remove = () =>
    form.run({}, async () => {
      await unwrap(api.DELETE('/v1/webhook-endpoints/{id}', { params: { path: { id: e.id } } }));
      qc.removeQueries({ queryKey: ['webhook-endpoint', e.id] });
      await qc.invalidateQueries({ queryKey: ['webhook-endpoints'] });
      navigate('/webhooks', { replace: true });
    });

  return (
    <Card
      title={t('webhooks.settings')}
      actions={
        panel === null ? (
          <>
            <Button variant="secondary" onClick={() => setPanel('edit')}>
              {t('webhooks.edit')}
            </Button>
            <Button variant="secondary" onClick={() => setPanel('roll')}>
              {t('webhooks.roll.button')}
            </Button>
            <Button variant="secondary" busy={form.busy} onClick={() => void toggle()}>
              {e.status === 'enabled' ? t('webhooks.disable') : t('webhooks.enable')}
            </Button>
            <Button variant="danger" onClick={() => setPanel('delete')}>
              {t('webhooks.delete.button')}
            </Button>
          </>
        ) : null
      }
    >
      <div className="ui-stack">
        {secret ? <SecretOnce secret={secret} title={t('webhooks.roll.done')} onDone={() => setSecret(null)} /> : null}
        <FormError error={form.formError} />
        {panel === 'edit' ? (
          <EndpointForm
            initial={draftOf(e)}
            label={t('webhooks.edit')}
            submitLabel={t('common:save')}
            onCancel={() => setPanel(null)}
            onSubmit={async (body) => {
              await unwrap(api.POST('/v1/webhook-endpoints/{id}', { params: { path: { id: e.id } }, body, headers: idempotent() }));
              await refresh();
              setPanel(null);
            }}
          />
        ) : (
          <dl className="mc-dl">
            <dt>{t('webhooks.id')}</dt>
            <dd className="mc-code">{e.id}</dd>
            <dt>{t('webhooks.url')}</dt>
            <dd className="mc-code">{e.url}</dd>
            <dt>{t('webhooks.form.description')}</dt>
            <dd>{e.description ?? <span className="ui-muted">—</span>}</dd>
            <dt>{t('webhooks.event_types')}</dt>
            <dd>
              <EventTypesText types={e.event_types} />
            </dd>
            <dt>{t('webhooks.status_label')}</dt>
            <dd>
              <EndpointStatus endpoint={e} />
              {e.disabled_at ? (
                <span className="ui-muted">
                  {' '}
                  <DateTime value={e.disabled_at} />
                </span>
              ) : null}
            </dd>
            <dt>{t('webhooks.last_success')}</dt>
            <dd>{e.last_success_at ? <DateTime value={e.last_success_at} /> : <span className="ui-muted">—</span>}</dd>
            <dt>{t('webhooks.failing_since')}</dt>
            <dd>{e.failing_since ? <DateTime value={e.failing_since} /> : <span className="ui-muted">—</span>}</dd>
            <dt>{t('webhooks.signing_secret')}</dt>
            <dd>
              <span className="ui-muted">{t('webhooks.secret_hidden')}</span>
              {e.secret_previous_expires_at && new Date(e.secret_previous_expires_at) > new Date() ? (
                <div>
                  {t('webhooks.roll.previous_until')} <DateTime value={e.secret_previous_expires_at} />
                </div>
              ) : null}
            </dd>
            <dt>{t('webhooks.created')}</dt>
            <dd>
              <DateTime value={e.created_at} />
            </dd>
          </dl>
        )}
        {panel === 'roll' ? (
          <Notice tone="warning">
            <div className="ui-stack">
              <strong>{t('webhooks.roll.title')}</strong>
              <p>{t('webhooks.roll.explain')}</p>
              <Field label={t('webhooks.roll.overlap')} hint={t('webhooks.roll.overlap_hint')} error={form.errors.overlap_hours}>
                {(p) => (
                  <Select {...p} value={overlap} onChange={(ev) => setOverlap(Number(ev.target.value))}>
                    {OVERLAP_HOURS.map((h) => (
                      <option key={h} value={h}>
                        {h === 0 ? t('webhooks.roll.now') : t('webhooks.roll.hours', { count: h })}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <div className="ui-row">
                <Button variant="danger" busy={form.busy} onClick={() => void roll()}>
                  {t('webhooks.roll.confirm')}
                </Button>
                <Button variant="ghost" onClick={() => setPanel(null)}>
                  {t('common:cancel')}
                </Button>
              </div>
            </div>
          </Notice>
        ) : null}
        {panel === 'delete' ? (
          <Notice tone="danger">
            <div className="ui-stack">
              <strong>{t('webhooks.delete.title')}</strong>
              <p>{t('webhooks.delete.explain')}</p>
              <div className="ui-row">
                <Button variant="danger" busy={form.busy} onClick={() => void remove()}>
                  {t('webhooks.delete.confirm')}
                </Button>
                <Button variant="ghost" onClick={() => setPanel(null)}>
                  {t('common:cancel')}
                </Button>
              </div>
            </div>
          </Notice>
        ) : null}
      </div>
    </Card>
  );
}

function Deliveries({ endpoint: e }: { endpoint: Endpoint }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<(typeof DELIVERY_FILTERS)[number]>('');
  const cursor = useCursor(`webhook-deliveries-${e.id}-${status}`);
  const list = useQuery({
    queryKey: ['webhook-deliveries', e.id, status, cursor.after],
    queryFn: () =>
      unwrap(
        api.GET('/v1/webhook-endpoints/{id}/deliveries', {
          params: { path: { id: e.id }, query: { limit: PAGE_SIZE, starting_after: cursor.after, status: status || undefined } },
        }),
      ),
    // New deliveries arrive as events happen: the first page keeps itself current.
    refetchInterval: cursor.page === 0 ? 5_000 : false,
  });
  return (
    <Card title={t('webhooks.deliveries')}>
      <div className="ui-stack">
        <div className="mc-filters">
          <Field label={t('webhooks.filter_status')}>
            {(p) => (
              <Select {...p} value={status} onChange={(ev) => setStatus(ev.target.value as typeof status)}>
                {DELIVERY_FILTERS.map((s) => (
                  <option key={s} value={s}>
                    {s ? t(`webhooks.delivery_status.${s}`) : t('common:all')}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <QueryView
          query={list}
          isEmpty={(d) => d.data.length === 0}
          empty={
            <EmptyState title={t('webhooks.no_deliveries')}>
              <p className="ui-muted">{t('webhooks.no_deliveries_hint')}</p>
            </EmptyState>
          }
        >
          {(d) => (
            <Table
              caption={t('webhooks.deliveries')}
              head={[
                t('webhooks.event'),
                t('webhooks.object'),
                t('webhooks.status_label'),
                t('webhooks.attempts'),
                t('webhooks.last_response'),
                t('webhooks.next_retry'),
                t('webhooks.created'),
              ]}
            >
              {d.data.map((x) => (
                <DeliveryRow key={x.id} delivery={x} />
              ))}
            </Table>
          )}
        </QueryView>
        <Pager cursor={cursor} data={list.data} />
      </div>
    </Card>
  );
}

function DeliveryRow({ delivery: d }: { delivery: WebhookDelivery }) {
  return (
    <tr>
      <td>
        <Link to={`/webhooks/${d.endpoint_id}/deliveries/${d.id}`} className="mc-code">
          {d.event_type}
        </Link>
        <div className="ui-muted mc-code">{d.event_id}</div>
      </td>
      <td>
        <DeliveryObject objectKey={d.object_key} />
      </td>
      <td>
        <DeliveryStatus status={d.status} />
      </td>
      <td>{d.attempts}</td>
      <td>{d.attempts ? <ResponseCode code={d.last_status_code} /> : <span className="ui-muted">—</span>}</td>
      <td>{d.next_attempt_at ? <DateTime value={d.next_attempt_at} /> : <span className="ui-muted">—</span>}</td>
      <td>
        <DateTime value={d.created_at} />
      </td>
    </tr>
  );
}
