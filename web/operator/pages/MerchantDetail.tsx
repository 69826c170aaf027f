// One merchant: what it applied with, the decision (approve, reject, suspend, reinstate with a
// reason) and its status history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Notice, QueryView, Table, TextArea } from '../../shared/ui';
import { DateTime, MerchantStatus } from '../components/format';
import { FormError, useRules, useSubmit } from '../components/forms';
import { MerchantPlan } from './MerchantPlan';
import { MerchantSettlement } from './MerchantSettlement';

type Merchant = Schemas['Merchant'];
type Action = 'approve' | 'reject' | 'suspend' | 'reinstate';

/** The server's transitions (src/modules/merchants/rules.ts): what each status allows. */
const ACTIONS: Record<Merchant['status'], Action[]> = {
  applied: ['approve', 'reject'],
  approved: ['suspend'],
  suspended: ['reinstate'],
  rejected: [],
};
/** Every action but approval must say why. */
const needsReason = (a: Action) => a !== 'approve';
const REASON_MAX = 1000;

export function MerchantDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['merchant', id],
    queryFn: () => unwrap(api.GET('/v1/merchants/{id}', { params: { path: { id } } })),
  });
  return (
    <div className="op-page">
      <p>
        <Link to="/merchants">{t('merchants.back')}</Link>
      </p>
      <QueryView query={query}>
        {(m) => (
          <>
            <div className="op-head">
              <h1>{m.legal_name}</h1>
              <MerchantStatus status={m.status} />
            </div>
            <Decision merchant={m} />
            <MerchantFacts merchant={m} />
            {/* Payouts exist once a merchant has traded: not for an application still in review or refused. */}
            {(m.status === 'approved' || m.status === 'suspended') && <MerchantSettlement merchantId={m.id} />}
            {(m.status === 'approved' || m.status === 'suspended') && <MerchantPlan merchantId={m.id} />}
            <StatusHistory id={m.id} />
          </>
        )}
      </QueryView>
    </div>
  );
}

function MerchantFacts({ merchant: m }: { merchant: Merchant }) {
  const { t } = useTranslation();
  const dash = t('none');
  return (
    <Card title={t('merchants.details')}>
      <dl className="op-dl">
        <dt>{t('merchants.legal_name')}</dt>
        <dd>{m.legal_name}</dd>
        <dt>{t('merchants.trading_name')}</dt>
        <dd>{m.trading_name ?? dash}</dd>
        <dt>{t('merchants.country')}</dt>
        <dd>{t(`country.${m.country}`, { defaultValue: m.country })}</dd>
        <dt>{t('merchants.business_number')}</dt>
        <dd className="op-code">{m.business_number ?? dash}</dd>
        <dt>{t('merchants.gst_registered')}</dt>
        <dd>{m.gst_registered ? t('common:yes') : t('common:no')}</dd>
        <dt>{t('merchants.contact')}</dt>
        <dd>{m.contact ? [m.contact.name, m.contact.email, m.contact.phone].filter(Boolean).join(' · ') : dash}</dd>
        <dt>{t('merchants.categories')}</dt>
        <dd>{m.categories.length ? m.categories.join(', ') : dash}</dd>
        <dt>{t('merchants.brands')}</dt>
        <dd>{m.brands.length ? m.brands.join(', ') : dash}</dd>
        <dt>{t('merchants.payout_account')}</dt>
        <dd className="op-code">{m.payout_account?.masked ?? dash}</dd>
        <dt>{t('merchants.status_reason')}</dt>
        <dd>{m.status_reason ?? dash}</dd>
        <dt>{t('merchants.applied_at')}</dt>
        <dd>
          <DateTime value={m.created_at} />
        </dd>
        <dt>{t('id')}</dt>
        <dd className="op-code">{m.id}</dd>
      </dl>
      <p>
        <Link to={`/orders?merchant=${encodeURIComponent(m.id)}`}>{t('merchants.see_orders')}</Link>
        {' · '}
        <Link to={`/audit?object_id=${encodeURIComponent(m.id)}`}>{t('merchants.see_audit')}</Link>
      </p>
    </Card>
  );
}

function Decision({ merchant }: { merchant: Merchant }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const rules = useRules();
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState<Action | null>(null);
  const [done, setDone] = useState<Action | null>(null);
  const form = useSubmit(['reason']);
  const actions = ACTIONS[merchant.status];

  const decide = async (action: Action) => {
    const why = reason.trim();
    const errs: Record<string, string> = {};
    if (needsReason(action) && !why) errs.reason = t('merchants.reason_required');
    else if (why.length > REASON_MAX) errs.reason = rules.tooLong(REASON_MAX);
    setPending(action);
    setDone(null);
    const updated = await form.run(errs, () =>
      unwrap(
        api.POST(`/v1/merchants/{id}/${action}`, {
          params: { path: { id: merchant.id } },
          body: why ? { reason: why } : {},
          headers: idempotent(),
        }),
      ),
    );
    setPending(null);
    if (updated) {
      qc.setQueryData(['merchant', merchant.id], updated);
      setReason('');
      setDone(action);
      await qc.invalidateQueries({ queryKey: ['merchants'] });
      await qc.invalidateQueries({ queryKey: ['merchant-history', merchant.id] });
    }
  };

  return (
    <Card title={t('merchants.decision')}>
      <div className="ui-stack">
        {done ? <Notice tone="success">{t(`merchants.done.${done}`)}</Notice> : null}
        {actions.length === 0 ? (
          <p className="ui-muted">{t('merchants.no_actions')}</p>
        ) : (
          <>
            <Field label={t('merchants.reason')} hint={t('merchants.reason_hint')} error={form.errors.reason}>
              {(p) => <TextArea {...p} rows={3} maxLength={REASON_MAX} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <FormError error={form.formError} />
            <div className="op-actions">
              {actions.map((a) => (
                <Button
                  key={a}
                  variant={a === 'reject' || a === 'suspend' ? 'danger' : 'primary'}
                  busy={pending === a}
                  disabled={pending !== null}
                  onClick={() => void decide(a)}
                >
                  {t(`merchants.action.${a}`)}
                </Button>
              ))}
            </div>
          </>
        )}
      </div>
    </Card>
  );
}

function StatusHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['merchant-history', id],
    queryFn: () => unwrap(api.GET('/v1/merchants/{id}/status-changes', { params: { path: { id }, query: { limit: 100 } } })),
  });
  return (
    <Card title={t('merchants.history')}>
      <QueryView query={query} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('merchants.no_history')} />}>
        {(d) => (
          <Table caption={t('merchants.history')} head={[t('when'), t('merchants.change'), t('merchants.reason'), t('actor')]}>
            {d.data.map((c) => (
              <tr key={c.id}>
                <td>
                  <DateTime value={c.at} />
                </td>
                <td>
                  {c.from_status ? <MerchantStatus status={c.from_status} /> : null}
                  {c.from_status ? ' → ' : null}
                  <MerchantStatus status={c.to_status} />
                </td>
                <td>{c.reason ?? ''}</td>
                <td className="op-code">{c.actor_id ?? c.actor_kind}</td>
              </tr>
            ))}
          </Table>
        )}
      </QueryView>
    </Card>
  );
}
