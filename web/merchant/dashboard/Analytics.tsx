// Analytics (GET /v1/reports/{revenue,products,provinces,funnel,refunds,delivery-times}): charts
// with ECharts over a date range of China days, each beside a table of the same figures and a
// CSV download of the report. Money stays in integer minor units (MoneyText); charts plot it in
// major units per currency, never summed across currencies. Shares the dashboard's chunk
// (Chart, the China map registration).
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas, unwrap } from '../../shared/api/client';
import { Card, EmptyState, Field, Input, MoneyText, QueryView, Select, Table } from '../../shared/ui';
import { Chart, chinaDay, major } from './Dashboard';

type Range = { from: string; to: string };
type Money = { amount: string; currency: string };
const GREEN = '#0b6e4f';

function Amounts({ list }: { list: readonly Money[] }) {
  if (!list.length) return <>—</>;
  return (
    <>
      {list.map((m) => (
        <div key={m.currency}>
          <MoneyText value={m} />
        </div>
      ))}
    </>
  );
}

/** A bucket's name on an axis: its ISO week, or its day. */
const bucketLabel = (b: { start: string; week: string | null }) => b.week ?? b.start;

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** A CSV download of one report over the range. */
function CsvLink({ path, range, extra = '' }: { path: string; range: Range; extra?: string }) {
  const { t } = useTranslation();
  return (
    <a
      className="ui-button ui-button--secondary"
      href={`/v1/reports/${path}?from=${range.from}&to=${range.to}${extra}&format=csv`}
      download
      data-testid={`csv-${path}`}
    >
      {t('analytics.csv')}
    </a>
  );
}

function Section({ title, csv, children }: { title: string; csv: ReactNode; children: ReactNode }) {
  return (
    <Card title={title}>
      <div className="ui-stack">
        {children}
        <div>{csv}</div>
      </div>
    </Card>
  );
}

export function Analytics() {
  const { t } = useTranslation();
  const [range, setRange] = useState<Range>({ from: chinaDay(29), to: chinaDay() });
  const [interval, setInterval] = useState<'day' | 'week'>('day');
  const valid = range.from !== '' && range.to !== '' && range.from <= range.to;
  return (
    <div className="mc-page">
      <div className="mc-head">
        <h1>{t('analytics.title')}</h1>
        <div className="mc-filters">
          <Field label={t('analytics.from')}>
            {(p) => <Input {...p} type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />}
          </Field>
          <Field label={t('analytics.to')}>
            {(p) => <Input {...p} type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />}
          </Field>
          <Field label={t('analytics.interval')}>
            {(p) => (
              <Select {...p} value={interval} onChange={(e) => setInterval(e.target.value as 'day' | 'week')}>
                <option value="day">{t('analytics.by_day')}</option>
                <option value="week">{t('analytics.by_week')}</option>
              </Select>
            )}
          </Field>
        </div>
      </div>
      <p className="ui-muted">{t('analytics.basis')}</p>
      {valid ? (
        <div className="ui-stack">
          <RevenueSection range={range} interval={interval} />
          <div className="mc-charts">
            <ProductsSection range={range} />
            <FunnelSection range={range} />
          </div>
          <ProvincesSection range={range} />
          <div className="mc-charts">
            <RefundsSection range={range} interval={interval} />
            <DeliverySection range={range} />
          </div>
        </div>
      ) : (
        <EmptyState title={t('analytics.bad_range')} />
      )}
    </div>
  );
}

function RevenueSection({ range, interval }: { range: Range; interval: 'day' | 'week' }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['analytics', 'revenue', range, interval],
    queryFn: () => unwrap(api.GET('/v1/reports/revenue', { params: { query: { ...range, interval } } })),
  });
  return (
    <Section title={t('analytics.revenue')} csv={<CsvLink path="revenue" range={range} extra={`&interval=${interval}`} />}>
      <QueryView query={query}>{(r) => <RevenueView r={r} />}</QueryView>
    </Section>
  );
}

function RevenueView({ r }: { r: Schemas['RevenueReport'] }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const currencies = r.revenue.map((m) => m.currency);
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [...currencies, t('analytics.orders')], top: 0 },
      grid: { left: 10, right: 20, top: 36, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: r.buckets.map(bucketLabel) },
      yAxis: [
        { type: 'value', name: t('analytics.revenue') },
        { type: 'value', name: t('analytics.orders'), minInterval: 1 },
      ],
      series: [
        ...currencies.map((c) => ({
          name: c,
          type: 'line',
          data: r.buckets.map((b) => {
            const m = b.revenue.find((x) => x.currency === c);
            return m ? major(m) : 0;
          }),
        })),
        { name: t('analytics.orders'), type: 'bar', yAxisIndex: 1, data: r.buckets.map((b) => b.orders), itemStyle: { color: GREEN } },
      ],
    };
  }, [r, t]);
  return (
    <>
      <div className="mc-stats">
        <div className="mc-stat">
          <span className="ui-muted">{t('analytics.orders')}</span>
          <strong data-testid="analytics-orders">{r.orders}</strong>
        </div>
        <div className="mc-stat">
          <span className="ui-muted">{t('analytics.units')}</span>
          <strong>{r.units}</strong>
        </div>
        <div className="mc-stat">
          <span className="ui-muted">{t('analytics.revenue')}</span>
          <strong>
            <Amounts list={r.revenue} />
          </strong>
        </div>
      </div>
      <Chart option={option} label={t('analytics.revenue_chart', { from: r.from, to: r.to })} />
    </>
  );
}

function ProductsSection({ range }: { range: Range }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const query = useQuery({
    queryKey: ['analytics', 'products', range],
    queryFn: () => unwrap(api.GET('/v1/reports/products', { params: { query: { ...range, limit: 10 } } })),
  });
  const name = (p: { product_id: string; name: { en: string; 'zh-Hans': string } | null }) =>
    (zh ? p.name?.['zh-Hans'] : p.name?.en) || p.name?.en || p.product_id;
  return (
    <Section title={t('analytics.top_products')} csv={<CsvLink path="products" range={range} extra="&limit=10" />}>
      <QueryView query={query} isEmpty={(r) => !r.products.length} empty={<EmptyState title={t('analytics.none')} />}>
        {(r) => {
          const top = [...r.products].reverse();
          const option = {
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            grid: { left: 10, right: 20, top: 10, bottom: 10, containLabel: true },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: top.map(name), axisLabel: { width: 140, overflow: 'truncate' } },
            series: [{ name: t('analytics.units'), type: 'bar', data: top.map((p) => p.units), itemStyle: { color: GREEN } }],
          };
          return (
            <>
              <Chart option={option} label={t('analytics.top_products')} />
              <Table caption={t('analytics.top_products')} head={[t('analytics.product'), t('analytics.units'), t('analytics.revenue')]}>
                {r.products.map((p) => (
                  <tr key={p.product_id}>
                    <td>{name(p)}</td>
                    <td>{p.units}</td>
                    <td>
                      <Amounts list={p.revenue} />
                    </td>
                  </tr>
                ))}
              </Table>
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}

function ProvincesSection({ range }: { range: Range }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['analytics', 'provinces', range],
    queryFn: () => unwrap(api.GET('/v1/reports/provinces', { params: { query: range } })),
  });
  const region = (code: string | null) => (code ? t(`region.${code}`, { defaultValue: code }) : t('dashboard.unknown_region'));
  return (
    <Section title={t('analytics.provinces')} csv={<CsvLink path="provinces" range={range} />}>
      <QueryView query={query} isEmpty={(r) => !r.regions.length} empty={<EmptyState title={t('analytics.none')} />}>
        {(r) => {
          const china = r.regions.filter((g) => g.country === 'CN');
          const option = {
            tooltip: { trigger: 'item' },
            visualMap: {
              min: 0,
              max: Math.max(1, ...china.map((g) => g.orders)),
              left: 'left',
              bottom: 10,
              calculable: true,
              inRange: { color: ['#e6f2ed', GREEN] },
            },
            series: [
              {
                name: t('analytics.orders'),
                type: 'map',
                map: 'china-provinces',
                roam: false,
                data: china.map((g) => ({ name: g.region ?? '', value: g.orders })),
              },
            ],
          };
          return (
            <div className="mc-charts">
              {china.length ? <Chart option={option} label={t('analytics.provinces')} map /> : null}
              <Table caption={t('analytics.provinces')} head={[t('analytics.region'), t('analytics.orders'), t('analytics.revenue')]}>
                {r.regions.map((g) => (
                  <tr key={`${g.country}-${g.region}`}>
                    <td>{region(g.region)}</td>
                    <td>{g.orders}</td>
                    <td>
                      <Amounts list={g.revenue} />
                    </td>
                  </tr>
                ))}
              </Table>
            </div>
          );
        }}
      </QueryView>
    </Section>
  );
}

function FunnelSection({ range }: { range: Range }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['analytics', 'funnel', range],
    queryFn: () => unwrap(api.GET('/v1/reports/funnel', { params: { query: range } })),
  });
  return (
    <Section title={t('analytics.funnel')} csv={<CsvLink path="funnel" range={range} />}>
      <QueryView query={query}>
        {(r) => {
          const steps = [
            [t('analytics.views'), r.views],
            [t('analytics.carts'), r.carts],
            [t('analytics.paid_lines'), r.orders],
          ] as const;
          const option = {
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            grid: { left: 10, right: 20, top: 10, bottom: 10, containLabel: true },
            xAxis: { type: 'category', data: steps.map(([n]) => n) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', data: steps.map(([, v]) => v), itemStyle: { color: GREEN }, label: { show: true, position: 'top' } }],
          };
          return (
            <>
              <Chart option={option} label={t('analytics.funnel')} />
              <Table caption={t('analytics.funnel')} head={[t('analytics.step'), t('analytics.count'), t('analytics.rate')]}>
                <tr>
                  <td>{steps[0][0]}</td>
                  <td data-testid="funnel-views">{r.views}</td>
                  <td>—</td>
                </tr>
                <tr>
                  <td>{steps[1][0]}</td>
                  <td>{r.carts}</td>
                  <td>{percent(r.rates.view_to_cart)}</td>
                </tr>
                <tr>
                  <td>{steps[2][0]}</td>
                  <td>{r.orders}</td>
                  <td>{percent(r.rates.cart_to_order)}</td>
                </tr>
              </Table>
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}

function RefundsSection({ range, interval }: { range: Range; interval: 'day' | 'week' }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['analytics', 'refunds', range, interval],
    queryFn: () => unwrap(api.GET('/v1/reports/refunds', { params: { query: { ...range, interval } } })),
  });
  return (
    <Section title={t('analytics.refunds')} csv={<CsvLink path="refunds" range={range} extra={`&interval=${interval}`} />}>
      <QueryView query={query}>
        {(r) => {
          const option = {
            tooltip: { trigger: 'axis' },
            grid: { left: 10, right: 20, top: 10, bottom: 10, containLabel: true },
            xAxis: { type: 'category', data: r.buckets.map(bucketLabel) },
            yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
            series: [
              {
                name: t('analytics.refund_order_rate'),
                type: 'line',
                data: r.buckets.map((b) => (b.order_rate === null ? null : Math.round(b.order_rate * 1000) / 10)),
                itemStyle: { color: '#b3261e' },
              },
            ],
          };
          return (
            <>
              <Chart option={option} label={t('analytics.refunds')} />
              <Table caption={t('analytics.refunds')} head={[t('analytics.figure'), t('analytics.value')]}>
                <tr>
                  <td>{t('analytics.refund_order_rate')}</td>
                  <td data-testid="refund-order-rate">
                    {percent(r.order_rate)} ({r.refunded_orders}/{r.orders})
                  </td>
                </tr>
                {r.amount_rates.map((a) => (
                  <tr key={a.currency}>
                    <td>{t('analytics.refund_amount_rate', { currency: a.currency })}</td>
                    <td>{percent(a.rate)}</td>
                  </tr>
                ))}
                <tr>
                  <td>{t('analytics.refunded')}</td>
                  <td>
                    <Amounts list={r.refunded} />
                  </td>
                </tr>
              </Table>
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}

function DeliverySection({ range }: { range: Range }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['analytics', 'delivery', range],
    queryFn: () => unwrap(api.GET('/v1/reports/delivery-times', { params: { query: range } })),
  });
  const days = (h: number) => t('analytics.days', { value: (h / 24).toFixed(1) });
  return (
    <Section title={t('analytics.delivery')} csv={<CsvLink path="delivery-times" range={range} />}>
      <QueryView query={query} isEmpty={(r) => !r.lanes.length} empty={<EmptyState title={t('analytics.none_delivered')} />}>
        {(r) => {
          const lane = (l: (typeof r.lanes)[number]) =>
            `${l.origin.name ?? l.origin.location_id} → ${l.destination_country ?? '?'} (${l.service_name ?? l.service_code ?? ''})`;
          const option = {
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: { data: [t('analytics.average'), t('analytics.median')], top: 0 },
            grid: { left: 10, right: 20, top: 36, bottom: 10, containLabel: true },
            xAxis: { type: 'value', name: t('analytics.hours') },
            yAxis: { type: 'category', data: r.lanes.map(lane), axisLabel: { width: 160, overflow: 'truncate' } },
            series: [
              { name: t('analytics.average'), type: 'bar', data: r.lanes.map((l) => l.paid_to_delivered.average_hours) },
              {
                name: t('analytics.median'),
                type: 'bar',
                data: r.lanes.map((l) => l.paid_to_delivered.p50_hours),
                itemStyle: { color: GREEN },
              },
            ],
          };
          return (
            <>
              <Chart option={option} label={t('analytics.delivery')} />
              <Table
                caption={t('analytics.delivery')}
                head={[
                  t('analytics.lane'),
                  t('analytics.orders'),
                  t('analytics.average'),
                  t('analytics.median'),
                  t('analytics.from_shipped'),
                ]}
              >
                {r.lanes.map((l) => (
                  <tr key={lane(l)}>
                    <td>{lane(l)}</td>
                    <td>{l.orders}</td>
                    <td>{days(l.paid_to_delivered.average_hours)}</td>
                    <td>{days(l.paid_to_delivered.p50_hours)}</td>
                    <td>{l.shipped_to_delivered ? days(l.shipped_to_delivered.p50_hours) : '—'}</td>
                  </tr>
                ))}
              </Table>
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}
