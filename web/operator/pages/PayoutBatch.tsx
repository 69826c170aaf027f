// One payout batch: its payouts, who prepared and who signed it off (four eyes: two different
// finance operators, the preparer counting as one, so a scheduled batch needs two approvals),
// approve or cancel a draft, the bank file once approved, "sent" once the file is uploaded to the
// bank, then the bank's answer per payout (paid, failed with a reason, or paid another amount).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { approvalOutcome } from '../../../src/modules/payments/settlement/rules.ts';
import { ApiError, api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { errorText } from '../../shared/i18n';
import { minorDigits, parseAmount, toDecimalString } from '../../shared/money';
import { Button, Card, Field, Input, MoneyText, Notice, QueryView, Select, Table } from '../../shared/ui';
import { DateTime } from '../components/format';
import { type FieldErrors, useRules, useSubmit } from '../components/forms';
import { Actor, BatchStatusBadge, PayoutStatusBadge, SettlementFrame, useSettlementActor } from './Settlement';

type Batch = Schemas['PayoutBatch'];
type Action = 'approve' | 'cancel' | 'send';
const REASON_MAX = 200;

/** The API's refusal: our text for its code, and the server's own words when they say more. */
export function Refusal({ error }: { error: unknown }) {
  if (!error) return null;
  const text = errorText(error);
  const server = error instanceof ApiError ? error.message : '';
  return (
    <Notice tone="danger">
      {text}
      {server && server !== text ? <span className="ui-muted"> ({server})</span> : null}
    </Notice>
  );
}

export function PayoutBatchPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['payout-batch', id],
    queryFn: () => unwrap(api.GET('/v1/payout-batches/{id}', { params: { path: { id } } })),
  });
  return (
    <SettlementFrame title={t('settlement.batch_title', { id })}>
      <p>
        <Link to="/settlement">{t('settlement.back')}</Link>
      </p>
      <QueryView query={query}>
        {(b) => (
          <>
            <Facts batch={b} />
            <Actions batch={b} />
            <Items batch={b} />
            {b.sent_at ? <BankAnswers batch={b} /> : null}
          </>
        )}
      </QueryView>
    </SettlementFrame>
  );
}

/** Sign-offs so far: the approvals plus the preparer when a person prepared it. */
const signOffs = (b: Batch) => new Set([...b.approvals, ...(b.prepared_by.startsWith('operator:') ? [b.prepared_by] : [])]).size;

function Facts({ batch: b }: { batch: Batch }) {
  const { t } = useTranslation();
  return (
    <Card title={t('settlement.batch_facts')}>
      <dl className="op-dl">
        <dt>{t('settlement.status')}</dt>
        <dd>
          <BatchStatusBadge status={b.status} />
        </dd>
        <dt>{t('settlement.currency')}</dt>
        <dd>{b.currency}</dd>
        <dt>{t('settlement.file_format')}</dt>
        <dd>{t(`settlement.format.${b.format}`)}</dd>
        <dt>{t('settlement.payout_date')}</dt>
        <dd>{b.payout_date}</dd>
        <dt>{t('settlement.total')}</dt>
        <dd>
          <MoneyText value={b.total} />
        </dd>
        <dt>{t('settlement.items')}</dt>
        <dd>{b.item_count}</dd>
        <dt>{t('settlement.prepared_by')}</dt>
        <dd>
          <Actor value={b.prepared_by} />
        </dd>
        <dt>{t('settlement.approvals')}</dt>
        <dd>
          {b.approvals.length ? (
            <ul className="op-list">
              {b.approvals.map((a) => (
                <li key={a}>
                  <Actor value={a} />
                </li>
              ))}
            </ul>
          ) : (
            t('none')
          )}
          <div className="ui-muted">{t('settlement.sign_offs', { n: Math.min(signOffs(b), 2) })}</div>
        </dd>
        <dt>{t('settlement.approved_at')}</dt>
        <dd>{b.approved_at ? <DateTime value={b.approved_at} /> : t('none')}</dd>
        <dt>{t('settlement.sent_at')}</dt>
        <dd>{b.sent_at ? <DateTime value={b.sent_at} /> : t('none')}</dd>
        <dt>{t('settlement.closed_at')}</dt>
        <dd>{b.closed_at ? <DateTime value={b.closed_at} /> : t('none')}</dd>
        <dt>{t('settlement.file_sha256')}</dt>
        <dd className="op-code">{b.file_sha256 ?? t('none')}</dd>
      </dl>
    </Card>
  );
}

function Actions({ batch: b }: { batch: Batch }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { actor, canAct } = useSettlementActor();
  const form = useSubmit();
  const [pending, setPending] = useState<Action | null>(null);
  const [confirming, setConfirming] = useState<'cancel' | 'send' | null>(null);
  const [done, setDone] = useState<Action | null>(null);
  const own = approvalOutcome(b.prepared_by, b.approvals, actor);
  const hasFile = b.status !== 'draft' && !(b.status === 'failed' && !b.sent_at);

  const act = async (action: Action) => {
    setPending(action);
    setDone(null);
    const updated = await form.run({}, () =>
      unwrap(api.POST(`/v1/payout-batches/{id}/${action}`, { params: { path: { id: b.id } }, headers: idempotent() })),
    );
    setPending(null);
    setConfirming(null);
    if (updated) {
      qc.setQueryData(['payout-batch', b.id], updated);
      setDone(action);
    } else {
      // Refused: someone else may have moved it meanwhile; show it as it is now.
      await qc.invalidateQueries({ queryKey: ['payout-batch', b.id] });
    }
    await qc.invalidateQueries({ queryKey: ['payout-batches'] });
  };

  return (
    <Card title={t('settlement.actions')}>
      <div className="ui-stack">
        <p className="ui-muted">{t('settlement.four_eyes')}</p>
        {done ? <Notice tone="success">{t(`settlement.done.${done}`, { status: t(`settlement.batch_status.${b.status}`) })}</Notice> : null}
        <Refusal error={form.formError} />
        {hasFile ? (
          <p>
            <a href={`/v1/payout-batches/${encodeURIComponent(b.id)}/file`} download>
              {t('settlement.download', { format: t(`settlement.format.${b.format}`) })}
            </a>
          </p>
        ) : (
          <p className="ui-muted">{t('settlement.file_after_approval')}</p>
        )}
        {!canAct ? <p className="ui-muted">{t('settlement.read_only')}</p> : null}
        {canAct && b.status === 'draft' ? (
          <>
            {!own.ok ? (
              <p className="ui-muted" id="approve-why">
                {b.prepared_by === actor ? t('settlement.cannot_approve_own') : t('settlement.approved_already')}
              </p>
            ) : null}
            <div className="op-actions">
              <Button
                busy={pending === 'approve'}
                disabled={!own.ok || pending !== null}
                aria-describedby={own.ok ? undefined : 'approve-why'}
                onClick={() => void act('approve')}
              >
                {t('settlement.approve')}
              </Button>
              <Button variant="danger" disabled={pending !== null} onClick={() => setConfirming('cancel')}>
                {t('settlement.cancel')}
              </Button>
            </div>
          </>
        ) : null}
        {canAct && b.status === 'approved' ? (
          <>
            <p className="ui-muted">{t('settlement.send_hint')}</p>
            <div className="op-actions">
              <Button disabled={pending !== null} onClick={() => setConfirming('send')}>
                {t('settlement.mark_sent')}
              </Button>
            </div>
          </>
        ) : null}
        {confirming ? (
          <Notice tone="warning">
            <div className="ui-stack">
              <span>{t(`settlement.confirm.${confirming}`)}</span>
              <div className="op-actions">
                <Button
                  variant={confirming === 'cancel' ? 'danger' : 'primary'}
                  busy={pending === confirming}
                  onClick={() => void act(confirming)}
                >
                  {t(`settlement.confirm.${confirming}_yes`)}
                </Button>
                <Button variant="secondary" disabled={pending !== null} onClick={() => setConfirming(null)}>
                  {t('settlement.confirm.keep')}
                </Button>
              </div>
            </div>
          </Notice>
        ) : null}
      </div>
    </Card>
  );
}

function Items({ batch: b }: { batch: Batch }) {
  const { t } = useTranslation();
  return (
    <Card title={t('settlement.payouts')}>
      <Table
        caption={t('settlement.payouts')}
        head={[
          t('settlement.payout'),
          t('settlement.merchant'),
          t('settlement.amount'),
          t('settlement.account'),
          t('settlement.reference'),
          t('settlement.status'),
          t('settlement.bank_answer'),
        ]}
      >
        {(b.items ?? []).map((p) => (
          <tr key={p.id}>
            <td className="op-code">{p.id}</td>
            <td>
              <Link className="op-code" to={`/merchants/${p.merchant_id}`}>
                {p.merchant_id}
              </Link>
            </td>
            <td>
              <MoneyText value={p.amount} />
            </td>
            <td className="op-code">{p.account}</td>
            <td className="op-code">{p.reference}</td>
            <td>
              <PayoutStatusBadge status={p.status} />
            </td>
            <td>
              {p.confirmed_amount && p.confirmed_amount.amount !== p.amount.amount ? (
                <div>
                  {t('settlement.bank_amount')} <MoneyText value={p.confirmed_amount} />
                </div>
              ) : null}
              {p.failure_reason ? <div>{p.failure_reason}</div> : null}
              {p.confirmed_at ? (
                <div className="ui-muted">
                  <DateTime value={p.confirmed_at} />
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}

type Answer = { status: '' | 'paid' | 'failed'; amount: string; reason: string };

/** The bank's answer, payout by payout: those left without one stay open for a later answer. */
function BankAnswers({ batch: b }: { batch: Batch }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const open = (b.items ?? []).filter((p) => p.status === 'pending');
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [saved, setSaved] = useState(false);
  const form = useSubmit();
  const get = (id: string): Answer => answers[id] ?? { status: '', amount: '', reason: '' };
  const set = (id: string, patch: Partial<Answer>) => setAnswers({ ...answers, [id]: { ...get(id), ...patch } });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const errs: FieldErrors = {};
    const items: { payout_id: string; status: 'paid' | 'failed'; amount?: string; reason?: string }[] = [];
    for (const p of open) {
      const a = get(p.id);
      if (!a.status) continue;
      let amount: string | undefined;
      if (a.amount.trim()) {
        const parsed = parseAmount(a.amount, p.amount.currency);
        if (parsed === null) errs[`${p.id}.amount`] = rules.amount();
        else amount = parsed;
      }
      if (a.reason.trim().length > REASON_MAX) errs[`${p.id}.reason`] = rules.tooLong(REASON_MAX);
      items.push({
        payout_id: p.id,
        status: a.status,
        ...(amount !== undefined ? { amount } : {}),
        ...(a.reason.trim() ? { reason: a.reason.trim() } : {}),
      });
    }
    if (!items.length && !Object.keys(errs).length) errs.form = t('settlement.answer_one');
    const updated = await form.run(errs, () =>
      unwrap(api.POST('/v1/payout-batches/{id}/confirmations', { params: { path: { id: b.id } }, body: { items } })),
    );
    if (updated) {
      qc.setQueryData(['payout-batch', b.id], updated);
      setAnswers({});
      setSaved(true);
      await qc.invalidateQueries({ queryKey: ['payout-batches'] });
    }
  };

  if (!open.length) return saved ? <Notice tone="success">{t('settlement.answers_saved')}</Notice> : null;
  return (
    <Card title={t('settlement.bank_answers')}>
      <form className="ui-stack" onSubmit={submit} noValidate>
        <p className="ui-muted">{t('settlement.bank_answers_hint')}</p>
        {open.map((p) => {
          const a = get(p.id);
          return (
            <fieldset key={p.id} className="op-form">
              <legend className="op-code">
                {t('settlement.answer_for', { id: p.id, merchant: p.merchant_id })} · <MoneyText value={p.amount} />
              </legend>
              <Field label={t('settlement.answer')}>
                {(f) => (
                  <Select {...f} value={a.status} onChange={(e) => set(p.id, { status: e.target.value as Answer['status'] })}>
                    <option value="">{t('settlement.no_answer')}</option>
                    <option value="paid">{t('settlement.payout_status.paid')}</option>
                    <option value="failed">{t('settlement.payout_status.failed')}</option>
                  </Select>
                )}
              </Field>
              <Field
                label={t('settlement.bank_amount_label')}
                hint={t('settlement.bank_amount_hint', {
                  amount: toDecimalString(p.amount.amount, minorDigits(p.amount.currency)),
                })}
                error={form.errors[`${p.id}.amount`]}
              >
                {(f) => <Input {...f} inputMode="decimal" value={a.amount} onChange={(e) => set(p.id, { amount: e.target.value })} />}
              </Field>
              <Field
                label={t('settlement.failure_reason')}
                hint={t('settlement.failure_reason_hint')}
                error={form.errors[`${p.id}.reason`]}
              >
                {(f) => <Input {...f} maxLength={REASON_MAX} value={a.reason} onChange={(e) => set(p.id, { reason: e.target.value })} />}
              </Field>
            </fieldset>
          );
        })}
        {form.errors.form ? <Notice tone="danger">{form.errors.form}</Notice> : null}
        <Refusal error={form.formError} />
        {saved ? <Notice tone="success">{t('settlement.answers_saved')}</Notice> : null}
        <div>
          <Button type="submit" busy={form.busy}>
            {t('settlement.record_answers')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
