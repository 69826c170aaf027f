// Stock per location: the merchant's warehouses (and the bonded warehouses it stocks), the levels
// of each variant, stock sent to a bonded warehouse in China (InboundShipments.tsx), receipts and
// adjustments, and the movements ledger.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotent, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Input, QueryView, Select, Table } from '../../shared/ui';
import { DateTime, productName } from '../components/format';
import { type FieldErrors, FormError, parseInteger, useRules, useSubmit } from '../components/forms';
import { isAdmin, useMerchant, useMerchantSession, useProducts } from '../components/merchant';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { InboundList, SendToBonded } from './InboundShipments';

export function Inventory() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const { role } = useMerchantSession();
  const [location, setLocation] = useState('');
  const locations = useQuery({
    queryKey: ['locations'],
    queryFn: () => unwrap(api.GET('/v1/locations', { params: { query: { limit: 100 } } })),
  });
  const products = useProducts();
  const levels = useQuery({
    queryKey: ['stock-levels', location],
    queryFn: () => unwrap(api.GET('/v1/stock-levels', { params: { query: { location_id: location || undefined, limit: 100 } } })),
  });
  const cursor = useCursor('movements');
  const movements = useQuery({
    queryKey: ['stock-movements', cursor.after],
    queryFn: () => unwrap(api.GET('/v1/stock-movements', { params: { query: { limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });
  const variants = new Map(
    (products.data?.data ?? []).flatMap((p) => p.variants.map((v) => [v.id, { sku: v.sku, name: productName(p.text, zh) }] as const)),
  );
  const locationName = (id: string) => locations.data?.data.find((l) => l.id === id)?.name ?? id;
  const variantLabel = (id: string) => {
    const v = variants.get(id);
    return v ? `${v.name} · ${v.sku}` : id;
  };

  return (
    <div className="mc-page">
      <h1>{t('inventory.title')}</h1>
      <Card title={t('inventory.locations')}>
        <QueryView query={locations} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('inventory.no_locations')} />}>
          {(d) => (
            <Table caption={t('inventory.locations')} head={[t('inventory.name'), t('inventory.kind'), t('inventory.place')]}>
              {d.data.map((l) => (
                <tr key={l.id}>
                  <td>{l.name}</td>
                  <td>{t(`origin_kind.${l.kind}`)}</td>
                  <td>
                    {l.city}, {l.country}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
        <NewLocation />
      </Card>
      <Card title={t('inventory.levels')}>
        <div className="mc-filters">
          <Field label={t('inventory.location')}>
            {(p) => (
              <Select {...p} value={location} onChange={(e) => setLocation(e.target.value)}>
                <option value="">{t('common:all')}</option>
                {locations.data?.data.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <QueryView query={levels} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('inventory.no_levels')} />}>
          {(d) => (
            <Table
              caption={t('inventory.levels')}
              head={[
                t('inventory.variant'),
                t('inventory.location'),
                t('inventory.on_hand'),
                t('inventory.reserved'),
                t('inventory.available'),
              ]}
            >
              {d.data.map((s) => (
                <tr key={s.id}>
                  <td>{variantLabel(s.variant_id)}</td>
                  <td>{locationName(s.location_id)}</td>
                  <td>{s.on_hand}</td>
                  <td>{s.reserved}</td>
                  <td>{s.available}</td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
      </Card>
      {isAdmin(role) ? (
        <Card title={t('inbound.send')}>
          <QueryView query={locations}>{(d) => <SendToBonded locations={d.data} variantLabel={variantLabel} />}</QueryView>
        </Card>
      ) : null}
      <Card title={t('inbound.list')}>
        <InboundList canCancel={isAdmin(role)} locationName={locationName} variantLabel={variantLabel} />
      </Card>
      <Card title={t('inventory.record')}>
        <RecordMovement
          locations={locations.data?.data ?? []}
          variants={[...variants.keys()].map((id) => ({ id, label: variantLabel(id) }))}
        />
      </Card>
      <Card title={t('inventory.movements')}>
        <QueryView query={movements} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('inventory.no_movements')} />}>
          {(d) => (
            <Table
              caption={t('inventory.movements')}
              head={[
                t('inventory.when'),
                t('inventory.kind'),
                t('inventory.variant'),
                t('inventory.location'),
                t('inventory.on_hand_delta'),
                t('inventory.reserved_delta'),
                t('inventory.reason'),
              ]}
            >
              {d.data.map((m) => (
                <tr key={m.id}>
                  <td>
                    <DateTime value={m.at} />
                  </td>
                  <td>{t(`movement_kind.${m.kind}`, { defaultValue: m.kind })}</td>
                  <td>{variantLabel(m.variant_id)}</td>
                  <td>{locationName(m.location_id)}</td>
                  <td>{m.on_hand_delta}</td>
                  <td>{m.reserved_delta}</td>
                  <td>{m.reason ?? m.reference ?? ''}</td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
        <Pager cursor={cursor} data={movements.data} />
      </Card>
    </div>
  );
}

function NewLocation() {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const merchant = useMerchant();
  const [draft, setDraft] = useState({ name: '', city: '', address: '' });
  const form = useSubmit(['name', 'city', 'address', 'country']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (!draft.name.trim()) errs.name = rules.required();
    else if (draft.name.length > 100) errs.name = rules.tooLong(100);
    if (!draft.city.trim()) errs.city = rules.required();
    else if (draft.city.length > 100) errs.city = rules.tooLong(100);
    if (draft.address.length > 300) errs.address = rules.tooLong(300);
    void form.run(errs, async () => {
      await unwrap(
        api.POST('/v1/locations', {
          body: {
            name: draft.name.trim(),
            city: draft.city.trim(),
            country: merchant.data?.country ?? 'AU',
            ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
          },
          headers: idempotent(),
        }),
      );
      setDraft({ name: '', city: '', address: '' });
      await qc.invalidateQueries({ queryKey: ['locations'] });
    });
  };
  return (
    <form className="mc-form" onSubmit={submit} noValidate aria-label={t('inventory.add_location')}>
      <Field label={t('inventory.name')} error={form.errors.name}>
        {(p) => <Input {...p} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
      </Field>
      <Field label={t('inventory.city')} error={form.errors.city}>
        {(p) => <Input {...p} value={draft.city} onChange={(e) => setDraft({ ...draft, city: e.target.value })} />}
      </Field>
      <Field label={t('inventory.address')} error={form.errors.address}>
        {(p) => <Input {...p} value={draft.address} onChange={(e) => setDraft({ ...draft, address: e.target.value })} />}
      </Field>
      <div className="mc-wide">
        <FormError error={form.formError} />
        <Button type="submit" variant="secondary" busy={form.busy}>
          {t('inventory.add_location')}
        </Button>
      </div>
    </form>
  );
}

const KINDS = ['receipt', 'adjustment', 'return'] as const;

function RecordMovement({ locations, variants }: { locations: { id: string; name: string }[]; variants: { id: string; label: string }[] }) {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const [draft, setDraft] = useState({
    kind: 'receipt' as (typeof KINDS)[number],
    variant_id: '',
    location_id: '',
    quantity: '',
    reason: '',
  });
  const [done, setDone] = useState(false);
  const form = useSubmit(['kind', 'variant_id', 'location_id', 'quantity', 'reason']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const errs: FieldErrors = {};
    if (!draft.variant_id) errs.variant_id = rules.required();
    if (!draft.location_id) errs.location_id = rules.required();
    const q = parseInteger(draft.quantity);
    if (q === null || q === 0 || Math.abs(q) > 1_000_000 || (draft.kind !== 'adjustment' && q < 0))
      errs.quantity = draft.kind === 'adjustment' ? rules.range(-1_000_000, 1_000_000) : rules.range(1, 1_000_000);
    if (draft.kind === 'adjustment' && !draft.reason.trim()) errs.reason = rules.required();
    if (draft.reason.length > 500) errs.reason = rules.tooLong(500);
    void form.run(errs, async () => {
      await unwrap(
        api.POST('/v1/stock-movements', {
          body: {
            kind: draft.kind,
            variant_id: draft.variant_id,
            location_id: draft.location_id,
            quantity: q ?? 0,
            ...(draft.reason.trim() ? { reason: draft.reason.trim() } : {}),
          },
          headers: idempotent(),
        }),
      );
      setDraft({ ...draft, quantity: '', reason: '' });
      setDone(true);
      await qc.invalidateQueries({ queryKey: ['stock-levels'] });
      await qc.invalidateQueries({ queryKey: ['stock-movements'] });
    });
  };
  return (
    <form className="mc-form" onSubmit={submit} noValidate aria-label={t('inventory.record')}>
      <Field label={t('inventory.kind')}>
        {(p) => (
          <Select {...p} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as (typeof KINDS)[number] })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`movement_kind.${k}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('inventory.variant')} error={form.errors.variant_id}>
        {(p) => (
          <Select {...p} value={draft.variant_id} onChange={(e) => setDraft({ ...draft, variant_id: e.target.value })}>
            <option value="">{t('editor.choose')}</option>
            {variants.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('inventory.location')} error={form.errors.location_id}>
        {(p) => (
          <Select {...p} value={draft.location_id} onChange={(e) => setDraft({ ...draft, location_id: e.target.value })}>
            <option value="">{t('editor.choose')}</option>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        label={t('inventory.quantity')}
        hint={draft.kind === 'adjustment' ? t('inventory.signed') : undefined}
        error={form.errors.quantity}
      >
        {(p) => (
          <Input {...p} inputMode="numeric" value={draft.quantity} onChange={(e) => setDraft({ ...draft, quantity: e.target.value })} />
        )}
      </Field>
      <Field label={t('inventory.reason')} error={form.errors.reason}>
        {(p) => <Input {...p} value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} />}
      </Field>
      <div className="mc-wide mc-actions">
        <FormError error={form.formError} />
        <Button type="submit" busy={form.busy}>
          {t('inventory.save_movement')}
        </Button>
        {done ? <span role="status">{t('inventory.recorded')}</span> : null}
      </div>
    </form>
  );
}
