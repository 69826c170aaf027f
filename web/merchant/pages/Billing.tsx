// Usage & billing: the merchant's plan (rate limit, monthly fee in its currency, a change scheduled
// by the operator), this month's usage of each metric against what the plan includes with the
// overage so far, the GMV fee, the invoice it would make now, and the monthly invoices with their
// PDF (docs/api.md "Usage and billing").
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Schemas, unwrap } from '../../shared/api/client';
import { Badge, Card, EmptyState, MoneyText, Notice, QueryView, Table } from '../../shared/ui';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { DateTime } from '../components/format';

type Usage = Schemas['Usage'];
type Metric = Usage['metrics'][number];

/** Storage in GB (10^9 bytes, as it is sold) with two decimals; counts grouped. */
function quantity(metric: Metric['metric'], n: number, lang: string): string {
  if (metric === 'storage_bytes') return `${(n / 1e9).toLocaleString(lang, { maximumFractionDigits: 2 })} GB`;
  return n.toLocaleString(lang);
}

export function Billing() {
  const { t } = useTranslation();
  const usage = useQuery({ queryKey: ['usage'], queryFn: () => unwrap(api.GET('/v1/usage')) });
  return (
    <div className="mc-page">
      <h1>{t('billing.title')}</h1>
      <QueryView query={usage}>
        {(u) => (
          <>
            <PlanCard usage={u} />
            <Meters usage={u} />
          </>
        )}
      </QueryView>
      <Invoices />
    </div>
  );
}

function PlanCard({ usage: u }: { usage: Usage }) {
  const { t, i18n } = useTranslation();
  const price = u.plan.prices.find((p) => p.currency === u.currency);
  return (
    <Card title={t('billing.plan')}>
      <div className="ui-stack">
        <dl className="mc-dl">
          <dt>{t('billing.plan')}</dt>
          <dd>
            <strong data-testid="plan-name">{u.plan.name}</strong>
          </dd>
          <dt>{t('billing.monthly_fee')}</dt>
          <dd>{price ? <MoneyText value={price.monthly_fee} /> : '—'}</dd>
          <dt>{t('billing.rate_limit')}</dt>
          <dd>{t('billing.per_minute', { n: u.plan.rate_limit_per_minute.toLocaleString(i18n.language) })}</dd>
          <dt>{t('billing.gmv_fee')}</dt>
          <dd>{t('billing.bps', { n: u.plan.gmv_fee_bps })}</dd>
          <dt>{t('billing.period')}</dt>
          <dd>
            {u.period.label} <span className="ui-muted">({u.period.time_zone})</span>
          </dd>
        </dl>
        {u.scheduled_plan ? (
          <Notice tone="info">
            {t('billing.scheduled', { plan: u.scheduled_plan.code, date: u.scheduled_plan.effective_from.slice(0, 10) })}
          </Notice>
        ) : null}
        <p className="ui-muted">{t('billing.rate_limit_hint')}</p>
      </div>
    </Card>
  );
}

function Meters({ usage: u }: { usage: Usage }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t('billing.usage')}>
      <div className="ui-stack">
        <Table
          caption={t('billing.usage')}
          head={[t('billing.metric'), t('billing.used'), t('billing.included'), t('billing.meter'), t('billing.overage')]}
        >
          {u.metrics.map((m) => {
            const pct = m.included ? Math.min(100, Math.round((m.used / m.included) * 100)) : 0;
            return (
              <tr key={m.metric} data-metric={m.metric}>
                <td>
                  {t(`billing.metrics.${m.metric}`)}
                  {m.billable ? null : (
                    <div>
                      <Badge>{t('billing.not_billed')}</Badge>
                    </div>
                  )}
                </td>
                <td>{quantity(m.metric, m.used, i18n.language)}</td>
                <td>{m.included === null ? '—' : quantity(m.metric, m.included, i18n.language)}</td>
                <td>
                  {m.included === null ? null : (
                    <meter
                      min={0}
                      max={100}
                      value={pct}
                      high={90}
                      aria-label={t('billing.meter_label', { metric: t(`billing.metrics.${m.metric}`), pct })}
                    />
                  )}
                </td>
                <td>{m.billable ? <MoneyText value={m.overage_amount} /> : '—'}</td>
              </tr>
            );
          })}
        </Table>
        {u.gmv.length ? (
          <Table caption={t('billing.gmv')} head={[t('billing.gmv'), t('billing.gmv_fee'), t('billing.fee')]}>
            {u.gmv.map((g) => (
              <tr key={g.amount.currency}>
                <td>
                  <MoneyText value={g.amount} />
                </td>
                <td>{t('billing.bps', { n: g.fee_bps })}</td>
                <td>
                  <MoneyText value={g.fee} />
                </td>
              </tr>
            ))}
          </Table>
        ) : null}
        <dl className="mc-dl">
          <dt>{t('billing.estimate')}</dt>
          <dd data-testid="estimate">
            {u.estimated_total.map((m) => (
              <div key={m.currency}>
                <MoneyText value={m} />
              </div>
            ))}
          </dd>
        </dl>
        <p className="ui-muted">{t('billing.overage_hint')}</p>
      </div>
    </Card>
  );
}

function Invoices() {
  const { t } = useTranslation();
  const cursor = useCursor('invoices');
  const list = useQuery({
    queryKey: ['invoices', cursor.after],
    queryFn: () => unwrap(api.GET('/v1/invoices', { params: { query: { limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });
  return (
    <Card title={t('billing.invoices')}>
      <QueryView query={list} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('billing.no_invoices')} />}>
        {(d) => (
          <Table
            caption={t('billing.invoices')}
            head={[
              t('billing.number'),
              t('billing.period'),
              t('billing.plan'),
              t('billing.total'),
              t('billing.status'),
              t('billing.issued'),
              '',
            ]}
          >
            {d.data.map((i) => (
              <tr key={i.id}>
                <td className="mc-code">{i.number}</td>
                <td>{i.period.label}</td>
                <td>{i.plan.name}</td>
                <td>
                  {i.totals.map((m) => (
                    <div key={m.currency}>
                      <MoneyText value={m} />
                    </div>
                  ))}
                </td>
                <td>
                  <Badge tone={i.status === 'paid' ? 'success' : 'neutral'}>{t(`billing.invoice_status.${i.status}`)}</Badge>
                </td>
                <td>
                  <DateTime value={i.created_at} />
                </td>
                <td>
                  <a
                    className="ui-button ui-button--secondary"
                    href={`/v1/invoices/${i.id}?format=pdf`}
                    download
                    aria-label={t('billing.download', { number: i.number })}
                  >
                    {t('billing.pdf')}
                  </a>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </QueryView>
      <Pager cursor={cursor} data={list.data} />
    </Card>
  );
}
