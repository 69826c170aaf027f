// A product page's estimates for the selected variant, from the API: the tax on one item with its
// parts (China: VAT, consumption tax, tariff; Australia / New Zealand: GST or why none), and
// delivery dates from each place it ships from to the page's region.
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../shared/api/client';
import { Badge, MoneyText, Notice } from '../../shared/ui';
import { useDates } from '../lib';

type PageVariant = Schemas['StorefrontProductPage']['variants'][number];

export function TaxEstimate({ variant, country }: { variant: PageVariant; country: 'CN' | 'AU' | 'NZ' }) {
  const { t } = useTranslation();
  const tax = variant.tax_estimate;
  if (!tax) return <Notice tone="warning">{t('product.tax_refused')}</Notice>;
  const cn = country === 'CN';
  const rate = (Number(tax.effective_rate) * 100).toFixed(2);
  return (
    <section className="ui-stack" aria-label={t('product.tax_title')}>
      <dl className="sf-sums">
        <dt>{t('product.price')}</dt>
        <dd>
          <MoneyText value={variant.shown_price} />
        </dd>
        {cn ? (
          <>
            <dt className="sf-sums__sub">{t('checkout.tariff')}</dt>
            <dd className="sf-sums__sub">
              <MoneyText value={tax.tariff} />
            </dd>
            <dt className="sf-sums__sub">{t('checkout.vat')}</dt>
            <dd className="sf-sums__sub">
              <MoneyText value={tax.vat} />
            </dd>
            <dt className="sf-sums__sub">{t('checkout.consumption_tax')}</dt>
            <dd className="sf-sums__sub">
              <MoneyText value={tax.consumption_tax} />
            </dd>
            <dt>{t('checkout.line_tax', { rate })}</dt>
          </>
        ) : (
          <dt>{t(`product.gst_${country}`)}</dt>
        )}
        <dd>
          <MoneyText value={tax.tax} />
        </dd>
        <dt className="sf-sums__total">{t('product.price_with_tax')}</dt>
        <dd className="sf-sums__total">
          <MoneyText value={tax.price_with_tax} />
        </dd>
      </dl>
      <p className="ui-muted sf-small">
        {tax.gst_none_reason
          ? t(`product.gst_none.${tax.gst_none_reason}`)
          : t(`checkout.regime.${tax.regime}`, { defaultValue: tax.regime })}
        {tax.gst_registration ? ` · ${t('checkout.gst_registration', { number: tax.gst_registration })}` : ''}
      </p>
      <p className="ui-muted sf-small">{t(cn ? 'product.tax_shipping_CN' : 'product.tax_shipping_ANZ')}</p>
    </section>
  );
}

export function DeliveryEstimate({
  variant,
  region,
  shipsFromCountry,
  market,
}: {
  variant: PageVariant;
  region: string;
  /** Where an `overseas` option ships from, for its badge. */
  shipsFromCountry: string;
  market: 'CN' | 'ANZ';
}) {
  const { t } = useTranslation();
  const { day } = useDates();
  if (!variant.delivery.length) return null;
  return (
    <section className="ui-stack">
      <h2 className="sf-small">{t('product.delivery_title', { region: t(`region.${region}`, { defaultValue: region }) })}</h2>
      <ul className="sf-lines ui-stack">
        {variant.delivery.map((o) => (
          <li key={`${o.ships_from}-${o.service_code}`}>
            <Badge tone={o.ships_from === 'bonded' ? 'success' : 'info'}>
              {o.ships_from === 'bonded'
                ? t('ships_from.bonded')
                : t(`ships_from.overseas_${market}`, { country: t(`country.${shipsFromCountry}`, { defaultValue: shipsFromCountry }) })}
            </Badge>{' '}
            <strong>{t('checkout.delivery', { from: day(o.estimated_delivery.earliest), to: day(o.estimated_delivery.latest) })}</strong>
            <br />
            <span className="ui-muted sf-small">
              {t(`service.${o.service_code}`, { defaultValue: o.name })} ·{' '}
              {t('product.delivery_days', { min: o.transit_days.min, max: o.transit_days.max })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
