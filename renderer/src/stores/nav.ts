import { create } from 'zustand';

interface NavState {
  page: string;
  go(page: string): void;
}

/** Which page is shown; any page may send the user to another (e.g. the dashboard to a contract). */
export const useNav = create<NavState>((set) => ({
  page: location.hash.startsWith('#/') ? location.hash.slice(2) : 'catalog',
  go: (page) => set({ page }),
}));
