// Parcels on screen, the same in the three apps: a milestone's name in the reader's language
// (`common:milestone.*`), its badge, and a parcel's timeline — always newest first.
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { Badge } from './index';

export type Milestone = Schemas['TrackingEvent']['milestone'];
type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const TONES: Record<Milestone, Tone> = {
  info_received: 'neutral',
  picked_up: 'info',
  at_origin_hub: 'info',
  in_bag: 'info',
  departed_origin: 'info',
  arrived_destination: 'info',
  customs_submitted: 'info',
  customs_held: 'warning',
  customs_released: 'info',
  out_for_delivery: 'info',
  delivered: 'success',
  delivery_failed: 'warning',
  returned_to_sender: 'warning',
  exception: 'danger',
};

export function MilestoneBadge({ value }: { value: Milestone }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[value] ?? 'neutral'}>{t(`common:milestone.${value}`, { defaultValue: value })}</Badge>;
}

const CUSTOMS_TONES: Record<string, Tone> = {
  held: 'warning',
  ready: 'neutral',
  submitted: 'info',
  accepted: 'info',
  inspection: 'warning',
  released: 'success',
  rejected: 'danger',
};

export function CustomsBadge({ value }: { value: string }) {
  const { t } = useTranslation();
  return <Badge tone={CUSTOMS_TONES[value] ?? 'neutral'}>{t(`common:customs_status.${value}`, { defaultValue: value })}</Badge>;
}

export interface TimelineEvent {
  milestone: Milestone;
  at: string;
  location: string | null;
  description: string | null;
  /** False: reported after a later event, kept in the timeline without moving the parcel. */
  applied?: boolean;
}

/** Newest first; events at the same moment keep the API's order reversed (the later recorded on top). */
export function newestFirst<T extends { at: string }>(events: readonly T[]): T[] {
  return [...events].reverse().sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** A delivery window's day (`YYYY-MM-DD`, or a timestamp) in the reader's language. */
export function formatDay(value: string, lang: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(lang, {
    month: 'short',
    day: 'numeric',
    timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : undefined,
  }).format(d);
}

/** A parcel's timeline, newest first, each milestone named in the reader's language. */
export function Timeline({ events, timeZone, label }: { events: readonly TimelineEvent[]; timeZone?: string; label?: string }) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
  return (
    <ol className="ui-timeline" aria-label={label ?? t('common:timeline.label')}>
      {newestFirst(events).map((e, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: a timeline only grows; events have no id
          key={`${e.at}-${e.milestone}-${i}`}
          className={`ui-timeline__event${i === 0 ? ' ui-timeline__event--latest' : ''}${e.applied === false ? ' ui-timeline__event--late' : ''}`}
        >
          <strong className="ui-timeline__milestone">{t(`common:milestone.${e.milestone}`, { defaultValue: e.milestone })}</strong>
          <span className="ui-timeline__meta">
            <time dateTime={e.at}>{when.format(new Date(e.at))}</time>
            {e.location ? ` · ${e.location}` : ''}
          </span>
          {e.description ? <span className="ui-timeline__note">{e.description}</span> : null}
          {e.applied === false ? <span className="ui-timeline__note">{t('common:timeline.late')}</span> : null}
        </li>
      ))}
    </ol>
  );
}
