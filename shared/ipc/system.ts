import { z } from 'zod';
import { channel } from './define';

export interface AppInfo {
  version: string;
  mode: 'electron' | 'browser';
  dataDir: string;
  databaseFile: string;
  schemaVersion: number;
  encrypted: boolean;
  today: string;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: string;
}

export const systemChannels = {
  'app:info': channel<AppInfo>()(z.object({})),
  'audit:list': channel<AuditRow[]>()(z.object({
    entity: z.string().max(50).optional(),
    entityId: z.string().max(50).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  })),
};
