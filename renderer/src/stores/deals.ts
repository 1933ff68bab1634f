import { create } from 'zustand';
import type { Applicant } from '../../../shared/ipc/deals';
import { call } from '../api';

/** A record another page asked to open (the dashboard's links). */
export interface FocusTarget {
  page: 'vouchers' | 'contracts' | 'applicants';
  id: number;
}

interface DealsState {
  /** Today as the main process sees it (Asia/Shanghai; fixed in demos and tests). */
  today: string | null;
  /** Applicants the pages have seen (the first window, and any picked by search): labels for pickers. */
  applicants: Applicant[];
  focus: FocusTarget | null;
  loadToday(): Promise<string>;
  /** The first window of applicants by name; pickers search the service for the rest. */
  loadApplicants(): Promise<Applicant[]>;
  /** Keeps rows a picker found, so a page can read the chosen applicant's facts. */
  remember(rows: Applicant[]): void;
  setFocus(target: FocusTarget | null): void;
  /** Returns and clears the focus when it is meant for `page`. */
  takeFocus(page: FocusTarget['page']): number | null;
}

export const useDeals = create<DealsState>((set, get) => ({
  today: null,
  applicants: [],
  focus: null,
  async loadToday() {
    const known = get().today;
    if (known) return known;
    const { today } = await call('app:info', {});
    set({ today });
    return today;
  },
  async loadApplicants() {
    const { rows } = await call('applicants:list', { query: '' });
    get().remember(rows);
    return rows;
  },
  remember(rows) {
    const known = new Map(get().applicants.map((a) => [a.id, a]));
    for (const r of rows) known.set(r.id, r);
    set({ applicants: [...known.values()] });
  },
  setFocus(focus) {
    set({ focus });
  },
  takeFocus(page) {
    const f = get().focus;
    if (!f || f.page !== page) return null;
    set({ focus: null });
    return f.id;
  },
}));
