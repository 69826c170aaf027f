// The owner changes the bank account payouts go to (PUT /v1/merchants/:id/payout-account): an
// account in the merchant's own country, checked here with the server's rules first
// (src/modules/merchants/rules.ts); only the masked account ever comes back.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateAuBankAccount, validateCnBankAccount, validateNzBankAccount } from '../../../src/modules/merchants/rules.ts';
import { api, type Schemas, unwrap } from '../../shared/api/client';
import { Button, Field, Input, Notice } from '../../shared/ui';
import { type FieldErrors, FormError, useRules, useSubmit } from '../components/forms';

const NAME_MAX = 100;

export function PayoutAccountForm({ merchant }: { merchant: Schemas['Merchant'] }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const country = merchant.country;
  const [d, setD] = useState({ account_name: '', bsb: '', bank_name: '', account_number: '' });
  const [saved, setSaved] = useState<string | null>(null);
  const form = useSubmit([
    'payout_account.account_name',
    'payout_account.bsb',
    'payout_account.bank_name',
    'payout_account.account_number',
  ]);
  const set = (k: keyof typeof d) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const errs: FieldErrors = {};
    const need = (k: string, v: string, max: number) => {
      if (!v.trim()) errs[k] = rules.required();
      else if (v.trim().length > max) errs[k] = rules.tooLong(max);
    };
    need('payout_account.account_name', d.account_name, NAME_MAX);
    if (country === 'AU' && !validateAuBankAccount({ bsb: d.bsb, account_number: d.account_number }).ok)
      errs['payout_account.account_number'] = t('application.invalid_account.AU');
    if (country === 'NZ' && !validateNzBankAccount(d.account_number).ok)
      errs['payout_account.account_number'] = t('application.invalid_account.NZ');
    if (country === 'CN') {
      need('payout_account.bank_name', d.bank_name, NAME_MAX);
      if (!validateCnBankAccount(d.account_number).ok) errs['payout_account.account_number'] = t('application.invalid_account.CN');
    }
    const name = d.account_name.trim();
    const body =
      country === 'AU'
        ? { country: 'AU' as const, account_name: name, bsb: d.bsb.trim(), account_number: d.account_number.trim() }
        : country === 'NZ'
          ? { country: 'NZ' as const, account_name: name, account_number: d.account_number.trim() }
          : { country: 'CN' as const, account_name: name, bank_name: d.bank_name.trim(), account_number: d.account_number.trim() };
    const updated = await form.run(errs, () =>
      unwrap(api.PUT('/v1/merchants/{id}/payout-account', { params: { path: { id: merchant.id } }, body })),
    );
    if (updated) {
      qc.setQueryData(['merchant', merchant.id], updated);
      setD({ account_name: '', bsb: '', bank_name: '', account_number: '' });
      setSaved(updated.payout_account?.masked ?? '');
    }
  };

  return (
    <form className="mc-form" onSubmit={submit} noValidate aria-label={t('payouts.account.change')}>
      <p className="ui-muted mc-wide">{t('payouts.account.hint', { country: t(`country.${country}`) })}</p>
      <Field label={t('application.account_name')} error={form.errors['payout_account.account_name']}>
        {(p) => <Input {...p} autoComplete="off" maxLength={NAME_MAX} value={d.account_name} onChange={set('account_name')} />}
      </Field>
      {country === 'AU' ? (
        <Field label={t('application.bsb')} error={form.errors['payout_account.bsb']}>
          {(p) => <Input {...p} autoComplete="off" inputMode="numeric" value={d.bsb} onChange={set('bsb')} />}
        </Field>
      ) : null}
      {country === 'CN' ? (
        <Field label={t('application.bank_name')} error={form.errors['payout_account.bank_name']}>
          {(p) => <Input {...p} autoComplete="off" maxLength={NAME_MAX} value={d.bank_name} onChange={set('bank_name')} />}
        </Field>
      ) : null}
      <Field
        label={t('application.account_number')}
        hint={country === 'NZ' ? t('application.invalid_account.NZ') : undefined}
        error={form.errors['payout_account.account_number']}
      >
        {(p) => <Input {...p} autoComplete="off" value={d.account_number} onChange={set('account_number')} />}
      </Field>
      <div className="mc-wide ui-stack">
        <FormError error={form.formError} />
        {saved !== null ? <Notice tone="success">{t('payouts.account.saved', { masked: saved })}</Notice> : null}
        <div>
          <Button type="submit" busy={form.busy}>
            {t('payouts.account.change')}
          </Button>
        </div>
      </div>
    </form>
  );
}
