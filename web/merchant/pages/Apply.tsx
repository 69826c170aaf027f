// The public onboarding application (POST /v1/merchant-applications): a brand in Australia or
// New Zealand, or a seller in mainland China, applies with its business number and payout
// account, checked here with the server's own rules (src/modules/merchants/rules.ts) first.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  validateAbn,
  validateAuBankAccount,
  validateCnBankAccount,
  validateNzBankAccount,
  validateNzbn,
  validateUscc,
} from '../../../src/modules/merchants/rules.ts';
import { api, idempotent, unwrap } from '../../shared/api/client';
import { Button, Card, Field, Input, Notice, Select } from '../../shared/ui';
import { EMAIL, type FieldErrors, FormError, useRules, useSubmit } from '../components/forms';
import { CATEGORIES } from './product-draft';

type Country = 'AU' | 'NZ' | 'CN';
const PASSWORD_MIN = 10;

export function Apply() {
  const { t } = useTranslation();
  const rules = useRules();
  const [d, setD] = useState({
    legal_name: '',
    trading_name: '',
    country: 'AU' as Country,
    business_number: '',
    gst_registered: true,
    contact_name: '',
    contact_email: '',
    categories: [] as string[],
    account_name: '',
    bsb: '',
    account_number: '',
    bank_name: '',
    owner_name: '',
    owner_email: '',
    password: '',
  });
  const [done, setDone] = useState<string | null>(null);
  const form = useSubmit([
    'legal_name',
    'trading_name',
    'business_number',
    'contact.name',
    'contact.email',
    'categories',
    'payout_account.account_name',
    'payout_account.bsb',
    'payout_account.account_number',
    'payout_account.bank_name',
    'payout_account',
    'owner.name',
    'owner.email',
    'owner.password',
  ]);
  const set = (k: keyof typeof d) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    const need = (k: string, v: string, max: number) => {
      if (!v.trim()) errs[k] = rules.required();
      else if (v.trim().length > max) errs[k] = rules.tooLong(max);
    };
    need('legal_name', d.legal_name, 200);
    if (d.trading_name.trim().length > 200) errs.trading_name = rules.tooLong(200);
    const bn =
      d.country === 'AU'
        ? validateAbn(d.business_number)
        : d.country === 'NZ'
          ? validateNzbn(d.business_number)
          : validateUscc(d.business_number);
    if (!bn.ok) errs.business_number = t(`application.invalid_business_number.${d.country}`);
    need('contact.name', d.contact_name, 100);
    if (!EMAIL.test(d.contact_email.trim())) errs['contact.email'] = rules.email();
    if (!d.categories.length) errs.categories = rules.required();
    need('payout_account.account_name', d.account_name, 100);
    if (d.country === 'AU' && !validateAuBankAccount({ bsb: d.bsb, account_number: d.account_number }).ok)
      errs['payout_account.account_number'] = t('application.invalid_account.AU');
    if (d.country === 'NZ' && !validateNzBankAccount(d.account_number).ok)
      errs['payout_account.account_number'] = t('application.invalid_account.NZ');
    if (d.country === 'CN') {
      need('payout_account.bank_name', d.bank_name, 100);
      if (!validateCnBankAccount(d.account_number).ok) errs['payout_account.account_number'] = t('application.invalid_account.CN');
    }
    need('owner.name', d.owner_name, 100);
    if (!EMAIL.test(d.owner_email.trim())) errs['owner.email'] = rules.email();
    if (d.password.length < PASSWORD_MIN || d.password.length > 200) errs['owner.password'] = rules.password(PASSWORD_MIN);
    const payout =
      d.country === 'AU'
        ? { country: 'AU' as const, account_name: d.account_name.trim(), bsb: d.bsb, account_number: d.account_number }
        : d.country === 'NZ'
          ? { country: 'NZ' as const, account_name: d.account_name.trim(), account_number: d.account_number }
          : {
              country: 'CN' as const,
              account_name: d.account_name.trim(),
              bank_name: d.bank_name.trim(),
              account_number: d.account_number,
            };
    void form.run(errs, async () => {
      const m = await unwrap(
        api.POST('/v1/merchant-applications', {
          body: {
            legal_name: d.legal_name.trim(),
            ...(d.trading_name.trim() ? { trading_name: d.trading_name.trim() } : {}),
            country: d.country,
            business_number: d.business_number.trim(),
            gst_registered: d.gst_registered,
            contact: { name: d.contact_name.trim(), email: d.contact_email.trim() },
            categories: d.categories as never,
            payout_account: payout,
            owner: { name: d.owner_name.trim(), email: d.owner_email.trim(), password: d.password },
          },
          headers: idempotent(),
        }),
      );
      setDone(m.id);
    });
  };

  if (done)
    return (
      <div className="mc-page">
        <h1>{t('application.apply_title')}</h1>
        <Notice tone="success">{t('application.submitted')}</Notice>
        <Link to="/">{t('application.to_sign_in')}</Link>
      </div>
    );

  return (
    <div className="mc-page">
      <h1>{t('application.apply_title')}</h1>
      <p className="ui-muted">{t('application.apply_intro')}</p>
      <form className="mc-page" onSubmit={submit} noValidate aria-label={t('application.apply_title')}>
        <Card title={t('application.business')}>
          <div className="mc-form">
            <Field label={t('application.country')}>
              {(p) => (
                <Select {...p} value={d.country} onChange={(e) => setD({ ...d, country: e.target.value as Country })}>
                  {(['AU', 'NZ', 'CN'] as const).map((c) => (
                    <option key={c} value={c}>
                      {t(`country.${c}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('application.legal_name')} error={form.errors.legal_name}>
              {(p) => <Input {...p} value={d.legal_name} onChange={set('legal_name')} />}
            </Field>
            <Field label={t('application.trading_name')} error={form.errors.trading_name}>
              {(p) => <Input {...p} value={d.trading_name} onChange={set('trading_name')} />}
            </Field>
            <Field label={t(`application.business_number_label.${d.country}`)} error={form.errors.business_number}>
              {(p) => <Input {...p} value={d.business_number} onChange={set('business_number')} />}
            </Field>
            <Field label={t('application.gst_registered')}>
              {(p) => (
                <Select
                  {...p}
                  value={d.gst_registered ? 'yes' : 'no'}
                  onChange={(e) => setD({ ...d, gst_registered: e.target.value === 'yes' })}
                >
                  <option value="yes">{t('common:yes')}</option>
                  <option value="no">{t('common:no')}</option>
                </Select>
              )}
            </Field>
            <Field label={t('application.contact_name')} error={form.errors['contact.name']}>
              {(p) => <Input {...p} value={d.contact_name} onChange={set('contact_name')} />}
            </Field>
            <Field label={t('application.contact_email')} error={form.errors['contact.email']}>
              {(p) => <Input {...p} type="email" value={d.contact_email} onChange={set('contact_email')} />}
            </Field>
            <fieldset className="mc-wide mc-variant">
              <legend>{t('application.categories')}</legend>
              {CATEGORIES.map((c) => (
                <label key={c} className="mc-check">
                  <input
                    type="checkbox"
                    checked={d.categories.includes(c)}
                    onChange={() =>
                      setD({ ...d, categories: d.categories.includes(c) ? d.categories.filter((x) => x !== c) : [...d.categories, c] })
                    }
                  />
                  <span>{t(`category.${c}`)}</span>
                </label>
              ))}
              {form.errors.categories ? (
                <p className="ui-field__error" role="alert">
                  {form.errors.categories}
                </p>
              ) : null}
            </fieldset>
          </div>
        </Card>
        <Card title={t('application.payout_account')}>
          <div className="mc-form">
            <Field label={t('application.account_name')} error={form.errors['payout_account.account_name']}>
              {(p) => <Input {...p} value={d.account_name} onChange={set('account_name')} />}
            </Field>
            {d.country === 'AU' ? (
              <Field label={t('application.bsb')} error={form.errors['payout_account.bsb']}>
                {(p) => <Input {...p} value={d.bsb} onChange={set('bsb')} />}
              </Field>
            ) : null}
            {d.country === 'CN' ? (
              <Field label={t('application.bank_name')} error={form.errors['payout_account.bank_name']}>
                {(p) => <Input {...p} value={d.bank_name} onChange={set('bank_name')} />}
              </Field>
            ) : null}
            <Field
              label={t('application.account_number')}
              error={form.errors['payout_account.account_number'] ?? form.errors.payout_account}
            >
              {(p) => <Input {...p} value={d.account_number} onChange={set('account_number')} />}
            </Field>
          </div>
        </Card>
        <Card title={t('application.owner')}>
          <div className="mc-form">
            <Field label={t('application.owner_name')} error={form.errors['owner.name']}>
              {(p) => <Input {...p} value={d.owner_name} onChange={set('owner_name')} />}
            </Field>
            <Field label={t('common:email')} error={form.errors['owner.email']}>
              {(p) => <Input {...p} type="email" autoComplete="username" value={d.owner_email} onChange={set('owner_email')} />}
            </Field>
            <Field
              label={t('common:password')}
              hint={t('application.password_hint', { min: PASSWORD_MIN })}
              error={form.errors['owner.password']}
            >
              {(p) => <Input {...p} type="password" autoComplete="new-password" value={d.password} onChange={set('password')} />}
            </Field>
          </div>
        </Card>
        <FormError error={form.formError} />
        <div className="mc-actions">
          <Button type="submit" busy={form.busy}>
            {t('application.submit')}
          </Button>
          <Link to="/">{t('application.to_sign_in')}</Link>
        </div>
      </form>
    </div>
  );
}
