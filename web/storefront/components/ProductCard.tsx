// One product in a list: image (or a placeholder), name in the reader's language, price from, origin.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, MoneyText } from '../../shared/ui';
import { type Product, useName } from '../lib';

export function ProductImage({ product, size = 'w200' }: { product: Product; size?: 'w200' | 'w800' }) {
  const { i18n } = useTranslation();
  const name = useName();
  const img = product.images[0];
  if (!img) {
    return (
      <div className="sf-img sf-img--empty" aria-hidden="true">
        {product.brand.slice(0, 1)}
      </div>
    );
  }
  const alt = (i18n.language === 'en' ? img.alt.en : (img.alt.zh ?? img.alt['zh-Hans'])) ?? name(product.text).name;
  return <img className="sf-img" src={img.urls[size]} alt={alt} loading="lazy" width={img.width} height={img.height} />;
}

export function ProductCard({ product, headingLevel = 3 }: { product: Product; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const name = useName()(product.text);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="sf-card">
      <ProductImage product={product} />
      <div className="sf-card__body">
        <H className="sf-card__title">
          <Link to={`/products/${product.id}`} lang={name.lang}>
            {name.name}
          </Link>
        </H>
        <p className="sf-card__brand ui-muted">
          {product.brand} · {t(`country.${product.country_of_origin}`, { defaultValue: product.country_of_origin })}
        </p>
        <p className="sf-card__price">
          <span className="ui-visually-hidden">{t('product.price_from')}</span>
          <MoneyText className="ui-price" value={product.price_from} />
        </p>
        <div className="ui-row">
          {product.ships_from.includes('bonded') ? <Badge tone="success">{t('ships_from.bonded_short')}</Badge> : null}
          {product.ships_from.includes('overseas') ? (
            <Badge tone="info">{t(`ships_from.overseas_short_${product.country_of_origin === 'CN' ? 'CN' : 'ANZ'}`)}</Badge>
          ) : null}
        </div>
      </div>
    </article>
  );
}
