import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../shared/app';
import { Button, Card, Field, Input } from '../../shared/ui';
import { EMAIL, type FieldErrors, FormError, useRules, useSubmit } from '../components/forms';

export function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const rules = useRules();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useSubmit(['email', 'password']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (!email.trim()) errs.email = rules.required();
    else if (!EMAIL.test(email.trim()) || email.length > 254) errs.email = rules.email();
    if (!password) errs.password = rules.required();
    else if (password.length > 200) errs.password = rules.tooLong(200);
    void form.run(errs, () => signIn('staff', email.trim(), password));
  };

  return (
    <div className="op-page">
      <h1>{t('sign_in.title')}</h1>
      <Card>
        <form className="op-form op-form--narrow" onSubmit={submit} noValidate>
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
          <div>
            <Button type="submit" busy={form.busy}>
              {t('common:sign_in')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
