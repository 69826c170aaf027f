// Payouts: what the platform owes the merchant per currency (sales are credited in CNY, the
// currency shoppers pay in, and converted to the settlement currency on the next payout day), a
// hold when there is one, the minimum paid out, recent conversions with their rate and spread, the
// payouts to the bank account, monthly statements, and (owners) the bank account itself.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type paths, type Schemas, unwrap } from '../../shared/api/client';
import { Badge, Card, EmptyState, MoneyText, Notice, QueryView, Table } from '../../shared/ui';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { DateTime } from '../components/format';
import { useMerchant, useMerchantSession } from '../components/merchant';
import { PayoutAccountForm } from './PayoutAccountForm';

type Tone = 'neutral' | 'success' | 'danger';
const PAYOUT_TONES: Record<string, Tone> = { pending: 'neutral', paid: 'success', failed: 'danger' };

/** This month and the one before, as the statements' `period` (YYYY-MM), in the reader's time zone. */
function statementPeriods(today = new Date()): string[] {
  const ym = (y: number, m: number) => `${y}-${String(m + 1).padStart(2, '0')}`;
  const y = today.getFullYear();
  const m = today.getMonth();
  return [ym(y, m), m === 0 ? ym(y - 1, 11) : ym(y, m - 1)];
}

export function Payouts() {
  const { t } = useTranslation();
  const { role } = useMerchantSession();
  const merchant = useMerchant();
  const balance = useQuery({ queryKey: ['balance'], queryFn: () => unwrap(api.GET('/v1/balance')) });
  return (
    <div className="mc-page">
      <h1>{t('payouts.title')}</h1>
      <QueryView query={balance}>{(b) => <Balance balance={b} />}</QueryView>
      <PayoutList />
      <Statements />
      <Card title={t('payouts.account.title')}>
        <QueryView query={merchant}>
          {(m) => (
            <div className="ui-stack">
              <dl className="mc-dl">
                <dt>{t('payouts.account.current')}</dt>
                <dd className="mc-code">{m.payout_account?.masked ?? t('payouts.account.none')}</dd>
              </dl>
              {role === 'owner' ? <PayoutAccountForm merchant={m} /> : <p className="ui-muted">{t('payouts.account.owner_only')}</p>}
            </div>
          )}
        </QueryView>
      </Card>
    </div>
  );
}

type BalanceBody = paths['/v1/balance']['get']['responses'][200]['content']['application/json'];

function Balance({ balance: b }: { balance: BalanceBody }) {
  const { t } = useTranslation();
  const converts = b.settlement_currency !== 'CNY';
  return (
    <>
      {b.on_hold ? <Notice tone="warning">{t('payouts.on_hold', { reason: b.on_hold.reason })}</Notice> : null}
      <Card title={t('payouts.balance')}>
        <div className="ui-stack">
          {b.balances.length ? (
            <Table caption={t('payouts.balance')} head={[t('payouts.currency'), t('payouts.amount'), t('payouts.note')]}>
              {b.balances.map((m) => (
                <tr key={m.currency}>
                  <td>{m.currency}</td>
                  <td>
                    <MoneyText value={m} />
                  </td>
                  <td className="ui-muted">
                    {m.currency === b.settlement_currency
                      ? t('payouts.paid_in', { currency: b.settlement_currency })
                      : t('payouts.converted_on', { currency: b.settlement_currency, date: b.next_payout_date ?? '' })}
                  </td>
                </tr>
              ))}
            </Table>
          ) : (
            <EmptyState title={t('payouts.nothing_owed')} />
          )}
          {converts ? <p className="ui-muted">{t('payouts.conversion_explained', { currency: b.settlement_currency })}</p> : null}
          <dl className="mc-dl">
            <dt>{t('payouts.next_payout_date')}</dt>
            <dd>{b.next_payout_date ?? t('payouts.no_payout_date')}</dd>
            <dt>{t('payouts.minimum')}</dt>
            <dd>
              <MoneyText value={b.minimum_payout} />
              <div className="ui-muted">{t('payouts.minimum_hint')}</div>
            </dd>
          </dl>
        </div>
      </Card>
      <Card title={t('payouts.conversions')}>
        {b.recent_conversions.length ? <Conversions rows={b.recent_conversions} /> : <EmptyState title={t('payouts.no_conversions')} />}
      </Card>
    </>
  );
}

function Conversions({ rows }: { rows: Schemas['SettlementConversion'][] }) {
  const { t } = useTranslation();
  return (
    <Table
      caption={t('payouts.conversions')}
      head={[t('payouts.when'), t('payouts.from'), t('payouts.to'), t('payouts.mid'), t('payouts.spread'), t('payouts.rate')]}
    >
      {rows.map((c) => (
        <tr key={c.id}>
          <td>
            <DateTime value={c.created_at} />
          </td>
          <td>
            <MoneyText value={c.from} />
          </td>
          <td>
            <MoneyText value={c.to} />
          </td>
          <td className="mc-code">{c.mid}</td>
          <td>{t('payouts.bps', { n: c.spread_bps })}</td>
          <td className="mc-code">{c.rate}</td>
        </tr>
      ))}
    </Table>
  );
}

function PayoutList() {
  const { t } = useTranslation();
  const cursor = useCursor('payouts');
  const list = useQuery({
    queryKey: ['payouts', cursor.after],
    queryFn: () => unwrap(api.GET('/v1/payouts', { params: { query: { limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });
  return (
    <Card title={t('payouts.list')}>
      <QueryView query={list} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('payouts.none')} />}>
        {(d) => (
          <Table
            caption={t('payouts.list')}
            head={[t('payouts.when'), t('payouts.amount'), t('payouts.status'), t('payouts.account.title'), t('payouts.reference')]}
          >
            {d.data.map((p) => (
              <tr key={p.id}>
                <td>
                  <DateTime value={p.created_at} />
                </td>
                <td>
                  <MoneyText value={p.amount} />
                  {p.confirmed_amount && p.confirmed_amount.amount !== p.amount.amount ? (
                    <div className="ui-muted">
                      {t('payouts.bank_amount')} <MoneyText value={p.confirmed_amount} />
                    </div>
                  ) : null}
                </td>
                <td>
                  <Badge tone={PAYOUT_TONES[p.status] ?? 'neutral'}>{t(`payouts.payout_status.${p.status}`)}</Badge>
                  {p.failure_reason ? <div className="ui-muted">{p.failure_reason}</div> : null}
                </td>
                <td className="mc-code">{p.account}</td>
                <td className="mc-code">{p.reference}</td>
              </tr>
            ))}
          </Table>
        )}
      </QueryView>
      <Pager cursor={cursor} data={list.data} />
    </Card>
  );
}

function Statements() {
  const { t } = useTranslation();
  return (
    <Card title={t('payouts.statements')}>
      <div className="ui-stack">
        <p className="ui-muted">{t('payouts.statements_hint')}</p>
        <ul className="mc-list">
          {statementPeriods().map((period) => (
            <li key={period}>
              <span>{t('payouts.statement_for', { period })}</span>{' '}
              {(['pdf', 'csv'] as const).map((format) => (
                <a
                  key={format}
                  className="ui-button ui-button--secondary"
                  href={`/v1/statements?period=${period}&format=${format}`}
                  download
                  aria-label={t('payouts.download_statement', { period, format: format.toUpperCase() })}
                >
                  {format.toUpperCase()}
                </a>
              ))}
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
