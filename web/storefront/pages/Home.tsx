// Home: search, the categories, the featured ANZ brands and a shelf of products.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { EmptyState, QueryView } from '../../shared/ui';
import { ProductCard } from '../components/ProductCard';
import { SearchForm } from '../components/SearchForm';
import { CATEGORIES, useCountryParam } from '../lib';

export function Home() {
  const { t } = useTranslation();
  const country = useCountryParam();
  const featured = useQuery({
    queryKey: ['storefront', 'home', country],
    queryFn: () =>
      unwrap(api.GET('/v1/storefront/products', { params: { query: { limit: 8, sort: 'newest', ...(country ? { country } : {}) } } })),
  });
  const withCountry = (q: string) => `/search?${q}${country ? `&country=${country}` : ''}`;
  const foreign = featured.data?.country && featured.data.country !== 'CN';
  return (
    <div className="ui-stack sf-home">
      <section className="sf-hero">
        <h1>{t(foreign ? 'home.title_anz' : 'home.title')}</h1>
        <p>{t(foreign ? 'home.subtitle_anz' : 'home.subtitle')}</p>
        <SearchForm />
      </section>
      <section aria-labelledby="home-categories">
        <h2 id="home-categories">{t('home.categories')}</h2>
        <ul className="sf-chips sf-chips--grid">
          {CATEGORIES.map((c) => (
            <li key={c}>
              <Link className="sf-chip sf-chip--category" to={withCountry(`category=${c}`)}>
                {t(`category.${c}`)}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <QueryView query={featured} empty={<EmptyState title={t('search.empty')} />} isEmpty={(d) => d.data.length === 0}>
        {(data) => (
          <>
            <section aria-labelledby="home-brands">
              <h2 id="home-brands">{t(data.country === 'CN' ? 'home.brands' : 'home.brands_anz')}</h2>
              <ul className="sf-chips">
                {data.facets.brand.map((b) => (
                  <li key={b.value}>
                    <Link className="sf-chip" to={withCountry(`brand=${encodeURIComponent(b.value)}`)}>
                      {b.value} <span className="ui-muted">{t('home.brand_count', { count: b.count })}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="home-new">
              <h2 id="home-new">{t('home.new')}</h2>
              <div className="ui-grid sf-products">
                {data.data.map((p) => (
                  <ProductCard key={p.id} product={p} />
                ))}
              </div>
            </section>
          </>
        )}
      </QueryView>
    </div>
  );
}
