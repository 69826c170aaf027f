// The daily till report (cash-up): each store's business day in its own time zone — payments paid
// that day and refunds given that day, in the store's currency and in CNY, commission and fees,
// for the store and per till. No date: today in each store's zone.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type Schemas, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Input, MoneyText, QueryView, Select } from '../../shared/ui';
import { useRules } from '../components/forms';
import { useStores } from './InstorePayments';
import { StoresTabs } from './Stores';

type Totals = Schemas['InstoreDailyReport']['stores'][number]['totals'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function TillReport() {
  const { t, i18n } = useTranslation();
  /** The business day's bounds on the store's own clock, as its staff count the day. */
  const inZone = (iso: string, timeZone: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
  const rules = useRules();
  const [params, setParams] = useSearchParams();
  const date = DATE.test(params.get('date') ?? '') ? (params.get('date') as string) : '';
  const storeId = params.get('store') ?? '';
  const [draft, setDraft] = useState({ date, store: storeId });
  const [dateError, setDateError] = useState<string | undefined>();
  const stores = useStores();
  const report = useQuery({
    queryKey: ['instore-report', date, storeId],
    queryFn: () =>
      unwrap(api.GET('/v1/instore/reports/daily', { params: { query: { date: date || undefined, store_id: storeId || undefined } } })),
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (draft.date && !DATE.test(draft.date)) {
      setDateError(rules.date());
      return;
    }
    setDateError(undefined);
    const next: Record<string, string> = {};
    if (draft.date) next.date = draft.date;
    if (draft.store) next.store = draft.store;
    setParams(next);
  };
  return (
    <div className="mc-page">
      <h1>{t('stores.report_title')}</h1>
      <StoresTabs />
      <Card>
        <form className="mc-filters" onSubmit={apply} noValidate aria-label={t('stores.report_filters')}>
          <Field label={t('stores.business_day')} hint={t('stores.business_day_hint')} error={dateError}>
            {(p) => <Input {...p} type="date" value={draft.date} onChange={(e) => setDraft({ ...draft, date: e.target.value })} />}
          </Field>
          <Field label={t('stores.store')}>
            {(p) => (
              <Select {...p} value={draft.store} onChange={(e) => setDraft({ ...draft, store: e.target.value })}>
                <option value="">{t('common:all')}</option>
                {stores.data?.data.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit">{t('stores.show_report')}</Button>
        </form>
      </Card>
      <QueryView query={report} isEmpty={(d) => d.stores.length === 0} empty={<EmptyState title={t('stores.none')} />}>
        {(d) => (
          <>
            {d.stores.map((s) => (
              <Card key={s.store_id} title={t('stores.report_store', { name: s.name, date: s.date })}>
                <div className="ui-stack">
                  <p className="ui-muted">
                    {t('stores.report_window', { zone: s.time_zone })} {inZone(s.from, s.time_zone)} – {inZone(s.to, s.time_zone)}
                  </p>
                  <ReportTable caption={t('stores.report_caption', { name: s.name, date: s.date })}>
                    {s.tills.map((till) => (
                      <Row key={till.till_id} label={till.name} totals={till} />
                    ))}
                    <Row label={t('stores.store_total')} totals={s.totals} strong />
                  </ReportTable>
                </div>
              </Card>
            ))}
          </>
        )}
      </QueryView>
    </div>
  );
}

/**
 * The report's twelve columns are wider than most screens: the table scrolls sideways in a region
 * that takes keyboard focus, so it can be scrolled without a mouse.
 */
function ReportTable({ caption, children }: { caption: string; children: ReactNode }) {
  const { t } = useTranslation();
  const head = [
    t('stores.till_name'),
    t('stores.payments_count'),
    t('stores.refunds_count'),
    t('stores.gross'),
    t('stores.refunded'),
    t('stores.net'),
    t('stores.gross_cny'),
    t('stores.refunded_cny'),
    t('stores.net_cny'),
    t('stores.commission'),
    t('stores.fees'),
    t('stores.to_balance'),
  ];
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section className="ui-table-wrap" aria-label={caption} tabIndex={0}>
      <table className="ui-table">
        <caption className="ui-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

function Row({ label, totals: x, strong }: { label: string; totals: Totals; strong?: boolean }) {
  const cell = (v: Totals['gross']) => (
    <td>
      <MoneyText value={v} />
    </td>
  );
  return (
    <tr style={strong ? { fontWeight: 700 } : undefined}>
      <th scope="row">{label}</th>
      <td>{x.payments}</td>
      <td>{x.refunds}</td>
      {cell(x.gross)}
      {cell(x.refunded)}
      {cell(x.net)}
      {cell(x.gross_cny)}
      {cell(x.refunded_cny)}
      {cell(x.net_cny)}
      {cell(x.commission)}
      {cell(x.fees)}
      {cell(x.to_merchant_balance)}
    </tr>
  );
}
