// FX: the rates in force, setting a new one for a pair, and the history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotent, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Input, Notice, QueryView, Select, Table } from '../../shared/ui';
import { DateTime } from '../components/format';
import { type FieldErrors, FormError, parseInteger, useRules, useSubmit } from '../components/forms';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';

const CURRENCIES = ['CNY', 'AUD', 'NZD', 'USD'] as const;
type Ccy = (typeof CURRENCIES)[number];
/** The server's mid rate format (src/modules/fx/routes.ts), and it must be above zero. */
const MID = /^\d{1,6}(\.\d{1,10})?$/;
const SPREAD_MAX = 2000;

export function FxRates() {
  const { t } = useTranslation();
  const rates = useQuery({ queryKey: ['fx-rates'], queryFn: () => unwrap(api.GET('/v1/fx/rates')) });
  return (
    <div className="op-page">
      <h1>{t('fx.title')}</h1>
      <Card title={t('fx.in_force')}>
        <QueryView query={rates} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('fx.no_rates')} />}>
          {(d) => (
            <Table caption={t('fx.in_force')} head={[t('fx.pair'), t('fx.mid'), t('fx.spread'), t('fx.source'), t('fx.effective_at')]}>
              {d.data.map((r) => (
                <tr key={`${r.base}/${r.quote}`}>
                  <td className="op-code">
                    {r.base}/{r.quote}
                  </td>
                  <td className="op-code">{r.mid}</td>
                  <td>{t('fx.bps', { n: r.spread_bps })}</td>
                  <td>{r.source}</td>
                  <td>
                    <DateTime value={r.effective_at} />
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
      </Card>
      <SetRate />
      <History />
    </div>
  );
}

function SetRate() {
  const { t } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const [v, setV] = useState({ base: 'AUD' as Ccy, quote: 'CNY' as Ccy, mid: '', spread_bps: '50', effective_at: '' });
  const [saved, setSaved] = useState(false);
  const form = useSubmit(['base', 'quote', 'mid', 'spread_bps', 'effective_at']);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const errs: FieldErrors = {};
    if (v.base === v.quote) errs.quote = rules.different();
    const mid = v.mid.trim();
    if (!mid) errs.mid = rules.required();
    else if (!MID.test(mid) || !/[1-9]/.test(mid)) errs.mid = rules.decimal();
    const spread = parseInteger(v.spread_bps);
    if (!v.spread_bps.trim()) errs.spread_bps = rules.required();
    else if (spread === null || spread < 0 || spread > SPREAD_MAX) errs.spread_bps = rules.range(0, SPREAD_MAX);
    let effective: string | undefined;
    if (v.effective_at) {
      const d = new Date(v.effective_at);
      if (Number.isNaN(d.getTime())) errs.effective_at = rules.date();
      else effective = d.toISOString();
    }
    const done = await form.run(errs, () =>
      unwrap(
        api.POST('/v1/fx/rates', {
          body: { base: v.base, quote: v.quote, mid, spread_bps: spread ?? 0, ...(effective ? { effective_at: effective } : {}) },
          headers: idempotent(),
        }),
      ),
    );
    if (done) {
      setSaved(true);
      setV({ ...v, mid: '', effective_at: '' });
      await qc.invalidateQueries({ queryKey: ['fx-rates'] });
      await qc.invalidateQueries({ queryKey: ['fx-history'] });
    }
  };

  return (
    <Card title={t('fx.set_rate')}>
      <form className="op-form" onSubmit={submit} noValidate>
        <Field label={t('fx.base')} error={form.errors.base}>
          {(p) => (
            <Select {...p} value={v.base} onChange={(e) => setV({ ...v, base: e.target.value as Ccy })}>
              {CURRENCIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('fx.quote')} error={form.errors.quote}>
          {(p) => (
            <Select {...p} value={v.quote} onChange={(e) => setV({ ...v, quote: e.target.value as Ccy })}>
              {CURRENCIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('fx.mid')} hint={t('fx.mid_hint', { base: v.base, quote: v.quote })} error={form.errors.mid}>
          {(p) => (
            <Input {...p} inputMode="decimal" autoComplete="off" value={v.mid} onChange={(e) => setV({ ...v, mid: e.target.value })} />
          )}
        </Field>
        <Field label={t('fx.spread_bps')} hint={t('fx.spread_hint')} error={form.errors.spread_bps}>
          {(p) => <Input {...p} inputMode="numeric" value={v.spread_bps} onChange={(e) => setV({ ...v, spread_bps: e.target.value })} />}
        </Field>
        <Field label={t('fx.effective_at')} hint={t('fx.effective_hint')} error={form.errors.effective_at}>
          {(p) => (
            <Input {...p} type="datetime-local" value={v.effective_at} onChange={(e) => setV({ ...v, effective_at: e.target.value })} />
          )}
        </Field>
        <div className="op-form__wide ui-stack">
          <FormError error={form.formError} />
          {saved ? <Notice tone="success">{t('fx.saved')}</Notice> : null}
          <div>
            <Button type="submit" busy={form.busy}>
              {t('fx.set_rate')}
            </Button>
          </div>
        </div>
      </form>
    </Card>
  );
}

function History() {
  const { t } = useTranslation();
  const [pair, setPair] = useState<{ base: Ccy | ''; quote: Ccy | '' }>({ base: '', quote: '' });
  const cursor = useCursor(`${pair.base}/${pair.quote}`);
  const query = useQuery({
    queryKey: ['fx-history', pair.base, pair.quote, cursor.after],
    queryFn: () =>
      unwrap(
        api.GET('/v1/fx/rates/history', {
          params: {
            query: { base: pair.base || undefined, quote: pair.quote || undefined, limit: PAGE_SIZE, starting_after: cursor.after },
          },
        }),
      ),
  });
  return (
    <Card title={t('fx.history')}>
      <div className="ui-stack">
        <div className="op-filters">
          <Field label={t('fx.base')}>
            {(p) => (
              <Select {...p} value={pair.base} onChange={(e) => setPair({ ...pair, base: e.target.value as Ccy | '' })}>
                <option value="">{t('common:all')}</option>
                {CURRENCIES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('fx.quote')}>
            {(p) => (
              <Select {...p} value={pair.quote} onChange={(e) => setPair({ ...pair, quote: e.target.value as Ccy | '' })}>
                <option value="">{t('common:all')}</option>
                {CURRENCIES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <QueryView query={query} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('fx.no_history')} />}>
          {(d) => (
            <Table
              caption={t('fx.history')}
              head={[t('fx.pair'), t('fx.mid'), t('fx.spread'), t('fx.source'), t('fx.effective_at'), t('fx.created_at')]}
            >
              {d.data.map((r) => (
                <tr key={r.id}>
                  <td className="op-code">
                    {r.base}/{r.quote}
                  </td>
                  <td className="op-code">{r.mid}</td>
                  <td>{t('fx.bps', { n: r.spread_bps })}</td>
                  <td>{r.source}</td>
                  <td>
                    <DateTime value={r.effective_at} />
                  </td>
                  <td>
                    <DateTime value={r.created_at} />
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
        <Pager cursor={cursor} data={query.data} />
      </div>
    </Card>
  );
}
