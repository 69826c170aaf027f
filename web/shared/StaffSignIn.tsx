// The consoles' sign-in (POST /v1/sessions, realm `staff`): merchant staff and operators alike.
// Texts come from the console's own namespace (`sign_in.*`, `validation.*`); `prefix` picks its
// layout classes (mc-…, op-…) and `footer` adds what a console offers beside the button.
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './app';
import { EMAIL, type FieldErrors, FormError, useSubmit } from './forms';
import { Button, Card, Field, Input } from './ui';

export function StaffSignIn({ prefix, footer }: { prefix: 'mc' | 'op'; footer?: ReactNode }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useSubmit(['email', 'password']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (!email.trim()) errs.email = t('common:required');
    else if (!EMAIL.test(email.trim()) || email.length > 254) errs.email = t('validation.email');
    if (!password) errs.password = t('common:required');
    else if (password.length > 200) errs.password = t('validation.too_long', { max: 200 });
    void form.run(errs, () => signIn('staff', email.trim(), password));
  };

  return (
    <div className={`${prefix}-page`}>
      <h1>{t('sign_in.title')}</h1>
      <Card>
        <form className={`${prefix}-form ${prefix}-form--narrow`} onSubmit={submit} noValidate>
          <p className="ui-muted">{t('sign_in.intro')}</p>
          <Field label={t('common:email')} error={form.errors.email}>
            {(p) => <Input {...p} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field label={t('common:password')} error={form.errors.password}>
            {(p) => (
              <Input
                {...p}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <FormError error={form.formError} />
          <div className={`${prefix}-actions`}>
            <Button type="submit" busy={form.busy}>
              {t('common:sign_in')}
            </Button>
            {footer}
          </div>
        </form>
      </Card>
    </div>
  );
}
