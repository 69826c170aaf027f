// One product, created or edited: the bilingual text side by side (en | zh-Hans), the variants
// with their customs data (HS code from the CBEC positive list, tax class, customs unit), price,
// images, and listing with every reason it is still blocked explained.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api, idempotent, type Schemas, unwrap } from '../../shared/api/client';
import { Button, Card, Field, Input, QueryView, Select, TextArea } from '../../shared/ui';
import { Status } from '../components/format';
import { FormError, useRules, useSubmit } from '../components/forms';
import { ListingPanel } from '../components/ListingPanel';
import { merchantCurrency, useMerchant } from '../components/merchant';
import { ProductImages } from '../components/ProductImages';
import { VariantFields } from '../components/VariantFields';
import {
  CATEGORIES,
  checkDraft,
  type Draft,
  draftFields,
  draftOf,
  emptyDraft,
  emptyVariant,
  LOCALES,
  TEXT_FIELDS,
  TEXT_MAX,
} from './product-draft';

export type CbecReference = Awaited<ReturnType<typeof fetchReference>>;
const fetchReference = () => unwrap(api.GET('/v1/cbec/reference'));

export function ProductEditor() {
  const { t } = useTranslation();
  const { id } = useParams();
  const merchant = useMerchant();
  const reference = useQuery({ queryKey: ['cbec-reference'], queryFn: fetchReference, staleTime: Number.POSITIVE_INFINITY });
  const product = useQuery({
    queryKey: ['product', id],
    queryFn: () => unwrap(api.GET('/v1/products/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });

  return (
    <div className="mc-page">
      <p>
        <Link to="/products">{t('products.back')}</Link>
      </p>
      <QueryView query={merchant}>
        {(m) => (
          <QueryView query={reference}>
            {(ref) =>
              id ? (
                <QueryView query={product}>{(p) => <Editor key={p.id} merchant={m} reference={ref} product={p} />}</QueryView>
              ) : (
                <Editor merchant={m} reference={ref} />
              )
            }
          </QueryView>
        )}
      </QueryView>
    </div>
  );
}

function Editor({
  merchant,
  reference,
  product,
}: {
  merchant: Schemas['Merchant'];
  reference: CbecReference;
  product?: Schemas['Product'];
}) {
  const { t } = useTranslation();
  const rules = useRules();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => (product ? draftOf(product) : emptyDraft(merchant.country)));
  const [saved, setSaved] = useState(false);
  const form = useSubmit(draftFields(draft));
  const currency = merchantCurrency(merchant);
  const chinaSeller = merchant.country === 'CN';

  const setText = (l: (typeof LOCALES)[number], f: (typeof TEXT_FIELDS)[number], v: string) =>
    setDraft((d) => ({ ...d, text: { ...d.text, [l]: { ...d.text[l], [f]: v } } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const { errs, product: body, variants } = checkDraft(draft, { currency, chinaSeller }, rules);
    void form.run(errs, async () => {
      if (!product) {
        const created = await unwrap(api.POST('/v1/products', { body: { ...body, variants } as never, headers: idempotent() }));
        await qc.invalidateQueries({ queryKey: ['products'] });
        navigate(`/products/${created.id}`, { replace: true });
        return;
      }
      await unwrap(api.POST('/v1/products/{id}', { params: { path: { id: product.id } }, body: body as never, headers: idempotent() }));
      for (const [i, v] of draft.variants.entries()) {
        const vBody = variants[i] as never;
        try {
          if (v.id) await unwrap(api.POST('/v1/variants/{id}', { params: { path: { id: v.id } }, body: vBody, headers: idempotent() }));
          else
            await unwrap(
              api.POST('/v1/products/{id}/variants', { params: { path: { id: product.id } }, body: vBody, headers: idempotent() }),
            );
        } catch (err) {
          // The variant routes name the field without its place in the form: put it there.
          if (err instanceof ApiError && err.param && !err.param.startsWith('variants.'))
            throw new ApiError(err.status, {
              type: '',
              code: err.code,
              message: err.message,
              param: `variants.${i}.${err.param}`,
              details: err.details,
            });
          throw err;
        }
      }
      const fresh = await unwrap(api.GET('/v1/products/{id}', { params: { path: { id: product.id } } }));
      qc.setQueryData(['product', product.id], fresh);
      await qc.invalidateQueries({ queryKey: ['products'] });
      setDraft(draftOf(fresh));
      setSaved(true);
    });
  };

  return (
    <>
      <div className="mc-head">
        <h1>{product ? t('editor.edit_title') : t('editor.new_title')}</h1>
        {product ? <Status kind="product_status" value={product.status} /> : null}
      </div>
      <form className="mc-page" onSubmit={submit} noValidate aria-label={product ? t('editor.edit_title') : t('editor.new_title')}>
        <Card title={t('editor.basics')}>
          <div className="mc-form">
            <Field label={t('editor.brand')} error={form.errors.brand}>
              {(p) => <Input {...p} value={draft.brand} maxLength={100} onChange={(e) => setDraft({ ...draft, brand: e.target.value })} />}
            </Field>
            <Field label={t('editor.category')} error={form.errors.category}>
              {(p) => (
                <Select {...p} value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {t(`category.${c}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('editor.country_of_origin')} hint={t('editor.country_hint')} error={form.errors.country_of_origin}>
              {(p) => (
                <Input
                  {...p}
                  value={draft.country_of_origin}
                  maxLength={2}
                  onChange={(e) => setDraft({ ...draft, country_of_origin: e.target.value.toUpperCase() })}
                />
              )}
            </Field>
            <Field label={t('editor.shelf_life_days')} error={form.errors.shelf_life_days}>
              {(p) => (
                <Input
                  {...p}
                  inputMode="numeric"
                  value={draft.shelf_life_days}
                  onChange={(e) => setDraft({ ...draft, shelf_life_days: e.target.value })}
                />
              )}
            </Field>
            {draft.category === 'infant_formula' ? (
              <Field label={t('editor.samr_registration')} hint={t('editor.samr_hint')} error={form.errors.samr_registration}>
                {(p) => (
                  <Input
                    {...p}
                    value={draft.samr_registration}
                    onChange={(e) => setDraft({ ...draft, samr_registration: e.target.value })}
                  />
                )}
              </Field>
            ) : null}
          </div>
        </Card>

        <Card title={t('editor.text')}>
          <p className="ui-muted">{chinaSeller ? t('editor.text_hint_anz') : t('editor.text_hint_cn')}</p>
          <div className="mc-bilingual">
            {LOCALES.map((l) => (
              <fieldset key={l} lang={l === 'en' ? 'en' : 'zh-CN'}>
                <legend>{t(`editor.locale.${l}`)}</legend>
                {TEXT_FIELDS.map((f) => (
                  <Field key={f} label={t(`editor.field.${f}`)} error={form.errors[`text.${l}.${f}`]}>
                    {(p) =>
                      f === 'name' || f === 'subtitle' ? (
                        <Input {...p} value={draft.text[l][f]} maxLength={TEXT_MAX[f]} onChange={(e) => setText(l, f, e.target.value)} />
                      ) : (
                        <TextArea
                          {...p}
                          rows={3}
                          value={draft.text[l][f]}
                          maxLength={TEXT_MAX[f]}
                          onChange={(e) => setText(l, f, e.target.value)}
                        />
                      )
                    }
                  </Field>
                ))}
              </fieldset>
            ))}
          </div>
        </Card>

        <Card
          title={t('editor.variants')}
          actions={
            <Button variant="secondary" onClick={() => setDraft({ ...draft, variants: [...draft.variants, emptyVariant()] })}>
              {t('editor.add_variant')}
            </Button>
          }
        >
          <div className="mc-page">
            {draft.variants.map((v, i) => (
              <VariantFields
                key={v.id ?? `new-${i}`}
                index={i}
                value={v}
                errors={form.errors}
                reference={reference}
                currency={currency}
                chinaSeller={chinaSeller}
                onChange={(nv) => setDraft({ ...draft, variants: draft.variants.map((x, j) => (j === i ? nv : x)) })}
                onRemove={
                  !v.id && draft.variants.length > 1
                    ? () => setDraft({ ...draft, variants: draft.variants.filter((_, j) => j !== i) })
                    : undefined
                }
              />
            ))}
          </div>
        </Card>

        <FormError error={form.formError} />
        <div className="mc-actions">
          <Button type="submit" busy={form.busy}>
            {product ? t('common:save') : t('editor.create')}
          </Button>
          {saved ? <span role="status">{t('editor.saved')}</span> : null}
        </div>
      </form>
      {product ? (
        <>
          <ListingPanel product={product} reference={reference} chinaSeller={chinaSeller} />
          <ProductImages product={product} />
        </>
      ) : null}
    </>
  );
}
