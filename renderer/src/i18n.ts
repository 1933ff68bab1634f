import { create } from 'zustand';

import type { Locale } from './i18n-messages';

export type { Locale };

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const saved = (typeof localStorage !== 'undefined' && localStorage.getItem('desk-locale')) as Locale | null;

export const useLocale = create<LocaleState>((set) => ({
  locale: saved === 'en' ? 'en' : 'zh',
  setLocale: (locale) => {
    localStorage.setItem('desk-locale', locale);
    set({ locale });
  },
}));

/** Each page keeps its own strings: `const L = { zh: {...}, en: {...} }`, then `const t = useT(L)`. */
export function useT<T extends Record<string, string>>(dict: { zh: T; en: { [K in keyof T]: string } }): T {
  const locale = useLocale((s) => s.locale);
  return (locale === 'en' ? dict.en : dict.zh) as T;
}

/** Fills {name} placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}
