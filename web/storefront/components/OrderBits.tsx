// Small pieces shared by the order list and the order page.
import { useTranslation } from 'react-i18next';
import { Badge } from '../../shared/ui';
import type { Order } from '../lib';

const TONE: Record<Order['state'], 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
  pending_payment: 'warning',
  paid: 'success',
  fulfilling: 'info',
  shipped: 'info',
  delivered: 'success',
  completed: 'success',
  cancelled: 'neutral',
  refunded: 'neutral',
  return_requested: 'warning',
  returned: 'neutral',
};

export function OrderState({ state }: { state: Order['state'] }) {
  const { t } = useTranslation();
  return <Badge tone={TONE[state]}>{t(`order_state.${state}`)}</Badge>;
}
