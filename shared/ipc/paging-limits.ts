// The paging contract's limits and window shape, without zod: the renderer's lists read them on
// their first screen; paging.ts builds the window's schema fields from them and re-exports them.
export const SORT_DIRS = ['asc', 'desc'] as const;
export type SortDir = (typeof SORT_DIRS)[number];

/** Largest window one call may ask for; lists load further windows as the user scrolls. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

export interface Page<T> {
  rows: T[];
  /** Rows the filter matches in all (not only this window). */
  total: number;
}
