// Real-name verification (China CBEC: the buyer is named by name + resident ID number and pays).
// The same rules as the server (src/modules/identity/rules.ts) run before sending.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateChinaMobile, validateRealName, validateResidentIdNumber } from '../../../src/modules/identity/rules.ts';
import { api, unwrap } from '../../shared/api/client';
import { Button, Field, Input, Notice } from '../../shared/ui';
import { useFormErrors } from '../lib';

type F = 'real_name' | 'id_number' | 'mobile';

export function IdentityForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [realName, setRealName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [mobile, setMobile] = useState('');
  const f = useFormErrors(['real_name', 'id_number', 'mobile'] as const);
  const verify = useMutation({
    mutationFn: (body: { real_name: string; id_number: string; mobile: string }) => unwrap(api.POST('/v1/shopper/identity', { body })),
    onSuccess: async (data) => {
      qc.setQueryData(['identity'], data);
      await qc.invalidateQueries({ queryKey: ['wallet'] });
      await qc.invalidateQueries({ queryKey: ['quota'] });
      onDone?.();
    },
    onError: (err) => f.fromApi(err),
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const errors: Partial<Record<F, string>> = {};
        const name = validateRealName(realName);
        if (!name.ok) errors.real_name = t(`validation.real_name.${name.reason}`);
        const id = validateResidentIdNumber(idNumber, new Date());
        if (!id.ok) errors.id_number = t(`validation.id_number.${id.reason}`);
        const m = validateChinaMobile(mobile);
        if (!m.ok) errors.mobile = t(`validation.mobile.${m.reason}`);
        if (!f.set(errors) || !name.ok || !id.ok || !m.ok) return;
        verify.mutate({ real_name: name.value, id_number: id.value, mobile: m.value });
      }}
    >
      {f.formError ? <Notice tone="danger">{f.formError}</Notice> : null}
      <p className="ui-muted">{t('identity.why')}</p>
      <Field label={t('identity.real_name')} hint={t('identity.real_name_hint')} error={f.errors.real_name}>
        {(p) => <Input {...p} autoComplete="name" value={realName} onChange={(e) => setRealName(e.target.value)} maxLength={60} />}
      </Field>
      <Field label={t('identity.id_number')} hint={t('identity.id_number_hint')} error={f.errors.id_number}>
        {(p) => (
          <Input {...p} autoComplete="off" inputMode="text" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={40} />
        )}
      </Field>
      <Field label={t('identity.mobile')} error={f.errors.mobile}>
        {(p) => <Input {...p} type="tel" autoComplete="tel" value={mobile} onChange={(e) => setMobile(e.target.value)} maxLength={30} />}
      </Field>
      <Button type="submit" busy={verify.isPending} className="sf-block">
        {t('identity.submit')}
      </Button>
    </form>
  );
}
