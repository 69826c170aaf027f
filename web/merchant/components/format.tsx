// Small display helpers of the merchant console: dates in the reader's language, status badges,
// product names in the reader's language.
import { useTranslation } from 'react-i18next';
import { Badge } from '../../shared/ui';

/** A timestamp from the API, in the reader's language and time zone; nothing for null. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return <>{value}</>;
  return <time dateTime={value}>{new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(d)}</time>;
}

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const TONES: Record<string, Record<string, Tone>> = {
  merchant_status: { applied: 'info', approved: 'success', rejected: 'danger', suspended: 'warning' },
  order_state: {
    pending_payment: 'neutral',
    paid: 'info',
    fulfilling: 'info',
    shipped: 'info',
    delivered: 'success',
    completed: 'success',
    cancelled: 'neutral',
    refunded: 'warning',
    return_requested: 'warning',
    returned: 'warning',
  },
  product_status: { draft: 'neutral', active: 'success', archived: 'warning' },
  invitation_status: { pending: 'info', accepted: 'success', revoked: 'neutral', expired: 'neutral' },
};

/** A status of one of the kinds above, translated (`<kind>.<status>`) and coloured. */
export function Status({ kind, value }: { kind: keyof typeof TONES; value: string }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[kind]?.[value] ?? 'neutral'}>{t(`${kind}.${value}`, { defaultValue: value })}</Badge>;
}

/** `{ en, zh-Hans }` text in the reader's language, the other one when it is missing. */
export function useLocalName() {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  return (name: { en?: string | undefined; 'zh-Hans'?: string | undefined } | undefined): string =>
    (zh ? (name?.['zh-Hans'] ?? name?.en) : (name?.en ?? name?.['zh-Hans'])) ?? '';
}

/** The products' text objects hold `{ name, … }` per locale: the name in the reader's language. */
export function productName(text: { en?: { name: string }; 'zh-Hans'?: { name: string } }, zh: boolean): string {
  return (zh ? (text['zh-Hans']?.name ?? text.en?.name) : (text.en?.name ?? text['zh-Hans']?.name)) ?? '';
}
