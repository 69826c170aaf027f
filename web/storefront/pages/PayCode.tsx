// 付款码 (pay code): the wallet's one-minute, one-payment code for a till's scanner, as digits, a
// Code 128 barcode and a QR. The next code is fetched when this one's minute is up (a till takes
// a code in its minute and the next). Below it, code payments above the shopper's no-confirmation
// limit that wait for their confirmation (polled: the till may charge at any moment).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, unwrap } from '../../shared/api/client';
import { errorText } from '../../shared/i18n';
import { Button, Card, EmptyState, ErrorState, Loading, MoneyText, Notice, QueryView } from '../../shared/ui';
import { groupDigits, InstoreStatus, secondsUntil, useClock, useNow, type WalletInstorePayment } from '../components/instore';
import { RequireShopper } from '../components/RequireShopper';

export default function PayCodePage() {
  const { t } = useTranslation();
  return (
    <RequireShopper title={t('instore.code.title')}>
      <div className="ui-stack sf-narrow">
        <h1>{t('instore.code.title')}</h1>
        <CodeCard />
        <Waiting />
        <p className="ui-row">
          <Link to="/wallet/scan">{t('instore.scan.title')}</Link>
          <Link to="/wallet/instore">{t('instore.history.title')}</Link>
          <Link to="/wallet">{t('instore.back_to_wallet')}</Link>
        </p>
      </div>
    </RequireShopper>
  );
}

function CodeCard() {
  const { t } = useTranslation();
  const now = useNow();
  const code = useQuery({
    queryKey: ['payment-code'],
    queryFn: () => unwrap(api.GET('/v1/wallet/payment-code')),
    gcTime: 0,
    // The next code when this one's minute is up (at least a second apart, whatever the clocks say).
    refetchInterval: (q) => (q.state.data ? Math.max(1000, Date.parse(q.state.data.refresh_at) - Date.now() + 250) : false),
    refetchIntervalInBackground: false,
  });
  if (code.isPending) return <Loading />;
  if (code.isError) {
    const err = code.error;
    if (err instanceof ApiError && err.code === 'identity_required')
      return (
        <Notice tone="warning">
          {errorText(err)} <Link to="/account/identity?next=/wallet/pay-code">{t('wallet.verify_now')}</Link>
        </Notice>
      );
    return <ErrorState error={err} onRetry={() => void code.refetch()} />;
  }
  const c = code.data;
  const left = secondsUntil(c.refresh_at, now);
  // The code in the image's address too, so the browser fetches each new code's picture.
  const image = (symbology: 'code128' | 'qrcode') => `${c.image_url}?symbology=${symbology}&code=${c.code}`;
  return (
    <Card title={t('instore.code.show_cashier')}>
      <div className="sf-paycode">
        <img className="sf-paycode__barcode" src={image('code128')} alt={t('instore.code.barcode_alt')} />
        <p className="sf-paycode__digits" data-code={c.code}>
          {groupDigits(c.code)}
        </p>
        <img className="sf-paycode__qr" src={image('qrcode')} alt={t('instore.code.qr_alt')} width={200} height={200} />
        <p className="ui-muted">{left > 0 ? t('instore.code.refresh_in', { count: left }) : t('instore.code.refreshing')}</p>
        <Button variant="secondary" busy={code.isFetching} onClick={() => void code.refetch()}>
          {t('instore.code.refresh')}
        </Button>
        <p className="ui-muted sf-small">{t('instore.code.one_payment')}</p>
      </div>
      <div className="ui-row sf-spread">
        <span>
          {t('instore.limit.current')}{' '}
          {c.no_confirmation_limit && c.no_confirmation_limit.amount !== '0' ? (
            <MoneyText value={c.no_confirmation_limit} />
          ) : (
            t('instore.limit.none')
          )}
        </span>
        <Link to="/wallet/pay-code/settings">{t('instore.limit.set')}</Link>
      </div>
    </Card>
  );
}

/** Code payments over the limit, waiting for the shopper to confirm them. */
function Waiting() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const now = useNow();
  const clock = useClock();
  const waiting = useQuery({
    queryKey: ['instore-waiting'],
    queryFn: () => unwrap(api.GET('/v1/wallet/instore/payments', { params: { query: { status: 'requires_confirmation', limit: 20 } } })),
    refetchInterval: 2000,
  });
  const confirm = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/wallet/instore/payments/{id}/confirm', { params: { path: { id } }, body: {} })),
    onSuccess: async (p) => {
      await qc.invalidateQueries({ queryKey: ['wallet'] });
      await qc.invalidateQueries({ queryKey: ['instore-waiting'] });
      navigate(`/wallet/instore/${p.id}?paid=1`);
    },
    onError: () => void qc.invalidateQueries({ queryKey: ['instore-waiting'] }),
  });
  const open = (waiting.data?.data ?? []).filter((p) => secondsUntil(p.expires_at, now) > 0);
  return (
    <section className="ui-card" aria-labelledby="waiting-title">
      <h2 id="waiting-title" className="ui-card__title">
        {t('instore.waiting.title')}
      </h2>
      {confirm.isError ? <Notice tone="danger">{errorText(confirm.error)}</Notice> : null}
      <QueryView query={waiting} isEmpty={() => open.length === 0} empty={<EmptyState title={t('instore.waiting.none')} />}>
        {() => (
          <ul className="sf-instore-list" aria-live="polite">
            {open.map((p) => (
              <WaitingItem
                key={p.id}
                p={p}
                left={secondsUntil(p.expires_at, now)}
                until={clock(p.expires_at)}
                busy={confirm.isPending && confirm.variables === p.id}
                onConfirm={() => confirm.mutate(p.id)}
              />
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

function WaitingItem({
  p,
  left,
  until,
  busy,
  onConfirm,
}: {
  p: WalletInstorePayment;
  left: number;
  until: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li>
      <div className="ui-row sf-spread">
        <strong>{p.merchant.name}</strong>
        <InstoreStatus status={p.status} />
      </div>
      <span className="ui-muted">
        {p.store.name} · {p.store.city}
      </span>
      <div className="sf-amount-pair">
        <span>
          {t('instore.you_pay')} <MoneyText value={p.charge} />
        </span>
        <span className="ui-muted">
          {t('instore.till_amount')} <MoneyText value={p.amount} />
        </span>
      </div>
      <span className="ui-muted sf-small">{t('instore.waiting.expires', { time: until, count: left })}</span>
      <Button
        busy={busy}
        className="sf-block"
        onClick={onConfirm}
        aria-label={t('instore.waiting.confirm_label', { merchant: p.merchant.name })}
      >
        {t('instore.waiting.confirm')}
      </Button>
    </li>
  );
}
