// Pages for signed-in shoppers: a sign-in prompt (coming back here afterwards) for everyone else.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../shared/ui';
import { useShopper } from '../lib';

export function RequireShopper({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { me, signedIn } = useShopper();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!signedIn) {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <>
        <h1>{title}</h1>
        <EmptyState title={t('auth.required')}>
          <p className="ui-row sf-center">
            <Link className="ui-button ui-button--primary" to={`/sign-in?next=${next}`}>
              {t('common:sign_in')}
            </Link>
            <Link className="ui-button ui-button--secondary" to={`/sign-up?next=${next}`}>
              {t('common:sign_up')}
            </Link>
          </p>
        </EmptyState>
      </>
    );
  }
  return <>{children}</>;
}
