import { create } from 'zustand';
import type { InstrumentListQuery, InstrumentRow } from '../../../shared/catalog/instrument';
import type { Lab } from '../../../shared/ipc/catalog';
import { call } from '../api';

type Filter = Omit<InstrumentListQuery, 'offset' | 'limit'>;

interface CatalogState {
  filter: Filter;
  rows: InstrumentRow[];
  total: number;
  loading: boolean;
  labs: Lab[];
  setFilter(patch: Partial<Filter>): void;
  reload(): Promise<void>;
  loadLabs(): Promise<void>;
}

let seq = 0;

export const useCatalog = create<CatalogState>((set, get) => ({
  filter: { query: '', sortBy: 'innerId', sortDir: 'asc', includeRetired: false },
  rows: [],
  total: 0,
  loading: false,
  labs: [],
  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } });
    void get().reload();
  },
  async reload() {
    const mine = ++seq; // drop answers to older queries that arrive late
    set({ loading: true });
    try {
      const { rows, total } = await call('catalog:list', { ...get().filter, limit: 20000 });
      if (mine === seq) set({ rows, total });
    } finally {
      if (mine === seq) set({ loading: false });
    }
  },
  async loadLabs() {
    set({ labs: await call('labs:list', {}) });
  },
}));
