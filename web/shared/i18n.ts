// Translations: i18next with the resource files under web/locales/<language>/<namespace>.json.
// Every app loads `common` and `errors` plus its own namespace; components take every string
// from there (a test fails on Chinese or English text written into a component).
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCommon from '../locales/en/common.json';
import enErrors from '../locales/en/errors.json';
import zhCommon from '../locales/zh-CN/common.json';
import zhErrors from '../locales/zh-CN/errors.json';
import { ApiError } from './api/client';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'tasman.language';

/** The language saved on this device, else the app's default. */
export function savedLanguage(fallback: Language): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v && (LANGUAGES as readonly string[]).includes(v)) return v as Language;
  } catch {
    // storage blocked: use the default
  }
  return fallback;
}

/** Starts i18next for one app: its own namespace's resources per language and its default language. */
export function initI18n(ns: string, own: Record<Language, Record<string, unknown>>, fallback: Language) {
  const resources: Resource = {
    'zh-CN': { common: zhCommon, errors: zhErrors, [ns]: own['zh-CN'] },
    en: { common: enCommon, errors: enErrors, [ns]: own.en },
  };
  const lng = savedLanguage(fallback);
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: fallback === 'en' ? 'en' : 'zh-CN',
    ns: ['common', 'errors', ns],
    defaultNS: ns,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

/** Switches language everywhere on this device (the next visit starts in it). */
export function setLanguage(lng: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // storage blocked: only this page changes
  }
  document.documentElement.lang = lng;
  void i18next.changeLanguage(lng);
}

/** An API or network error in the reader's language; the server's message when we have no translation. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return i18next.t(`errors:${err.code}`, { defaultValue: err.message, ...err.details });
  return i18next.t('errors:unknown_error');
}
