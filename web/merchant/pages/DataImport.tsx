// CSV import and export (docs/api.md "Import and export"): upload a file of products, variants
// and stock, choose the mode, follow the import's progress, download its error report; and
// the export links. The import runs on the server's job queue: this page polls it.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotent, unwrap } from '../../shared/api/client';
import { Badge, Button, Card, Field, Input, Notice, Select, Table } from '../../shared/ui';
import { FormError, useSubmit } from '../components/forms';

type Mode = 'all_or_nothing' | 'valid_rows';
const EXPORTS = ['products', 'stock', 'orders'] as const;

export function DataImport() {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('all_or_nothing');
  const [dryRun, setDryRun] = useState(false);
  const [importId, setImportId] = useState<string | null>(null);
  const { busy, errors, formError, run } = useSubmit(['csv']);

  const current = useQuery({
    queryKey: ['import', importId],
    enabled: importId !== null,
    queryFn: () => unwrap(api.GET('/v1/imports/{id}', { params: { path: { id: importId ?? '' } } })),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'queued' || q.state.data.status === 'running') ? 1000 : false),
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const created = await run(file ? {} : { csv: t('common:required') }, async () => {
      const csv = await (file as File).text();
      return unwrap(
        api.POST('/v1/imports', { body: { csv, mode, dry_run: dryRun, filename: (file as File).name }, headers: idempotent() }),
      );
    });
    if (created) setImportId(created.id);
  }

  const imp = current.data;
  const done = imp ? imp.progress.rows_done : 0;
  const total = imp ? imp.progress.rows_total : 0;
  const tone = imp?.status === 'succeeded' ? (imp.error_count ? 'warning' : 'success') : imp?.status === 'failed' ? 'danger' : 'neutral';

  return (
    <div className="mc-page">
      <h1>{t('imports.title')}</h1>
      <Card title={t('imports.upload')}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p className="ui-muted">{t('imports.intro')}</p>
          <Field label={t('imports.file')} error={errors.csv}>
            {(p) => <Input {...p} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
          </Field>
          <Field label={t('imports.mode')} hint={t(`imports.mode_hint.${mode}`)}>
            {(p) => (
              <Select {...p} value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
                <option value="all_or_nothing">{t('imports.modes.all_or_nothing')}</option>
                <option value="valid_rows">{t('imports.modes.valid_rows')}</option>
              </Select>
            )}
          </Field>
          <label className="mc-check">
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
            <span>{t('imports.dry_run')}</span>
          </label>
          <FormError error={formError} />
          <Button type="submit" busy={busy}>
            {t('imports.start')}
          </Button>
        </form>
      </Card>

      {imp ? (
        <Card title={t('imports.progress')}>
          <p>
            <Badge tone={tone}>{t(`imports.status.${imp.status}`)}</Badge> {imp.dry_run ? t('imports.dry_run_note') : null}
          </p>
          <progress
            className="mc-progress"
            style={{ width: '100%' }}
            max={total || 1}
            value={imp.status === 'queued' ? 0 : done}
            aria-label={t('imports.progress')}
          />
          <p className="ui-muted">{t('imports.rows', { done, total })}</p>
          {imp.summary && imp.status === 'succeeded' ? (
            <Notice tone={imp.error_count ? 'warning' : 'success'}>{t('imports.summary', { ...imp.summary })}</Notice>
          ) : null}
          {imp.error_count > 0 ? (
            <>
              <Notice tone={imp.status === 'failed' ? 'danger' : 'warning'}>
                {t(imp.status === 'failed' ? 'imports.nothing_written' : 'imports.bad_rows_skipped', { count: imp.error_count })}
              </Notice>
              <p>
                <a href={`/v1/imports/${imp.id}/errors.csv`} download>
                  {t('imports.download_errors')}
                </a>
              </p>
              <Table caption={t('imports.errors')} head={[t('imports.row'), t('imports.field'), t('imports.reason')]}>
                {imp.errors.map((e) => (
                  <tr key={`${e.row}-${e.field}-${e.code}`}>
                    <td>{e.row}</td>
                    <td>
                      <code>{e.field}</code>
                    </td>
                    <td>{i18n.language === 'en' ? e.message : t(`errors:${e.code}`, { defaultValue: e.message })}</td>
                  </tr>
                ))}
              </Table>
            </>
          ) : null}
        </Card>
      ) : null}

      <Card title={t('imports.export')}>
        <p className="ui-muted">{t('imports.export_intro')}</p>
        <ul>
          {EXPORTS.map((what) => (
            <li key={what}>
              <a href={`/v1/exports/${what}.csv`} download>
                {t(`imports.exports.${what}`)}
              </a>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
