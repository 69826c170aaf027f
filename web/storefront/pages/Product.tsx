// Product page: images, Chinese and English text, origin, where it ships from, the price this
// shopper pays with the tax on one item itemised and the delivery estimate (the API's),
// availability, and add to cart.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../../shared/api/client';
import { errorText } from '../../shared/i18n';
import { Badge, Button, Card, Field, Input, MoneyText, Notice, QueryView } from '../../shared/ui';
import { ProductImage } from '../components/ProductCard';
import { DeliveryEstimate, TaxEstimate } from '../components/ProductEstimates';
import { cartKey, useCountryParam, useProductText, useShopper } from '../lib';

type ProductPage = Schemas['StorefrontProductPage'];

export function ProductPage() {
  const { id = '' } = useParams();
  const country = useCountryParam();
  const product = useQuery({
    queryKey: ['storefront', 'product', id, country],
    queryFn: () => unwrap(api.GET('/v1/storefront/products/{id}', { params: { path: { id }, query: country ? { country } : {} } })),
  });
  return <QueryView query={product}>{(p) => <ProductView product={p} />}</QueryView>;
}

function ProductView({ product }: { product: ProductPage }) {
  const { t } = useTranslation();
  const pick = useProductText();
  const text = pick(product.text);
  const main = typeof text.main === 'string' ? undefined : text.main;
  const other = typeof text.other === 'string' ? undefined : text.other;
  const [variantId, setVariantId] = useState(product.variants.find((v) => v.available > 0)?.id ?? product.variants[0]?.id ?? '');
  const variant = product.variants.find((v) => v.id === variantId);
  const market = product.country_of_origin === 'CN' ? 'CN' : 'ANZ';
  const shopperCurrency = product.price_from.currency;
  const country = shopperCurrency === 'CNY' ? 'CN' : shopperCurrency === 'NZD' ? 'NZ' : 'AU';

  return (
    <article className="sf-product">
      <div className="sf-product__media">
        <ProductImage product={product} size="w800" />
        {product.images.length > 1 ? (
          <ul className="sf-thumbs">
            {product.images.slice(1).map((img) => (
              <li key={img.id}>
                <img src={img.urls.w200} alt={img.alt.zh ?? img.alt.en ?? ''} loading="lazy" />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="sf-product__info ui-stack">
        <p className="ui-muted">
          <Link to={`/search?brand=${encodeURIComponent(product.brand)}`}>{product.brand}</Link> ·{' '}
          {t(`category.${product.category}`, { defaultValue: product.category })}
        </p>
        <h1 lang={text.mainLang}>{main?.name}</h1>
        {other ? (
          <p className="sf-product__alt" lang={text.otherLang}>
            {other.name}
          </p>
        ) : null}
        {main?.subtitle ? <p lang={text.mainLang}>{main.subtitle}</p> : null}
        <div className="ui-row">
          <Badge tone="neutral">
            {t('product.origin', { country: t(`country.${product.country_of_origin}`, { defaultValue: product.country_of_origin }) })}
          </Badge>
          {product.ships_from.includes('bonded') ? <Badge tone="success">{t('ships_from.bonded')}</Badge> : null}
          {product.ships_from.includes('overseas') ? (
            <Badge tone="info">
              {t(`ships_from.overseas_${market}`, {
                country: t(`country.${product.country_of_origin}`, { defaultValue: product.country_of_origin }),
              })}
            </Badge>
          ) : null}
        </div>
        <p className="ui-muted">{t('product.sold_by', { merchant: product.merchant.name })}</p>

        {product.variants.length > 1 ? (
          <fieldset className="sf-variants">
            <legend>{t('product.choose_variant')}</legend>
            {product.variants.map((v) => (
              <label key={v.id} className="sf-variant">
                <input type="radio" name="variant" value={v.id} checked={v.id === variantId} onChange={() => setVariantId(v.id)} />
                <span>{Object.values(v.options).join(' · ') || v.sku}</span> <MoneyText value={v.shown_price} />
              </label>
            ))}
          </fieldset>
        ) : variant && Object.keys(variant.options).length > 0 ? (
          <p>{Object.values(variant.options).join(' · ')}</p>
        ) : null}

        {variant ? (
          <Card className="sf-buy">
            {variant.tax_estimate ? (
              <p className="sf-buy__price">
                <span className="ui-muted">{t('product.price_with_tax')}</span>{' '}
                <MoneyText className="ui-price sf-big" value={variant.tax_estimate.price_with_tax} />
              </p>
            ) : (
              <p className="sf-buy__price">
                <span className="ui-muted">{t('product.price')}</span> <MoneyText className="ui-price sf-big" value={variant.shown_price} />
              </p>
            )}
            {variant.shown_fx_rate === null && variant.shown_price.currency !== variant.price.currency ? (
              <p className="ui-muted">{t('product.indicative')}</p>
            ) : null}
            <TaxEstimate variant={variant} country={country} />
            {variant.shown_price.currency !== variant.price.currency ? (
              <p className="ui-muted">
                {t('product.merchant_price')} <MoneyText value={variant.price} />
              </p>
            ) : null}
            <p>{variant.available > 0 ? t('product.in_stock', { count: variant.available }) : t('product.out_of_stock')}</p>
            {variant.delivery.length ? (
              <DeliveryEstimate variant={variant} region={product.region} shipsFromCountry={product.country_of_origin} market={market} />
            ) : variant.available > 0 ? (
              <p className="ui-muted">
                {t(variant.ships_from.includes('bonded') ? 'product.delivery_bonded' : `product.delivery_overseas_${market}`)}
              </p>
            ) : null}
            <AddToCart variantId={variant.id} disabled={variant.available <= 0} />
          </Card>
        ) : null}

        {main?.description ? (
          <section>
            <h2>{t('product.description')}</h2>
            <p lang={text.mainLang}>{main.description}</p>
            {other?.description ? (
              <details>
                <summary>{t('product.other_language')}</summary>
                <p lang={text.otherLang}>{other.description}</p>
              </details>
            ) : null}
          </section>
        ) : null}
        {main?.ingredients ? (
          <section>
            <h2>{t('product.ingredients')}</h2>
            <p lang={text.mainLang}>{main.ingredients}</p>
          </section>
        ) : null}
        {main?.usage ? (
          <section>
            <h2>{t('product.usage')}</h2>
            <p lang={text.mainLang}>{main.usage}</p>
          </section>
        ) : null}
      </div>
    </article>
  );
}

function AddToCart({ variantId, disabled }: { variantId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { signedIn, me } = useShopper();
  const navigate = useNavigate();
  const location = useLocation();
  const [quantity, setQuantity] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const cart = useQuery({ queryKey: cartKey, queryFn: () => unwrap(api.GET('/v1/cart')), enabled: signedIn });
  const inCart = cart.data?.groups.flatMap((g) => g.lines).find((l) => l.variant_id === variantId);
  const add = useMutation({
    mutationFn: (q: number) => unwrap(api.POST('/v1/cart/lines', { body: { variant_id: variantId, quantity: q } })),
    onSuccess: (data) => {
      qc.setQueryData(cartKey, data);
      setError(null);
    },
    onError: (err) => setError(errorText(err)),
  });
  const n = Number(quantity);
  const valid = Number.isInteger(n) && n >= 1 && n <= 99;
  return (
    <div className="ui-stack">
      <Field label={t('product.quantity')} error={valid ? undefined : t('validation.quantity')}>
        {(p) => (
          <Input
            {...p}
            type="number"
            inputMode="numeric"
            min={1}
            max={99}
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            className="sf-qty"
          />
        )}
      </Field>
      <Button
        disabled={disabled || !valid || me.isPending}
        busy={add.isPending}
        onClick={() => {
          if (!signedIn) {
            navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`);
            return;
          }
          add.mutate(Math.min(99, (inCart?.quantity ?? 0) + n));
        }}
      >
        {t('product.add_to_cart')}
      </Button>
      {error ? <Notice tone="danger">{error}</Notice> : null}
      {inCart ? (
        <Notice tone="success">
          {t('product.in_cart', { count: inCart.quantity })} <MoneyText value={inCart.line_total} />
          {inCart.tax ? (
            <>
              {' · '}
              {t('product.in_cart_tax')} <MoneyText value={inCart.tax} />
            </>
          ) : null}{' '}
          <Link to="/cart">{t('product.go_to_cart')}</Link>
        </Notice>
      ) : null}
    </div>
  );
}
