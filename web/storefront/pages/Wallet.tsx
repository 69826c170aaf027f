// Wallet: balance, top-up by card (sandbox test cards; some ask for a one-time code; the job
// worker confirms the charge, so the top-up is polled until it settles) and the statement.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { parseAmount } from '../../shared/money';
import { Badge, Button, Card, EmptyState, Field, Input, MoneyText, Notice, QueryView, Table } from '../../shared/ui';
import { RequireShopper } from '../components/RequireShopper';
import { useDates, useFormErrors, useWallet } from '../lib';

type TopUp = Schemas['TopUp'];

export default function WalletPage() {
  const { t } = useTranslation();
  return (
    <RequireShopper title={t('wallet.title')}>
      <WalletView />
    </RequireShopper>
  );
}

function WalletView() {
  const { t } = useTranslation();
  const wallet = useWallet();
  const [params] = useSearchParams();
  const next = params.get('next');
  return (
    <div className="ui-stack">
      <h1>{t('wallet.title')}</h1>
      <QueryView query={wallet}>
        {(w) => (
          <>
            <Card title={t('wallet.balance')}>
              <p className="sf-balance">
                <MoneyText className="sf-big" value={w.available} />
              </p>
              {w.balance.amount !== w.available.amount ? (
                <p className="ui-muted">
                  {t('wallet.posted')} <MoneyText value={w.balance} />
                </p>
              ) : null}
              {next?.startsWith('/') && !next.startsWith('//') ? <Link to={next}>{t('wallet.back_to_checkout')}</Link> : null}
            </Card>
            {w.currency === 'CNY' && w.identity_verified ? <InstoreEntry /> : null}
            {w.identity_required && !w.identity_verified ? (
              <Notice tone="warning">
                {t('wallet.identity_needed')} <Link to="/account/identity?next=/wallet">{t('wallet.verify_now')}</Link>
              </Notice>
            ) : (
              <TopUpCard currency={w.currency} />
            )}
            <Statement />
          </>
        )}
      </QueryView>
    </div>
  );
}

/** Paying in shops in Australia and New Zealand from the CNY wallet: the pay code, scanning a till's QR, the history. */
function InstoreEntry() {
  const { t } = useTranslation();
  return (
    <section className="ui-card" aria-labelledby="instore-title">
      <h2 id="instore-title" className="ui-card__title">
        {t('instore.entry.title')}
      </h2>
      <p className="ui-muted">{t('instore.entry.explain')}</p>
      <div className="ui-row">
        <Link className="ui-button ui-button--primary" to="/wallet/pay-code">
          {t('instore.code.title')}
        </Link>
        <Link className="ui-button ui-button--primary" to="/wallet/scan">
          {t('instore.scan.title')}
        </Link>
        <Link className="ui-button ui-button--secondary" to="/wallet/instore">
          {t('instore.history.title')}
        </Link>
      </div>
    </section>
  );
}

type CardField = 'amount' | 'number' | 'exp_month' | 'exp_year' | 'cvc';

function TopUpCard({ currency }: { currency: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState<Record<CardField, string>>({ amount: '', number: '', exp_month: '', exp_year: '', cvc: '' });
  const [key, setKey] = useState<string | null>(null);
  const [topUp, setTopUp] = useState<TopUp | null>(null);
  const [code, setCode] = useState('');
  const f = useFormErrors(['amount', 'number', 'exp_month', 'exp_year', 'cvc'] as const);
  const [codeError, setCodeError] = useState<string | undefined>();

  const settle = async (tu: TopUp) => {
    setTopUp(tu);
    if (tu.status === 'succeeded' || tu.status === 'failed') {
      await qc.invalidateQueries({ queryKey: ['wallet'] });
      await qc.invalidateQueries({ queryKey: ['statement'] });
    }
  };
  // The acquirer confirms asynchronously (the job worker): poll while it is processing.
  useQuery({
    queryKey: ['top-up', topUp?.id],
    enabled: topUp?.status === 'processing',
    refetchInterval: 1000,
    queryFn: async () => {
      const id = topUp?.id ?? '';
      const tu = await unwrap(api.GET('/v1/wallet/top-ups/{id}', { params: { path: { id } } }));
      if (tu.status !== 'processing') await settle(tu);
      return tu;
    },
  });

  const create = useMutation({
    mutationFn: (v: {
      key: string;
      body: { amount: string; card: { number: string; exp_month: number; exp_year: number; cvc: string } };
    }) => unwrap(api.POST('/v1/wallet/top-ups', { body: v.body, headers: idempotent(v.key) })),
    onSuccess: (tu) => {
      setKey(null);
      setForm((p) => ({ ...p, number: '', cvc: '' }));
      void settle(tu);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status < 500 && err.status !== 0) setKey(null);
      if (err instanceof ApiError && err.code === 'card_declined')
        f.fromApi(new ApiError(err.status, { type: '', code: err.code, message: err.message, param: 'number', details: err.details }));
      else f.fromApi(err);
    },
  });
  const challenge = useMutation({
    mutationFn: (v: { id: string; code: string }) =>
      unwrap(api.POST('/v1/wallet/top-ups/{id}/challenge', { params: { path: { id: v.id } }, body: { code: v.code } })),
    onSuccess: (tu) => {
      setCodeError(undefined);
      void settle(tu);
    },
    onError: (err) =>
      setCodeError(
        err instanceof ApiError
          ? t(`decline.${String(err.details?.decline_code ?? 'card_declined')}`, { defaultValue: err.message })
          : undefined,
      ),
  });

  const set = (k: CardField) => (e: { target: { value: string } }) => setForm((p) => ({ ...p, [k]: e.target.value }));
  const year = new Date().getFullYear();
  const validate = () => {
    const e: Partial<Record<CardField, string>> = {};
    const amount = parseAmount(form.amount, currency);
    if (amount === null || amount === '0' || !/^[1-9]\d{0,9}$/.test(amount)) e.amount = t('validation.amount');
    const digits = form.number.replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(digits)) e.number = t('validation.card_number');
    const m = Number(form.exp_month);
    if (!Number.isInteger(m) || m < 1 || m > 12) e.exp_month = t('validation.exp_month');
    let y = Number(form.exp_year);
    if (form.exp_year.trim().length === 2) y += 2000;
    if (!Number.isInteger(y) || y < year || y > 2100) e.exp_year = t('validation.exp_year');
    if (!/^\d{3,4}$/.test(form.cvc.trim())) e.cvc = t('validation.cvc');
    return f.set(e) && amount ? { amount, card: { number: digits, exp_month: m, exp_year: y, cvc: form.cvc.trim() } } : null;
  };

  return (
    <section className="ui-card" aria-labelledby="topup-title">
      <h2 id="topup-title" className="ui-card__title">
        {t('wallet.top_up')}
      </h2>
      {topUp ? (
        <div aria-live="polite">
          {topUp.status === 'processing' ? <Notice tone="info">{t('wallet.status.processing')}</Notice> : null}
          {topUp.status === 'succeeded' ? (
            <Notice tone="success">
              {t('wallet.status.succeeded')} <MoneyText value={topUp.amount} />
            </Notice>
          ) : null}
          {topUp.status === 'failed' ? (
            <Notice tone="danger">
              {t(`decline.${topUp.decline_code ?? 'card_declined'}`, { defaultValue: t('wallet.status.failed') })}
            </Notice>
          ) : null}
        </div>
      ) : null}
      {topUp?.status === 'requires_challenge' ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!/^\d{6}$/.test(code.trim())) {
              setCodeError(t('validation.code'));
              return;
            }
            challenge.mutate({ id: topUp.id, code: code.trim() });
          }}
        >
          <Notice tone="warning">{t('wallet.challenge')}</Notice>
          <Field label={t('wallet.code')} error={codeError}>
            {(p) => (
              <Input
                {...p}
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                maxLength={6}
              />
            )}
          </Field>
          <Button type="submit" busy={challenge.isPending}>
            {t('wallet.confirm_code')}
          </Button>
        </form>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const body = validate();
            if (!body) return;
            const k = key ?? crypto.randomUUID();
            setKey(k);
            create.mutate({ key: k, body });
          }}
        >
          {f.formError ? <Notice tone="danger">{f.formError}</Notice> : null}
          <Field label={t('wallet.amount', { currency })} error={f.errors.amount}>
            {(p) => <Input {...p} inputMode="decimal" value={form.amount} onChange={set('amount')} maxLength={15} />}
          </Field>
          <Field label={t('wallet.card_number')} hint={t('wallet.test_card_hint')} error={f.errors.number}>
            {(p) => (
              <Input {...p} inputMode="numeric" autoComplete="cc-number" value={form.number} onChange={set('number')} maxLength={23} />
            )}
          </Field>
          <div className="sf-cols">
            <Field label={t('wallet.exp_month')} error={f.errors.exp_month}>
              {(p) => (
                <Input
                  {...p}
                  inputMode="numeric"
                  autoComplete="cc-exp-month"
                  value={form.exp_month}
                  onChange={set('exp_month')}
                  maxLength={2}
                />
              )}
            </Field>
            <Field label={t('wallet.exp_year')} error={f.errors.exp_year}>
              {(p) => (
                <Input
                  {...p}
                  inputMode="numeric"
                  autoComplete="cc-exp-year"
                  value={form.exp_year}
                  onChange={set('exp_year')}
                  maxLength={4}
                />
              )}
            </Field>
            <Field label={t('wallet.cvc')} error={f.errors.cvc}>
              {(p) => <Input {...p} inputMode="numeric" autoComplete="cc-csc" value={form.cvc} onChange={set('cvc')} maxLength={4} />}
            </Field>
          </div>
          <Button type="submit" busy={create.isPending || topUp?.status === 'processing'} className="sf-block">
            {t('wallet.submit_top_up')}
          </Button>
        </form>
      )}
    </section>
  );
}

function Statement() {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const statement = useInfiniteQuery({
    queryKey: ['statement'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/v1/wallet/statement', { params: { query: { limit: 20, ...(pageParam ? { starting_after: pageParam } : {}) } } })),
    getNextPageParam: (last) => (last.has_more ? last.data.at(-1)?.id : undefined),
  });
  return (
    <section className="ui-card" aria-labelledby="statement-title">
      <h2 id="statement-title" className="ui-card__title">
        {t('wallet.statement')}
      </h2>
      <QueryView
        query={statement}
        isEmpty={(d) => d.pages[0]?.data.length === 0}
        empty={<EmptyState title={t('wallet.statement_empty')} />}
      >
        {(d) => (
          <>
            <Table caption={t('wallet.statement')} head={[t('wallet.when'), t('wallet.what'), t('wallet.amount_col')]}>
              {d.pages
                .flatMap((p) => p.data)
                .map((e) => (
                  <tr key={e.id}>
                    <td>{dateTime(e.created_at)}</td>
                    <td>
                      {t(`wallet.entry.${e.reference?.type ?? 'other'}`, { defaultValue: e.reference?.type ?? '' })}
                      {e.status !== 'posted' ? (
                        <Badge tone="warning">{t(`wallet.entry_status.${e.status}`, { defaultValue: e.status })}</Badge>
                      ) : null}
                    </td>
                    <td className={e.direction === 'credit' ? 'sf-credit' : 'sf-debit'}>
                      {e.direction === 'credit' ? '+' : '−'}
                      <MoneyText value={e.amount} />
                    </td>
                  </tr>
                ))}
            </Table>
            {statement.hasNextPage ? (
              <Button variant="secondary" busy={statement.isFetchingNextPage} onClick={() => void statement.fetchNextPage()}>
                {t('common:load_more')}
              </Button>
            ) : null}
          </>
        )}
      </QueryView>
    </section>
  );
}
