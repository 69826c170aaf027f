// Listing a product (POST /v1/products/:id/activate): what still blocks it, each reason in the
// reader's language with the field it concerns, and why the CBEC positive list decides.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { errorText } from '../../shared/i18n';
import { Button, Card, Notice } from '../../shared/ui';
import type { CbecReference } from '../pages/ProductEditor';

type Issue = { code: string; param: string; message: string };

export function ListingPanel({
  product,
  reference,
  chinaSeller,
}: {
  product: Schemas['Product'];
  reference: CbecReference;
  chinaSeller: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [blocked, setBlocked] = useState<Issue[] | null>(null);
  const issues = blocked ?? product.listing_issues;
  // A saved change answers the refusal: show the product's own issues again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the product changes
  useEffect(() => {
    setBlocked(null);
    setError(null);
  }, [product.updated_at]);

  const activate = async () => {
    setBusy(true);
    setError(null);
    setBlocked(null);
    try {
      const p = await unwrap(
        api.POST('/v1/products/{id}/activate', { params: { path: { id: product.id } }, body: {}, headers: idempotent() }),
      );
      qc.setQueryData(['product', product.id], p);
      await qc.invalidateQueries({ queryKey: ['products'] });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'listing_blocked' && Array.isArray(err.details?.issues))
        setBlocked(err.details.issues as Issue[]);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('listing.title')}>
      <div className="mc-page">
        {product.status === 'active' ? <Notice tone="success">{t('listing.listed')}</Notice> : null}
        {product.status === 'archived' ? <Notice tone="warning">{t('listing.archived')}</Notice> : null}
        {product.status !== 'archived' && issues.length ? (
          <Notice tone={blocked ? 'danger' : 'warning'}>
            <p>{blocked ? errorText(error) : t('listing.blocked_by', { count: issues.length })}</p>
            <ul className="mc-issues">
              {issues.map((i) => (
                <li key={`${i.code}-${i.param}`}>
                  {t(`listing_issue.${i.code}`, { defaultValue: i.message })} <span className="mc-code">{fieldName(t, i.param)}</span>
                </li>
              ))}
            </ul>
          </Notice>
        ) : null}
        {product.status === 'draft' && !issues.length ? <Notice tone="info">{t('listing.ready')}</Notice> : null}
        {chinaSeller ? (
          <p className="ui-muted">{t('listing.explain_anz')}</p>
        ) : (
          <div>
            <p className="ui-muted">{t('listing.explain_cn')}</p>
            <p className="ui-muted">
              {t('listing.source')}{' '}
              <a href={reference.positive_list.source_url} rel="noreferrer" target="_blank">
                {reference.positive_list.title}
              </a>
            </p>
          </div>
        )}
        {error && !blocked ? <Notice tone="danger">{errorText(error)}</Notice> : null}
        {product.status === 'draft' ? (
          <div>
            <Button busy={busy} onClick={() => void activate()}>
              {t('listing.activate')}
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}

/** `variants.0.hs_code` → "Variant 1 · HS code", `text.zh-Hans.description` → "Chinese · Description". */
function fieldName(t: (k: string, o?: Record<string, unknown>) => string, param: string): string {
  const parts = param.split('.');
  if (parts[0] === 'variants' && parts[1] !== undefined && parts[2]) {
    return `${t('editor.variant_n', { n: Number(parts[1]) + 1 })} · ${t(`editor.${parts[2]}`, { defaultValue: parts[2], currency: '' })}`;
  }
  if (parts[0] === 'text' && parts[1] && parts[2]) return `${t(`editor.locale.${parts[1]}`)} · ${t(`editor.field.${parts[2]}`)}`;
  return t(`editor.${parts[0]}`, { defaultValue: param });
}
