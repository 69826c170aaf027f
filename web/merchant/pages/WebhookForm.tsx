// The endpoint form, for adding an endpoint and for changing one: the URL, a description, and
// the events to send — all of them (`["*"]`, including types added later) or those chosen from
// the catalogue. Checked before sending as the server would; its errors land on the field they name.
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Input, TextArea } from '../../shared/ui';
import { type FieldErrors, FormError, useRules, useSubmit } from '../components/forms';
import { EVENT_GROUPS, type EventType, urlProblem } from './WebhookParts';

export interface EndpointDraft {
  url: string;
  description: string;
  all: boolean;
  types: EventType[];
}

export interface EndpointBody {
  url: string;
  description: string | null;
  event_types: string[];
}

export const draftOf = (e?: { url: string; description: string | null; event_types: string[] }): EndpointDraft => ({
  url: e?.url ?? '',
  description: e?.description ?? '',
  all: e ? e.event_types.includes('*') : false,
  types: e && !e.event_types.includes('*') ? (e.event_types as EventType[]) : [],
});

export function EndpointForm({
  initial,
  label,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: EndpointDraft;
  label: string;
  submitLabel: string;
  onSubmit: (body: EndpointBody) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const rules = useRules();
  const [draft, setDraft] = useState(initial);
  const form = useSubmit(['url', 'description', 'event_types']);
  /** A change to a field clears that field's error: it is checked again on sending. */
  const change = (patch: Partial<EndpointDraft>, field: string) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (form.errors[field]) form.setErrors(({ [field]: _, ...rest }) => rest);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    const problem = urlProblem(draft.url);
    if (problem === 'required') errs.url = rules.required();
    else if (problem) errs.url = t('webhooks.form.url_invalid');
    if (draft.description.trim().length > 500) errs.description = rules.tooLong(500);
    if (!draft.all && draft.types.length === 0) errs.event_types = t('webhooks.form.choose_events');
    void form.run(errs, () =>
      onSubmit({
        url: draft.url.trim(),
        description: draft.description.trim() || null,
        event_types: draft.all ? ['*'] : draft.types,
      }),
    );
  };

  return (
    <form className="ui-stack" style={{ maxWidth: 960 }} onSubmit={submit} noValidate aria-label={label}>
      <Field label={t('webhooks.form.url')} hint={t('webhooks.form.url_hint')} error={form.errors.url}>
        {(p) => (
          <Input
            {...p}
            type="url"
            inputMode="url"
            value={draft.url}
            maxLength={2048}
            placeholder={t('webhooks.form.url_placeholder')}
            onChange={(e) => change({ url: e.target.value }, 'url')}
          />
        )}
      </Field>
      <Field label={t('webhooks.form.description')} hint={t('webhooks.form.description_hint')} error={form.errors.description}>
        {(p) => (
          <TextArea
            {...p}
            rows={2}
            value={draft.description}
            maxLength={500}
            onChange={(e) => change({ description: e.target.value }, 'description')}
          />
        )}
      </Field>
      <EventTypePicker
        all={draft.all}
        types={draft.types}
        error={form.errors.event_types}
        onChange={(all, types) => change({ all, types }, 'event_types')}
      />
      <FormError error={form.formError} />
      <div className="ui-row">
        <Button type="submit" busy={form.busy}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            {t('common:cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function EventTypePicker({
  all,
  types,
  error,
  onChange,
}: {
  all: boolean;
  types: EventType[];
  error: string | undefined;
  onChange: (all: boolean, types: EventType[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState('');
  const chosen = new Set(types);
  // The filter matches the type or its description in the reader's language.
  const q = filter.trim().toLowerCase();
  const shown = EVENT_GROUPS.map(
    ([group, list]) =>
      [group, q ? list.filter((x) => x.includes(q) || t(`webhooks.events.${x}`).toLowerCase().includes(q)) : list] as const,
  ).filter(([, list]) => list.length > 0);
  const toggle = (type: EventType, on: boolean) =>
    onChange(
      false,
      EVENT_GROUPS.flatMap(([, g]) => g).filter((x) => (x === type ? on : chosen.has(x))),
    );
  const toggleGroup = (group: EventType[], on: boolean) =>
    onChange(
      false,
      EVENT_GROUPS.flatMap(([, g]) => g).filter((x) => (group.includes(x) ? on : chosen.has(x))),
    );
  return (
    <fieldset className="mc-variant" style={{ display: 'flex' }} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('webhooks.form.events')}</legend>
      <label className="mc-check">
        <input type="radio" name={`${id}-scope`} checked={all} onChange={() => onChange(true, types)} />
        {t('webhooks.form.all_events')}
      </label>
      <p className="ui-muted" style={{ margin: '0 0 0 24px' }}>
        {t('webhooks.form.all_events_hint')}
      </p>
      <label className="mc-check">
        <input type="radio" name={`${id}-scope`} checked={!all} onChange={() => onChange(false, types)} />
        {t('webhooks.form.some_events')}
      </label>
      {!all ? (
        <div className="ui-stack">
          <div className="mc-filters">
            <Field label={t('webhooks.form.filter')}>
              {(p) => <Input {...p} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />}
            </Field>
            <p className="ui-muted" aria-live="polite">
              {t('webhooks.form.selected', { count: types.length })}
            </p>
          </div>
          {shown.length === 0 ? <p className="ui-muted">{t('webhooks.form.no_match')}</p> : null}
          <div className="mc-form" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))' }}>
            {shown.map(([group, list]) => {
              const every = list.every((x) => chosen.has(x));
              return (
                <fieldset key={group} className="mc-variant" style={{ display: 'flex' }}>
                  <legend>{t(`webhooks.groups.${group}`)}</legend>
                  {list.length > 1 && !q ? (
                    <label className="mc-check">
                      <input type="checkbox" checked={every} onChange={(e) => toggleGroup(list, e.target.checked)} />
                      {t('webhooks.form.whole_group', { group: t(`webhooks.groups.${group}`) })}
                    </label>
                  ) : null}
                  {list.map((type) => (
                    <label key={type} className="mc-check" style={{ alignItems: 'flex-start' }}>
                      <input type="checkbox" checked={chosen.has(type)} onChange={(e) => toggle(type, e.target.checked)} />
                      <span>
                        <span className="mc-code">{type}</span>
                        <br />
                        <span className="ui-muted">{t(`webhooks.events.${type}`)}</span>
                      </span>
                    </label>
                  ))}
                </fieldset>
              );
            })}
          </div>
        </div>
      ) : null}
      {error ? (
        <p className="ui-field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
