import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { create } from 'zustand';

import type { Locale } from './i18n-messages';

export type { Locale };

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const saved = (typeof localStorage !== 'undefined' && localStorage.getItem('desk-locale')) as Locale | null;

/** dayjs follows the chosen language, so antd's zh_CN pickers name weekdays in Chinese and start weeks on Monday. */
function applyDayjsLocale(locale: Locale): void {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
}

const initial: Locale = saved === 'en' ? 'en' : 'zh';
applyDayjsLocale(initial);

export const useLocale = create<LocaleState>((set) => ({
  locale: initial,
  setLocale: (locale) => {
    localStorage.setItem('desk-locale', locale);
    applyDayjsLocale(locale);
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
