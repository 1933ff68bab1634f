import { create } from 'zustand';
import type { RedemptionRow, RedemptionStatus } from '../../../shared/ipc/redemption';
import { call } from '../api';

interface RedemptionState {
  status: RedemptionStatus | 'none' | undefined;
  rows: RedemptionRow[];
  loading: boolean;
  setStatus(status: RedemptionStatus | 'none' | undefined): void;
  reload(): Promise<void>;
}

let seq = 0;

export const useRedemption = create<RedemptionState>((set, get) => ({
  status: undefined,
  rows: [],
  loading: false,
  setStatus(status) {
    set({ status });
    void get().reload();
  },
  async reload() {
    const mine = ++seq; // drop answers to older queries that arrive late
    set({ loading: true });
    try {
      const rows = await call('redemption:list', { status: get().status });
      if (mine === seq) set({ rows });
    } finally {
      if (mine === seq) set({ loading: false });
    }
  },
}));
