// Search results with facets: category, brand, origin, where it ships from, price; and sorting.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { formatMoney } from '../../shared/money';
import { Button, EmptyState, Field, Notice, QueryView, Select } from '../../shared/ui';
import { ProductCard } from '../components/ProductCard';
import { SearchForm } from '../components/SearchForm';
import { useCountryParam } from '../lib';

const PAGE = 24;
const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
type Sort = (typeof SORTS)[number];

export function SearchPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const country = useCountryParam();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? undefined;
  const brand = params.get('brand') ?? undefined;
  const origin = params.get('origin') ?? undefined;
  const shipsFrom = (params.get('ships_from') as 'bonded' | 'overseas' | null) ?? undefined;
  const priceMin = params.get('price_min');
  const priceMax = params.get('price_max');
  const sortParam = params.get('sort');
  const sort: Sort = SORTS.includes(sortParam as Sort) ? (sortParam as Sort) : 'relevance';
  const pages = Math.max(1, Number(params.get('pages')) || 1);

  const query = {
    ...(q ? { q } : {}),
    ...(category ? { category } : {}),
    ...(brand ? { brand } : {}),
    ...(origin ? { country_of_origin: origin } : {}),
    ...(shipsFrom ? { ships_from: shipsFrom } : {}),
    ...(priceMin ? { price_min: Number(priceMin) } : {}),
    ...(priceMax ? { price_max: Number(priceMax) } : {}),
    ...(country ? { country } : {}),
    sort,
    limit: PAGE * pages,
  };
  const results = useQuery({
    queryKey: ['storefront', 'search', query],
    queryFn: () => unwrap(api.GET('/v1/storefront/products', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  const toggle = (key: string, value: string | null, extra: Record<string, string | null> = {}) => {
    const next = new URLSearchParams(params);
    next.delete('pages');
    for (const [k, v] of Object.entries({ [key]: value, ...extra })) {
      if (v === null || params.get(k) === v) next.delete(k);
      else next.set(k, v);
    }
    return `/search?${next}`;
  };

  const facetLink = (
    key: string,
    value: string,
    label: string,
    count: number,
    selected: boolean,
    extra?: Record<string, string | null>,
  ) => (
    <li key={`${key}-${value}`}>
      <Link
        className={`sf-chip${selected ? ' sf-chip--on' : ''}`}
        to={toggle(key, value, extra)}
        aria-current={selected ? 'true' : undefined}
      >
        {label} <span className="sf-chip__count">{t('search.count', { count })}</span>
      </Link>
    </li>
  );

  return (
    <div className="ui-stack">
      <h1>{q ? t('search.title_q', { q }) : t('search.title')}</h1>
      <SearchForm key={q} initial={q} />
      <QueryView query={results}>
        {(data) => {
          const money = (minor: number) => formatMoney({ amount: String(minor), currency: data.currency }, i18n.language);
          return (
            <>
              {data.corrections.length > 0 ? (
                <Notice tone="info">
                  {t('search.corrected', { words: data.corrections.map((c) => `${c.from} → ${c.to}`).join(', ') })}
                </Notice>
              ) : null}
              <details className="sf-filters" open={window.matchMedia?.('(min-width: 720px)').matches}>
                <summary>{t('search.filters')}</summary>
                <section aria-labelledby="f-title" className="sf-filters__body">
                  <h2 id="f-title" className="ui-visually-hidden">
                    {t('search.filters')}
                  </h2>
                  <h3>{t('search.facet.category')}</h3>
                  <ul className="sf-chips">
                    {data.facets.category.map((f) =>
                      facetLink('category', f.value, t(`category.${f.value}`, { defaultValue: f.value }), f.count, category === f.value),
                    )}
                  </ul>
                  <h3>{t('search.facet.brand')}</h3>
                  <ul className="sf-chips">
                    {data.facets.brand.map((f) => facetLink('brand', f.value, f.value, f.count, brand === f.value))}
                  </ul>
                  <h3>{t('search.facet.origin')}</h3>
                  <ul className="sf-chips">
                    {data.facets.country_of_origin.map((f) =>
                      facetLink('origin', f.value, t(`country.${f.value}`, { defaultValue: f.value }), f.count, origin === f.value),
                    )}
                  </ul>
                  <h3>{t('search.facet.ships_from')}</h3>
                  <ul className="sf-chips">
                    {data.facets.ships_from.map((f) =>
                      facetLink(
                        'ships_from',
                        f.value,
                        t(
                          f.value === 'bonded'
                            ? 'ships_from.bonded_short'
                            : `ships_from.overseas_short_${data.country === 'CN' ? 'ANZ' : 'CN'}`,
                        ),
                        f.count,
                        shipsFrom === f.value,
                      ),
                    )}
                  </ul>
                  <h3>{t('search.facet.price')}</h3>
                  <ul className="sf-chips">
                    {data.facets.price.buckets
                      .filter((b) => b.count > 0)
                      .map((b) =>
                        facetLink(
                          'price_min',
                          String(b.from),
                          b.to === null
                            ? t('search.price_over', { from: money(b.from) })
                            : t('search.price_range', { from: money(b.from), to: money(b.to) }),
                          b.count,
                          priceMin === String(b.from),
                          { price_max: priceMin === String(b.from) ? null : b.to === null ? null : String(b.to) },
                        ),
                      )}
                  </ul>
                </section>
              </details>
              <div className="ui-row sf-results-bar">
                <p className="ui-muted" aria-live="polite">
                  {t('search.total', { count: data.total })}
                </p>
                <Field label={t('search.sort')}>
                  {(p) => (
                    <Select
                      {...p}
                      value={sort}
                      onChange={(e) => {
                        const next = new URLSearchParams(params);
                        next.set('sort', e.target.value);
                        setParams(next);
                      }}
                    >
                      {SORTS.map((s) => (
                        <option key={s} value={s}>
                          {t(`search.sort_by.${s}`)}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              </div>
              <section aria-labelledby="r-title">
                <h2 id="r-title" className="ui-visually-hidden">
                  {t('search.results')}
                </h2>
                {data.data.length === 0 ? (
                  <EmptyState title={t('search.empty')}>
                    <Link to="/search">{t('search.clear')}</Link>
                  </EmptyState>
                ) : (
                  <div className="ui-grid sf-products">
                    {data.data.map((p) => (
                      <ProductCard key={p.id} product={p} />
                    ))}
                  </div>
                )}
              </section>
              {data.has_more ? (
                <Button
                  variant="secondary"
                  busy={results.isFetching}
                  onClick={() => {
                    const next = new URLSearchParams(params);
                    next.set('pages', String(pages + 1));
                    setParams(next, { replace: true, preventScrollReset: true });
                  }}
                >
                  {t('common:load_more')}
                </Button>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
