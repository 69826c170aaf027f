// Form state shared by the console's screens: client-side checks that mirror the server's
// Zod rules, and an API error's `param` shown next to its field.
import { useState } from 'react';
import { ApiError } from '../../shared/api/client';
import { errorText } from '../../shared/i18n';

export type FieldErrors = Record<string, string>;

/**
 * One form's submission: `run` sends it unless `validate` found problems, and spreads the
 * answer's error onto the field it names (`param`), or above the form when it names none
 * (or names a field this form does not show).
 */
export function useSubmit(fields: readonly string[] = []) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);

  async function run<T>(local: FieldErrors, send: () => Promise<T>): Promise<T | undefined> {
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
    reset: () => {
      setErrors({});
      setFormError(null);
    },
  };
}

/** The form field an API `param` points at: itself, or the nearest parent path the form shows. */
function fieldFor(param: string, fields: readonly string[]): string | undefined {
  let p = param;
  while (p) {
    if (fields.includes(p)) return p;
    const cut = p.lastIndexOf('.');
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return undefined;
}
