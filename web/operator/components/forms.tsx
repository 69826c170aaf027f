// Form plumbing shared by the console's screens: client-side checks that mirror the server's
// Zod rules, and an API error's `param` shown next to its field.
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/i18n';
import { Notice } from '../../shared/ui';

export { type FieldErrors, useSubmit } from './submit';

/** The error of a submission that belongs to no one field. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return <Notice tone="danger">{errorText(error)}</Notice>;
}

/** The validation messages, in the reader's language. */
export function useRules() {
  const { t } = useTranslation();
  return {
    required: () => t('common:required'),
    tooLong: (max: number) => t('validation.too_long', { max }),
    range: (min: number, max: number) => t('validation.range', { min, max }),
    integer: () => t('validation.integer'),
    email: () => t('validation.email'),
    code: () => t('validation.code'),
    country: () => t('validation.country'),
    decimal: () => t('validation.mid'),
    amount: () => t('validation.amount'),
    different: () => t('validation.different_currencies'),
    minMax: () => t('validation.min_max'),
    listTooLong: (max: number) => t('validation.list_too_long', { max }),
    itemTooLong: (max: number) => t('validation.item_too_long', { max }),
    date: () => t('validation.date'),
  };
}

/** "a, b ,c" → ["a", "b", "c"]. */
export const splitList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A whole number typed in a field, or null when it is not one. */
export function parseInteger(text: string): number | null {
  const s = text.trim();
  if (!/^-?\d{1,12}$/.test(s)) return null;
  return Number(s);
}
