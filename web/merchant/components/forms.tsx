// Form plumbing of the merchant console: client-side checks that mirror the server's Zod rules
// (and the pure rule functions of src/modules/*/rules.ts, imported as they are), and an API
// error's `param` shown next to its field.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { errorText } from '../../shared/i18n';
import { Notice } from '../../shared/ui';
import type { Send } from './types';

export type FieldErrors = Record<string, string>;

/**
 * One form's submission: `run` sends it unless `local` holds problems, and spreads the answer's
 * error onto the field it names (`param`), or above the form when it names none (or a field
 * this form does not show).
 */
export function useSubmit(fields: readonly string[] = []) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);

  async function run<T>(local: FieldErrors, send: Send<T>) {
    setFormError(null);
    setErrors(local);
    if (Object.keys(local).length) return undefined;
    setBusy(true);
    try {
      return await send();
    } catch (err) {
      const param = err instanceof ApiError ? err.param : undefined;
      const field = param ? fieldFor(param, fields) : undefined;
      if (field) setErrors({ [field]: errorText(err) });
      else setFormError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return {
    busy,
    errors,
    formError,
    run,
    setErrors,
    reset: () => {
      setErrors({});
      setFormError(null);
    },
  };
}

/** The form field an API `param` points at: itself, or the nearest parent path the form shows. */
export function fieldFor(param: string, fields: readonly string[]): string | undefined {
  let p = param;
  while (p) {
    if (fields.includes(p)) return p;
    const cut = p.lastIndexOf('.');
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return undefined;
}

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

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A whole number typed in a field, or null when it is not one. */
export function parseInteger(text: string): number | null {
  const s = text.trim();
  if (!/^-?\d{1,12}$/.test(s)) return null;
  return Number(s);
}

/** A whole number in [min, max] typed in an optional field: the number, null when empty, or an error text. */
export function optionalInt(text: string, min: number, max: number, rules: ReturnType<typeof useRules>): number | null | string {
  if (!text.trim()) return null;
  const n = parseInteger(text);
  if (n === null || n < min || n > max) return rules.range(min, max);
  return n;
}
