// The cart across merchants: lines grouped by merchant, each with its tax, quantities set (not
// added) through the API, and the totals as the API computes them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { errorText } from '../../shared/i18n';
import { Badge, Button, Card, EmptyState, MoneyText, Notice, QueryView } from '../../shared/ui';
import { RequireShopper } from '../components/RequireShopper';
import { type Cart, cartKey, useName } from '../lib';

export function CartPage() {
  const { t } = useTranslation();
  return (
    <RequireShopper title={t('cart.title')}>
      <CartView />
    </RequireShopper>
  );
}

function CartView() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const name = useName();
  const cart = useQuery({ queryKey: cartKey, queryFn: () => unwrap(api.GET('/v1/cart')) });
  const setQty = useMutation({
    mutationFn: (v: { variant_id: string; quantity: number }) => unwrap(api.POST('/v1/cart/lines', { body: v })),
    onSuccess: (data) => qc.setQueryData(cartKey, data),
  });
  return (
    <div className="ui-stack">
      <h1>{t('cart.title')}</h1>
      {setQty.isError ? <Notice tone="danger">{errorText(setQty.error)}</Notice> : null}
      <QueryView
        query={cart}
        isEmpty={(c: Cart) => c.groups.length === 0}
        empty={
          <EmptyState title={t('cart.empty')}>
            <Link to="/search">{t('cart.browse')}</Link>
          </EmptyState>
        }
      >
        {(c) => (
          <>
            {c.groups.map((g) => (
              <Card key={g.merchant.id} title={g.merchant.name}>
                <ul className="sf-lines">
                  {g.lines.map((l) => {
                    const n = name(l.name);
                    return (
                      <li key={l.variant_id} className="sf-line">
                        <div className="sf-line__main">
                          <Link to={`/products/${l.product_id}`} lang={n.lang}>
                            {n.name}
                          </Link>
                          {Object.keys(l.options).length ? (
                            <span className="ui-muted"> · {Object.values(l.options).join(' · ')}</span>
                          ) : null}
                          <div className="ui-muted">
                            {t('cart.unit_price')} <MoneyText value={l.unit_price_shown} />
                          </div>
                          {l.issue ? <Badge tone="danger">{t(`cart.issue.${l.issue}`, { available: l.available })}</Badge> : null}
                        </div>
                        <fieldset className="sf-stepper">
                          <legend className="ui-visually-hidden">{t('cart.quantity_of', { name: n.name })}</legend>
                          <Button
                            variant="secondary"
                            aria-label={t('cart.decrease', { name: n.name })}
                            disabled={setQty.isPending}
                            onClick={() => setQty.mutate({ variant_id: l.variant_id, quantity: l.quantity - 1 })}
                          >
                            −
                          </Button>
                          <output aria-live="polite">{l.quantity}</output>
                          <Button
                            variant="secondary"
                            aria-label={t('cart.increase', { name: n.name })}
                            disabled={setQty.isPending || l.quantity >= 99}
                            onClick={() => setQty.mutate({ variant_id: l.variant_id, quantity: l.quantity + 1 })}
                          >
                            +
                          </Button>
                        </fieldset>
                        <div className="sf-line__amounts">
                          <MoneyText className="ui-price" value={l.line_total} />
                          {l.tax ? (
                            <div className="ui-muted">
                              {t(c.currency === 'CNY' ? 'cart.line_tax' : 'cart.line_gst')} <MoneyText value={l.tax} />
                            </div>
                          ) : null}
                          <Button
                            variant="ghost"
                            aria-label={t('cart.remove_item', { name: n.name })}
                            disabled={setQty.isPending}
                            onClick={() => setQty.mutate({ variant_id: l.variant_id, quantity: 0 })}
                          >
                            {t('cart.remove')}
                          </Button>
                        </div>
                      </li>
                    );
                  })}
                </ul>
                <dl className="sf-sums">
                  <dt>{t('cart.subtotal')}</dt>
                  <dd>
                    <MoneyText value={g.subtotal} />
                  </dd>
                  <dt>{t(c.currency === 'CNY' ? 'cart.tax' : 'cart.gst')}</dt>
                  <dd>
                    <MoneyText value={g.tax} />
                  </dd>
                </dl>
                {g.tax_notice ? <Notice tone="warning">{t('cart.tax_notice')}</Notice> : null}
              </Card>
            ))}
            <Card title={t('cart.summary')}>
              <dl className="sf-sums">
                <dt>{t('cart.goods')}</dt>
                <dd>
                  <MoneyText value={c.subtotal} />
                </dd>
                <dt>{t(c.currency === 'CNY' ? 'cart.tax' : 'cart.gst')}</dt>
                <dd>
                  <MoneyText value={c.tax} />
                </dd>
                <dt className="sf-sums__total">{t('cart.total_with_tax')}</dt>
                <dd className="sf-sums__total">
                  <MoneyText className="ui-price" value={c.total_with_tax} />
                </dd>
              </dl>
              <p className="ui-muted">{t(c.currency === 'CNY' ? 'cart.shipping_note' : 'cart.shipping_note_anz')}</p>
              {!c.purchasable ? <Notice tone="warning">{t('cart.not_purchasable')}</Notice> : null}
              {c.purchasable ? (
                <Link className="ui-button ui-button--primary sf-block" to="/checkout">
                  {t('cart.checkout')}
                </Link>
              ) : null}
            </Card>
          </>
        )}
      </QueryView>
    </div>
  );
}
