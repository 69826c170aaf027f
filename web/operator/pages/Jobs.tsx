// Background jobs: the failed ones first, each retried with a fresh set of attempts.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Input, Notice, QueryView, Select, Table } from '../../shared/ui';
import { DateTime, JobStatus } from '../components/format';
import { type FieldErrors, FormError, useRules, useSubmit } from '../components/forms';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';

const JOB_STATUSES = ['failed', 'queued', 'running', 'succeeded'] as const;
type Status = (typeof JOB_STATUSES)[number];
const KIND_MAX = 100;

export function Jobs() {
  const { t } = useTranslation();
  const rules = useRules();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status') ?? 'failed';
  const status = (JOB_STATUSES as readonly string[]).includes(raw) ? (raw as Status) : undefined;
  const kind = params.get('kind') ?? '';
  const cursor = useCursor(params.toString());
  const [draft, setDraft] = useState({ status: status ?? '', kind });
  const filters = useSubmit(['kind']);
  const [retried, setRetried] = useState<string | null>(null);

  const query = useQuery({
    queryKey: ['jobs', status ?? 'all', kind, cursor.after],
    queryFn: () =>
      unwrap(
        api.GET('/v1/jobs', { params: { query: { status, kind: kind || undefined, limit: PAGE_SIZE, starting_after: cursor.after } } }),
      ),
  });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (draft.kind.trim().length > KIND_MAX) errs.kind = rules.tooLong(KIND_MAX);
    void filters.run(errs, async () =>
      setParams({ status: draft.status || 'all', ...(draft.kind.trim() ? { kind: draft.kind.trim() } : {}) }),
    );
  };

  return (
    <div className="op-page">
      <h1>{t('jobs.title')}</h1>
      <Card>
        <form className="op-filters" onSubmit={apply} noValidate aria-label={t('filters')}>
          <Field label={t('jobs.status')}>
            {(p) => (
              <Select {...p} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
                {JOB_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`job_status.${s}`)}
                  </option>
                ))}
                <option value="">{t('common:all')}</option>
              </Select>
            )}
          </Field>
          <Field label={t('jobs.kind')} error={filters.errors.kind}>
            {(p) => <Input {...p} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })} />}
          </Field>
          <Button type="submit">{t('common:search')}</Button>
        </form>
      </Card>
      {retried ? <Notice tone="success">{t('jobs.retried', { id: retried })}</Notice> : null}
      <Card>
        <QueryView
          query={query}
          isEmpty={(d) => d.data.length === 0}
          empty={<EmptyState title={status === 'failed' ? t('jobs.no_failed') : t('jobs.none')} />}
        >
          {(d) => (
            <Table
              caption={t('jobs.title')}
              head={[t('jobs.kind'), t('jobs.status'), t('jobs.attempts'), t('jobs.last_error'), t('jobs.run_at'), t('jobs.actions')]}
            >
              {d.data.map((j) => (
                <JobRow key={j.id} job={j} onRetried={setRetried} />
              ))}
            </Table>
          )}
        </QueryView>
        <Pager cursor={cursor} data={query.data} />
      </Card>
    </div>
  );
}

function JobRow({ job: j, onRetried }: { job: Schemas['Job']; onRetried: (id: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const retry = useSubmit();
  return (
    <tr>
      <td>
        <div className="op-code">{j.kind}</div>
        <div className="op-code ui-muted">{j.id}</div>
      </td>
      <td>
        <JobStatus status={j.status} />
      </td>
      <td>{t('jobs.attempts_of', { n: j.attempts, max: j.max_attempts })}</td>
      <td>{j.last_error ? <pre className="op-pre">{j.last_error}</pre> : null}</td>
      <td>
        <DateTime value={j.finished_at ?? j.run_at} />
      </td>
      <td>
        {j.status === 'failed' ? (
          <div className="ui-stack">
            <Button
              variant="secondary"
              busy={retry.busy}
              aria-label={t('jobs.retry_job', { kind: j.kind, id: j.id })}
              onClick={async () => {
                const done = await retry.run({}, () =>
                  unwrap(api.POST('/v1/jobs/{id}/retry', { params: { path: { id: j.id } }, headers: idempotent() })),
                );
                if (done) {
                  onRetried(j.id);
                  await qc.invalidateQueries({ queryKey: ['jobs'] });
                }
              }}
            >
              {t('jobs.retry')}
            </Button>
            <FormError error={retry.formError} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}
