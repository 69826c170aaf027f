// Pieces the webhook screens share: the event catalogue (the API's `Event.type` enum, grouped for
// the picker), the URL check run before sending, the endpoint and delivery status badges, and the
// signing secret shown once with its copy button.
import { SecretOnce as SecretOnceBox } from '../components/SecretOnce';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Schemas, unwrap } from '../../shared/api/client';
import { Badge } from '../../shared/ui';

export type EventType = Schemas['Event']['type'];
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookDelivery = Schemas['WebhookDelivery'];

// `satisfies Record<EventType, true>`: the compiler fails here when the API's catalogue gains or
// loses a type, so the picker always offers exactly what the server accepts.
const CATALOGUE = {
  'order.paid': true,
  'order.fulfilling': true,
  'order.shipped': true,
  'order.delivered': true,
  'order.completed': true,
  'order.cancelled': true,
  'order.refunded': true,
  'order.return_requested': true,
  'order.return_approved': true,
  'order.return_rejected': true,
  'order.returned': true,
  'payment_intent.created': true,
  'payment_intent.canceled': true,
  'payment.succeeded': true,
  'refund.succeeded': true,
  'escrow.released': true,
  'top_up.succeeded': true,
  'payout.sent': true,
  'payout.paid': true,
  'payout.failed': true,
  'shipment.created': true,
  'parcel.updated': true,
  'customs.held': true,
  'customs.released': true,
  'customs.rejected': true,
  'inventory.low_stock': true,
  'instore_payment.succeeded': true,
  'instore_refund.succeeded': true,
  'webhook_endpoint.disabled': true,
} as const satisfies Record<EventType, true>;

export const EVENT_TYPES = Object.keys(CATALOGUE) as EventType[];

/** The catalogue grouped by the resource before the dot (`order`, `payout`…), in catalogue order. */
export const EVENT_GROUPS: [string, EventType[]][] = [
  ...EVENT_TYPES.reduce((m, type) => {
    const group = type.slice(0, type.indexOf('.'));
    m.set(group, [...(m.get(group) ?? []), type]);
    return m;
  }, new Map<string, EventType[]>()),
];

/**
 * The URL checks the server makes without its settings (src/modules/cloud/rules.ts
 * checkWebhookUrl): absolute http(s), no user name or password, no fragment, ≤ 2,048 characters.
 * Whether plain http and private addresses are allowed is the server's to say (`param: url`).
 */
export function urlProblem(raw: string): 'required' | 'invalid' | null {
  const s = raw.trim();
  if (!s) return 'required';
  if (s.length > 2048) return 'invalid';
  try {
    const url = new URL(s);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'invalid';
    if (url.username || url.password || url.hash || !url.hostname) return 'invalid';
  } catch {
    return 'invalid';
  }
  return null;
}

/** The endpoint's status: enabled, disabled by the merchant, or disabled by the platform for failing. */
export function EndpointStatus({ endpoint: e }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  if (e.status === 'enabled')
    return e.failing_since ? (
      <Badge tone="warning">{t('webhooks.status.failing')}</Badge>
    ) : (
      <Badge tone="success">{t('webhooks.status.enabled')}</Badge>
    );
  return e.disabled_reason === 'failing' ? (
    <Badge tone="danger">{t('webhooks.status.disabled_failing')}</Badge>
  ) : (
    <Badge tone="neutral">{t('webhooks.status.disabled')}</Badge>
  );
}

const DELIVERY_TONES = { pending: 'info', succeeded: 'success', failed: 'danger' } as const;

export function DeliveryStatus({ status }: { status: WebhookDelivery['status'] }) {
  const { t } = useTranslation();
  return <Badge tone={DELIVERY_TONES[status]}>{t(`webhooks.delivery_status.${status}`)}</Badge>;
}

/** An HTTP status an endpoint answered, coloured: 2xx success, else danger; none when no answer came. */
export function ResponseCode({ code }: { code: number | null | undefined }) {
  const { t } = useTranslation();
  if (code === null || code === undefined) return <span className="ui-muted">{t('webhooks.no_response')}</span>;
  return <Badge tone={code >= 200 && code < 300 ? 'success' : 'danger'}>{code}</Badge>;
}

/** The event types an endpoint takes, in words: "All events" or the list. */
export function EventTypesText({ types }: { types: string[] }) {
  const { t } = useTranslation();
  if (types.includes('*')) return <>{t('webhooks.all_events')}</>;
  return <span className="mc-code">{types.join(', ')}</span>;
}

/** An event, fetched once (events never change). */
export function useEvent(id: string) {
  return useQuery({
    queryKey: ['event', id],
    queryFn: () => unwrap(api.GET('/v1/events/{id}', { params: { path: { id } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The object's id in a delivery's `object_key` (`order_id:ord_…`), if the event is about one. */
export const objectIdOf = (objectKey: string | null): string | null => (objectKey ? objectKey.slice(objectKey.indexOf(':') + 1) : null);

/** The object a delivery's event is about. */
export function DeliveryObject({ objectKey }: { objectKey: string | null }) {
  const id = objectIdOf(objectKey);
  return id ? <span className="mc-code">{id}</span> : <span className="ui-muted">—</span>;
}

/** A signing secret, this once: the warning, the secret, a copy button and "I have saved it". */
export function SecretOnce({ secret, title, onDone }: { secret: string; title: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const text = {
    title,
    warning: t('webhooks.secret_once'),
    copy: t('webhooks.copy_secret'),
    copied: t('webhooks.copied'),
    copyFailed: t('webhooks.copy_failed'),
    saved: t('webhooks.secret_saved'),
  };
  return <SecretOnceBox secret={secret} text={text} testId="webhook-secret" onDone={onDone} />;
}
