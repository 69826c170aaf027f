// 扫一扫 (scan to pay): the shopper reads the till's QR — with the camera where the browser has
// the BarcodeDetector API, otherwise by pasting its text — and sees the shop, the amount in the
// store's currency and the CNY it costs at a quote locked for them until its expiry. Confirming
// pays from the CNY wallet; then the payment's page says so, with its receipt.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, type Schemas, unwrap } from '../../shared/api/client';
import { errorText } from '../../shared/i18n';
import { Button, Card, Field, MoneyText, Notice, TextArea } from '../../shared/ui';
import { secondsUntil, useClock, useNow } from '../components/instore';
import { RequireShopper } from '../components/RequireShopper';
import { useFormErrors } from '../lib';

type Preview = Schemas['InstorePaymentPreview'];

export default function ScanPayPage() {
  const { t } = useTranslation();
  return (
    <RequireShopper title={t('instore.scan.title')}>
      <ScanPay />
    </RequireShopper>
  );
}

function ScanPay() {
  const { t } = useTranslation();
  const [payload, setPayload] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const f = useFormErrors(['payload'] as const);
  const scan = useMutation({
    mutationFn: (text: string) => unwrap(api.POST('/v1/wallet/instore/scan', { body: { payload: text } })),
    onSuccess: (p) => {
      f.reset();
      setPreview(p);
    },
    onError: (err) => {
      setPreview(null);
      // Whatever is wrong with what was read (expired, paid, not ours) belongs to the payload field.
      f.fromApi(
        err instanceof ApiError && err.status < 500 && err.status !== 0
          ? new ApiError(err.status, { type: '', code: err.code, message: err.message, param: 'payload', details: err.details })
          : err,
      );
    },
  });
  const read = (text: string) => {
    const v = text.trim();
    if (!v) {
      f.set({ payload: t('instore.scan.payload_required') });
      return;
    }
    scan.mutate(v);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    read(payload);
  };

  return (
    <div className="ui-stack sf-narrow">
      <h1>{t('instore.scan.title')}</h1>
      {preview ? (
        <Confirm preview={preview} onRescan={() => read(payload)} rescanning={scan.isPending} onCancel={() => setPreview(null)} />
      ) : (
        <Card>
          <div className="ui-stack">
            <p className="ui-muted">{t('instore.scan.explain')}</p>
            <Camera
              onRead={(text) => {
                setPayload(text);
                read(text);
              }}
            />
            <form noValidate onSubmit={submit} className="ui-stack">
              <Field label={t('instore.scan.payload')} hint={t('instore.scan.payload_hint')} error={f.errors.payload}>
                {(p) => (
                  <TextArea
                    {...p}
                    className="sf-payload"
                    value={payload}
                    maxLength={512}
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(e) => setPayload(e.target.value)}
                  />
                )}
              </Field>
              {f.formError ? <Notice tone="danger">{f.formError}</Notice> : null}
              <Button type="submit" busy={scan.isPending} className="sf-block">
                {t('instore.scan.read')}
              </Button>
            </form>
          </div>
        </Card>
      )}
      <p className="ui-row">
        <Link to="/wallet/pay-code">{t('instore.code.title')}</Link>
        <Link to="/wallet">{t('instore.back_to_wallet')}</Link>
      </p>
    </div>
  );
}

function Confirm({
  preview,
  onRescan,
  rescanning,
  onCancel,
}: {
  preview: Preview;
  onRescan: () => void;
  rescanning: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const now = useNow();
  const clock = useClock();
  const p = preview.payment;
  // The rate may be locked for longer than the till waits: the earlier of the two is what counts.
  const until = Date.parse(p.expires_at) < Date.parse(preview.quote.expires_at) ? p.expires_at : preview.quote.expires_at;
  const left = secondsUntil(until, now);
  const pay = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/wallet/instore/payments/{id}/confirm', { params: { path: { id: p.id } }, body: { quote_id: preview.quote.id } }),
      ),
    onSuccess: async (paid) => {
      await qc.invalidateQueries({ queryKey: ['wallet'] });
      navigate(`/wallet/instore/${paid.id}?paid=1`);
    },
  });
  const quoteGone = left === 0 || (pay.error instanceof ApiError && pay.error.code === 'quote_expired');
  return (
    <section className="ui-card" aria-labelledby="confirm-title">
      <h2 id="confirm-title" className="ui-card__title">
        {t('instore.scan.confirm_title')}
      </h2>
      <div className="ui-stack">
        <dl className="sf-receipt">
          <div className="sf-receipt__line">
            <dt>{t('instore.merchant')}</dt>
            <dd>{p.merchant.name}</dd>
          </div>
          <div className="sf-receipt__line">
            <dt>{t('instore.store')}</dt>
            <dd>
              {p.store.name} · {p.store.city}
            </dd>
          </div>
          <div className="sf-receipt__line">
            <dt>{t('instore.till_amount')}</dt>
            <dd>
              <MoneyText value={p.amount} />
            </dd>
          </div>
          <div className="sf-receipt__line">
            <dt>{t('instore.rate')}</dt>
            <dd>{t('instore.rate_value', { rate: preview.quote.rate, currency: p.amount.currency })}</dd>
          </div>
        </dl>
        <div className="sf-amount-pair sf-center" aria-live="polite">
          <span>{t('instore.you_pay')}</span>
          <MoneyText value={preview.charge} />
        </div>
        <p className={quoteGone ? 'ui-field__error' : 'ui-muted'}>
          {quoteGone ? t('instore.scan.quote_expired') : t('instore.scan.quote_until', { time: clock(until), count: left })}
        </p>
        {pay.isError && !quoteGone ? <Notice tone="danger">{errorText(pay.error)}</Notice> : null}
        {pay.error instanceof ApiError && pay.error.code === 'insufficient_funds' ? (
          <Link to="/wallet">{t('instore.scan.top_up')}</Link>
        ) : null}
        {quoteGone ? (
          <Button busy={rescanning} className="sf-block" onClick={onRescan}>
            {t('instore.scan.new_quote')}
          </Button>
        ) : (
          <Button busy={pay.isPending} className="sf-block" onClick={() => pay.mutate()}>
            {t('instore.scan.pay')}
          </Button>
        )}
        <Button variant="secondary" className="sf-block" onClick={onCancel}>
          {t('common:cancel')}
        </Button>
      </div>
    </section>
  );
}

/** The camera where the browser can read QR codes itself (BarcodeDetector); nothing otherwise. */
interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type DetectorCtor = new (opts: { formats: string[] }) => Detector;
const detectorCtor = () => (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;

function Camera({ onRead }: { onRead: (text: string) => void }) {
  const { t } = useTranslation();
  const supported = Boolean(detectorCtor() && navigator.mediaDevices);
  const [on, setOn] = useState(false);
  const [error, setError] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const read = useRef(onRead);
  read.current = onRead;

  useEffect(() => {
    const Ctor = detectorCtor();
    if (!on || !Ctor) return;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const detector = new Ctor({ formats: ['qr_code'] });
    const tick = async () => {
      if (stopped || !video.current) return;
      try {
        const found = video.current.readyState >= 2 ? await detector.detect(video.current) : [];
        const text = found[0]?.rawValue;
        if (text) {
          setOn(false);
          read.current(text);
          return;
        }
      } catch {
        // a frame the detector could not read: try the next
      }
      timer = setTimeout(() => void tick(), 300);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch(() => {
        setError(true);
        setOn(false);
      });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [on]);

  if (!supported) return null;
  return (
    <div className="ui-stack">
      {error ? <Notice tone="warning">{t('instore.scan.camera_error')}</Notice> : null}
      {on ? (
        <>
          <video ref={video} className="sf-camera" muted playsInline aria-label={t('instore.scan.camera_view')} />
          <Button variant="secondary" onClick={() => setOn(false)}>
            {t('instore.scan.camera_stop')}
          </Button>
        </>
      ) : (
        <Button variant="secondary" className="sf-block" onClick={() => setOn(true)}>
          {t('instore.scan.camera')}
        </Button>
      )}
    </div>
  );
}
