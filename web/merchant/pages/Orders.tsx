// The merchant's orders, newest first, filtered by state, creation date and origin.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Input, MoneyText, QueryView, Select, Table } from '../../shared/ui';
import { DateTime, Status } from '../components/format';
import { type FieldErrors, useRules, useSubmit } from '../components/forms';
import { ORDER_STATES } from '../../../src/modules/orders/rules';
import { dayBound } from '../../shared/forms';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';

type OrderStateName = (typeof ORDER_STATES)[number];
const ORIGIN_KINDS = ['bonded_warehouse', 'merchant_warehouse'];

export function Orders() {
  const { t } = useTranslation();
  const rules = useRules();
  const [params, setParams] = useSearchParams();
  const rawState = params.get('state');
  const state = ORDER_STATES.includes(rawState as OrderStateName) ? (rawState as OrderStateName) : undefined;
  const origin = params.get('origin') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const cursor = useCursor(params.toString());
  const [draft, setDraft] = useState({ state: state ?? '', origin, from, to });
  const form = useSubmit(['created_from', 'created_to', 'origin']);

  const locations = useQuery({
    queryKey: ['locations'],
    queryFn: () => unwrap(api.GET('/v1/locations', { params: { query: { limit: 100 } } })),
  });
  const query = useQuery({
    queryKey: ['orders', params.toString(), cursor.after],
    queryFn: () =>
      unwrap(
        api.GET('/v1/orders', {
          params: {
            query: {
              state,
              origin: origin || undefined,
              created_from: from ? dayBound(from, false) : undefined,
              created_to: to ? dayBound(to, true) : undefined,
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
    <div className="mc-page">
      <h1>{t('orders.title')}</h1>
      <Card>
        <form className="mc-filters" onSubmit={apply} noValidate aria-label={t('orders.filters')}>
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
          <Field label={t('orders.origin')} error={form.errors.origin}>
            {(p) => (
              <Select {...p} value={draft.origin} onChange={(e) => setDraft({ ...draft, origin: e.target.value })}>
                <option value="">{t('common:all')}</option>
                {ORIGIN_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`origin_kind.${k}`)}
                  </option>
                ))}
                {locations.data?.data.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
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
              head={[
                t('orders.order'),
                t('orders.created'),
                t('orders.buyer'),
                t('orders.destination'),
                t('orders.state'),
                t('orders.total'),
              ]}
            >
              {d.data.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/orders/${o.id}`} className="mc-code">
                      {o.id}
                    </Link>
                  </td>
                  <td>
                    <DateTime value={o.created_at} />
                  </td>
                  <td>{o.buyer.name}</td>
                  <td>{o.address.region ? t(`region.${o.address.region}`, { defaultValue: o.address.region }) : null}</td>
                  <td>
                    <Status kind="order_state" value={o.state} />
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
