// Reconciliation per payout currency: what the ledger, the payouts and the bank's answers each
// hold, and every difference between them (another amount confirmed, no answer after three days,
// a missing ledger transfer, money in transit the open payouts do not explain).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { formatMoney } from '../../shared/money';
import { Card, EmptyState, Field, MoneyText, Notice, QueryView, Select, Table } from '../../shared/ui';
import { DateTime } from '../components/format';
import { PAYOUT_CURRENCIES, SettlementFrame } from './Settlement';

type Currency = (typeof PAYOUT_CURRENCIES)[number];
const TOTALS = ['ledger_paid_out', 'ledger_returned', 'payouts_paid', 'payouts_failed', 'payouts_open', 'bank_confirmed'] as const;

export function Reconciliation() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const currency: Currency = params.get('currency') === 'NZD' ? 'NZD' : 'AUD';
  const query = useQuery({
    queryKey: ['reconciliation', currency],
    queryFn: () => unwrap(api.GET('/v1/settlement/reconciliation', { params: { query: { currency } } })),
  });
  /** Differences carry minor units or a word ("none", "an answer"): amounts shown as money. */
  const amount = (v: string) => (/^-?\d+$/.test(v) ? formatMoney({ amount: v, currency }, i18n.language) : v);

  return (
    <SettlementFrame title={t('settlement.recon.title')}>
      <Card>
        <div className="op-filters">
          <Field label={t('settlement.currency')}>
            {(p) => (
              <Select {...p} value={currency} onChange={(e) => setParams({ currency: e.target.value })}>
                {PAYOUT_CURRENCIES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </Select>
            )}
          </Field>
        </div>
      </Card>
      <QueryView query={query}>
        {(r) => (
          <>
            <Card title={t('settlement.recon.totals', { currency: r.currency })}>
              <dl className="op-dl">
                <dt>{t('settlement.recon.in_transit')}</dt>
                <dd>
                  <MoneyText value={r.in_transit} />
                </dd>
                {TOTALS.map((k) => (
                  <div key={k} style={{ display: 'contents' }}>
                    <dt>{t(`settlement.recon.total.${k}`)}</dt>
                    <dd>
                      <MoneyText value={r.totals[k] ?? { amount: '0', currency: r.currency }} />
                    </dd>
                  </div>
                ))}
                <dt>{t('settlement.recon.generated_at')}</dt>
                <dd>
                  <DateTime value={r.generated_at} />
                </dd>
              </dl>
            </Card>
            <Card title={t('settlement.recon.differences')}>
              {r.differences.length === 0 ? (
                <EmptyState title={t('settlement.recon.no_differences')} />
              ) : (
                <div className="ui-stack">
                  <Notice tone="warning">{t('settlement.recon.differences_found', { n: r.differences.length })}</Notice>
                  <Table
                    caption={t('settlement.recon.differences')}
                    head={[
                      t('settlement.recon.kind'),
                      t('settlement.payout'),
                      t('settlement.batch'),
                      t('settlement.recon.expected'),
                      t('settlement.recon.actual'),
                      t('settlement.recon.message'),
                    ]}
                  >
                    {r.differences.map((d, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a payout may have several differences; the list is rebuilt whole
                      <tr key={`${d.kind}-${d.payout_id ?? ''}-${i}`}>
                        <td>{t(`settlement.recon.kind_name.${d.kind}`, { defaultValue: d.kind })}</td>
                        <td className="op-code">{d.payout_id ?? ''}</td>
                        <td>
                          {d.batch_id ? (
                            <Link className="op-code" to={`/settlement/batches/${d.batch_id}`}>
                              {d.batch_id}
                            </Link>
                          ) : null}
                        </td>
                        <td>{amount(d.expected)}</td>
                        <td>{amount(d.actual)}</td>
                        <td>{d.message}</td>
                      </tr>
                    ))}
                  </Table>
                </div>
              )}
            </Card>
          </>
        )}
      </QueryView>
    </SettlementFrame>
  );
}
