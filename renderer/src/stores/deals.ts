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
  applicants: Applicant[];
  focus: FocusTarget | null;
  loadToday(): Promise<string>;
  loadApplicants(): Promise<Applicant[]>;
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
    const applicants = await call('applicants:list', { query: '' });
    set({ applicants });
    return applicants;
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
