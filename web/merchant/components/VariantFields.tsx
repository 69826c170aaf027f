// One variant in the product editor: SKU, barcode, option, customs data (HS code picked from
// the CBEC positive list or typed, tax class, customs unit and quantity), weights and price.
import { useTranslation } from 'react-i18next';
import { Button, Field, Input, Select } from '../../shared/ui';
import type { CbecReference } from '../pages/ProductEditor';
import type { VariantDraft } from '../pages/product-draft';
import type { FieldErrors } from './forms';

export function VariantFields({
  index,
  value: v,
  errors,
  reference,
  currency,
  chinaSeller,
  onChange,
  onRemove,
}: {
  index: number;
  value: VariantDraft;
  errors: FieldErrors;
  reference: CbecReference;
  currency: string;
  chinaSeller: boolean;
  onChange: (v: VariantDraft) => void;
  onRemove?: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const at = (f: string) => errors[`variants.${index}.${f}`];
  const set = (f: keyof VariantDraft) => (e: { target: { value: string } }) => onChange({ ...v, [f]: e.target.value });
  const digits = v.hs_code.replace(/[\s.]/g, '');
  const line = reference.positive_list.lines.find((l) => digits.length >= 8 && l.tariff_line === digits.slice(0, 8));

  return (
    <fieldset className="mc-variant">
      <legend>{t('editor.variant_n', { n: index + 1 })}</legend>
      <Field label={t('editor.sku')} error={at('sku')}>
        {(p) => <Input {...p} value={v.sku} maxLength={64} onChange={set('sku')} />}
      </Field>
      <Field label={t('editor.gtin')} hint={t('editor.gtin_hint')} error={at('gtin')}>
        {(p) => <Input {...p} inputMode="numeric" value={v.gtin} onChange={set('gtin')} />}
      </Field>
      <Field label={t('editor.option_name')} hint={t('editor.option_hint')} error={at('options')}>
        {(p) => <Input {...p} value={v.option_name} maxLength={40} onChange={set('option_name')} />}
      </Field>
      <Field label={t('editor.option_value')}>
        {(p) => <Input {...p} value={v.option_value} maxLength={100} onChange={set('option_value')} />}
      </Field>
      <Field label={t('editor.price', { currency })} error={at('price')}>
        {(p) => <Input {...p} inputMode="decimal" value={v.price} onChange={set('price')} />}
      </Field>
      {chinaSeller ? null : (
        <Field label={t('editor.cny_price')} hint={t('editor.cny_price_hint')} error={at('cny_price')}>
          {(p) => <Input {...p} inputMode="decimal" value={v.cny_price} onChange={set('cny_price')} />}
        </Field>
      )}
      {chinaSeller ? null : (
        <Field label={t('editor.positive_list_pick')} hint={t('editor.positive_list_pick_hint')}>
          {(p) => (
            <Select
              {...p}
              value={line ? line.tariff_line : ''}
              onChange={(e) => e.target.value && onChange({ ...v, hs_code: `${e.target.value}00` })}
            >
              <option value="">{t('editor.positive_list_none')}</option>
              {reference.positive_list.lines.map((l) => (
                <option key={l.tariff_line} value={l.tariff_line}>
                  {l.tariff_line} {zh ? l.description_zh : l.description_en}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field
        label={t('editor.hs_code')}
        hint={
          chinaSeller
            ? t('editor.hs_code_hint_export')
            : line
              ? t('editor.on_positive_list', { line: `${line.tariff_line} ${zh ? line.description_zh : line.description_en}` })
              : digits.length >= 8
                ? t('editor.not_on_positive_list')
                : t('editor.hs_code_hint')
        }
        error={at('hs_code')}
      >
        {(p) => <Input {...p} inputMode="numeric" value={v.hs_code} maxLength={20} onChange={set('hs_code')} />}
      </Field>
      {chinaSeller ? null : (
        <Field label={t('editor.tax_class')} error={at('tax_class')}>
          {(p) => (
            <Select {...p} value={v.tax_class} onChange={set('tax_class')}>
              <option value="">{t('editor.choose')}</option>
              {reference.tax_classes.map((c) => (
                <option key={c.code} value={c.code}>
                  {t(`tax_class.${c.code}`, { defaultValue: c.description })} (
                  {t('editor.rates', { vat: c.vat_bps / 100, consumption: c.consumption_tax_bps / 100 })})
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label={t('editor.declared_unit')} error={at('declared_unit')}>
        {(p) => (
          <Select {...p} value={v.declared_unit} onChange={set('declared_unit')}>
            <option value="">{t('editor.choose')}</option>
            {reference.customs_units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.code} {u.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('editor.declared_quantity')} error={at('declared_quantity')}>
        {(p) => <Input {...p} inputMode="decimal" value={v.declared_quantity} onChange={set('declared_quantity')} />}
      </Field>
      <Field label={t('editor.net_weight_g')} error={at('net_weight_g')}>
        {(p) => <Input {...p} inputMode="numeric" value={v.net_weight_g} onChange={set('net_weight_g')} />}
      </Field>
      <Field label={t('editor.gross_weight_g')} error={at('gross_weight_g')}>
        {(p) => <Input {...p} inputMode="numeric" value={v.gross_weight_g} onChange={set('gross_weight_g')} />}
      </Field>
      {onRemove ? (
        <div>
          <Button variant="ghost" onClick={onRemove}>
            {t('editor.remove_variant')}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
