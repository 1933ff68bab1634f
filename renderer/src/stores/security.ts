import { create } from 'zustand';
import type { SecurityStatus } from '../../../shared/ipc/security';
import { call } from '../api';

interface SecurityState {
  status: SecurityStatus | null;
  refresh(): Promise<SecurityStatus>;
  set(status: SecurityStatus): void;
  lock(): Promise<void>;
  unlock(passphrase: string): Promise<void>;
}

export const useSecurity = create<SecurityState>((set) => ({
  status: null,
  async refresh() {
    const status = await call('security:status', {});
    set({ status });
    return status;
  },
  set(status) {
    set({ status });
  },
  async lock() {
    set({ status: await call('security:lock', {}) });
  },
  async unlock(passphrase) {
    set({ status: await call('security:unlock', { passphrase }) });
  },
}));
