// One list's rows as the user scrolls: the first window on open or when the query changes, the
// next window when the last loaded rows come into view. Answers to older queries are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from '../../../shared/ipc/paging-limits';
import { showError } from './errors';

export interface PagedRows<T> {
  rows: T[];
  total: number;
  loading: boolean;
  /** Loads the next window when the row at `index` is close to the end of what is loaded. */
  reached(index: number): void;
  /** Loads again from the top as many rows as are loaded now (after a change). */
  reload(): void;
}

/** Rows from the end of the loaded ones at which the next window is asked for. */
const AHEAD = 30;

export function usePagedRows<T>(
  fetchWindow: (offset: number, limit: number) => Promise<Page<T>>,
  /** Changes whenever the filter or the sort does (e.g. JSON of the query). */
  queryKey: string,
  pageSize = DEFAULT_PAGE_SIZE,
): PagedRows<T> {
  const [state, setState] = useState<{ rows: T[]; total: number; loading: boolean }>({ rows: [], total: 0, loading: false });
  const seq = useRef(0);
  const busy = useRef(false);
  const latest = useRef(state);
  latest.current = state;
  const fetchRef = useRef(fetchWindow);
  fetchRef.current = fetchWindow;

  const load = useCallback((offset: number, limit: number, replace: boolean) => {
    const mine = replace ? ++seq.current : seq.current;
    busy.current = true;
    setState((s) => ({ ...s, loading: true }));
    fetchRef.current(offset, limit).then((page) => {
      if (mine !== seq.current) return;
      setState((s) => ({ rows: replace ? page.rows : [...s.rows, ...page.rows], total: page.total, loading: false }));
    }, (e: unknown) => {
      if (mine !== seq.current) return;
      setState((s) => ({ ...s, loading: false }));
      showError(e);
    }).finally(() => { if (mine === seq.current) busy.current = false; });
  }, []);

  useEffect(() => { load(0, pageSize, true); }, [queryKey, pageSize, load]);

  const reached = useCallback((index: number) => {
    const { rows, total } = latest.current;
    if (busy.current || rows.length >= total || index < rows.length - AHEAD) return;
    // Deferred: the check runs while a row renders.
    busy.current = true;
    setTimeout(() => load(rows.length, pageSize, false), 0);
  }, [load, pageSize]);

  const reload = useCallback(() => {
    load(0, Math.min(MAX_PAGE_SIZE, Math.max(pageSize, latest.current.rows.length)), true);
  }, [load, pageSize]);

  return { ...state, reached, reload };
}
