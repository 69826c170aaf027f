// Orders across merchants, newest first, with the API's filters.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Input, MoneyText, QueryView, Select, Table } from '../../shared/ui';
import { DateTime, OrderState } from '../components/format';
import { type FieldErrors, useRules, useSubmit } from '../components/forms';
import { ORDER_STATES } from '../../../src/modules/orders/rules';
import { dayBound } from '../../shared/forms';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';

export const CUSTOMS_MODES = ['1210', '9610', 'export'] as const;

const pick = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v && (list as readonly string[]).includes(v) ? (v as T) : undefined;

export function Orders() {
  const { t } = useTranslation();
  const rules = useRules();
  const [params, setParams] = useSearchParams();
  const state = pick(ORDER_STATES, params.get('state'));
  const customsMode = pick(CUSTOMS_MODES, params.get('customs_mode'));
  const merchant = params.get('merchant') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const cursor = useCursor(params.toString());

  const [draft, setDraft] = useState({ state: state ?? '', customs_mode: customsMode ?? '', merchant, from, to });
  const form = useSubmit(['merchant', 'created_from', 'created_to']);

  const merchants = useQuery({
    queryKey: ['merchants', 'approved', 'options'],
    queryFn: () => unwrap(api.GET('/v1/merchants', { params: { query: { limit: 100 } } })),
  });

  const query = useQuery({
    queryKey: ['orders', params.toString(), cursor.after],
    queryFn: () =>
      unwrap(
        api.GET('/v1/orders', {
          params: {
            query: {
              state,
              customs_mode: customsMode,
              merchant: merchant || undefined,
              created_from: dayBound(from, false),
              created_to: dayBound(to, true),
              limit: PAGE_SIZE,
              starting_after: cursor.after,
            },
          },
        }),
      ),
  });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (draft.from && !dayBound(draft.from, false)) errs.created_from = rules.date();
    if (draft.to && !dayBound(draft.to, true)) errs.created_to = rules.date();
    if (draft.from && draft.to && draft.from > draft.to) errs.created_to = t('orders.to_before_from');
    void form.run(errs, async () => {
      const next: Record<string, string> = {};
      for (const [k, v] of Object.entries(draft)) if (v) next[k] = v;
      setParams(next);
    });
  };

  return (
    <div className="op-page">
      <h1>{t('orders.title')}</h1>
      <Card>
        <form className="op-filters" onSubmit={apply} noValidate aria-label={t('filters')}>
          <Field label={t('orders.state')}>
            {(p) => (
              <Select {...p} value={draft.state} onChange={(e) => setDraft({ ...draft, state: e.target.value })}>
                <option value="">{t('common:all')}</option>
                {ORDER_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`order_state.${s}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('orders.merchant')} error={form.errors.merchant}>
            {(p) => (
              <Select {...p} value={draft.merchant} onChange={(e) => setDraft({ ...draft, merchant: e.target.value })}>
                <option value="">{t('common:all')}</option>
                {merchant && !merchants.data?.data.some((m) => m.id === merchant) ? <option value={merchant}>{merchant}</option> : null}
                {merchants.data?.data.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.trading_name ?? m.legal_name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('orders.customs_mode')}>
            {(p) => (
              <Select {...p} value={draft.customs_mode} onChange={(e) => setDraft({ ...draft, customs_mode: e.target.value })}>
                <option value="">{t('common:all')}</option>
                {CUSTOMS_MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(`customs_mode.${m}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('orders.created_from')} error={form.errors.created_from}>
            {(p) => <Input {...p} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
          </Field>
          <Field label={t('orders.created_to')} error={form.errors.created_to}>
            {(p) => <Input {...p} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
          </Field>
          <Button type="submit">{t('common:search')}</Button>
        </form>
      </Card>
      <Card>
        <QueryView query={query} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('orders.none')} />}>
          {(d) => (
            <Table
              caption={t('orders.title')}
              head={[t('orders.order'), t('orders.created'), t('orders.merchant'), t('orders.buyer'), t('orders.state'), t('orders.total')]}
            >
              {d.data.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/orders/${o.id}`} className="op-code">
                      {o.id}
                    </Link>
                  </td>
                  <td>
                    <DateTime value={o.created_at} />
                  </td>
                  <td>
                    {merchants.data?.data.find((m) => m.id === o.merchant)?.trading_name ?? <span className="op-code">{o.merchant}</span>}
                  </td>
                  <td>{o.buyer.name}</td>
                  <td>
                    <OrderState state={o.state} />
                  </td>
                  <td>
                    <MoneyText value={o.amounts.total} />
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
