// One store: its address and time zone, closing or reopening it, its tills (points of sale), and
// each till's POS key — an API key bound to the till, whose secret is shown once, right here.
import { SecretOnce as SecretOnceBox } from '../components/SecretOnce';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { Badge, Button, Card, EmptyState, Field, Input, Notice, QueryView, Table } from '../../shared/ui';
import { DateTime } from '../components/format';
import { type FieldErrors, FormError, useRules, useSubmit } from '../components/forms';
import { isAdmin, useMerchantSession } from '../components/merchant';
import { StoresTabs, storeCurrency } from './Stores';

type Store = Schemas['Store'];
type Till = Schemas['Till'];

export function StoreDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const store = useQuery({
    queryKey: ['store', id],
    queryFn: () => unwrap(api.GET('/v1/stores/{id}', { params: { path: { id } } })),
  });
  return (
    <div className="mc-page">
      <QueryView query={store}>
        {(s) => (
          <>
            <h1>{t('stores.store_title', { name: s.name })}</h1>
            <StoresTabs />
            {params.get('created') === '1' ? <Notice tone="success">{t('stores.created_notice', { zone: s.time_zone })}</Notice> : null}
            <StoreFacts store={s} />
            <Tills store={s} />
            <p className="ui-row">
              <Link to={`/stores/payments?store=${s.id}`}>{t('stores.payments_of_store')}</Link>
              <Link to={`/stores/report?store=${s.id}`}>{t('stores.report_of_store')}</Link>
            </p>
          </>
        )}
      </QueryView>
    </div>
  );
}

function StoreFacts({ store: s }: { store: Store }) {
  const { t } = useTranslation();
  const { role } = useMerchantSession();
  const qc = useQueryClient();
  const form = useSubmit();
  const toggle = () =>
    form.run({}, async () => {
      await unwrap(api.POST('/v1/stores/{id}', { params: { path: { id: s.id } }, body: { active: !s.active }, headers: idempotent() }));
      await qc.invalidateQueries({ queryKey: ['store', s.id] });
      await qc.invalidateQueries({ queryKey: ['stores'] });
    });
  return (
    <Card title={t('stores.details')}>
      <div className="ui-stack">
        <dl className="mc-dl">
          <dt>{t('stores.id')}</dt>
          <dd className="mc-code">{s.id}</dd>
          <dt>{t('stores.address')}</dt>
          <dd>
            {s.address_line}, {s.city}
            {s.region && s.region !== 'NZ' ? `, ${t(`region.${s.region}`, { defaultValue: s.region })}` : ''},{' '}
            {t(`country.${s.country}`, { defaultValue: s.country })}
          </dd>
          <dt>{t('stores.time_zone')}</dt>
          <dd className="mc-code">{s.time_zone}</dd>
          <dt>{t('stores.currency')}</dt>
          <dd>{storeCurrency(s.country)}</dd>
          <dt>{t('stores.status')}</dt>
          <dd>
            <Badge tone={s.active ? 'success' : 'neutral'}>{s.active ? t('stores.open') : t('stores.closed')}</Badge>
          </dd>
        </dl>
        <FormError error={form.formError} />
        {isAdmin(role) ? (
          <div>
            <Button variant={s.active ? 'danger' : 'secondary'} busy={form.busy} onClick={() => void toggle()}>
              {s.active ? t('stores.close_store') : t('stores.reopen_store')}
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}

function Tills({ store }: { store: Store }) {
  const { t } = useTranslation();
  const { role } = useMerchantSession();
  const admin = isAdmin(role);
  const tills = useQuery({
    queryKey: ['tills', store.id],
    queryFn: () => unwrap(api.GET('/v1/stores/{id}/tills', { params: { path: { id: store.id }, query: { limit: 100 } } })),
  });
  // The POS keys already issued (owners and managers may list keys).
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => unwrap(api.GET('/v1/api-keys', { params: { query: { limit: 100 } } })),
    enabled: admin,
  });
  const [issued, setIssued] = useState<{ till: Till; secret: string } | null>(null);
  return (
    <Card title={t('stores.tills')}>
      <div className="ui-stack">
        {issued ? <SecretOnce till={issued.till} secret={issued.secret} onDone={() => setIssued(null)} /> : null}
        <QueryView query={tills} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('stores.no_tills')} />}>
          {(d) => (
            <Table
              caption={t('stores.tills')}
              head={[t('stores.till_name'), t('stores.till_id'), t('stores.pos_keys'), t('stores.created'), '']}
            >
              {d.data.map((till) => {
                const tillKeys = (keys.data?.data ?? []).filter((k) => k.till_id === till.id && !k.revoked_at);
                return (
                  <tr key={till.id}>
                    <td>{till.name}</td>
                    <td className="mc-code">{till.id}</td>
                    <td className="mc-code">{tillKeys.map((k) => k.redacted_key).join(' ') || '—'}</td>
                    <td>
                      <DateTime value={till.created_at} />
                    </td>
                    <td>{admin && store.active ? <IssueKey till={till} onIssued={(secret) => setIssued({ till, secret })} /> : null}</td>
                  </tr>
                );
              })}
            </Table>
          )}
        </QueryView>
        {admin && store.active ? <AddTill storeId={store.id} /> : null}
        {!store.active ? <p className="ui-muted">{t('stores.closed_hint')}</p> : null}
      </div>
    </Card>
  );
}

function AddTill({ storeId }: { storeId: string }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const form = useSubmit(['name']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (!name.trim()) errs.name = rules.required();
    else if (name.trim().length > 100) errs.name = rules.tooLong(100);
    void form.run(errs, async () => {
      await unwrap(
        api.POST('/v1/stores/{id}/tills', { params: { path: { id: storeId } }, body: { name: name.trim() }, headers: idempotent() }),
      );
      setName('');
      await qc.invalidateQueries({ queryKey: ['tills', storeId] });
    });
  };
  return (
    <form className="mc-filters" onSubmit={submit} noValidate aria-label={t('stores.add_till')}>
      <Field label={t('stores.till_name')} hint={t('stores.till_name_hint')} error={form.errors.name}>
        {(p) => <Input {...p} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Button type="submit" busy={form.busy}>
        {t('stores.add_till')}
      </Button>
      <FormError error={form.formError} />
    </form>
  );
}

function IssueKey({ till, onIssued }: { till: Till; onIssued: (secret: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSubmit([]);
  // The key's mode is the till's world (the console's live or test mode): the server decides it.
  const issue = () =>
    form.run({}, async () => {
      const k = await unwrap(api.POST('/v1/tills/{id}/keys', { params: { path: { id: till.id } }, body: {}, headers: idempotent() }));
      onIssued(k.secret);
      await qc.invalidateQueries({ queryKey: ['api-keys'] });
    });
  return (
    <div className="ui-row">
      <Button variant="secondary" busy={form.busy} onClick={() => void issue()} aria-label={t('stores.issue_key_for', { till: till.name })}>
        {t('stores.issue_key')}
      </Button>
      <FormError error={form.formError} />
    </div>
  );
}

/** The POS key's secret, this once: a copy button and the warning that it will not be shown again. */
function SecretOnce({ till, secret, onDone }: { till: Till; secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  const text = {
    title: t('stores.key_issued', { till: till.name }),
    warning: t('stores.secret_once'),
    copy: t('stores.copy'),
    copied: t('stores.copied'),
    copyFailed: t('stores.copy_failed'),
    saved: t('stores.secret_saved'),
  };
  return <SecretOnceBox secret={secret} text={text} testId="pos-secret" onDone={onDone} />;
}
