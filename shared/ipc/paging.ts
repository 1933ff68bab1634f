// The one paging contract of every list channel: the renderer asks for a window (offset, limit)
// of rows in one of the sorts the list offers; the service filters, sorts and cuts in SQL and
// answers the window with the total the filter matches. No list sends all of its history.
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SORT_DIRS, type SortDir } from './paging-limits';

// The limits and the Page shape live without zod (paging-limits.ts), for the renderer's first screen.
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SORT_DIRS, type Page, type SortDir } from './paging-limits';

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
