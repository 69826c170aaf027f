// Sign-in and sign-up for shoppers. Sign-up checks what the server checks (e-mail, name length,
// the password policy from src/modules/identity/rules.ts) before sending.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { checkPasswordPolicy } from '../../../src/modules/identity/rules.ts';
import { api, unwrap } from '../../shared/api/client';
import { useSession } from '../../shared/app';
import { Button, Card, Field, Input, Notice, Select } from '../../shared/ui';
import { type Country, useFormErrors } from '../lib';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function useNext() {
  const [params] = useSearchParams();
  const next = params.get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const next = useNext();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['email', 'password'] as const);
  return (
    <div className="sf-narrow">
      <h1>{t('auth.sign_in_title')}</h1>
      <Card>
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const errors: Partial<Record<'email' | 'password', string>> = {};
            if (!EMAIL.test(email.trim())) errors.email = t('validation.email');
            if (!password) errors.password = t('validation.required');
            if (!f.set(errors)) return;
            setBusy(true);
            try {
              await signIn('shopper', email.trim(), password);
              navigate(next);
            } catch (err) {
              f.fromApi(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          {f.formError ? <Notice tone="danger">{f.formError}</Notice> : null}
          <Field label={t('common:email')} error={f.errors.email}>
            {(p) => (
              <Input {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} />
            )}
          </Field>
          <Field label={t('common:password')} error={f.errors.password}>
            {(p) => (
              <Input
                {...p}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                maxLength={200}
              />
            )}
          </Field>
          <Button type="submit" busy={busy} className="sf-block">
            {t('common:sign_in')}
          </Button>
        </form>
      </Card>
      <p>
        {t('auth.no_account')} <Link to={`/sign-up?next=${encodeURIComponent(next)}`}>{t('common:sign_up')}</Link>
      </p>
    </div>
  );
}

type SignUpField = 'name' | 'email' | 'password' | 'country';

export function SignUp() {
  const { t, i18n } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const next = useNext();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [country, setCountry] = useState<Country>('CN');
  const [busy, setBusy] = useState(false);
  const f = useFormErrors(['name', 'email', 'password', 'country'] as const);
  return (
    <div className="sf-narrow">
      <h1>{t('auth.sign_up_title')}</h1>
      <Card>
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const errors: Partial<Record<SignUpField, string>> = {};
            const trimmed = name.trim();
            if (trimmed.length < 1 || trimmed.length > 100) errors.name = t('validation.name_length');
            if (!EMAIL.test(email.trim()) || email.trim().length > 254) errors.email = t('validation.email');
            const pw = checkPasswordPolicy(password);
            if (!pw.ok) errors.password = t(`validation.password.${pw.reason}`);
            if (!f.set(errors)) return;
            setBusy(true);
            try {
              await unwrap(
                api.POST('/v1/shoppers', {
                  body: { name: trimmed, email: email.trim(), password, country, locale: i18n.language === 'en' ? 'en' : 'zh-CN' },
                }),
              );
              await signIn('shopper', email.trim(), password);
              // Shoppers in China verify their identity once before paying.
              navigate(country === 'CN' ? `/account/identity?next=${encodeURIComponent(next)}` : next);
            } catch (err) {
              f.fromApi(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          {f.formError ? <Notice tone="danger">{f.formError}</Notice> : null}
          <Field label={t('auth.name')} error={f.errors.name}>
            {(p) => <Input {...p} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />}
          </Field>
          <Field label={t('common:email')} error={f.errors.email}>
            {(p) => (
              <Input {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} />
            )}
          </Field>
          <Field label={t('common:password')} hint={t('auth.password_hint')} error={f.errors.password}>
            {(p) => (
              <Input
                {...p}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                maxLength={200}
              />
            )}
          </Field>
          <Field label={t('auth.country')} error={f.errors.country}>
            {(p) => (
              <Select {...p} value={country} onChange={(e) => setCountry(e.target.value as Country)}>
                {(['CN', 'AU', 'NZ'] as const).map((c) => (
                  <option key={c} value={c}>
                    {t(`auth.country_option.${c}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit" busy={busy} className="sf-block">
            {t('auth.create_account')}
          </Button>
        </form>
      </Card>
      <p>
        {t('auth.have_account')} <Link to={`/sign-in?next=${encodeURIComponent(next)}`}>{t('common:sign_in')}</Link>
      </p>
    </div>
  );
}
