// Checkout: identity (China, once), the quota left, the delivery address in the structure of the
// shopper's country, then the landed cost per order (goods, shipping, tax itemised), a shipping
// option per order, and payment from the wallet with one Idempotency-Key per attempt.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { validateChinaMobile, validateRealName } from '../../../src/modules/identity/rules.ts';
import { ApiError, api, idempotent, unwrap } from '../../shared/api/client';
import { errorText } from '../../shared/i18n';
import { Badge, Button, Card, EmptyState, Field, Input, MoneyText, Notice, QueryView, Select } from '../../shared/ui';
import { IdentityForm } from '../components/IdentityForm';
import { QuotaCard } from '../components/Quota';
import { RequireShopper } from '../components/RequireShopper';
import {
  AU_STATES,
  CN_PROVINCES,
  type Checkout,
  type Country,
  cartKey,
  countryOfCurrency,
  useDates,
  useFormErrors,
  useName,
  useWallet,
} from '../lib';

export default function CheckoutPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  return <RequireShopper title={t('checkout.title')}>{id ? <CheckoutView id={id} /> : <StartCheckout />}</RequireShopper>;
}

async function fetchIdentity() {
  try {
    return await unwrap(api.GET('/v1/shopper/identity'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

function StartCheckout() {
  const { t } = useTranslation();
  const wallet = useWallet();
  const cart = useQuery({ queryKey: cartKey, queryFn: () => unwrap(api.GET('/v1/cart')) });
  return (
    <div className="ui-stack">
      <h1>{t('checkout.title')}</h1>
      <QueryView query={wallet}>
        {(w) => (
          <QueryView
            query={cart}
            isEmpty={(c) => c.groups.length === 0}
            empty={
              <EmptyState title={t('cart.empty')}>
                <Link to="/search">{t('cart.browse')}</Link>
              </EmptyState>
            }
          >
            {(c) => (
              <>
                <Card title={t('checkout.cart_summary')}>
                  <dl className="sf-sums">
                    <dt>{t('cart.goods')}</dt>
                    <dd>
                      <MoneyText value={c.subtotal} />
                    </dd>
                    <dt>{t(c.currency === 'CNY' ? 'cart.tax' : 'cart.gst')}</dt>
                    <dd>
                      <MoneyText value={c.tax} />
                    </dd>
                    <dt>{t('cart.total_with_tax')}</dt>
                    <dd>
                      <MoneyText value={c.total_with_tax} />
                    </dd>
                  </dl>
                  <Link to="/cart">{t('checkout.edit_cart')}</Link>
                </Card>
                {w.identity_required ? <ChinaSteps /> : <AddressStep country={countryOfCurrency(w.currency)} />}
              </>
            )}
          </QueryView>
        )}
      </QueryView>
    </div>
  );
}

function ChinaSteps() {
  const { t } = useTranslation();
  const identity = useQuery({ queryKey: ['identity'], queryFn: fetchIdentity });
  return (
    <QueryView query={identity}>
      {(id) =>
        id ? (
          <>
            <QuotaCard />
            <AddressStep country="CN" recipient={id.real_name} mobile={id.mobile} />
          </>
        ) : (
          <Card title={t('checkout.step_identity')}>
            <IdentityForm />
          </Card>
        )
      }
    </QueryView>
  );
}

type AddrField = 'region' | 'city' | 'district' | 'street' | 'postal_code' | 'recipient' | 'mobile';
const ADDR_FIELDS = ['region', 'city', 'district', 'street', 'postal_code', 'recipient', 'mobile'] as const;

function anzMobileOk(country: 'AU' | 'NZ', input: string) {
  const compact = input.replace(/[\s\-()]/g, '');
  return country === 'AU' ? /^(?:\+61|0061|0)(4\d{8})$/.test(compact) : /^(?:\+64|0064|0)(2\d{7,9})$/.test(compact);
}

function AddressStep({ country, recipient = '', mobile = '' }: { country: Country; recipient?: string; mobile?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [a, setA] = useState<Record<AddrField, string>>({
    region: country === 'NZ' ? 'NZ' : '',
    city: '',
    district: '',
    street: '',
    postal_code: '',
    recipient,
    mobile,
  });
  const f = useFormErrors(ADDR_FIELDS);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/checkouts', {
          body: {
            address: {
              region: a.region,
              city: a.city.trim(),
              street: a.street.trim(),
              recipient: a.recipient.trim(),
              mobile: a.mobile.trim(),
              ...(a.district.trim() ? { district: a.district.trim() } : {}),
              ...(a.postal_code.trim() ? { postal_code: a.postal_code.trim() } : {}),
            },
          },
        }),
      ),
    onSuccess: (c) => {
      qc.setQueryData(['checkout', c.id], c);
      navigate(`/checkout/${c.id}`);
    },
    onError: (err) => f.fromApi(err),
  });
  const set = (k: AddrField) => (e: { target: { value: string } }) => setA((prev) => ({ ...prev, [k]: e.target.value }));
  const validate = () => {
    const e: Partial<Record<AddrField, string>> = {};
    const req = t('validation.required');
    if (!a.region) e.region = req;
    if (!a.city.trim()) e.city = req;
    else if (a.city.length > 100) e.city = t('validation.too_long', { max: 100 });
    if (country === 'CN' && !a.district.trim()) e.district = req;
    else if (a.district.length > 100) e.district = t('validation.too_long', { max: 100 });
    if (!a.street.trim()) e.street = req;
    else if (a.street.length > 300) e.street = t('validation.too_long', { max: 300 });
    const pc = a.postal_code.trim();
    if (country === 'CN' ? pc && !/^\d{6}$/.test(pc) : !/^\d{4}$/.test(pc))
      e.postal_code = t(`validation.postal_code_${country === 'CN' ? 'CN' : 'ANZ'}`);
    const name = validateRealName(a.recipient);
    if (!name.ok || a.recipient.length > 100) e.recipient = t(`validation.real_name.${name.ok ? 'length' : name.reason}`);
    if (country === 'CN') {
      const m = validateChinaMobile(a.mobile);
      if (!m.ok) e.mobile = t(`validation.mobile.${m.reason}`);
    } else if (!anzMobileOk(country, a.mobile)) e.mobile = t(`validation.mobile_${country}`);
    return f.set(e);
  };
  const regions = country === 'CN' ? CN_PROVINCES : country === 'AU' ? AU_STATES : (['NZ'] as const);
  const k = country === 'CN' ? 'CN' : 'ANZ';
  return (
    <Card title={t('checkout.step_address')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (validate()) create.mutate();
        }}
      >
        {f.formError ? <Notice tone="danger">{f.formError}</Notice> : null}
        <Field label={t(`address.${k}.region`)} error={f.errors.region}>
          {(p) => (
            <Select {...p} value={a.region} onChange={set('region')} autoComplete="address-level1">
              {country !== 'NZ' ? <option value="">{t('address.choose')}</option> : null}
              {regions.map((r) => (
                <option key={r} value={r}>
                  {t(`region.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t(`address.${k}.city`)} error={f.errors.city}>
          {(p) => <Input {...p} value={a.city} onChange={set('city')} autoComplete="address-level2" maxLength={100} />}
        </Field>
        {country !== 'AU' ? (
          <Field label={t(`address.${k}.district`)} error={f.errors.district}>
            {(p) => <Input {...p} value={a.district} onChange={set('district')} autoComplete="address-level3" maxLength={100} />}
          </Field>
        ) : null}
        <Field label={t(`address.${k}.street`)} error={f.errors.street}>
          {(p) => <Input {...p} value={a.street} onChange={set('street')} autoComplete="street-address" maxLength={300} />}
        </Field>
        <Field label={t(`address.${k}.postal_code`)} error={f.errors.postal_code}>
          {(p) => (
            <Input
              {...p}
              value={a.postal_code}
              onChange={set('postal_code')}
              inputMode="numeric"
              autoComplete="postal-code"
              maxLength={10}
            />
          )}
        </Field>
        <Field label={t('address.recipient')} hint={country === 'CN' ? t('address.recipient_hint') : undefined} error={f.errors.recipient}>
          {(p) => <Input {...p} value={a.recipient} onChange={set('recipient')} autoComplete="name" maxLength={100} />}
        </Field>
        <Field label={t('address.mobile')} error={f.errors.mobile}>
          {(p) => <Input {...p} type="tel" value={a.mobile} onChange={set('mobile')} autoComplete="tel" maxLength={20} />}
        </Field>
        <Button type="submit" busy={create.isPending} className="sf-block">
          {t('checkout.continue')}
        </Button>
      </form>
    </Card>
  );
}

function CheckoutView({ id }: { id: string }) {
  const { t } = useTranslation();
  const checkout = useQuery({
    queryKey: ['checkout', id],
    queryFn: () => unwrap(api.GET('/v1/checkouts/{id}', { params: { path: { id } } })),
  });
  return (
    <div className="ui-stack">
      <h1>{t('checkout.title')}</h1>
      <QueryView query={checkout}>{(c) => <CheckoutDetail checkout={c} />}</QueryView>
    </div>
  );
}

function CheckoutDetail({ checkout: c }: { checkout: Checkout }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const name = useName();
  const { dateTime, day } = useDates();
  const wallet = useWallet();
  const [payKey, setPayKey] = useState<string | null>(null);
  const [payError, setPayError] = useState<unknown>(null);
  const cn = c.currency === 'CNY';

  const shipping = useMutation({
    mutationFn: (v: { order: number; service_code: string }) =>
      unwrap(api.POST('/v1/checkouts/{id}/shipping', { params: { path: { id: c.id } }, body: v })),
    onSuccess: (data) => qc.setQueryData(['checkout', c.id], data),
  });
  const pay = useMutation({
    mutationFn: (key: string) => unwrap(api.POST('/v1/checkouts/{id}/pay', { params: { path: { id: c.id } }, headers: idempotent(key) })),
    onSuccess: (res) => {
      setPayKey(null);
      navigate(`/orders?checkout=${encodeURIComponent(res.checkout)}&paid=1`);
      for (const k of ['cart', 'wallet', 'orders', 'quota', 'statement']) void qc.invalidateQueries({ queryKey: [k] });
    },
    onError: (err) => {
      setPayError(err);
      // A definite answer (4xx) is final for this key; a network error or 5xx may be retried with it.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) setPayKey(null);
    },
  });
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/checkouts/{id}/cancel', { params: { path: { id: c.id } } })),
    onSuccess: (data) => {
      qc.setQueryData(['checkout', c.id], data);
      void qc.invalidateQueries({ queryKey: ['cart'] });
    },
  });

  // A checkout paid earlier (e.g. opened again from history) shows its orders.
  const paying = pay.isPending || pay.isSuccess;
  useEffect(() => {
    if (!paying && c.status === 'completed' && c.order_ids.length)
      navigate(`/orders?checkout=${encodeURIComponent(c.id)}`, { replace: true });
  }, [paying, c.status, c.id, c.order_ids.length, navigate]);

  if (c.status !== 'open') {
    return (
      <Notice tone="warning">
        {t(`checkout.status.${c.status}`)} <Link to="/cart">{t('checkout.back_to_cart')}</Link>
      </Notice>
    );
  }

  const short = payError instanceof ApiError && payError.code === 'insufficient_funds';
  return (
    <>
      <Notice tone="info">{t('checkout.expires', { time: dateTime(c.expires_at) })}</Notice>
      <Card title={t('checkout.deliver_to')}>
        <p>
          {c.address.recipient} · {c.address.mobile}
          <br />
          {t(`region.${c.address.region}`, { defaultValue: c.address.region })} {c.address.city} {c.address.district ?? ''}{' '}
          {c.address.street} {c.address.postal_code ?? ''}
        </p>
      </Card>
      {c.orders.map((o, i) => (
        <section key={`${o.merchant.id}-${o.origin.location_id}`} className="ui-card" aria-labelledby={`order-${i}`}>
          <header className="ui-card__header">
            <h2 id={`order-${i}`} className="ui-card__title">
              {t('checkout.order_n', { n: i + 1, merchant: o.merchant.name })}
            </h2>
            <Badge tone={o.origin.kind === 'bonded_warehouse' ? 'success' : 'info'}>{t(`checkout.mode.${o.origin.mode}`)}</Badge>
          </header>
          <ul className="sf-lines">
            {o.lines.map((l) => {
              const n = name(l.name);
              const lineTax = o.tax.lines.find((x) => x.variant_id === l.variant_id);
              return (
                <li key={l.variant_id} className="sf-line">
                  <div className="sf-line__main">
                    <span lang={n.lang}>{n.name}</span>
                    <div className="ui-muted">
                      {t('checkout.qty_price', { count: l.quantity })} <MoneyText value={l.unit_price_shown} />
                    </div>
                  </div>
                  {lineTax ? (
                    <div className="sf-line__amounts ui-muted">
                      {t(cn ? 'checkout.line_tax' : 'checkout.line_gst', { rate: (Number(lineTax.effective_rate) * 100).toFixed(2) })}{' '}
                      <MoneyText value={lineTax.tax} />
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <fieldset className="sf-options">
            <legend>{t('checkout.shipping')}</legend>
            {o.shipping.options.map((opt) => (
              <label key={opt.service_code} className="sf-option">
                <input
                  type="radio"
                  name={`ship-${i}`}
                  value={opt.service_code}
                  checked={opt.service_code === o.shipping.service_code}
                  disabled={shipping.isPending}
                  onChange={() => shipping.mutate({ order: i, service_code: opt.service_code })}
                />
                <span>
                  {t(`service.${opt.service_code}`, { defaultValue: opt.name })}
                  <span className="ui-muted">
                    {' · '}
                    {t('checkout.delivery', { from: day(opt.estimated_delivery.earliest), to: day(opt.estimated_delivery.latest) })}
                  </span>
                </span>
                <MoneyText value={opt.price_shown} />
              </label>
            ))}
          </fieldset>
          <dl className="sf-sums">
            <dt>{t('checkout.goods')}</dt>
            <dd>
              <MoneyText value={o.totals.goods} />
            </dd>
            <dt>{t('checkout.shipping_cost')}</dt>
            <dd>
              <MoneyText value={o.totals.shipping} />
            </dd>
            {cn ? (
              <>
                <dt className="sf-sums__sub">{t('checkout.dutiable')}</dt>
                <dd className="sf-sums__sub">
                  <MoneyText value={o.tax.dutiable} />
                </dd>
                <dt className="sf-sums__sub">{t('checkout.tariff')}</dt>
                <dd className="sf-sums__sub">
                  <MoneyText value={o.tax.tariff} />
                </dd>
                <dt className="sf-sums__sub">{t('checkout.vat')}</dt>
                <dd className="sf-sums__sub">
                  <MoneyText value={o.tax.vat} />
                </dd>
                <dt className="sf-sums__sub">{t('checkout.consumption_tax')}</dt>
                <dd className="sf-sums__sub">
                  <MoneyText value={o.tax.consumption_tax} />
                </dd>
              </>
            ) : null}
            <dt>{t(cn ? 'checkout.tax' : 'checkout.gst')}</dt>
            <dd>
              <MoneyText value={o.totals.tax} />
            </dd>
            <dt className="sf-sums__total">{t('checkout.order_total')}</dt>
            <dd className="sf-sums__total">
              <MoneyText value={o.totals.total} />
            </dd>
          </dl>
          <p className="ui-muted sf-small">
            {t(`checkout.regime.${o.tax.regime}`, { defaultValue: o.tax.regime })}
            {o.tax.gst_registration ? ` · ${t('checkout.gst_registration', { number: o.tax.gst_registration })}` : ''}
          </p>
        </section>
      ))}
      {shipping.isError ? <Notice tone="danger">{errorText(shipping.error)}</Notice> : null}
      {c.quota ? (
        <Card title={t('checkout.quota_title')}>
          <dl className="sf-sums">
            <dt>{t('checkout.quota_before', { year: c.quota.year })}</dt>
            <dd>
              <MoneyText value={c.quota.used} />
            </dd>
            <dt>{t('checkout.quota_this')}</dt>
            <dd>
              <MoneyText value={c.quota.this_checkout} />
            </dd>
            <dt className="sf-sums__total">{t('checkout.quota_after')}</dt>
            <dd className="sf-sums__total">
              <MoneyText value={c.quota.remaining_after} />
            </dd>
          </dl>
        </Card>
      ) : null}
      <section className="ui-card sf-pay" aria-labelledby="pay-title">
        <h2 id="pay-title" className="ui-card__title">
          {t('checkout.landed_cost')}
        </h2>
        <dl className="sf-sums">
          <dt>{t('checkout.goods')}</dt>
          <dd>
            <MoneyText value={c.totals.goods} />
          </dd>
          <dt>{t('checkout.shipping_cost')}</dt>
          <dd>
            <MoneyText value={c.totals.shipping} />
          </dd>
          <dt>{t(cn ? 'checkout.tax' : 'checkout.gst')}</dt>
          <dd>
            <MoneyText value={c.totals.tax} />
          </dd>
          <dt className="sf-sums__total">{t('checkout.total')}</dt>
          <dd className="sf-sums__total">
            <MoneyText className="ui-price sf-big" value={c.totals.total} />
          </dd>
          <dt>{t('checkout.wallet_balance')}</dt>
          <dd>{wallet.data ? <MoneyText value={wallet.data.available} /> : '…'}</dd>
        </dl>
        {payError ? (
          <Notice tone="danger">
            {errorText(payError)}{' '}
            {short ? <Link to={`/wallet?next=${encodeURIComponent(`/checkout/${c.id}`)}`}>{t('checkout.top_up')}</Link> : null}
          </Notice>
        ) : null}
        <Button
          className="sf-block"
          busy={pay.isPending}
          onClick={() => {
            const key = payKey ?? crypto.randomUUID();
            setPayKey(key);
            setPayError(null);
            pay.mutate(key);
          }}
        >
          {t('checkout.pay')}
          <MoneyText value={c.totals.total} />
        </Button>
        <Button variant="ghost" busy={cancel.isPending} onClick={() => cancel.mutate()}>
          {t('checkout.cancel')}
        </Button>
      </section>
    </>
  );
}
