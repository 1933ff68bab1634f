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

// Every status the store takes gets a number. A look-up (`refresh`, the lock screen's poll) that was
// asked before a newer status arrived (encryption finished, a lock, an unlock) answers with the
// older state, so it must not overwrite the newer one: the window would show 未加密 for a desk that
// has just been encrypted until the next poll.
let generation = 0;

export const useSecurity = create<SecurityState>((set, get) => ({
  status: null,
  async refresh() {
    const asked = generation;
    const status = await call('security:status', {});
    if (asked !== generation) return get().status ?? status;
    generation += 1;
    set({ status });
    return status;
  },
  set(status) {
    generation += 1;
    set({ status });
  },
  async lock() {
    const status = await call('security:lock', {});
    generation += 1;
    set({ status });
  },
  async unlock(passphrase) {
    const status = await call('security:unlock', { passphrase });
    generation += 1;
    set({ status });
  },
}));
