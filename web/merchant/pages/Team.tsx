// Staff and API keys: who works in the console (and invitations for new colleagues), and the
// keys integrations use, each shown once when created and revocable.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotent, unwrap } from '../../shared/api/client';
import { Badge, Button, Card, EmptyState, Field, Input, Notice, QueryView, Select, Table } from '../../shared/ui';
import { DateTime, Status } from '../components/format';
import { EMAIL, type FieldErrors, FormError, useRules, useSubmit } from '../components/forms';
import { isAdmin, useMerchantSession } from '../components/merchant';

const ROLES = ['owner', 'manager', 'staff'] as const;
/** The scopes a key may hold (src/kernel/http/access.ts API_SCOPES). */
const API_SCOPES = [
  'merchant:read',
  'staff:read',
  'api_keys:read',
  'audit:read',
  'events:read',
  'products:read',
  'products:write',
  'inventory:read',
  'inventory:write',
  'payments:read',
  'payments:write',
  'orders:read',
  'orders:write',
  'shipments:read',
  'shipments:write',
  'instore:read',
  'webhooks:read',
  'webhooks:write',
] as const;

export function Team() {
  const { t } = useTranslation();
  const { role } = useMerchantSession();
  const staff = useQuery({ queryKey: ['staff'], queryFn: () => unwrap(api.GET('/v1/staff', { params: { query: { limit: 100 } } })) });
  return (
    <div className="mc-page">
      <h1>{t('team.title')}</h1>
      <Card title={t('team.staff')}>
        <QueryView query={staff} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('team.no_staff')} />}>
          {(d) => (
            <Table caption={t('team.staff')} head={[t('team.name'), t('common:email'), t('team.role'), t('team.last_sign_in')]}>
              {d.data.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>{s.email}</td>
                  <td>{t(`role.${s.role}`, { defaultValue: s.role })}</td>
                  <td>
                    <DateTime value={s.last_sign_in_at} />
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
      </Card>
      {isAdmin(role) ? (
        <>
          <Invitations owner={role === 'owner'} />
          <ApiKeys />
        </>
      ) : (
        <Notice tone="info">{t('team.admins_only')}</Notice>
      )}
    </div>
  );
}

function Invitations({ owner }: { owner: boolean }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['invitations'],
    queryFn: () => unwrap(api.GET('/v1/staff/invitations', { params: { query: { limit: 100 } } })),
  });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('staff');
  const [token, setToken] = useState<string | null>(null);
  const form = useSubmit(['email', 'role']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setToken(null);
    const errs: FieldErrors = {};
    if (!email.trim()) errs.email = rules.required();
    else if (!EMAIL.test(email.trim()) || email.length > 254) errs.email = rules.email();
    void form.run(errs, async () => {
      const inv = await unwrap(api.POST('/v1/staff/invitations', { body: { email: email.trim(), role }, headers: idempotent() }));
      setToken(inv.token);
      setEmail('');
      await qc.invalidateQueries({ queryKey: ['invitations'] });
    });
  };
  const revoke = (id: string) =>
    form.run({}, async () => {
      await unwrap(api.POST('/v1/staff/invitations/{id}/revoke', { params: { path: { id } }, headers: idempotent() }));
      await qc.invalidateQueries({ queryKey: ['invitations'] });
    });
  return (
    <Card title={t('team.invitations')}>
      <div className="mc-page">
        <form className="mc-form" onSubmit={submit} noValidate aria-label={t('team.invite')}>
          <Field label={t('common:email')} error={form.errors.email}>
            {(p) => <Input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field label={t('team.role')} error={form.errors.role}>
            {(p) => (
              <Select {...p} value={role} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}>
                {ROLES.filter((r) => owner || r !== 'owner').map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <div className="mc-wide">
            <FormError error={form.formError} />
            <Button type="submit" busy={form.busy}>
              {t('team.invite')}
            </Button>
          </div>
        </form>
        {token ? (
          <Notice tone="success">
            <p>{t('team.invitation_token')}</p>
            <p className="mc-secret">{token}</p>
          </Notice>
        ) : null}
        <QueryView query={list} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('team.no_invitations')} />}>
          {(d) => (
            <Table caption={t('team.invitations')} head={[t('common:email'), t('team.role'), t('team.status'), t('team.expires'), '']}>
              {d.data.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{t(`role.${i.role}`)}</td>
                  <td>
                    <Status kind="invitation_status" value={i.status} />
                  </td>
                  <td>
                    <DateTime value={i.expires_at} />
                  </td>
                  <td>
                    {i.status === 'pending' ? (
                      <Button variant="ghost" onClick={() => void revoke(i.id)}>
                        {t('team.revoke')}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
      </div>
    </Card>
  );
}

function ApiKeys() {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/v1/api-keys', { params: { query: { limit: 100 } } })) });
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'test' | 'live'>('test');
  const [scopes, setScopes] = useState<string[]>(['*']);
  const [secret, setSecret] = useState<string | null>(null);
  const form = useSubmit(['name', 'mode', 'scopes']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSecret(null);
    const errs: FieldErrors = {};
    if (!name.trim()) errs.name = rules.required();
    else if (name.trim().length > 100) errs.name = rules.tooLong(100);
    if (!scopes.length) errs.scopes = rules.required();
    void form.run(errs, async () => {
      const k = await unwrap(
        api.POST('/v1/api-keys', { body: { name: name.trim(), mode, scopes: scopes as never }, headers: idempotent() }),
      );
      setSecret(k.secret);
      setName('');
      await qc.invalidateQueries({ queryKey: ['api-keys'] });
    });
  };
  const revoke = (id: string) =>
    form.run({}, async () => {
      await unwrap(api.POST('/v1/api-keys/{id}/revoke', { params: { path: { id } }, headers: idempotent() }));
      await qc.invalidateQueries({ queryKey: ['api-keys'] });
    });
  const toggle = (s: string) =>
    setScopes((xs) => (xs.includes(s) ? xs.filter((x) => x !== s) : [...xs.filter((x) => (s === '*' ? false : x !== '*')), s]));
  return (
    <Card title={t('team.api_keys')}>
      <div className="mc-page">
        <form className="mc-form" onSubmit={submit} noValidate aria-label={t('team.create_key')}>
          <Field label={t('team.key_name')} error={form.errors.name}>
            {(p) => <Input {...p} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t('team.mode')} error={form.errors.mode}>
            {(p) => (
              <Select {...p} value={mode} onChange={(e) => setMode(e.target.value as 'test' | 'live')}>
                <option value="test">{t('team.mode_test')}</option>
                <option value="live">{t('team.mode_live')}</option>
              </Select>
            )}
          </Field>
          <fieldset className="mc-wide mc-variant">
            <legend>{t('team.scopes')}</legend>
            {['*', ...API_SCOPES].map((s) => (
              <label key={s} className="mc-check">
                <input type="checkbox" checked={scopes.includes(s)} onChange={() => toggle(s)} />
                <span>{s === '*' ? t('team.scope_all') : s}</span>
              </label>
            ))}
            {form.errors.scopes ? (
              <p className="ui-field__error" role="alert">
                {form.errors.scopes}
              </p>
            ) : null}
          </fieldset>
          <div className="mc-wide">
            <FormError error={form.formError} />
            <Button type="submit" busy={form.busy}>
              {t('team.create_key')}
            </Button>
          </div>
        </form>
        {secret ? (
          <Notice tone="success">
            <p>{t('team.secret_once')}</p>
            <p className="mc-secret">{secret}</p>
          </Notice>
        ) : null}
        <QueryView query={keys} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('team.no_keys')} />}>
          {(d) => (
            <Table caption={t('team.api_keys')} head={[t('team.key_name'), t('team.key'), t('team.scopes'), t('team.last_used'), '']}>
              {d.data.map((k) => (
                <tr key={k.id}>
                  <td>
                    {k.name} <Badge tone={k.mode === 'live' ? 'warning' : 'neutral'}>{t(`team.mode_${k.mode}`)}</Badge>
                  </td>
                  <td className="mc-code">{k.redacted_key}</td>
                  <td className="mc-code">{k.scopes.join(' ')}</td>
                  <td>
                    <DateTime value={k.last_used_at} />
                  </td>
                  <td>
                    {k.revoked_at ? (
                      <Badge>{t('team.revoked')}</Badge>
                    ) : (
                      <Button variant="ghost" onClick={() => void revoke(k.id)}>
                        {t('team.revoke')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
      </div>
    </Card>
  );
}
