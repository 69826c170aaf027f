// Settlement (docs: src/modules/payments/settlement/routes.ts): the payout batches with a status
// filter, and preparing the AUD or NZD batch (what was converted at which rate, who was skipped and
// why). The fee schedule, a batch's page and reconciliation are their own screens under /settlement.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useSearchParams } from 'react-router';
import { api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { useSession } from '../../shared/app';
import { Badge, Button, Card, EmptyState, Field, MoneyText, Notice, QueryView, Select, Table } from '../../shared/ui';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { DateTime } from '../components/format';
import { FormError, useSubmit } from '../components/forms';

/** Who may prepare, approve, send and confirm batches and set fees (routes.ts `finance`). */
export const SETTLEMENT_ROLES = ['admin', 'finance'] as const;
/** Who may read batches and reconciliation (routes.ts `financeReaders`). */
const READERS = ['admin', 'finance', 'support'];
export const PAYOUT_CURRENCIES = ['AUD', 'NZD'] as const;
const BATCH_STATUSES = ['draft', 'approved', 'sent', 'confirmed', 'failed'] as const;
type BatchStatus = (typeof BATCH_STATUSES)[number];
type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';
const BATCH_TONES: Record<string, Tone> = { draft: 'warning', approved: 'info', sent: 'info', confirmed: 'success', failed: 'danger' };
const PAYOUT_TONES: Record<string, Tone> = { pending: 'neutral', paid: 'success', failed: 'danger' };

/** The signed-in operator as the settlement records name people (`operator:<id>`), and what they may do. */
export function useSettlementActor() {
  const { me } = useSession();
  const role = me.data?.role ?? '';
  return {
    actor: me.data ? `${me.data.kind}:${me.data.id}` : '',
    canAct: (SETTLEMENT_ROLES as readonly string[]).includes(role),
    canRead: READERS.includes(role),
  };
}

export function BatchStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={BATCH_TONES[status] ?? 'neutral'}>{t(`settlement.batch_status.${status}`, { defaultValue: status })}</Badge>;
}

export function PayoutStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={PAYOUT_TONES[status] ?? 'neutral'}>{t(`settlement.payout_status.${status}`, { defaultValue: status })}</Badge>;
}

/** `operator:<id>` / `system:schedule` for people: "you" for the reader, "the weekly schedule". */
export function Actor({ value }: { value: string }) {
  const { t } = useTranslation();
  const { actor } = useSettlementActor();
  if (value === 'system:schedule') return <>{t('settlement.by_schedule')}</>;
  return (
    <span className="op-code">
      {value}
      {value === actor ? ` ${t('settlement.you')}` : ''}
    </span>
  );
}

/** The settlement screens' own navigation, and the gate for people without a finance role. */
export function SettlementFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { canRead } = useSettlementActor();
  return (
    <div className="op-page">
      <h1>{title}</h1>
      <nav className="ui-row" aria-label={t('settlement.sections')}>
        <NavLink to="/settlement" end>
          {t('settlement.batches')}
        </NavLink>
        <NavLink to="/settlement/fees">{t('settlement.fees.title')}</NavLink>
        <NavLink to="/settlement/reconciliation">{t('settlement.recon.title')}</NavLink>
      </nav>
      {canRead ? children : <Notice tone="warning">{t('settlement.finance_only')}</Notice>}
    </div>
  );
}

export function Settlement() {
  const { t } = useTranslation();
  const { canAct } = useSettlementActor();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status') ?? '';
  const status = (BATCH_STATUSES as readonly string[]).includes(raw) ? (raw as BatchStatus) : undefined;
  const [draft, setDraft] = useState(status ?? '');
  const cursor = useCursor(status ?? 'all');
  const list = useQuery({
    queryKey: ['payout-batches', status ?? 'all', cursor.after],
    queryFn: () => unwrap(api.GET('/v1/payout-batches', { params: { query: { status, limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });
  const filter = (e: FormEvent) => {
    e.preventDefault();
    setParams(draft ? { status: draft } : {});
  };

  return (
    <SettlementFrame title={t('settlement.title')}>
      {canAct ? <Prepare /> : null}
      <Card title={t('settlement.batches')}>
        <div className="ui-stack">
          <form className="op-filters" onSubmit={filter} noValidate aria-label={t('filters')}>
            <Field label={t('settlement.status')}>
              {(p) => (
                <Select {...p} value={draft} onChange={(e) => setDraft(e.target.value)}>
                  <option value="">{t('common:all')}</option>
                  {BATCH_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`settlement.batch_status.${s}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Button type="submit">{t('common:search')}</Button>
          </form>
          <QueryView query={list} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('settlement.no_batches')} />}>
            {(d) => (
              <Table
                caption={t('settlement.batches')}
                head={[
                  t('settlement.batch'),
                  t('settlement.status'),
                  t('settlement.payout_date'),
                  t('settlement.total'),
                  t('settlement.items'),
                  t('settlement.prepared_by'),
                  t('settlement.created_at'),
                ]}
              >
                {d.data.map((b) => (
                  <tr key={b.id}>
                    <td>
                      <Link className="op-code" to={`/settlement/batches/${b.id}`}>
                        {b.id}
                      </Link>
                    </td>
                    <td>
                      <BatchStatusBadge status={b.status} />
                    </td>
                    <td>{b.payout_date}</td>
                    <td>
                      <MoneyText value={b.total} />
                    </td>
                    <td>{b.item_count}</td>
                    <td>
                      <Actor value={b.prepared_by} />
                    </td>
                    <td>
                      <DateTime value={b.created_at} />
                    </td>
                  </tr>
                ))}
              </Table>
            )}
          </QueryView>
          <Pager cursor={cursor} data={list.data} />
        </div>
      </Card>
    </SettlementFrame>
  );
}

type Run = { currency: string; batch: Schemas['PayoutBatch'] | null; conversions: Schemas['SettlementConversion'][]; skipped: Skipped[] };
type Skipped = { merchant_id: string; reason: string; balance: { amount: string; currency: string } };

/** Prepare a currency's batch now (the weekly schedule does the same on payout day). */
function Prepare() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSubmit();
  const [pending, setPending] = useState<string | null>(null);
  const [run, setRun] = useState<Run | null>(null);

  const prepare = async (currency: (typeof PAYOUT_CURRENCIES)[number]) => {
    setPending(currency);
    setRun(null);
    const r = await form.run({}, () => unwrap(api.POST('/v1/payout-batches', { body: { currency }, headers: idempotent() })));
    setPending(null);
    if (r) {
      setRun({ currency, batch: r.batch, conversions: r.conversions, skipped: r.skipped });
      await qc.invalidateQueries({ queryKey: ['payout-batches'] });
    }
  };

  return (
    <Card title={t('settlement.prepare.title')}>
      <div className="ui-stack">
        <p className="ui-muted">{t('settlement.prepare.hint')}</p>
        <div className="op-actions">
          {PAYOUT_CURRENCIES.map((c) => (
            <Button key={c} busy={pending === c} disabled={pending !== null} onClick={() => void prepare(c)}>
              {t('settlement.prepare.button', { currency: c })}
            </Button>
          ))}
        </div>
        <FormError error={form.formError} />
        {run ? <RunResult run={run} /> : null}
      </div>
    </Card>
  );
}

function RunResult({ run }: { run: Run }) {
  const { t } = useTranslation();
  return (
    <div className="ui-stack">
      {run.batch ? (
        <Notice tone="success">
          {t('settlement.prepare.made', { n: run.batch.item_count, currency: run.currency })}{' '}
          <Link to={`/settlement/batches/${run.batch.id}`}>{t('settlement.prepare.open', { id: run.batch.id })}</Link>
        </Notice>
      ) : (
        <Notice tone="info">{t('settlement.prepare.nothing', { currency: run.currency })}</Notice>
      )}
      <h3>{t('settlement.conversions')}</h3>
      {run.conversions.length ? (
        <ConversionTable caption={t('settlement.conversions')} rows={run.conversions} />
      ) : (
        <p className="ui-muted">{t('settlement.no_conversions')}</p>
      )}
      <h3>{t('settlement.skipped')}</h3>
      {run.skipped.length ? (
        <Table caption={t('settlement.skipped')} head={[t('settlement.merchant'), t('settlement.reason'), t('settlement.balance')]}>
          {run.skipped.map((s) => (
            <tr key={s.merchant_id}>
              <td>
                <Link className="op-code" to={`/merchants/${s.merchant_id}`}>
                  {s.merchant_id}
                </Link>
              </td>
              <td>{t(`settlement.skip_reason.${s.reason}`, { defaultValue: s.reason })}</td>
              <td>
                <MoneyText value={s.balance} />
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p className="ui-muted">{t('settlement.none_skipped')}</p>
      )}
    </div>
  );
}

/** Conversions with the mid rate, the spread taken and the rate applied. */
export function ConversionTable({ caption, rows }: { caption: string; rows: Schemas['SettlementConversion'][] }) {
  const { t } = useTranslation();
  return (
    <Table
      caption={caption}
      head={[
        t('settlement.merchant'),
        t('settlement.from'),
        t('settlement.to'),
        t('settlement.mid'),
        t('settlement.spread'),
        t('settlement.rate'),
        t('settlement.created_at'),
      ]}
    >
      {rows.map((c) => (
        <tr key={c.id}>
          <td>
            <Link className="op-code" to={`/merchants/${c.merchant_id}`}>
              {c.merchant_id}
            </Link>
          </td>
          <td>
            <MoneyText value={c.from} />
          </td>
          <td>
            <MoneyText value={c.to} />
          </td>
          <td className="op-code">{c.mid}</td>
          <td>{t('fx.bps', { n: c.spread_bps })}</td>
          <td className="op-code">{c.rate}</td>
          <td>
            <DateTime value={c.created_at} />
          </td>
        </tr>
      ))}
    </Table>
  );
}
