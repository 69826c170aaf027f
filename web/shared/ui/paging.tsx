// Cursor pages of a list (`starting_after`): Previous / Next over a stack of cursors, for the consoles' lists.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './index';

export const PAGE_SIZE = 25;

/** The cursor of the page shown; starts again from the first page when `resetKey` changes. */
export function useCursor(resetKey: string) {
  const [stack, setStack] = useState<string[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new filter
  useEffect(() => setStack([]), [resetKey]);
  return {
    after: stack.at(-1),
    page: stack.length,
    next: (lastId: string) => setStack((s) => [...s, lastId]),
    previous: () => setStack((s) => s.slice(0, -1)),
  };
}

export function Pager({
  cursor,
  data,
}: {
  cursor: ReturnType<typeof useCursor>;
  data: { data: { id: string }[]; has_more: boolean } | undefined;
}) {
  const { t } = useTranslation();
  const last = data?.data.at(-1)?.id;
  if (!data || (cursor.page === 0 && !data.has_more)) return null;
  return (
    <nav className="ui-row" aria-label={t('common:pagination')}>
      <Button variant="secondary" disabled={cursor.page === 0} onClick={cursor.previous}>
        {t('common:previous')}
      </Button>
      <span className="ui-muted">{t('common:page_n', { n: cursor.page + 1 })}</span>
      <Button variant="secondary" disabled={!data.has_more || !last} onClick={() => last && cursor.next(last)}>
        {t('common:next')}
      </Button>
    </nav>
  );
}
