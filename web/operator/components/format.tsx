// Small display helpers of the operator console: dates in the reader's language, status badges.
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

const MERCHANT_TONES: Record<string, Tone> = { applied: 'info', approved: 'success', rejected: 'danger', suspended: 'warning' };
const ORDER_TONES: Record<string, Tone> = {
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
};
const JOB_TONES: Record<string, Tone> = { queued: 'neutral', running: 'info', succeeded: 'success', failed: 'danger' };

export function MerchantStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={MERCHANT_TONES[status] ?? 'neutral'}>{t(`merchant_status.${status}`, { defaultValue: status })}</Badge>;
}

export function OrderState({ state }: { state: string }) {
  const { t } = useTranslation();
  return <Badge tone={ORDER_TONES[state] ?? 'neutral'}>{t(`order_state.${state}`, { defaultValue: state })}</Badge>;
}

export function JobStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={JOB_TONES[status] ?? 'neutral'}>{t(`job_status.${status}`, { defaultValue: status })}</Badge>;
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <Badge tone={active ? 'success' : 'neutral'}>{active ? t('active') : t('inactive')}</Badge>;
}
