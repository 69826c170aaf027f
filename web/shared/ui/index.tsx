// Tasman's small design system, used by all three apps: plain elements with our classes
// (ui.css), labelled and announced for screen readers. Text comes from the callers (i18n).
import type { UseQueryResult } from '@tanstack/react-query';
import {
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, LANGUAGES, type Language, setLanguage } from '../i18n';
import { formatMoney, type Money } from '../money';
import './ui.css';

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function Button({
  variant = 'primary',
  busy = false,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'ghost'; busy?: boolean }) {
  return (
    <button
      type="button"
      {...rest}
      className={`ui-button ui-button--${variant} ${rest.className ?? ''}`}
      disabled={rest.disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? <span className="ui-spinner ui-spinner--small" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

/** A labelled form control with its hint and its error (from client validation or the API's `param`). */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`ui-field${error ? ' ui-field--invalid' : ''}`}>
      <label className="ui-field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint ? (
        <p className="ui-field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="ui-field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export const Input = (p: InputHTMLAttributes<HTMLInputElement>) => <input {...p} className={`ui-input ${p.className ?? ''}`} />;
export const Select = (p: SelectHTMLAttributes<HTMLSelectElement>) => <select {...p} className={`ui-input ${p.className ?? ''}`} />;
export const TextArea = (p: TextareaHTMLAttributes<HTMLTextAreaElement>) => <textarea {...p} className={`ui-input ${p.className ?? ''}`} />;

export function Card({
  title,
  actions,
  children,
  className,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`ui-card ${className ?? ''}`}>
      {title || actions ? (
        <header className="ui-card__header">
          {title ? <h2 className="ui-card__title">{title}</h2> : null}
          {actions ? <div className="ui-card__actions">{actions}</div> : null}
        </header>
      ) : null}
      {children}
    </section>
  );
}

export const Badge = ({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) => (
  <span className={`ui-badge ui-badge--${tone}`}>{children}</span>
);

/** A message box: `danger` is announced at once (role=alert), the others politely. */
export const Notice = ({ tone = 'info', children }: { tone?: Tone; children: ReactNode }) => (
  <div className={`ui-notice ui-notice--${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
    {children}
  </div>
);

/** An amount in the reader's language; never through a float. */
export function MoneyText({ value, className }: { value: Money | null | undefined; className?: string }) {
  const { i18n } = useTranslation();
  if (!value) return null;
  return <span className={`ui-money ${className ?? ''}`}>{formatMoney(value, i18n.language)}</span>;
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation('common');
  return (
    <div className="ui-loading" role="status" aria-live="polite">
      <span className="ui-spinner" aria-hidden="true" />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="ui-empty">
      <p className="ui-empty__title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation('common');
  return (
    <div className="ui-error" role="alert">
      <p>{errorText(error)}</p>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          {t('retry')}
        </Button>
      ) : null}
    </div>
  );
}

/**
 * A query's three states in one place: loading, error (with retry), empty, then the content.
 * `isEmpty` decides what counts as nothing to show.
 */
export function QueryView<T>({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: UseQueryResult<T>;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (empty !== undefined && isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}

export function Table({ caption, head, children }: { caption: ReactNode; head: ReactNode[]; children: ReactNode }) {
  return (
    <div className="ui-table-wrap">
      <table className="ui-table">
        <caption className="ui-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed header columns
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The other language, one tap away. Its accessible name contains the visible text (WCAG 2.5.3). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  const next: Language = i18n.language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button type="button" className="ui-lang" onClick={() => setLanguage(next)}>
      <span className="ui-visually-hidden">{t('switch_language')} </span>
      <span lang={next}>{t(`language.${next}`)}</span>
    </button>
  );
}
export { LANGUAGES };

/** Page frame: skip link, header (brand, navigation, extras), one main landmark. */
export function AppShell({ brand, nav, extra, children }: { brand: ReactNode; nav?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <div className="ui-shell">
      <a className="ui-skip" href="#main">
        {t('skip_to_content')}
      </a>
      <header className="ui-shell__header">
        <div className="ui-shell__brand">{brand}</div>
        {nav ? (
          <nav className="ui-shell__nav" aria-label={t('main_navigation')}>
            {nav}
          </nav>
        ) : null}
        <div className="ui-shell__extra">
          {extra}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="ui-shell__main">
        {children}
      </main>
    </div>
  );
}
