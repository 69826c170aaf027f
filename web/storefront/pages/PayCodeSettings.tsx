// The pay code's no-confirmation limit (免密支付额度): code payments up to it go through at the
// till at once; above it (or always, with no limit) the shopper confirms each in the wallet.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { formatMoney, parseAmount } from '../../shared/money';
import { Button, Card, Field, Input, MoneyText, Notice, QueryView } from '../../shared/ui';
import { RequireShopper } from '../components/RequireShopper';
import { useFormErrors } from '../lib';

export default function PayCodeSettingsPage() {
  const { t } = useTranslation();
  return (
    <RequireShopper title={t('instore.limit.title')}>
      <div className="ui-stack sf-narrow">
        <h1>{t('instore.limit.title')}</h1>
        <LimitForm />
        <Link to="/wallet/pay-code">{t('instore.limit.back')}</Link>
      </div>
    </RequireShopper>
  );
}

function LimitForm() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const code = useQuery({ queryKey: ['payment-code'], queryFn: () => unwrap(api.GET('/v1/wallet/payment-code')), gcTime: 0 });
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const f = useFormErrors(['no_confirmation_limit'] as const);
  const save = useMutation({
    mutationFn: (amount: string | null) =>
      unwrap(
        api.POST('/v1/wallet/payment-code/settings', {
          body: { no_confirmation_limit: amount === null ? null : { amount, currency: 'CNY' } },
        }),
      ),
    onSuccess: async () => {
      setSaved(true);
      setText('');
      await qc.invalidateQueries({ queryKey: ['payment-code'] });
    },
    onError: (err) => f.fromApi(err),
  });
  return (
    <QueryView query={code}>
      {(c) => {
        const max = c.max_no_confirmation_limit;
        const submit = (e: FormEvent) => {
          e.preventDefault();
          setSaved(false);
          const amount = text.trim() === '' ? '0' : parseAmount(text, 'CNY');
          if (amount === null || BigInt(amount) > BigInt(max.amount)) {
            f.set({ no_confirmation_limit: t('instore.limit.invalid', { max: formatMoney(max, i18n.language) }) });
            return;
          }
          f.reset();
          save.mutate(amount === '0' ? null : amount);
        };
        return (
          <Card>
            <div className="ui-stack">
              <p>
                {t('instore.limit.current')}{' '}
                <strong>
                  {c.no_confirmation_limit && c.no_confirmation_limit.amount !== '0' ? (
                    <MoneyText value={c.no_confirmation_limit} />
                  ) : (
                    t('instore.limit.none')
                  )}
                </strong>
              </p>
              <p className="ui-muted">{t('instore.limit.explain')}</p>
              {saved ? <Notice tone="success">{t('instore.limit.saved')}</Notice> : null}
              {f.formError ? <Notice tone="danger">{f.formError}</Notice> : null}
              <form noValidate onSubmit={submit} className="ui-stack">
                <Field
                  label={t('instore.limit.amount')}
                  hint={t('instore.limit.hint', { max: formatMoney(max, i18n.language) })}
                  error={f.errors.no_confirmation_limit}
                >
                  {(p) => <Input {...p} inputMode="decimal" value={text} maxLength={10} onChange={(e) => setText(e.target.value)} />}
                </Field>
                <Button type="submit" busy={save.isPending} className="sf-block">
                  {t('instore.limit.save')}
                </Button>
              </form>
            </div>
          </Card>
        );
      }}
    </QueryView>
  );
}
