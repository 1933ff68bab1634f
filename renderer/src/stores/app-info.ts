import { useEffect } from 'react';
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/ipc/system';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import { call } from '../api';

interface AppInfoState {
  info: AppInfo | null;
  load(): Promise<AppInfo>;
}

let pending: Promise<AppInfo> | null = null;

/** The main process's view of the app, including its "today" (Asia/Shanghai; fixed in demos and tests). */
export const useAppInfo = create<AppInfoState>((set) => ({
  info: null,
  load() {
    pending ??= call('app:info', {}).then((info) => { set({ info }); return info; });
    return pending;
  },
}));

/**
 * Today's civil date: the main process's once known, Shanghai's by this machine's clock until then.
 * Asks for it (once per desk) if no page has yet, so a default taken from it follows the desk's day.
 */
export function useToday(): string {
  const info = useAppInfo((s) => s.info);
  useEffect(() => { if (!info) void useAppInfo.getState().load().catch(() => undefined); }, [info]);
  return info?.today ?? civilDateInShanghai(new Date());
}
