// The hub screen: scan parcel after parcel (a barcode scanner types the number and Enter; the
// field is cleared and focused again after each), each result in a running list — done,
// repeated (nothing changed) or refused with the API's code and reason. Then bags (open one
// at a hub for a country, scan into it, seal it) and manifests (closed bags on a flight under
// a master air waybill; departed, arrived). And merchants' stock on its way to a bonded warehouse,
// received here with what arrived (InboundToBonded.tsx).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type RefObject, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAirWaybill, isS10, normaliseTrackingNumber } from '../../../src/modules/logistics/parcel-rules.ts';
import { ApiError, api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { errorText } from '../../shared/i18n';
import { Badge, Button, Card, EmptyState, Field, Input, QueryView, Select, Table } from '../../shared/ui';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { MilestoneBadge } from '../../shared/ui/tracking';
import { DateTime } from '../components/format';
import { type FieldErrors, FormError, useRules, useSubmit } from '../components/forms';
import { InboundToBonded } from './InboundToBonded';

type Bag = Schemas['Bag'];
type Manifest = Schemas['Manifest'];
type Parcel = Schemas['Parcel'];
const HUB_SCANS = ['receive', 'pick_up', 'hand_over'] as const;
const COUNTRIES = ['CN', 'AU', 'NZ'] as const;
type Country = (typeof COUNTRIES)[number];
/** The server's rules (src/modules/logistics/hub-routes.ts). */
const FLIGHT = /^[A-Z0-9]{3,8}$/;
const AIRPORT = /^[A-Z]{3}$/;

type Mode = (typeof HUB_SCANS)[number] | `bag:${string}`;

interface ScanResult {
  seq: number;
  number: string;
  mode: Mode;
  outcome: 'pending' | 'ok' | 'repeated' | 'refused';
  parcel?: Parcel;
  code?: string;
  message?: string;
  detail?: string;
}

const useHubs = () =>
  useQuery({
    queryKey: ['nodes', 'hubs'],
    queryFn: () => unwrap(api.GET('/v1/logistics/nodes', { params: { query: { kind: 'hub', limit: 100 } } })),
  });

const useBags = (status: 'open' | 'closed') =>
  useQuery({
    queryKey: ['bags', status],
    queryFn: () => unwrap(api.GET('/v1/bags', { params: { query: { status, limit: 100 } } })),
  });

export function Hub() {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('receive');
  const input = useRef<HTMLInputElement>(null);
  const hubs = useHubs();
  const codeOf = (id: string) => hubs.data?.data.find((n) => n.id === id)?.code ?? id;
  const scanInto = (bag: Bag) => {
    setMode(`bag:${bag.id}`);
    input.current?.focus();
    input.current?.scrollIntoView({ block: 'center' });
  };
  return (
    <div className="op-page">
      <h1>{t('hub.title')}</h1>
      <Scanner mode={mode} setMode={setMode} input={input} codeOf={codeOf} />
      <Bags codeOf={codeOf} onScanInto={scanInto} scanningInto={mode.startsWith('bag:') ? mode.slice(4) : null} />
      <Manifests codeOf={codeOf} />
      <InboundToBonded />
    </div>
  );
}

function Scanner({
  mode,
  setMode,
  input,
  codeOf,
}: {
  mode: Mode;
  setMode: (m: Mode) => void;
  input: RefObject<HTMLInputElement | null>;
  codeOf: (id: string) => string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const openBags = useBags('open');
  const [value, setValue] = useState('');
  const [results, setResults] = useState<ScanResult[]>([]);
  const seq = useRef(0);
  const bagId = mode.startsWith('bag:') ? mode.slice(4) : null;

  const update = (n: number, patch: Partial<ScanResult>) => setResults((rs) => rs.map((r) => (r.seq === n ? { ...r, ...patch } : r)));

  const scan = async (e: FormEvent) => {
    e.preventDefault();
    const typed = value.trim();
    setValue('');
    input.current?.focus();
    if (!typed) return;
    const number = normaliseTrackingNumber(typed);
    const n = ++seq.current;
    setResults((rs) => [{ seq: n, number, mode, outcome: 'pending' as const }, ...rs].slice(0, 100));
    if (!isS10(number)) {
      update(n, { outcome: 'refused', code: 'invalid_tracking_number', message: t('errors:invalid_tracking_number') });
      return;
    }
    try {
      const r = bagId
        ? await unwrap(
            api.POST('/v1/bags/{id}/parcels', {
              params: { path: { id: bagId } },
              body: { tracking_number: number },
              headers: idempotent(),
            }),
          )
        : await unwrap(
            api.POST('/v1/hub/scans', {
              body: { tracking_number: number, scan: mode as (typeof HUB_SCANS)[number] },
              headers: idempotent(),
            }),
          );
      update(n, { outcome: r.repeated ? 'repeated' : 'ok', parcel: r.parcel });
      if (bagId) void qc.invalidateQueries({ queryKey: ['bags'] });
    } catch (err) {
      update(n, {
        outcome: 'refused',
        code: err instanceof ApiError ? err.code : 'network_error',
        message: errorText(err),
        detail: err instanceof ApiError ? err.message : undefined,
      });
    }
  };

  const modeName = (m: Mode) => {
    if (!m.startsWith('bag:')) return t(`hub.scan.${m}`);
    const bag = openBags.data?.data.find((b) => b.id === m.slice(4));
    return t('hub.into_bag', { bag: m.slice(4), to: bag ? t(`country.${bag.destination_country}`) : '' });
  };

  return (
    <Card title={t('hub.scanning')}>
      <form className="op-scan" onSubmit={scan} noValidate aria-label={t('hub.scanning')}>
        <Field label={t('hub.scan_kind')}>
          {(p) => (
            <Select {...p} value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
              {HUB_SCANS.map((s) => (
                <option key={s} value={s}>
                  {t(`hub.scan.${s}`)}
                </option>
              ))}
              {(openBags.data?.data ?? []).map((b) => (
                <option key={b.id} value={`bag:${b.id}`}>
                  {t('hub.into_bag', { bag: `${codeOf(b.origin_node_id)} ${b.id}`, to: t(`country.${b.destination_country}`) })}
                </option>
              ))}
              {bagId && !openBags.data?.data.some((b) => b.id === bagId) ? (
                <option value={mode}>{t('hub.into_bag', { bag: bagId, to: '' })}</option>
              ) : null}
            </Select>
          )}
        </Field>
        <div className="ui-field op-scan__field">
          <label className="ui-field__label" htmlFor={id}>
            {t('hub.tracking_number')}
          </label>
          <input
            id={id}
            ref={input}
            className="ui-input op-scan__input"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            // biome-ignore lint/a11y/noAutofocus: the hub worker scans straight away
            autoFocus
            maxLength={40}
            aria-describedby={`${id}-hint`}
          />
          <p className="ui-field__hint" id={`${id}-hint`}>
            {t('hub.tracking_hint')}
          </p>
        </div>
        <Button type="submit">{t('hub.scan_button')}</Button>
      </form>
      <h3 className="op-scan__results-title">{t('hub.results')}</h3>
      {results.length === 0 ? (
        <p className="ui-muted">{t('hub.no_results')}</p>
      ) : (
        <ol className="op-scan__results" aria-label={t('hub.results')} aria-live="polite">
          {results.map((r) => (
            <li key={r.seq} className={`op-scan__result op-scan__result--${r.outcome}`}>
              <span className="op-code">{r.number}</span>
              <span className="ui-muted">{modeName(r.mode)}</span>
              <Outcome outcome={r.outcome} />
              {r.parcel ? <MilestoneBadge value={r.parcel.status} /> : null}
              {r.outcome === 'refused' ? (
                <span className="op-scan__refusal">
                  {r.message} <span className="op-code">({r.code})</span>
                  {r.detail && r.detail !== r.message ? <span className="ui-muted"> {r.detail}</span> : null}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** The hub and the destination country of a bag or a manifest. */
function HubAndCountry(props: {
  hubs: readonly { id: string; code: string; name: string }[];
  hubId: string;
  setHub: (id: string) => void;
  country: Country;
  setCountry: (c: Country) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('hub.hub')} error={props.errors.origin_node_id}>
        {(p) => (
          <Select {...p} value={props.hubId} onChange={(e) => props.setHub(e.target.value)}>
            {props.hubs.map((n) => (
              <option key={n.id} value={n.id}>
                {n.code} · {n.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('hub.destination_country')} error={props.errors.destination_country}>
        {(p) => (
          <Select {...p} value={props.country} onChange={(e) => props.setCountry(e.target.value as Country)}>
            {COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {t(`country.${c}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </>
  );
}

function Outcome({ outcome }: { outcome: ScanResult['outcome'] }) {
  const { t } = useTranslation();
  const tone = outcome === 'ok' ? 'success' : outcome === 'repeated' ? 'warning' : outcome === 'refused' ? 'danger' : 'neutral';
  return <Badge tone={tone}>{t(`hub.outcome.${outcome}`)}</Badge>;
}

function Bags({
  codeOf,
  onScanInto,
  scanningInto,
}: {
  codeOf: (id: string) => string;
  onScanInto: (b: Bag) => void;
  scanningInto: string | null;
}) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const hubs = useHubs();
  const open = useBags('open');
  const [hub, setHub] = useState('');
  const [country, setCountry] = useState<Country>('CN');
  const form = useSubmit(['origin_node_id', 'destination_country']);
  const close = useSubmit();
  const hubId = hub || hubs.data?.data[0]?.id || '';

  const openBag = async (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (!hubId) errs.origin_node_id = rules.required();
    const bag = await form.run(errs, () =>
      unwrap(api.POST('/v1/bags', { body: { origin_node_id: hubId, destination_country: country }, headers: idempotent() })),
    );
    if (bag) {
      await qc.invalidateQueries({ queryKey: ['bags'] });
      onScanInto(bag);
    }
  };

  return (
    <Card title={t('hub.bags')}>
      <form className="op-filters" onSubmit={openBag} noValidate aria-label={t('hub.open_bag')}>
        <HubAndCountry
          hubs={hubs.data?.data ?? []}
          hubId={hubId}
          setHub={setHub}
          country={country}
          setCountry={setCountry}
          errors={form.errors}
        />
        <Button type="submit" busy={form.busy}>
          {t('hub.open_bag')}
        </Button>
      </form>
      <FormError error={form.formError} />
      <FormError error={close.formError} />
      <QueryView query={open} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('hub.no_open_bags')} />}>
        {(d) => (
          <Table
            caption={t('hub.open_bags')}
            head={[t('hub.bag'), t('hub.hub'), t('hub.destination_country'), t('hub.parcels'), t('hub.weight'), t('hub.actions')]}
          >
            {d.data.map((b) => (
              <tr key={b.id}>
                <td className="op-code">{b.id}</td>
                <td className="op-code">{codeOf(b.origin_node_id)}</td>
                <td>{t(`country.${b.destination_country}`, { defaultValue: b.destination_country })}</td>
                <td>{b.parcel_count}</td>
                <td>{t('hub.grams', { g: b.weight_g })}</td>
                <td>
                  <div className="op-actions">
                    <Button
                      variant={scanningInto === b.id ? 'primary' : 'secondary'}
                      aria-pressed={scanningInto === b.id}
                      onClick={() => onScanInto(b)}
                      aria-label={t('hub.scan_into_bag', { bag: b.id })}
                    >
                      {t('hub.scan_into')}
                    </Button>
                    <Button
                      variant="secondary"
                      busy={close.busy}
                      aria-label={t('hub.close_bag_n', { bag: b.id })}
                      onClick={async () => {
                        const done = await close.run({}, () =>
                          unwrap(api.POST('/v1/bags/{id}/close', { params: { path: { id: b.id } }, body: {}, headers: idempotent() })),
                        );
                        if (done) await qc.invalidateQueries({ queryKey: ['bags'] });
                      }}
                    >
                      {t('hub.close_bag')}
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </QueryView>
    </Card>
  );
}

function Manifests({ codeOf }: { codeOf: (id: string) => string }) {
  const { t } = useTranslation();
  const cursor = useCursor('manifests');
  const manifests = useQuery({
    queryKey: ['manifests', cursor.after],
    queryFn: () => unwrap(api.GET('/v1/manifests', { params: { query: { limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });
  return (
    <Card title={t('hub.manifests')}>
      <NewManifest />
      <QueryView query={manifests} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('hub.no_manifests')} />}>
        {(d) => (
          <Table
            caption={t('hub.manifests')}
            head={[
              t('hub.mawb'),
              t('hub.flight'),
              t('hub.route'),
              t('hub.bags'),
              t('hub.status'),
              t('hub.departed'),
              t('hub.arrived'),
              t('hub.actions'),
            ]}
          >
            {d.data.map((m) => (
              <ManifestRow key={m.id} manifest={m} codeOf={codeOf} />
            ))}
          </Table>
        )}
      </QueryView>
      <Pager cursor={cursor} data={manifests.data} />
    </Card>
  );
}

function ManifestRow({ manifest: m, codeOf }: { manifest: Manifest; codeOf: (id: string) => string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const move = useSubmit();
  const verb = m.status === 'open' ? 'depart' : m.status === 'departed' ? 'arrive' : null;
  return (
    <tr>
      <td className="op-code">{m.mawb}</td>
      <td className="op-code">{m.flight_no}</td>
      <td className="op-code">
        {codeOf(m.origin_node_id)} → {m.destination_airport} ({m.destination_country})
      </td>
      <td>{m.bags.length}</td>
      <td>
        <Badge tone={m.status === 'arrived' ? 'success' : 'info'}>{t(`manifest_status.${m.status}`)}</Badge>
      </td>
      <td>
        <DateTime value={m.departed_at} />
      </td>
      <td>
        <DateTime value={m.arrived_at} />
      </td>
      <td>
        {verb ? (
          <Button
            variant="secondary"
            busy={move.busy}
            aria-label={t(`hub.${verb}_manifest`, { mawb: m.mawb })}
            onClick={async () => {
              const path = { params: { path: { id: m.id } }, body: {}, headers: idempotent() };
              const done = await move.run({}, () =>
                unwrap(verb === 'depart' ? api.POST('/v1/manifests/{id}/depart', path) : api.POST('/v1/manifests/{id}/arrive', path)),
              );
              if (done) await qc.invalidateQueries({ queryKey: ['manifests'] });
            }}
          >
            {t(`hub.${verb}`)}
          </Button>
        ) : null}
        <FormError error={move.formError} />
      </td>
    </tr>
  );
}

function NewManifest() {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const hubs = useHubs();
  const closed = useBags('closed');
  const [hub, setHub] = useState('');
  const [country, setCountry] = useState<Country>('CN');
  const [mawb, setMawb] = useState('');
  const [flight, setFlight] = useState('');
  const [airport, setAirport] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const form = useSubmit(['origin_node_id', 'destination_country', 'mawb', 'flight_no', 'destination_airport', 'bag_ids']);
  const hubId = hub || hubs.data?.data[0]?.id || '';
  const bags = (closed.data?.data ?? []).filter((b) => !b.manifest_id && b.origin_node_id === hubId && b.destination_country === country);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    const errs: FieldErrors = {};
    const flightNo = flight.trim().toUpperCase();
    const dest = airport.trim().toUpperCase();
    const bagIds = picked.filter((id) => bags.some((b) => b.id === id));
    if (!hubId) errs.origin_node_id = rules.required();
    if (!isAirWaybill(mawb.trim())) errs.mawb = t('validation.mawb');
    if (!FLIGHT.test(flightNo)) errs.flight_no = t('validation.flight_no');
    if (!AIRPORT.test(dest)) errs.destination_airport = t('validation.airport');
    if (!bagIds.length) errs.bag_ids = t('hub.pick_bags');
    const m = await form.run(errs, () =>
      unwrap(
        api.POST('/v1/manifests', {
          body: {
            origin_node_id: hubId,
            destination_country: country,
            mawb: mawb.trim(),
            flight_no: flightNo,
            destination_airport: dest,
            bag_ids: bagIds,
          },
          headers: idempotent(),
        }),
      ),
    );
    if (m) {
      setCreated(m.mawb);
      setPicked([]);
      setMawb('');
      await Promise.all([qc.invalidateQueries({ queryKey: ['manifests'] }), qc.invalidateQueries({ queryKey: ['bags'] })]);
    }
  };

  return (
    <form className="op-form" onSubmit={submit} noValidate aria-label={t('hub.new_manifest')}>
      <h3 className="op-form__wide">{t('hub.new_manifest')}</h3>
      <HubAndCountry
        hubs={hubs.data?.data ?? []}
        hubId={hubId}
        setHub={setHub}
        country={country}
        setCountry={setCountry}
        errors={form.errors}
      />
      <Field label={t('hub.mawb')} hint={t('hub.mawb_hint')} error={form.errors.mawb}>
        {(p) => <Input {...p} value={mawb} maxLength={14} onChange={(e) => setMawb(e.target.value)} />}
      </Field>
      <Field label={t('hub.flight')} error={form.errors.flight_no}>
        {(p) => <Input {...p} value={flight} maxLength={8} onChange={(e) => setFlight(e.target.value)} />}
      </Field>
      <Field label={t('hub.airport')} hint={t('hub.airport_hint')} error={form.errors.destination_airport}>
        {(p) => <Input {...p} value={airport} maxLength={3} onChange={(e) => setAirport(e.target.value)} />}
      </Field>
      <fieldset className="op-form__wide op-bags">
        <legend>{t('hub.closed_bags')}</legend>
        {bags.length === 0 ? <p className="ui-muted">{t('hub.no_closed_bags')}</p> : null}
        {bags.map((b) => (
          <label key={b.id} className="op-check">
            <input
              type="checkbox"
              checked={picked.includes(b.id)}
              onChange={(e) => setPicked((ps) => (e.target.checked ? [...ps, b.id] : ps.filter((x) => x !== b.id)))}
            />{' '}
            <span className="op-code">{b.id}</span> · {t('hub.bag_summary', { count: b.parcel_count, g: b.weight_g })}
          </label>
        ))}
        {form.errors.bag_ids ? (
          <p className="ui-field__error" role="alert">
            {form.errors.bag_ids}
          </p>
        ) : null}
      </fieldset>
      <div className="op-form__wide">
        <FormError error={form.formError} />
        {created ? (
          <p className="ui-notice ui-notice--success" role="status">
            {t('hub.manifest_created', { mawb: created })}
          </p>
        ) : null}
        <Button type="submit" busy={form.busy}>
          {t('hub.create_manifest')}
        </Button>
      </div>
    </form>
  );
}
