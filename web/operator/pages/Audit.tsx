// The audit log: who did what to which object, searched by action, object and actor.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Input, QueryView, Table } from '../../shared/ui';
import { DateTime } from '../components/format';
import { type FieldErrors, useRules, useSubmit } from '../components/forms';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';

/** The server's limits on the filters (src/kernel/routes.ts). */
const LIMITS = { action: 100, object_id: 64, actor_id: 64 } as const;
type Key = keyof typeof LIMITS;
const KEYS = Object.keys(LIMITS) as Key[];

export function AuditLog() {
  const { t } = useTranslation();
  const rules = useRules();
  const [params, setParams] = useSearchParams();
  const current = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<Key, string>;
  const [draft, setDraft] = useState(current);
  const form = useSubmit(KEYS);
  const cursor = useCursor(params.toString());

  const query = useQuery({
    queryKey: ['audit', params.toString(), cursor.after],
    queryFn: () =>
      unwrap(
        api.GET('/v1/audit-events', {
          params: {
            query: {
              action: current.action || undefined,
              object_id: current.object_id || undefined,
              actor_id: current.actor_id || undefined,
              limit: PAGE_SIZE,
              starting_after: cursor.after,
            },
          },
        }),
      ),
  });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    for (const k of KEYS) if (draft[k].trim().length > LIMITS[k]) errs[k] = rules.tooLong(LIMITS[k]);
    void form.run(errs, async () => {
      const next: Record<string, string> = {};
      for (const k of KEYS) if (draft[k].trim()) next[k] = draft[k].trim();
      setParams(next);
    });
  };

  return (
    <div className="op-page">
      <h1>{t('audit.title')}</h1>
      <Card>
        <form className="op-filters" onSubmit={apply} noValidate aria-label={t('filters')}>
          {KEYS.map((k) => (
            <Field key={k} label={t(`audit.${k}`)} hint={t(`audit.${k}_hint`)} error={form.errors[k]}>
              {(p) => <Input {...p} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />}
            </Field>
          ))}
          <Button type="submit">{t('common:search')}</Button>
        </form>
      </Card>
      <Card>
        <QueryView query={query} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('audit.none')} />}>
          {(d) => (
            <Table caption={t('audit.title')} head={[t('when'), t('audit.action'), t('audit.object'), t('actor'), t('audit.data')]}>
              {d.data.map((a) => (
                <tr key={a.id}>
                  <td>
                    <DateTime value={a.at} />
                  </td>
                  <td className="op-code">{a.action}</td>
                  <td>
                    <div>{a.object_type}</div>
                    <div className="op-code ui-muted">{a.object_id}</div>
                  </td>
                  <td>
                    <div>{t(`actor_kind.${a.actor_kind}`, { defaultValue: a.actor_kind })}</div>
                    {a.actor_id ? <div className="op-code ui-muted">{a.actor_id}</div> : null}
                  </td>
                  <td>{Object.keys(a.data).length ? <pre className="op-pre">{JSON.stringify(a.data, null, 1)}</pre> : null}</td>
                </tr>
              ))}
            </Table>
          )}
        </QueryView>
        <Pager cursor={cursor} data={query.data} />
      </Card>
    </div>
  );
}
