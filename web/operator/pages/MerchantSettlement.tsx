// A merchant's settlement on its operator page: what it is owed per currency, the next payout day,
// its recent payouts, and a payout hold (put with a reason, lifted) for finance.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { Button, Card, Field, MoneyText, Notice, QueryView, Table, TextArea } from '../../shared/ui';
import { DateTime } from '../components/format';
import { FormError, useRules, useSubmit } from '../components/forms';
import { PayoutStatusBadge, useSettlementActor } from './Settlement';

const REASON_MIN = 3;
const REASON_MAX = 500;

export function MerchantSettlement({ merchantId }: { merchantId: string }) {
  const { t } = useTranslation();
  const { canAct, canRead } = useSettlementActor();
  const balance = useQuery({
    queryKey: ['balance', merchantId],
    queryFn: () => unwrap(api.GET('/v1/balance', { params: { query: { merchant_id: merchantId } } })),
    enabled: canRead,
  });
  const payouts = useQuery({
    queryKey: ['payouts', merchantId],
    queryFn: () => unwrap(api.GET('/v1/payouts', { params: { query: { merchant_id: merchantId, limit: 5 } } })),
    enabled: canRead,
  });
  if (!canRead) return null;
  return (
    <Card title={t('settlement.merchant_section')}>
      <QueryView query={balance}>
        {(b) => (
          <div className="ui-stack">
            {b.on_hold ? (
              <Notice tone="warning">{t('settlement.hold.on', { reason: b.on_hold.reason })}</Notice>
            ) : (
              <p className="ui-muted">{t('settlement.hold.off')}</p>
            )}
            <dl className="op-dl">
              <dt>{t('settlement.balance')}</dt>
              <dd>
                {b.balances.length ? (
                  <ul className="op-list">
                    {b.balances.map((m) => (
                      <li key={m.currency}>
                        <MoneyText value={m} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  t('settlement.nothing_owed')
                )}
              </dd>
              <dt>{t('settlement.settlement_currency')}</dt>
              <dd>{b.settlement_currency}</dd>
              <dt>{t('settlement.next_payout_date')}</dt>
              <dd>{b.next_payout_date ?? t('none')}</dd>
              <dt>{t('settlement.minimum_payout')}</dt>
              <dd>
                <MoneyText value={b.minimum_payout} />
              </dd>
              {b.on_hold ? (
                <>
                  <dt>{t('settlement.hold.since')}</dt>
                  <dd>
                    <DateTime value={b.on_hold.since} />
                  </dd>
                </>
              ) : null}
            </dl>
            {canAct ? <Hold merchantId={merchantId} held={Boolean(b.on_hold)} /> : null}
          </div>
        )}
      </QueryView>
      <h3>{t('settlement.recent_payouts')}</h3>
      <QueryView query={payouts} isEmpty={(d) => d.data.length === 0} empty={<p className="ui-muted">{t('settlement.no_payouts')}</p>}>
        {(d) => (
          <Table
            caption={t('settlement.recent_payouts')}
            head={[t('settlement.batch'), t('settlement.amount'), t('settlement.status'), t('settlement.created_at')]}
          >
            {d.data.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link className="op-code" to={`/settlement/batches/${p.batch_id}`}>
                    {p.batch_id}
                  </Link>
                </td>
                <td>
                  <MoneyText value={p.amount} />
                </td>
                <td>
                  <PayoutStatusBadge status={p.status} />
                </td>
                <td>
                  <DateTime value={p.created_at} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </QueryView>
    </Card>
  );
}

function Hold({ merchantId, held }: { merchantId: string; held: boolean }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<'put' | 'lifted' | null>(null);
  const form = useSubmit(['reason']);

  const change = async () => {
    setDone(null);
    const why = reason.trim();
    const errs: Record<string, string> = {};
    if (!held) {
      if (why.length < REASON_MIN) errs.reason = t('settlement.hold.reason_short', { min: REASON_MIN });
      else if (why.length > REASON_MAX) errs.reason = rules.tooLong(REASON_MAX);
    }
    const ok = await form.run(errs, async () => {
      if (held) await unwrap(api.DELETE('/v1/merchants/{id}/payout-hold', { params: { path: { id: merchantId } } }));
      else await unwrap(api.PUT('/v1/merchants/{id}/payout-hold', { params: { path: { id: merchantId } }, body: { reason: why } }));
      return true;
    });
    if (ok) {
      setReason('');
      setDone(held ? 'lifted' : 'put');
      await qc.invalidateQueries({ queryKey: ['balance', merchantId] });
    }
  };

  return (
    <div className="ui-stack">
      {done ? <Notice tone="success">{t(`settlement.hold.done_${done}`)}</Notice> : null}
      {!held ? (
        <Field label={t('settlement.hold.reason')} hint={t('settlement.hold.reason_hint')} error={form.errors.reason}>
          {(p) => <TextArea {...p} rows={2} maxLength={REASON_MAX} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      ) : null}
      <FormError error={form.formError} />
      <div>
        <Button variant={held ? 'secondary' : 'danger'} busy={form.busy} onClick={() => void change()}>
          {held ? t('settlement.hold.lift') : t('settlement.hold.put')}
        </Button>
      </div>
    </div>
  );
}
