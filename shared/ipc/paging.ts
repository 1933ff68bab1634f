// The one paging contract of every list channel: the renderer asks for a window (offset, limit)
// of rows in one of the sorts the list offers; the service filters, sorts and cuts in SQL and
// answers the window with the total the filter matches. No list sends all of its history.
import { z } from 'zod';

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

/** The window fields: offset/limit plus a sort among `sorts` and its direction. */
export function pageFields<const S extends readonly [string, ...string[]]>(
  sorts: S,
  defaults: { sort: S[number]; dir?: SortDir; limit?: number },
) {
  return {
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(defaults.limit ?? DEFAULT_PAGE_SIZE),
    sort: z.enum(sorts).default(defaults.sort as S[number]),
    dir: z.enum(SORT_DIRS).default(defaults.dir ?? 'asc'),
  };
}

/** A list query: the list's own filter fields extended with the window fields. */
export function pageQuerySchema<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  filter: F,
  sorts: S,
  defaults: { sort: S[number]; dir?: SortDir; limit?: number },
) {
  return z.object({ ...filter, ...pageFields(sorts, defaults) });
}

export interface PageWindow<S extends string = string> {
  offset: number;
  limit: number;
  sort: S;
  dir: SortDir;
}
