// Storefront helpers: the shopper's country (from `?country=` or their account), product text in
// the reader's language, and API errors mapped to the form field they name (`param`).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, api, type Schemas, unwrap } from '../shared/api/client';
import { useSession } from '../shared/app';
import { errorText } from '../shared/i18n';

export type Country = 'CN' | 'AU' | 'NZ';
export type Product = Schemas['StorefrontProduct'];
export type Cart = Schemas['Cart'];
export type Checkout = Schemas['Checkout'];
export type Order = Schemas['Order'];

export const CATEGORIES = [
  'honey',
  'infant_formula',
  'health_supplements',
  'skincare_cosmetics',
  'mother_baby',
  'food_beverage',
  'wine',
] as const;

export const CN_PROVINCES = [
  'CN-AH',
  'CN-BJ',
  'CN-CQ',
  'CN-FJ',
  'CN-GD',
  'CN-GS',
  'CN-GX',
  'CN-GZ',
  'CN-HA',
  'CN-HB',
  'CN-HE',
  'CN-HI',
  'CN-HL',
  'CN-HN',
  'CN-JL',
  'CN-JS',
  'CN-JX',
  'CN-LN',
  'CN-NM',
  'CN-NX',
  'CN-QH',
  'CN-SC',
  'CN-SD',
  'CN-SH',
  'CN-SN',
  'CN-SX',
  'CN-TJ',
  'CN-XJ',
  'CN-XZ',
  'CN-YN',
  'CN-ZJ',
] as const;
export const AU_STATES = ['AU-ACT', 'AU-NSW', 'AU-NT', 'AU-QLD', 'AU-SA', 'AU-TAS', 'AU-VIC', 'AU-WA'] as const;

const COUNTRY_KEY = 'tasman.storefront.country';
const isCountry = (v: string | null): v is Country => v === 'CN' || v === 'AU' || v === 'NZ';

/**
 * The storefront country asked for in the address (`?country=AU`, remembered for this tab), else
 * undefined: the API then uses the signed-in shopper's own country, or CN.
 */
export function useCountryParam(): Country | undefined {
  const [params] = useSearchParams();
  const fromUrl = params.get('country')?.toUpperCase() ?? null;
  if (isCountry(fromUrl)) {
    try {
      sessionStorage.setItem(COUNTRY_KEY, fromUrl);
    } catch {
      // storage blocked: the parameter still applies to this page
    }
    return fromUrl;
  }
  try {
    const saved = sessionStorage.getItem(COUNTRY_KEY);
    if (isCountry(saved)) return saved;
  } catch {
    // storage blocked
  }
  return undefined;
}

/** The signed-in shopper (null when nobody or not a shopper). */
export function useShopper() {
  const { me } = useSession();
  const shopper = me.data?.kind === 'shopper' ? me.data : null;
  return { me, shopper, signedIn: Boolean(shopper) };
}

/** The wallet (signed-in shoppers): its currency tells the shopper's country. */
export function useWallet(enabled = true) {
  return useQuery({ queryKey: ['wallet'], queryFn: () => unwrap(api.GET('/v1/wallet')), enabled });
}

export function countryOfCurrency(currency: string | undefined): Country {
  return currency === 'AUD' ? 'AU' : currency === 'NZD' ? 'NZ' : 'CN';
}

type Text = { name: string; subtitle?: string; description?: string; ingredients?: string; usage?: string };

/** Product text in the reader's language first, the other one as the alternative. */
export function useProductText() {
  const { i18n } = useTranslation();
  const zhFirst = i18n.language !== 'en';
  return (text: { en?: Text; 'zh-Hans'?: Text } | { en: string; 'zh-Hans': string }) => {
    const zh = text['zh-Hans'];
    const en = text.en;
    const main = zhFirst ? (zh ?? en) : (en ?? zh);
    const other = zhFirst ? en : zh;
    const mainLang = main === zh ? 'zh-CN' : 'en';
    return { main, other: other === main ? undefined : other, mainLang, otherLang: mainLang === 'en' ? 'zh-CN' : 'en' };
  };
}

/** A product's name in the reader's language, from either API text shape. */
export function useName() {
  const pick = useProductText();
  return (text: Parameters<typeof pick>[0]) => {
    const { main, mainLang } = pick(text);
    return { name: typeof main === 'string' ? main : (main?.name ?? ''), lang: mainLang };
  };
}

/**
 * Field errors of a form: client-side checks first, then the API's error placed next to the field
 * its `param` names (`address.mobile` → `mobile`); anything else shows above the form.
 */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  return {
    errors,
    formError,
    reset() {
      setErrors({});
      setFormError(null);
    },
    set(next: Partial<Record<F, string>>) {
      setErrors(next);
      setFormError(null);
      return Object.keys(next).length === 0;
    },
    fromApi(err: unknown) {
      const param = err instanceof ApiError ? err.param : undefined;
      const field = param?.split('.').find((p) => (fields as readonly string[]).includes(p)) as F | undefined;
      if (field) {
        setErrors({ [field]: errorText(err) } as Partial<Record<F, string>>);
        setFormError(null);
      } else {
        setErrors({});
        setFormError(errorText(err));
      }
    },
  };
}

/** Dates as the reader reads them (China time for the storefront). */
export function useDates() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return {
    dateTime: (iso: string) =>
      new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(iso)),
    /** A calendar date `YYYY-MM-DD` as it is (no time zone shift). */
    day: (ymd: string) =>
      new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`)),
  };
}

export const cartKey = ['cart'] as const;
