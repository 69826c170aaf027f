// Form plumbing of the consoles: one submission's state, client-side checks first (the callers
// mirror the server's rules), then the API's answer with its error put on the field it names
// (`param`), or above the form when it names none (or a field this form does not show).
import { useState } from 'react';
import { ApiError } from './api/client';
import { errorText } from './i18n';
import { Notice } from './ui';

export type FieldErrors = Record<string, string>;

/** What a form sends: the API call of one submission. */
export type Send<T> = () => Promise<T>;

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function useSubmit(fields: readonly string[] = []) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);

  async function run<T>(local: FieldErrors, send: Send<T>): Promise<T | undefined> {
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

/** A whole number typed in a field, or null when it is not one. */
export function parseInteger(text: string): number | null {
  const s = text.trim();
  if (!/^-?\d{1,12}$/.test(s)) return null;
  return Number(s);
}

/** A date field's value (YYYY-MM-DD) as the start (or the end) of that day in the reader's time zone. */
export function dayBound(value: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
