// In-store payments, the merchant's side: its shops in Australia or New Zealand (each with its
// time zone, which sets its business day for the till report), and the way to the tills, the
// payments taken at them and the daily report. Owners and managers register stores.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router';
import { AU_STATES, REGION_TIME_ZONES } from '../../../src/modules/logistics/rules.ts';
import { api, idempotent, unwrap } from '../../shared/api/client';
import { Badge, Button, Card, EmptyState, Field, Input, QueryView, Select, Table } from '../../shared/ui';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { DateTime } from '../components/format';
import { type FieldErrors, FormError, useRules, useSubmit } from '../components/forms';
import { isAdmin, useMerchant, useMerchantSession } from '../components/merchant';

export const STORE_COUNTRIES = ['AU', 'NZ'] as const;
type StoreCountry = (typeof STORE_COUNTRIES)[number];
const STATES = Object.keys(AU_STATES).sort();

/** The store currency: AUD in Australia, NZD in New Zealand (src/modules/payments/instore/rules.ts STORE_CURRENCY). */
export const storeCurrency = (country: string) => (country === 'NZ' ? 'NZD' : 'AUD');

/** The time zone the API gives a new store: its state's (AU), or New Zealand's. */
export const zoneOf = (country: StoreCountry, region: string) =>
  country === 'NZ' ? 'Pacific/Auckland' : (REGION_TIME_ZONES[region] ?? undefined);

/** The in-store section's own navigation: stores, payments at the tills, the daily report. */
export function StoresTabs() {
  const { t } = useTranslation();
  return (
    <nav className="ui-row" aria-label={t('stores.section')}>
      <NavLink className="ui-button ui-button--ghost" to="/stores" end>
        {t('stores.tab_stores')}
      </NavLink>
      <NavLink className="ui-button ui-button--ghost" to="/stores/payments">
        {t('stores.tab_payments')}
      </NavLink>
      <NavLink className="ui-button ui-button--ghost" to="/stores/report">
        {t('stores.tab_report')}
      </NavLink>
    </nav>
  );
}

export function Stores() {
  const { t } = useTranslation();
  const { role } = useMerchantSession();
  const merchant = useMerchant();
  const cursor = useCursor('stores');
  const list = useQuery({
    queryKey: ['stores', cursor.after],
    queryFn: () => unwrap(api.GET('/v1/stores', { params: { query: { limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });
  const inChina = merchant.data?.country === 'CN';
  return (
    <div className="mc-page">
      <h1>{t('stores.title')}</h1>
      <StoresTabs />
      <p className="ui-muted">{t('stores.explain')}</p>
      {inChina ? <p className="ui-muted">{t('stores.china_seller')}</p> : null}
      <Card title={t('stores.list')}>
        <QueryView query={list} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('stores.none')} />}>
          {(d) => (
            <Table
              caption={t('stores.list')}
              head={[t('stores.name'), t('stores.address'), t('stores.time_zone'), t('stores.status'), t('stores.created')]}
            >
              {d.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/stores/${s.id}`}>{s.name}</Link>
                  </td>
                  <td>
                    {s.address_line}, {s.city}
                    {s.region && s.region !== 'NZ' ? `, ${t(`region.${s.region}`, { defaultValue: s.region })}` : ''},{' '}
                    {t(`country.${s.country}`, { defaultValue: s.country })}
                  </td>
                  <td className="mc-code">{s.time_zone}</td>
                  <td>
                    <Badge tone={s.active ? 'success' : 'neutral'}>{s.active ? t('stores.open') : t('stores.closed')}</Badge>
                  </td>
                  <td>
                    <DateTime value={s.created_at} />
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
        <Pager cursor={cursor} data={list.data} />
      </Card>
      {isAdmin(role) && !inChina ? <CreateStore defaultCountry={merchant.data?.country === 'NZ' ? 'NZ' : 'AU'} /> : null}
    </div>
  );
}

function CreateStore({ defaultCountry }: { defaultCountry: StoreCountry }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState({ name: '', address_line: '', city: '', country: defaultCountry as StoreCountry, region: '' });
  const form = useSubmit(['name', 'address_line', 'city', 'country', 'region', 'time_zone']);
  const zone = zoneOf(draft.country, draft.region);
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    for (const [k, max] of [
      ['name', 100],
      ['address_line', 300],
      ['city', 100],
    ] as const) {
      const v = draft[k].trim();
      if (!v) errs[k] = rules.required();
      else if (v.length > max) errs[k] = rules.tooLong(max);
    }
    if (draft.country === 'AU' && !draft.region) errs.region = t('stores.state_required');
    void form.run(errs, async () => {
      const store = await unwrap(
        api.POST('/v1/stores', {
          body: {
            name: draft.name.trim(),
            address_line: draft.address_line.trim(),
            city: draft.city.trim(),
            country: draft.country,
            region: draft.country === 'AU' ? draft.region : 'NZ',
          },
          headers: idempotent(),
        }),
      );
      await qc.invalidateQueries({ queryKey: ['stores'] });
      navigate(`/stores/${store.id}?created=1`);
    });
  };

  return (
    <Card title={t('stores.create')}>
      <form className="mc-form" onSubmit={submit} noValidate aria-label={t('stores.create')}>
        <Field label={t('stores.name')} hint={t('stores.name_hint')} error={form.errors.name}>
          {(p) => <Input {...p} value={draft.name} maxLength={100} onChange={set('name')} />}
        </Field>
        <Field label={t('stores.address_line')} error={form.errors.address_line}>
          {(p) => <Input {...p} value={draft.address_line} maxLength={300} autoComplete="street-address" onChange={set('address_line')} />}
        </Field>
        <Field label={t('stores.city')} error={form.errors.city}>
          {(p) => <Input {...p} value={draft.city} maxLength={100} onChange={set('city')} />}
        </Field>
        <Field label={t('stores.country')} error={form.errors.country}>
          {(p) => (
            <Select
              {...p}
              value={draft.country}
              onChange={(e) => setDraft((d) => ({ ...d, country: e.target.value as StoreCountry, region: '' }))}
            >
              {STORE_COUNTRIES.map((c) => (
                <option key={c} value={c}>
                  {t(`country.${c}`, { defaultValue: c })}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {draft.country === 'AU' ? (
          <Field label={t('stores.state')} error={form.errors.region}>
            {(p) => (
              <Select {...p} value={draft.region} onChange={set('region')}>
                <option value="">{t('stores.choose_state')}</option>
                {STATES.map((r) => (
                  <option key={r} value={r}>
                    {t(`region.${r}`, { defaultValue: r })}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
        <div className="mc-wide ui-stack">
          <p aria-live="polite">
            {t('stores.time_zone')}: <span className="mc-code">{zone ?? t('stores.time_zone_pending')}</span>
          </p>
          {form.errors.time_zone ? (
            <p className="ui-field__error" role="alert">
              {form.errors.time_zone}
            </p>
          ) : null}
          <p className="ui-muted">{t('stores.time_zone_hint')}</p>
          <FormError error={form.formError} />
          <Button type="submit" busy={form.busy}>
            {t('stores.create')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
