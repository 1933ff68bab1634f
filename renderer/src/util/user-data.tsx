// What the user typed (names, numbers, titles, addresses) is shown as typed in either language; the
// desk marks it so a reader, or the English-mode check, tells it from the desk's own words.
import type { HTMLAttributes, ReactNode } from 'react';

/** Spread into a table column whose cells hold the user's data: `{ title, dataIndex, ...USER_CELL }`. */
export const USER_CELL = { onCell: () => ({ 'data-user': '' }) as HTMLAttributes<HTMLElement> };

/** Text the user typed, inside the desk's own words. */
export function UserText({ children }: { children: ReactNode }) {
  return <span data-user="">{children}</span>;
}

/** Punctuation between the desk's words and the user's, by language. */
export function punct(locale: 'zh' | 'en') {
  return locale === 'zh'
    ? { colon: '：', open: '（', close: '）', range: ' ～ ', list: '、', semi: '；' }
    : { colon: ': ', open: ' (', close: ')', range: ' – ', list: ', ', semi: '; ' };
}
