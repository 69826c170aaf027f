// What needs an operator: China customs declarations held (the three documents do not match —
// recheck once the order's data is put right), under inspection or rejected, each with the
// reason; and parcels flagged `exception` with theirs.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Notice, QueryView, Select, Table } from '../../shared/ui';
import { PAGE_SIZE, Pager, useCursor } from '../../shared/ui/paging';
import { CustomsBadge, MilestoneBadge } from '../../shared/ui/tracking';
import { DateTime } from '../components/format';
import { FormError, useSubmit } from '../components/forms';

const QUEUES = ['held', 'inspection', 'rejected'] as const;
type Queue = (typeof QUEUES)[number];
type Declaration = Schemas['CustomsDeclaration'];

export function Exceptions() {
  const { t } = useTranslation();
  return (
    <div className="op-page">
      <h1>{t('exceptions.title')}</h1>
      <CustomsQueue />
      <ParcelExceptions />
    </div>
  );
}

function CustomsQueue() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('customs') ?? 'held';
  const status: Queue = (QUEUES as readonly string[]).includes(raw) ? (raw as Queue) : 'held';
  const cursor = useCursor(status);
  const [rechecked, setRechecked] = useState<Declaration | null>(null);
  const query = useQuery({
    queryKey: ['customs', status, cursor.after],
    queryFn: () =>
      unwrap(api.GET('/v1/customs/declarations', { params: { query: { status, limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });
  return (
    <Card title={t('exceptions.customs')}>
      <div className="op-filters">
        <Field label={t('exceptions.customs_status')}>
          {(p) => (
            <Select
              {...p}
              value={status}
              onChange={(e) => {
                setRechecked(null);
                const next = new URLSearchParams(params);
                next.set('customs', e.target.value);
                setParams(next);
              }}
            >
              {QUEUES.map((q) => (
                <option key={q} value={q}>
                  {t(`common:customs_status.${q}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {rechecked ? (
        <Notice tone={rechecked.status === 'held' ? 'warning' : 'success'}>
          {t('exceptions.rechecked', { order: rechecked.order_id, status: t(`common:customs_status.${rechecked.status}`) })}
        </Notice>
      ) : null}
      <QueryView
        query={query}
        isEmpty={(d) => d.data.length === 0}
        empty={<EmptyState title={t('exceptions.no_customs', { status: t(`common:customs_status.${status}`) })} />}
      >
        {(d) => (
          <Table
            caption={t('exceptions.customs')}
            head={[
              t('exceptions.order'),
              t('exceptions.trade_mode'),
              t('exceptions.status'),
              t('exceptions.reason'),
              t('exceptions.updated'),
              t('exceptions.actions'),
            ]}
          >
            {d.data.map((c) => (
              <DeclarationRow key={c.id} declaration={c} onRechecked={setRechecked} />
            ))}
          </Table>
        )}
      </QueryView>
      <Pager cursor={cursor} data={query.data} />
    </Card>
  );
}

function DeclarationRow({ declaration: c, onRechecked }: { declaration: Declaration; onRechecked: (d: Declaration) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const recheck = useSubmit();
  return (
    <tr>
      <td>
        <Link className="op-code" to={`/orders/${c.order_id}`}>
          {c.order_id}
        </Link>
        <div className="op-code ui-muted">{c.id}</div>
      </td>
      <td>{t(`customs_mode.${c.trade_mode}`, { defaultValue: c.trade_mode })}</td>
      <td>
        <CustomsBadge value={c.status} />
      </td>
      <td>
        {c.reason ? <div>{c.reason}</div> : null}
        {c.mismatches.length ? (
          <ul className="op-list">
            {c.mismatches.map((m) => (
              <li key={`${m.code}-${m.field}`}>
                <span className="op-code">{m.field}</span> {m.message}
              </li>
            ))}
          </ul>
        ) : null}
        {!c.reason && !c.mismatches.length ? t('none') : null}
      </td>
      <td>
        <DateTime value={c.updated_at} />
      </td>
      <td>
        {c.status === 'held' ? (
          <div className="ui-stack">
            <Button
              variant="secondary"
              busy={recheck.busy}
              aria-label={t('exceptions.recheck_order', { order: c.order_id })}
              onClick={async () => {
                const done = await recheck.run({}, () =>
                  unwrap(
                    api.POST('/v1/customs/declarations/{id}/recheck', { params: { path: { id: c.id } }, body: {}, headers: idempotent() }),
                  ),
                );
                if (done) {
                  onRechecked(done);
                  await qc.invalidateQueries({ queryKey: ['customs'] });
                }
              }}
            >
              {t('exceptions.recheck')}
            </Button>
            <FormError error={recheck.formError} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}

function ParcelExceptions() {
  const { t } = useTranslation();
  const cursor = useCursor('parcels');
  const query = useQuery({
    queryKey: ['parcels', 'exception', cursor.after],
    queryFn: () =>
      unwrap(api.GET('/v1/parcels', { params: { query: { status: 'exception', limit: PAGE_SIZE, starting_after: cursor.after } } })),
  });
  return (
    <Card title={t('exceptions.parcels')}>
      <QueryView query={query} isEmpty={(d) => d.data.length === 0} empty={<EmptyState title={t('exceptions.no_parcels')} />}>
        {(d) => (
          <Table
            caption={t('exceptions.parcels')}
            head={[
              t('exceptions.tracking_number'),
              t('exceptions.order'),
              t('exceptions.reached'),
              t('exceptions.reason'),
              t('exceptions.since'),
            ]}
          >
            {d.data.map((p) => (
              <tr key={p.id}>
                <td className="op-code">{p.tracking_number}</td>
                <td>
                  <Link className="op-code" to={`/orders/${p.order_id}`}>
                    {p.order_id}
                  </Link>
                </td>
                <td>
                  <MilestoneBadge value={p.milestone} />
                </td>
                <td>{p.exception_reason ?? t('none')}</td>
                <td>
                  <DateTime value={p.status_at} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </QueryView>
      <Pager cursor={cursor} data={query.data} />
    </Card>
  );
}
