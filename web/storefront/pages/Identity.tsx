// The shopper's real-name identity (once) and their cross-border quota.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, unwrap } from '../../shared/api/client';
import { Card, Notice, QueryView } from '../../shared/ui';
import { IdentityForm } from '../components/IdentityForm';
import { QuotaCard } from '../components/Quota';
import { RequireShopper } from '../components/RequireShopper';
import { countryOfCurrency, useWallet } from '../lib';

export default function IdentityPage() {
  const { t } = useTranslation();
  return (
    <RequireShopper title={t('identity.title')}>
      <IdentityView />
    </RequireShopper>
  );
}

async function fetchIdentity() {
  try {
    return await unwrap(api.GET('/v1/shopper/identity'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

function IdentityView() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = params.get('next');
  const wallet = useWallet();
  const identity = useQuery({ queryKey: ['identity'], queryFn: fetchIdentity });
  return (
    <div className="sf-narrow ui-stack">
      <h1>{t('identity.title')}</h1>
      <QueryView query={wallet}>
        {(w) =>
          countryOfCurrency(w.currency) !== 'CN' ? (
            <Notice tone="info">{t('identity.not_needed')}</Notice>
          ) : (
            <QueryView query={identity}>
              {(id) =>
                id ? (
                  <>
                    <Card title={t('identity.verified')}>
                      <dl className="sf-sums">
                        <dt>{t('identity.real_name')}</dt>
                        <dd>{id.real_name}</dd>
                        <dt>{t('identity.id_number')}</dt>
                        <dd>{id.id_number_masked}</dd>
                        <dt>{t('identity.mobile')}</dt>
                        <dd>{id.mobile}</dd>
                      </dl>
                      {next?.startsWith('/') ? <Link to={next}>{t('identity.continue')}</Link> : null}
                    </Card>
                    <QuotaCard />
                  </>
                ) : (
                  <Card>
                    <IdentityForm
                      onDone={() => {
                        if (next?.startsWith('/') && !next.startsWith('//')) navigate(next);
                      }}
                    />
                  </Card>
                )
              }
            </QueryView>
          )
        }
      </QueryView>
    </div>
  );
}
