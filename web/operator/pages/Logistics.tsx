// The shipping network: hubs and bonded warehouses (nodes), and the lanes between them with
// their rate cards. List, view, add and change both.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { minorDigits, parseAmount, toDecimalString } from '../../shared/money';
import { Button, Card, EmptyState, Field, Input, MoneyText, Notice, QueryView, Select, Table } from '../../shared/ui';
import { ActiveBadge, DateTime } from '../components/format';
import { type FieldErrors, FormError, parseInteger, splitList, useRules, useSubmit } from '../components/forms';

type Node = Schemas['LogisticsNode'];
type Lane = Schemas['ShippingLane'];
const NODE_KINDS = ['hub', 'bonded_warehouse'] as const;
const LANE_MODES = ['9610', '1210', 'domestic', 'export'] as const;
const CARD_CURRENCIES = ['AUD', 'NZD', 'CNY'] as const;
type NodeKind = (typeof NODE_KINDS)[number];
type LaneMode = (typeof LANE_MODES)[number];
type CardCurrency = (typeof CARD_CURRENCIES)[number];

/** The server's rules (src/modules/logistics/routes.ts). */
const CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const COUNTRY = /^[A-Z]{2}$/;
const NAME_MAX = 100;
const REGION_MAX = 10;
const REGIONS_MAX = 64;
const CITIES_MAX = 100;
const GRAMS_MAX = 1_000_000;
const DAYS_MAX = 90;

const useNodes = () =>
  useQuery({ queryKey: ['nodes'], queryFn: () => unwrap(api.GET('/v1/logistics/nodes', { params: { query: { limit: 100 } } })) });

export function Logistics() {
  const { t } = useTranslation();
  const nodes = useNodes();
  const lanes = useQuery({
    queryKey: ['lanes'],
    queryFn: () => unwrap(api.GET('/v1/logistics/lanes', { params: { query: { limit: 100 } } })),
  });
  const codeOf = (id: string) => nodes.data?.data.find((n) => n.id === id)?.code ?? id;
  return (
    <div className="op-page">
      <h1>{t('logistics.title')}</h1>
      <Card
        title={t('logistics.nodes')}
        actions={
          <Link className="ui-button ui-button--secondary" to="/logistics/nodes/new">
            {t('logistics.add_node')}
          </Link>
        }
      >
        <QueryView query={nodes} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('logistics.no_nodes')} />}>
          {(d) => (
            <Table
              caption={t('logistics.nodes')}
              head={[
                t('logistics.code'),
                t('logistics.name'),
                t('logistics.kind'),
                t('logistics.location'),
                t('logistics.serves'),
                t('logistics.status'),
              ]}
            >
              {d.data.map((n) => (
                <tr key={n.id}>
                  <td>
                    <Link to={`/logistics/nodes/${n.id}`} className="op-code">
                      {n.code}
                    </Link>
                  </td>
                  <td>{n.name}</td>
                  <td>{t(`node_kind.${n.kind}`)}</td>
                  <td>
                    {n.city}, {n.region}
                  </td>
                  <td className="op-code">{n.serves_regions.join(', ')}</td>
                  <td>
                    <ActiveBadge active={n.active} />
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
      </Card>
      <Card
        title={t('logistics.lanes')}
        actions={
          <Link className="ui-button ui-button--secondary" to="/logistics/lanes/new">
            {t('logistics.add_lane')}
          </Link>
        }
      >
        <QueryView query={lanes} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('logistics.no_lanes')} />}>
          {(d) => (
            <Table
              caption={t('logistics.lanes')}
              head={[
                t('logistics.service'),
                t('logistics.name'),
                t('logistics.mode'),
                t('logistics.route'),
                t('logistics.transit'),
                t('logistics.first_price'),
                t('logistics.status'),
              ]}
            >
              {d.data.map((l) => (
                <tr key={l.id}>
                  <td>
                    <Link to={`/logistics/lanes/${l.id}`} className="op-code">
                      {l.service_code}
                    </Link>
                  </td>
                  <td>{l.name}</td>
                  <td>{t(`lane_mode.${l.mode}`)}</td>
                  <td className="op-code">
                    {codeOf(l.origin_node_id)} → {l.destination_country} {l.regions.join(', ')}
                  </td>
                  <td>{t('logistics.days', { min: l.transit_days.min, max: l.transit_days.max })}</td>
                  <td>
                    <MoneyText value={l.rate_card.first_price} />
                  </td>
                  <td>
                    <ActiveBadge active={l.active} />
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
      </Card>
    </div>
  );
}

function BackToNetwork() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/logistics">{t('logistics.back')}</Link>
    </p>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="op-dl">
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function NodeView() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['node', id],
    queryFn: () => unwrap(api.GET('/v1/logistics/nodes/{id}', { params: { path: { id } } })),
  });
  const none = t('none');
  return (
    <div className="op-page">
      <BackToNetwork />
      <QueryView query={query}>
        {(n) => (
          <>
            <div className="op-head">
              <h1>
                {n.name} <span className="op-code">{n.code}</span>
              </h1>
              <Link className="ui-button ui-button--primary" to={`/logistics/nodes/${n.id}/edit`}>
                {t('logistics.edit')}
              </Link>
            </div>
            <Card title={t('logistics.node')}>
              <Facts
                rows={[
                  [t('logistics.kind'), t(`node_kind.${n.kind}`)],
                  [t('logistics.status'), <ActiveBadge key="a" active={n.active} />],
                  [t('logistics.country'), n.country],
                  [t('logistics.city'), n.city],
                  [t('logistics.region'), n.region],
                  [t('logistics.serves_regions'), n.serves_regions.join(', ') || none],
                  [t('logistics.serves_cities'), n.serves_cities.join(', ') || none],
                  [t('logistics.stock_location'), n.stock_location_id ?? none],
                  [t('logistics.updated_at'), <DateTime key="u" value={n.updated_at} />],
                  [
                    t('id'),
                    <span key="i" className="op-code">
                      {n.id}
                    </span>,
                  ],
                ]}
              />
            </Card>
          </>
        )}
      </QueryView>
    </div>
  );
}

export function NodeEdit() {
  const { id } = useParams();
  const query = useQuery({
    queryKey: ['node', id],
    queryFn: () => unwrap(api.GET('/v1/logistics/nodes/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
  if (!id) return <NodeForm />;
  return (
    <div className="op-page">
      <QueryView query={query}>{(n) => <NodeForm node={n} />}</QueryView>
    </div>
  );
}

function checkRegions(list: string[], max: number, rules: ReturnType<typeof useRules>): string | undefined {
  if (list.length > max) return rules.listTooLong(max);
  if (list.some((r) => r.length > REGION_MAX)) return rules.itemTooLong(REGION_MAX);
  return undefined;
}

const NODE_FIELDS = ['code', 'kind', 'name', 'country', 'city', 'region', 'stock_location_id', 'serves_regions', 'serves_cities', 'active'];

function NodeForm({ node }: { node?: Node }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const form = useSubmit(NODE_FIELDS);
  const [v, setV] = useState({
    code: node?.code ?? '',
    kind: (node?.kind ?? 'hub') as NodeKind,
    name: node?.name ?? '',
    country: node?.country ?? 'AU',
    city: node?.city ?? '',
    region: node?.region ?? '',
    stock_location_id: node?.stock_location_id ?? '',
    serves_regions: node?.serves_regions.join(', ') ?? '',
    serves_cities: node?.serves_cities.join(', ') ?? '',
    active: node?.active ?? true,
  });
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const hub = v.kind === 'hub';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    const name = v.name.trim();
    if (!name) errs.name = rules.required();
    else if (name.length > NAME_MAX) errs.name = rules.tooLong(NAME_MAX);
    const regions = splitList(v.serves_regions.toUpperCase());
    const cities = splitList(v.serves_cities);
    if (hub || node) {
      const r = checkRegions(regions, REGIONS_MAX, rules);
      if (r) errs.serves_regions = r;
      if (cities.length > CITIES_MAX) errs.serves_cities = rules.listTooLong(CITIES_MAX);
      else if (cities.some((c) => c.length > NAME_MAX)) errs.serves_cities = rules.itemTooLong(NAME_MAX);
    }
    if (!node) {
      if (!v.code.trim()) errs.code = rules.required();
      else if (!CODE.test(v.code.trim())) errs.code = rules.code();
      const region = v.region.trim().toUpperCase();
      if (!region) errs.region = rules.required();
      else if (region.length > REGION_MAX) errs.region = rules.tooLong(REGION_MAX);
      if (hub) {
        if (!COUNTRY.test(v.country)) errs.country = rules.country();
        if (!v.city.trim()) errs.city = rules.required();
        else if (v.city.trim().length > NAME_MAX) errs.city = rules.tooLong(NAME_MAX);
      } else if (!v.stock_location_id.trim()) errs.stock_location_id = rules.required();
      else if (v.stock_location_id.trim().length > 64) errs.stock_location_id = rules.tooLong(64);
    }
    const saved = await form.run(errs, () =>
      node
        ? unwrap(
            api.POST('/v1/logistics/nodes/{id}', {
              params: { path: { id: node.id } },
              body: { name, serves_regions: regions, serves_cities: cities, active: v.active },
              headers: idempotent(),
            }),
          )
        : unwrap(
            api.POST('/v1/logistics/nodes', {
              body: hub
                ? {
                    code: v.code.trim(),
                    kind: 'hub',
                    name,
                    country: v.country,
                    city: v.city.trim(),
                    region: v.region.trim().toUpperCase(),
                    serves_regions: regions,
                    serves_cities: cities,
                  }
                : {
                    code: v.code.trim(),
                    kind: 'bonded_warehouse',
                    name,
                    region: v.region.trim().toUpperCase(),
                    stock_location_id: v.stock_location_id.trim(),
                  },
              headers: idempotent(),
            }),
          ),
    );
    if (saved) {
      qc.setQueryData(['node', saved.id], saved);
      await qc.invalidateQueries({ queryKey: ['nodes'] });
      navigate(`/logistics/nodes/${saved.id}`);
    }
  };

  return (
    <div className="op-page">
      <BackToNetwork />
      <h1>{node ? t('logistics.edit_node', { code: node.code }) : t('logistics.add_node')}</h1>
      <Card>
        <form className="op-form" onSubmit={submit} noValidate>
          {!node ? (
            <>
              <Field label={t('logistics.code')} hint={t('logistics.code_hint')} error={form.errors.code}>
                {(p) => <Input {...p} value={v.code} onChange={(e) => set({ code: e.target.value.toUpperCase() })} />}
              </Field>
              <Field label={t('logistics.kind')} error={form.errors.kind}>
                {(p) => (
                  <Select {...p} value={v.kind} onChange={(e) => set({ kind: e.target.value as NodeKind })}>
                    {NODE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`node_kind.${k}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </>
          ) : null}
          <Field label={t('logistics.name')} error={form.errors.name}>
            {(p) => <Input {...p} value={v.name} onChange={(e) => set({ name: e.target.value })} />}
          </Field>
          {!node && hub ? (
            <>
              <Field label={t('logistics.country')} error={form.errors.country}>
                {(p) => (
                  <Select {...p} value={v.country} onChange={(e) => set({ country: e.target.value })}>
                    {['AU', 'NZ', 'CN'].map((c) => (
                      <option key={c} value={c}>
                        {t(`country.${c}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={t('logistics.city')} error={form.errors.city}>
                {(p) => <Input {...p} value={v.city} onChange={(e) => set({ city: e.target.value })} />}
              </Field>
            </>
          ) : null}
          {!node && !hub ? (
            <Field label={t('logistics.stock_location')} hint={t('logistics.stock_location_hint')} error={form.errors.stock_location_id}>
              {(p) => <Input {...p} value={v.stock_location_id} onChange={(e) => set({ stock_location_id: e.target.value })} />}
            </Field>
          ) : null}
          {!node ? (
            <Field label={t('logistics.region')} hint={t('logistics.region_hint')} error={form.errors.region}>
              {(p) => <Input {...p} value={v.region} onChange={(e) => set({ region: e.target.value.toUpperCase() })} />}
            </Field>
          ) : null}
          {hub || node?.kind === 'hub' ? (
            <>
              <Field label={t('logistics.serves_regions')} hint={t('logistics.list_hint')} error={form.errors.serves_regions}>
                {(p) => <Input {...p} value={v.serves_regions} onChange={(e) => set({ serves_regions: e.target.value })} />}
              </Field>
              <Field label={t('logistics.serves_cities')} hint={t('logistics.list_hint')} error={form.errors.serves_cities}>
                {(p) => <Input {...p} value={v.serves_cities} onChange={(e) => set({ serves_cities: e.target.value })} />}
              </Field>
            </>
          ) : null}
          {node ? <ActiveField value={v.active} onChange={(active) => set({ active })} error={form.errors.active} /> : null}
          <div className="op-form__wide ui-stack">
            <FormError error={form.formError} />
            <div className="op-actions">
              <Button type="submit" busy={form.busy}>
                {t('common:save')}
              </Button>
              <Link className="ui-button ui-button--ghost" to={node ? `/logistics/nodes/${node.id}` : '/logistics'}>
                {t('common:cancel')}
              </Link>
            </div>
          </div>
        </form>
      </Card>
    </div>
  );
}

function ActiveField({ value, onChange, error }: { value: boolean; onChange: (v: boolean) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Field label={t('logistics.status')} hint={t('logistics.active_hint')} error={error}>
      {(p) => (
        <Select {...p} value={value ? 'on' : 'off'} onChange={(e) => onChange(e.target.value === 'on')}>
          <option value="on">{t('active')}</option>
          <option value="off">{t('inactive')}</option>
        </Select>
      )}
    </Field>
  );
}

export function LaneView() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const nodes = useNodes();
  const query = useQuery({
    queryKey: ['lane', id],
    queryFn: () => unwrap(api.GET('/v1/logistics/lanes/{id}', { params: { path: { id } } })),
  });
  const none = t('none');
  return (
    <div className="op-page">
      <BackToNetwork />
      <QueryView query={query}>
        {(l) => {
          const origin = nodes.data?.data.find((n) => n.id === l.origin_node_id);
          const c = l.rate_card;
          return (
            <>
              <div className="op-head">
                <h1>
                  {l.name} <span className="op-code">{l.service_code}</span>
                </h1>
                <Link className="ui-button ui-button--primary" to={`/logistics/lanes/${l.id}/edit`}>
                  {t('logistics.edit')}
                </Link>
              </div>
              <Card title={t('logistics.lane')}>
                <Facts
                  rows={[
                    [t('logistics.mode'), t(`lane_mode.${l.mode}`)],
                    [t('logistics.status'), <ActiveBadge key="a" active={l.active} />],
                    [
                      t('logistics.origin'),
                      <Link key="o" to={`/logistics/nodes/${l.origin_node_id}`} className="op-code">
                        {origin?.code ?? l.origin_node_id}
                      </Link>,
                    ],
                    [t('logistics.destination_country'), l.destination_country],
                    [t('logistics.regions'), l.regions.join(', ')],
                    [t('logistics.transit'), t('logistics.days', { min: l.transit_days.min, max: l.transit_days.max })],
                    [
                      t('id'),
                      <span key="i" className="op-code">
                        {l.id}
                      </span>,
                    ],
                  ]}
                />
              </Card>
              <Card title={t('logistics.rate_card')}>
                <Facts
                  rows={[
                    [t('logistics.first_weight_g'), t('logistics.grams', { n: c.first_weight_g })],
                    [t('logistics.first_price'), <MoneyText key="f" value={c.first_price} />],
                    [t('logistics.additional_weight_g'), t('logistics.grams', { n: c.additional_weight_g })],
                    [t('logistics.additional_price'), <MoneyText key="a" value={c.additional_price} />],
                    [t('logistics.fuel_surcharge_bps'), t('fx.bps', { n: c.fuel_surcharge_bps })],
                    [t('logistics.volumetric_divisor'), c.volumetric_divisor ?? none],
                    [t('logistics.max_parcel_weight_g'), c.max_parcel_weight_g ? t('logistics.grams', { n: c.max_parcel_weight_g }) : none],
                  ]}
                />
              </Card>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

export function LaneEdit() {
  const { id } = useParams();
  const nodes = useNodes();
  const query = useQuery({
    queryKey: ['lane', id],
    queryFn: () => unwrap(api.GET('/v1/logistics/lanes/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
  return (
    <div className="op-page">
      <QueryView query={nodes}>
        {(n) => (id ? <QueryView query={query}>{(l) => <LaneForm nodes={n.data} lane={l} />}</QueryView> : <LaneForm nodes={n.data} />)}
      </QueryView>
    </div>
  );
}

const LANE_FIELDS = [
  'origin_node_id',
  'service_code',
  'name',
  'mode',
  'destination_country',
  'regions',
  'transit_days.min',
  'transit_days.max',
  'rate_card.first_weight_g',
  'rate_card.first_price.amount',
  'rate_card.first_price.currency',
  'rate_card.additional_weight_g',
  'rate_card.additional_price.amount',
  'rate_card.additional_price.currency',
  'rate_card.fuel_surcharge_bps',
  'rate_card.volumetric_divisor',
  'rate_card.max_parcel_weight_g',
  'active',
];

const price = (m: { amount: string; currency: string } | undefined) => (m ? toDecimalString(m.amount, minorDigits(m.currency)) : '');

function LaneForm({ nodes, lane }: { nodes: Node[]; lane?: Lane }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const form = useSubmit(LANE_FIELDS);
  const c = lane?.rate_card;
  const [v, setV] = useState({
    origin_node_id: lane?.origin_node_id ?? nodes[0]?.id ?? '',
    service_code: lane?.service_code ?? '',
    name: lane?.name ?? '',
    mode: (lane?.mode ?? '9610') as LaneMode,
    destination_country: lane?.destination_country ?? 'CN',
    regions: lane?.regions.join(', ') ?? '',
    min: String(lane?.transit_days.min ?? ''),
    max: String(lane?.transit_days.max ?? ''),
    currency: (c?.first_price.currency ?? 'AUD') as CardCurrency,
    first_weight_g: String(c?.first_weight_g ?? ''),
    first_price: price(c?.first_price),
    additional_weight_g: String(c?.additional_weight_g ?? ''),
    additional_price: price(c?.additional_price),
    fuel_surcharge_bps: String(c?.fuel_surcharge_bps ?? '0'),
    volumetric_divisor: c?.volumetric_divisor == null ? '' : String(c.volumetric_divisor),
    max_parcel_weight_g: c?.max_parcel_weight_g == null ? '' : String(c.max_parcel_weight_g),
    active: lane?.active ?? true,
  });
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  /** Errors under the server's param names, so an API error lands on the same field. */
  const err = (param: string) => form.errors[param];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    const int = (param: string, text: string, min: number, max: number, optional = false): number | null => {
      if (!text.trim()) {
        if (!optional) errs[param] = rules.required();
        return null;
      }
      const n = parseInteger(text);
      if (n === null) errs[param] = rules.integer();
      else if (n < min || n > max) errs[param] = rules.range(min, max);
      return n;
    };
    const amount = (param: string, text: string): string => {
      if (!text.trim()) {
        errs[param] = rules.required();
        return '';
      }
      const a = parseAmount(text, v.currency);
      if (a === null) errs[param] = rules.amount();
      return a ?? '';
    };
    const name = v.name.trim();
    if (!name) errs.name = rules.required();
    else if (name.length > NAME_MAX) errs.name = rules.tooLong(NAME_MAX);
    const regions = splitList(v.regions.toUpperCase());
    if (!regions.length) errs.regions = rules.required();
    else {
      const r = checkRegions(regions, REGIONS_MAX, rules);
      if (r) errs.regions = r;
    }
    const min = int('transit_days.min', v.min, 0, DAYS_MAX);
    const max = int('transit_days.max', v.max, 0, DAYS_MAX);
    if (min !== null && max !== null && !errs['transit_days.min'] && !errs['transit_days.max'] && max < min)
      errs['transit_days.max'] = rules.minMax();
    const firstWeight = int('rate_card.first_weight_g', v.first_weight_g, 1, GRAMS_MAX);
    const firstPrice = amount('rate_card.first_price.amount', v.first_price);
    const addWeight = int('rate_card.additional_weight_g', v.additional_weight_g, 1, GRAMS_MAX);
    const addPrice = amount('rate_card.additional_price.amount', v.additional_price);
    const fuel = int('rate_card.fuel_surcharge_bps', v.fuel_surcharge_bps, 0, 10_000, true);
    const divisor = int('rate_card.volumetric_divisor', v.volumetric_divisor, 1, 100_000, true);
    const maxWeight = int('rate_card.max_parcel_weight_g', v.max_parcel_weight_g, 1, GRAMS_MAX, true);
    if (!lane) {
      if (!v.origin_node_id) errs.origin_node_id = rules.required();
      if (!v.service_code.trim()) errs.service_code = rules.required();
      else if (!CODE.test(v.service_code.trim())) errs.service_code = rules.code();
      if (!COUNTRY.test(v.destination_country)) errs.destination_country = rules.country();
    }
    const rate_card = {
      first_weight_g: firstWeight ?? 0,
      first_price: { amount: firstPrice, currency: v.currency },
      additional_weight_g: addWeight ?? 0,
      additional_price: { amount: addPrice, currency: v.currency },
      fuel_surcharge_bps: fuel ?? 0,
      volumetric_divisor: divisor,
      max_parcel_weight_g: maxWeight,
    };
    const transit_days = { min: min ?? 0, max: max ?? 0 };
    const saved = await form.run(errs, () =>
      lane
        ? unwrap(
            api.POST('/v1/logistics/lanes/{id}', {
              params: { path: { id: lane.id } },
              body: { name, regions, transit_days, rate_card, active: v.active },
              headers: idempotent(),
            }),
          )
        : unwrap(
            api.POST('/v1/logistics/lanes', {
              body: {
                origin_node_id: v.origin_node_id,
                service_code: v.service_code.trim(),
                name,
                mode: v.mode,
                destination_country: v.destination_country,
                regions,
                transit_days,
                rate_card,
                active: v.active,
              },
              headers: idempotent(),
            }),
          ),
    );
    if (saved) {
      qc.setQueryData(['lane', saved.id], saved);
      await qc.invalidateQueries({ queryKey: ['lanes'] });
      navigate(`/logistics/lanes/${saved.id}`);
    }
  };

  const text = (param: string, key: keyof typeof v, label: string, hint?: string, numeric = true) => (
    <Field label={label} hint={hint} error={err(param)}>
      {(p) => (
        <Input
          {...p}
          inputMode={numeric ? 'numeric' : undefined}
          value={String(v[key])}
          onChange={(e) => set({ [key]: e.target.value } as Partial<typeof v>)}
        />
      )}
    </Field>
  );

  return (
    <div className="op-page">
      <BackToNetwork />
      <h1>{lane ? t('logistics.edit_lane', { code: lane.service_code }) : t('logistics.add_lane')}</h1>
      <form className="ui-stack" onSubmit={submit} noValidate>
        <Card title={t('logistics.lane')}>
          <div className="op-form">
            {!lane ? (
              <>
                <Field label={t('logistics.origin')} error={err('origin_node_id')}>
                  {(p) => (
                    <Select {...p} value={v.origin_node_id} onChange={(e) => set({ origin_node_id: e.target.value })}>
                      {nodes.map((n) => (
                        <option key={n.id} value={n.id}>
                          {n.code} · {n.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field label={t('logistics.service')} hint={t('logistics.code_hint')} error={err('service_code')}>
                  {(p) => <Input {...p} value={v.service_code} onChange={(e) => set({ service_code: e.target.value.toUpperCase() })} />}
                </Field>
                <Field label={t('logistics.mode')} error={err('mode')}>
                  {(p) => (
                    <Select {...p} value={v.mode} onChange={(e) => set({ mode: e.target.value as LaneMode })}>
                      {LANE_MODES.map((m) => (
                        <option key={m} value={m}>
                          {t(`lane_mode.${m}`)}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field label={t('logistics.destination_country')} error={err('destination_country')}>
                  {(p) => (
                    <Select {...p} value={v.destination_country} onChange={(e) => set({ destination_country: e.target.value })}>
                      {['CN', 'AU', 'NZ'].map((c) => (
                        <option key={c} value={c}>
                          {t(`country.${c}`)}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              </>
            ) : null}
            {text('name', 'name', t('logistics.name'), undefined, false)}
            {text('regions', 'regions', t('logistics.regions'), t('logistics.regions_hint'), false)}
            {text('transit_days.min', 'min', t('logistics.transit_min'))}
            {text('transit_days.max', 'max', t('logistics.transit_max'))}
            <ActiveField value={v.active} onChange={(active) => set({ active })} error={err('active')} />
          </div>
        </Card>
        <Card title={t('logistics.rate_card')}>
          <div className="op-form">
            <Field
              label={t('logistics.currency')}
              hint={t('logistics.currency_hint')}
              error={err('rate_card.first_price.currency') ?? err('rate_card.additional_price.currency')}
            >
              {(p) => (
                <Select {...p} value={v.currency} onChange={(e) => set({ currency: e.target.value as CardCurrency })}>
                  {CARD_CURRENCIES.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </Select>
              )}
            </Field>
            {text('rate_card.first_weight_g', 'first_weight_g', t('logistics.first_weight_g'))}
            {text(
              'rate_card.first_price.amount',
              'first_price',
              t('logistics.first_price'),
              t('logistics.price_hint', { currency: v.currency }),
            )}
            {text('rate_card.additional_weight_g', 'additional_weight_g', t('logistics.additional_weight_g'))}
            {text(
              'rate_card.additional_price.amount',
              'additional_price',
              t('logistics.additional_price'),
              t('logistics.price_hint', { currency: v.currency }),
            )}
            {text('rate_card.fuel_surcharge_bps', 'fuel_surcharge_bps', t('logistics.fuel_surcharge_bps'), t('logistics.fuel_hint'))}
            {text('rate_card.volumetric_divisor', 'volumetric_divisor', t('logistics.volumetric_divisor'), t('logistics.divisor_hint'))}
            {text('rate_card.max_parcel_weight_g', 'max_parcel_weight_g', t('logistics.max_parcel_weight_g'), t('logistics.optional'))}
          </div>
        </Card>
        <FormError error={form.formError} />
        {!form.busy && Object.keys(form.errors).length ? <Notice tone="danger">{t('validation.fix_fields')}</Notice> : null}
        <div className="op-actions">
          <Button type="submit" busy={form.busy}>
            {t('common:save')}
          </Button>
          <Link className="ui-button ui-button--ghost" to={lane ? `/logistics/lanes/${lane.id}` : '/logistics'}>
            {t('common:cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
