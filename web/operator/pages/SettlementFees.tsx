// The fee schedule: commission per product category (and the default `*` for the others), and the
// payment fee per charge currency (basis points plus a fixed amount); both apply to releases from
// now on (src/modules/payments/settlement/routes.ts).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type paths, unwrap } from '../../shared/api/client';
import { minorDigits, parseAmount, toDecimalString } from '../../shared/money';
import { Button, Card, Field, Input, MoneyText, Notice, QueryView, Select, Table } from '../../shared/ui';
import { type FieldErrors, FormError, parseInteger, useRules, useSubmit } from '../components/forms';
import { SettlementFrame, useSettlementActor } from './Settlement';

type Fees = paths['/v1/settlement/fees']['get']['responses'][200]['content']['application/json'];
/** The server's limits (routes.ts): a category code or `*`, commission up to 50 %, payment fee up to 10 %. */
const CATEGORY = /^(\*|[a-z][a-z_]{1,39})$/;
const COMMISSION_MAX = 5000;
const FEE_MAX = 1000;
const CHARGE_CURRENCIES = ['CNY', 'AUD', 'NZD'] as const;
type ChargeCurrency = (typeof CHARGE_CURRENCIES)[number];

/** 150 bps → "1.50 %", exactly. */
export const percent = (bps: number) => `${toDecimalString(String(bps), 2)} %`;

export function SettlementFees() {
  const { t } = useTranslation();
  const { canAct } = useSettlementActor();
  const fees = useQuery({ queryKey: ['settlement-fees'], queryFn: () => unwrap(api.GET('/v1/settlement/fees')) });
  return (
    <SettlementFrame title={t('settlement.fees.title')}>
      <QueryView query={fees}>
        {(f) => (
          <>
            <Card title={t('settlement.fees.commission')}>
              <div className="ui-stack">
                <p className="ui-muted">{t('settlement.fees.commission_hint')}</p>
                <Table caption={t('settlement.fees.commission')} head={[t('settlement.fees.category'), t('settlement.fees.rate')]}>
                  <tr>
                    <td>
                      <span className="op-code">*</span> {t('settlement.fees.default')}
                    </td>
                    <td>{t('settlement.fees.bps', { pct: percent(f.commission.default_bps), n: f.commission.default_bps })}</td>
                  </tr>
                  {Object.entries(f.commission.categories)
                    .sort(([a], [b]) => a.localeCompare(b))
                    .map(([c, bps]) => (
                      <tr key={c}>
                        <td className="op-code">{c}</td>
                        <td>{t('settlement.fees.bps', { pct: percent(bps), n: bps })}</td>
                      </tr>
                    ))}
                </Table>
                {canAct ? <CommissionForm fees={f} /> : null}
              </div>
            </Card>
            <Card title={t('settlement.fees.payment')}>
              <div className="ui-stack">
                <p className="ui-muted">{t('settlement.fees.payment_hint')}</p>
                <Table
                  caption={t('settlement.fees.payment')}
                  head={[t('settlement.currency'), t('settlement.fees.rate'), t('settlement.fees.fixed')]}
                >
                  {f.payment_fees.map((p) => (
                    <tr key={p.currency}>
                      <td>{p.currency}</td>
                      <td>{t('settlement.fees.bps', { pct: percent(p.bps), n: p.bps })}</td>
                      <td>
                        <MoneyText value={p.fixed} />
                      </td>
                    </tr>
                  ))}
                </Table>
                {canAct ? <PaymentFeeForm fees={f} /> : null}
              </div>
            </Card>
          </>
        )}
      </QueryView>
    </SettlementFrame>
  );
}

function CommissionForm({ fees }: { fees: Fees }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const [v, setV] = useState({ category: '*', bps: String(fees.commission.default_bps) });
  const [saved, setSaved] = useState<string | null>(null);
  const form = useSubmit(['category', 'bps']);
  const current = (c: string) => (c === '*' ? fees.commission.default_bps : fees.commission.categories[c]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const errs: FieldErrors = {};
    const category = v.category.trim();
    if (!category) errs.category = rules.required();
    else if (!CATEGORY.test(category)) errs.category = t('settlement.fees.category_format');
    const bps = parseInteger(v.bps);
    if (bps === null || bps < 0 || bps > COMMISSION_MAX) errs.bps = rules.range(0, COMMISSION_MAX);
    const updated = await form.run(errs, () =>
      unwrap(api.PUT('/v1/settlement/fees/commission/{category}', { params: { path: { category } }, body: { bps: bps ?? 0 } })),
    );
    if (updated) {
      qc.setQueryData(['settlement-fees'], updated);
      setSaved(category);
    }
  };

  return (
    <form className="op-form" onSubmit={submit} noValidate aria-label={t('settlement.fees.set_commission')}>
      <Field label={t('settlement.fees.category')} hint={t('settlement.fees.category_hint')} error={form.errors.category}>
        {(p) => (
          <Input
            {...p}
            list="settlement-categories"
            autoComplete="off"
            value={v.category}
            onChange={(e) => {
              const c = e.target.value;
              const bps = current(c.trim());
              setV({ category: c, bps: bps === undefined ? v.bps : String(bps) });
            }}
          />
        )}
      </Field>
      <datalist id="settlement-categories">
        <option value="*" />
        {Object.keys(fees.commission.categories).map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <Field label={t('settlement.fees.commission_bps')} hint={t('settlement.fees.bps_hint')} error={form.errors.bps}>
        {(p) => <Input {...p} inputMode="numeric" value={v.bps} onChange={(e) => setV({ ...v, bps: e.target.value })} />}
      </Field>
      <div className="op-form__wide ui-stack">
        <FormError error={form.formError} />
        {saved ? <Notice tone="success">{t('settlement.fees.commission_saved', { category: saved })}</Notice> : null}
        <div>
          <Button type="submit" busy={form.busy}>
            {t('settlement.fees.set_commission')}
          </Button>
        </div>
      </div>
    </form>
  );
}

function PaymentFeeForm({ fees }: { fees: Fees }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const initial = (c: ChargeCurrency) => {
    const f = fees.payment_fees.find((p) => p.currency === c);
    return { currency: c, bps: String(f?.bps ?? 0), fixed: f ? toDecimalString(f.fixed.amount, minorDigits(c)) : '0' };
  };
  const [v, setV] = useState(initial('CNY'));
  const [saved, setSaved] = useState<string | null>(null);
  const form = useSubmit(['bps', 'fixed']);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const errs: FieldErrors = {};
    const bps = parseInteger(v.bps);
    if (bps === null || bps < 0 || bps > FEE_MAX) errs.bps = rules.range(0, FEE_MAX);
    const fixed = v.fixed.trim() ? parseAmount(v.fixed, v.currency) : '0';
    if (fixed === null) errs.fixed = rules.amount();
    const updated = await form.run(errs, () =>
      unwrap(
        api.PUT('/v1/settlement/fees/payment/{currency}', {
          params: { path: { currency: v.currency } },
          body: { bps: bps ?? 0, fixed: fixed ?? '0' },
        }),
      ),
    );
    if (updated) {
      qc.setQueryData(['settlement-fees'], updated);
      setSaved(v.currency);
    }
  };

  return (
    <form className="op-form" onSubmit={submit} noValidate aria-label={t('settlement.fees.set_payment')}>
      <Field label={t('settlement.currency')}>
        {(p) => (
          <Select {...p} value={v.currency} onChange={(e) => setV(initial(e.target.value as ChargeCurrency))}>
            {CHARGE_CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('settlement.fees.payment_bps')} hint={t('settlement.fees.bps_hint')} error={form.errors.bps}>
        {(p) => <Input {...p} inputMode="numeric" value={v.bps} onChange={(e) => setV({ ...v, bps: e.target.value })} />}
      </Field>
      <Field label={t('settlement.fees.fixed_label', { currency: v.currency })} error={form.errors.fixed}>
        {(p) => <Input {...p} inputMode="decimal" value={v.fixed} onChange={(e) => setV({ ...v, fixed: e.target.value })} />}
      </Field>
      <div className="op-form__wide ui-stack">
        <FormError error={form.formError} />
        {saved ? <Notice tone="success">{t('settlement.fees.payment_saved', { currency: saved })}</Notice> : null}
        <div>
          <Button type="submit" busy={form.busy}>
            {t('settlement.fees.set_payment')}
          </Button>
        </div>
      </div>
    </form>
  );
}
