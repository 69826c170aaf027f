// Form plumbing of the operator console: the shared submission state (web/shared/forms.tsx) and
// this console's validation messages, which mirror the server's Zod rules.
import { useTranslation } from 'react-i18next';

export { EMAIL, type FieldErrors, FormError, parseInteger, useSubmit } from '../../shared/forms';

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
