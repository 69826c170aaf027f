// Form plumbing of the merchant console: the shared submission state (web/shared/forms.tsx) and
// this console's validation messages; the checks mirror the server's Zod rules and use the pure
// rule functions of src/modules/*/rules.ts as they are.
import { useTranslation } from 'react-i18next';
import { parseInteger } from '../../shared/forms';

export { EMAIL, type FieldErrors, FormError, fieldFor, parseInteger, type Send, useSubmit } from '../../shared/forms';

/** The validation messages, in the reader's language. */
export function useRules() {
  const { t } = useTranslation();
  return {
    required: () => t('common:required'),
    tooLong: (max: number) => t('validation.too_long', { max }),
    range: (min: number, max: number) => t('validation.range', { min, max }),
    email: () => t('validation.email'),
    amount: () => t('validation.amount'),
    sku: () => t('validation.sku'),
    gtin: () => t('validation.gtin'),
    hsCode: () => t('validation.hs_code'),
    hsCodeExport: () => t('validation.hs_code_export'),
    decimal: () => t('validation.decimal'),
    country: () => t('validation.country'),
    date: () => t('validation.date'),
    password: (min: number) => t('validation.password', { min }),
  };
}

/** A whole number in [min, max] typed in an optional field: the number, null when empty, or an error text. */
export function optionalInt(text: string, min: number, max: number, rules: ReturnType<typeof useRules>): number | null | string {
  if (!text.trim()) return null;
  const n = parseInteger(text);
  if (n === null || n < min || n > max) return rules.range(min, max);
  return n;
}
