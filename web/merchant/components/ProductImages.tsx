// A product's images: upload (POST /v1/products/:id/images with the image itself as the body,
// alt text in both languages), thumbnails, removal.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorBody, api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { Button, Card, EmptyState, Field, Input } from '../../shared/ui';
import { type FieldErrors, FormError, useRules, useSubmit } from './forms';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_BYTES = 10 * 1024 * 1024;

export function ProductImages({ product }: { product: Schemas['Product'] }) {
  const { t, i18n } = useTranslation();
  const rules = useRules();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [altEn, setAltEn] = useState('');
  const [altZh, setAltZh] = useState('');
  const [inputKey, setInputKey] = useState(0);
  const form = useSubmit(['file', 'alt_en', 'alt_zh']);
  const zh = i18n.language === 'zh-CN';
  const refresh = () => qc.invalidateQueries({ queryKey: ['product', product.id] });

  const upload = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (!file) errs.file = rules.required();
    else if (!TYPES.includes(file.type)) errs.file = t('images.type');
    else if (file.size > MAX_BYTES) errs.file = t('images.too_big');
    if (altEn.length > 200) errs.alt_en = rules.tooLong(200);
    if (altZh.length > 200) errs.alt_zh = rules.tooLong(200);
    void form.run(errs, async () => {
      if (!file) return;
      const q = new URLSearchParams();
      if (altEn.trim()) q.set('alt_en', altEn.trim());
      if (altZh.trim()) q.set('alt_zh', altZh.trim());
      // The typed client sends JSON; an image goes as the raw body with its own type.
      let res: Response;
      try {
        res = await fetch(`/v1/products/${encodeURIComponent(product.id)}/images?${q}`, {
          method: 'POST',
          body: file,
          credentials: 'same-origin',
          headers: { 'Content-Type': file.type, ...idempotent() },
        });
      } catch (err) {
        throw new ApiError(0, { type: 'api_connection_error', code: 'network_error', message: String(err) });
      }
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: ApiErrorBody } | null;
        const apiErr = body?.error ?? { type: 'api_error', code: 'unknown_error', message: res.statusText };
        throw new ApiError(res.status, { ...apiErr, param: 'file' });
      }
      setFile(null);
      setAltEn('');
      setAltZh('');
      setInputKey((k) => k + 1);
      await refresh();
    });
  };

  const remove = async (imageId: string) => {
    await form.run({}, async () => {
      await unwrap(api.DELETE('/v1/products/{id}/images/{image_id}', { params: { path: { id: product.id, image_id: imageId } } }));
      await refresh();
    });
  };

  return (
    <Card title={t('images.title')}>
      <div className="mc-page">
        {product.images.length ? (
          <ul className="mc-images">
            {product.images.map((img) => (
              <li key={img.id} className="ui-stack">
                <img src={img.urls.w200} alt={(zh ? img.alt['zh-Hans'] : img.alt.en) ?? img.alt.en ?? ''} width={120} height={120} />
                <Button variant="ghost" onClick={() => void remove(img.id)}>
                  {t('images.remove')}
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title={t('images.none')} />
        )}
        <form className="mc-form" onSubmit={upload} noValidate aria-label={t('images.upload')}>
          <Field label={t('images.file')} hint={t('images.hint')} error={form.errors.file}>
            {(p) => (
              <Input key={inputKey} {...p} type="file" accept={TYPES.join(',')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            )}
          </Field>
          <Field label={t('images.alt_en')} error={form.errors.alt_en}>
            {(p) => <Input {...p} lang="en" value={altEn} onChange={(e) => setAltEn(e.target.value)} />}
          </Field>
          <Field label={t('images.alt_zh')} error={form.errors.alt_zh}>
            {(p) => <Input {...p} lang="zh-CN" value={altZh} onChange={(e) => setAltZh(e.target.value)} />}
          </Field>
          <div className="mc-wide">
            <FormError error={form.formError} />
            <Button type="submit" variant="secondary" busy={form.busy}>
              {t('images.upload')}
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}
