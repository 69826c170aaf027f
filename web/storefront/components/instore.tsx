// Shared pieces of the wallet's in-store screens (付款码, 扫一扫, payments at the till): a ticking
// clock for countdowns, the payment's status badge, the 18-digit code grouped for reading, and
// the receipt as the API prints it (each line in Chinese and English).
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas, unwrap } from '../../shared/api/client';
import { Badge, Card, QueryView } from '../../shared/ui';
import './instore.css';

export type WalletInstorePayment = Schemas['WalletInstorePayment'];
type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const TONES: Record<string, Tone> = {
  requires_payment: 'info',
  requires_confirmation: 'warning',
  succeeded: 'success',
  expired: 'neutral',
  canceled: 'neutral',
};

/** Now, re-rendered every `everyMs` (for countdowns). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** Whole seconds from `now` until `iso`, never below zero. */
export const secondsUntil = (iso: string, now: number) => Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));

/** "381234567890123456" → "3812 3456 7890 1234 56": easier to read out to a cashier. */
export const groupDigits = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');

export function InstoreStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[status] ?? 'neutral'}>{t(`instore.status.${status}`, { defaultValue: status })}</Badge>;
}

/** A time as the shopper reads it (China time), to the second: expiries are short. */
export function useClock() {
  const { i18n } = useTranslation();
  return (iso: string) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(iso));
}

/** The receipt of a paid payment: the API's bilingual lines, in the reader's language. */
export function Receipt({ paymentId }: { paymentId: string }) {
  const { t, i18n } = useTranslation();
  const receipt = useQuery({
    queryKey: ['instore-receipt', paymentId],
    queryFn: () => unwrap(api.GET('/v1/instore/payments/{id}/receipt', { params: { path: { id: paymentId } } })),
  });
  const zh = i18n.language !== 'en';
  return (
    <Card title={t('instore.receipt.title')}>
      <QueryView query={receipt}>
        {(r) => (
          <div className="ui-stack">
            <dl className="sf-receipt">
              {r.lines.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: receipt lines may repeat a key (several refunds)
                <div key={`${l.key}-${i}`} className="sf-receipt__line">
                  <dt>{zh ? l.zh : l.en}</dt>
                  <dd>{l.value}</dd>
                </div>
              ))}
            </dl>
            <a href={`/v1/instore/payments/${paymentId}/receipt.txt`} target="_blank" rel="noreferrer">
              {t('instore.receipt.text')}
            </a>
          </div>
        )}
      </QueryView>
    </Card>
  );
}
