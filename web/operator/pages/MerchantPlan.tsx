// A merchant's plan on its page in the operator console: the plan in force this month, a change
// scheduled, this month's usage in brief, and (admin, finance) moving it to another plan, at once
// or from its next month (PUT /v1/merchants/:id/plan, audited).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../shared/api/client';
import { Button, Card, Field, MoneyText, Notice, QueryView, Select } from '../../shared/ui';
import { FormError, useSubmit } from '../components/forms';

export function MerchantPlan({ merchantId }: { merchantId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const usage = useQuery({
    queryKey: ['merchant-usage', merchantId],
    queryFn: () => unwrap(api.GET('/v1/merchants/{id}/usage', { params: { path: { id: merchantId } } })),
  });
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => unwrap(api.GET('/v1/plans')) });
  const [plan, setPlan] = useState('');
  const [effective, setEffective] = useState<'next_period' | 'immediately'>('next_period');
  const [done, setDone] = useState<string | null>(null);
  const form = useSubmit(['plan', 'effective']);

  const change = async () => {
    setDone(null);
    const r = await form.run(plan ? {} : { plan: t('billing.choose_plan') }, () =>
      unwrap(api.PUT('/v1/merchants/{id}/plan', { params: { path: { id: merchantId } }, body: { plan, effective } })),
    );
    if (r) {
      setDone(t('billing.changed', { plan: r.plan.name, date: r.effective_from.slice(0, 10) }));
      await qc.invalidateQueries({ queryKey: ['merchant-usage', merchantId] });
    }
  };

  return (
    <Card title={t('billing.title')}>
      <QueryView query={usage}>
        {(u) => (
          <div className="ui-stack">
            <dl className="op-dl">
              <dt>{t('billing.plan')}</dt>
              <dd data-testid="merchant-plan">{u.plan.name}</dd>
              <dt>{t('billing.rate_limit')}</dt>
              <dd>{t('billing.per_minute', { n: u.plan.rate_limit_per_minute })}</dd>
              <dt>{t('billing.period')}</dt>
              <dd>
                {u.period.label} ({u.period.time_zone})
              </dd>
              <dt>{t('billing.usage')}</dt>
              <dd>
                {u.metrics.map((m) => (
                  <div key={m.metric}>
                    {t(`billing.metrics.${m.metric}`)}: {m.used.toLocaleString()}
                    {m.included === null ? '' : ` / ${m.included.toLocaleString()}`}
                  </div>
                ))}
              </dd>
              <dt>{t('billing.estimate')}</dt>
              <dd>
                {u.estimated_total.map((m) => (
                  <div key={m.currency}>
                    <MoneyText value={m} />
                  </div>
                ))}
              </dd>
            </dl>
            {u.scheduled_plan ? (
              <Notice tone="info">
                {t('billing.scheduled', { plan: u.scheduled_plan.code, date: u.scheduled_plan.effective_from.slice(0, 10) })}
              </Notice>
            ) : null}
            {done ? <Notice tone="success">{done}</Notice> : null}
            <FormError error={form.formError} />
            <div className="op-actions">
              <Field label={t('billing.new_plan')} error={form.errors.plan}>
                {(p) => (
                  <Select {...p} value={plan} onChange={(e) => setPlan(e.target.value)}>
                    <option value="">{t('billing.choose_plan')}</option>
                    {(plans.data?.data ?? []).map((x) => (
                      <option key={x.code} value={x.code}>
                        {x.name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={t('billing.effective')} error={form.errors.effective}>
                {(p) => (
                  <Select {...p} value={effective} onChange={(e) => setEffective(e.target.value as typeof effective)}>
                    <option value="next_period">{t('billing.next_period')}</option>
                    <option value="immediately">{t('billing.immediately')}</option>
                  </Select>
                )}
              </Field>
              <Button busy={form.busy} onClick={() => void change()}>
                {t('billing.change')}
              </Button>
            </div>
          </div>
        )}
      </QueryView>
    </Card>
  );
}
