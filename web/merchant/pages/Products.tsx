// The merchant's products, newest first, with their status and what still blocks their listing.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { Card, EmptyState, Field, MoneyText, QueryView, Select, Table } from '../../shared/ui';
import { productName, Status } from '../components/format';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';

const STATUSES = ['draft', 'active', 'archived'] as const;
type ProductStatus = (typeof STATUSES)[number];

export function Products() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = STATUSES.includes(raw as ProductStatus) ? (raw as ProductStatus) : undefined;
  const cursor = useCursor(params.toString());
  const query = useQuery({
    queryKey: ['products', 'list', status, cursor.after],
    queryFn: () => unwrap(api.GET('/v1/products', { params: { query: { status, limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });
  const zh = i18n.language === 'zh-CN';

  return (
    <div className="mc-page">
      <div className="mc-head">
        <h1>{t('products.title')}</h1>
        <Link className="ui-button ui-button--primary" to="/products/new">
          {t('products.new')}
        </Link>
      </div>
      <Card>
        <div className="mc-filters">
          <Field label={t('products.status')}>
            {(p) => (
              <Select {...p} value={status ?? ''} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}>
                <option value="">{t('common:all')}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`product_status.${s}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <QueryView query={query} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('products.none')} />}>
          {(d) => (
            <Table
              caption={t('products.title')}
              head={[t('products.name'), t('products.status'), t('products.variants'), t('products.price'), t('products.listing')]}
            >
              {d.data.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/products/${p.id}`}>{productName(p.text, zh) || p.id}</Link>
                  </td>
                  <td>
                    <Status kind="product_status" value={p.status} />
                  </td>
                  <td>{p.variants.length}</td>
                  <td>{p.variants[0] ? <MoneyText value={p.variants[0].price} /> : null}</td>
                  <td>
                    {p.status === 'archived'
                      ? null
                      : p.listing_issues.length
                        ? t('products.issues', { count: p.listing_issues.length })
                        : t('products.listable')}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
        <Pager cursor={cursor} data={query.data} />
      </Card>
    </div>
  );
}
