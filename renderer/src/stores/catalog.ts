import { create } from 'zustand';
import type { InstrumentListQuery, InstrumentRow } from '../../../shared/catalog/instrument';
import type { Lab } from '../../../shared/ipc/catalog';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../shared/ipc/paging-limits';
import { call } from '../api';

type Filter = Omit<InstrumentListQuery, 'offset' | 'limit'>;

interface CatalogState {
  filter: Filter;
  rows: InstrumentRow[];
  total: number;
  loading: boolean;
  labs: Lab[];
  setFilter(patch: Partial<Filter>): void;
  /** Loads the first window again (as many rows as are loaded, up to the largest window). */
  reload(): Promise<void>;
  /** Start-up's load of the first window, before the page renders: the page's first reload gets its answer. */
  preload(): Promise<void>;
  /** Loads the next window when the row at `index` comes close to the end of the loaded rows. */
  reached(index: number): void;
  loadLabs(): Promise<void>;
}

let seq = 0;
/**
 * Start-up's call for the first window (preload), by its query, while it runs: the page mounting
 * asks for the same rows and shares it. Only that call is shared; any later reload asks anew (it
 * may follow a change the earlier answer does not hold).
 */
let preloading: { key: string; done: Promise<void> } | null = null;
/** Rows from the end of the loaded ones at which the next window is asked for. */
const AHEAD = 30;

export const useCatalog = create<CatalogState>((set, get) => {
  const firstWindow = () => ({ ...get().filter, offset: 0, limit: Math.min(MAX_PAGE_SIZE, Math.max(DEFAULT_PAGE_SIZE, get().rows.length)) });
  const load = async (query: InstrumentListQuery) => {
    const mine = ++seq; // drop answers to older queries that arrive late
    set({ loading: true });
    try {
      const { rows, total } = await call('catalog:list', query);
      if (mine === seq) set({ rows, total });
    } finally {
      if (mine === seq) set({ loading: false });
    }
  };
  return {
    filter: { query: '', sortBy: 'innerId', sortDir: 'asc', includeRetired: false },
    rows: [],
    total: 0,
    loading: false,
    labs: [],
    setFilter(patch) {
      set({ filter: { ...get().filter, ...patch }, rows: [] });
      void get().reload();
    },
    reload() {
      const query = firstWindow();
      const shared = preloading?.key === JSON.stringify(query) ? preloading.done : null;
      preloading = null;
      return shared ?? load(query);
    },
    preload() {
      const query = firstWindow();
      const done = load(query);
      preloading = { key: JSON.stringify(query), done };
      return done;
    },
    reached(index) {
      const { rows, total, loading } = get();
      if (loading || rows.length >= total || index < rows.length - AHEAD) return;
      const mine = seq;
      set({ loading: true });
      // Deferred: the check runs while a row renders.
      setTimeout(() => {
        call('catalog:list', { ...get().filter, offset: rows.length, limit: DEFAULT_PAGE_SIZE }).then((page) => {
          if (mine === seq) set({ rows: [...get().rows, ...page.rows], total: page.total });
        }, () => { /* the next scroll asks again */ }).finally(() => { if (mine === seq) set({ loading: false }); });
      }, 0);
    },
    async loadLabs() {
      set({ labs: await call('labs:list', {}) });
    },
  };
});
