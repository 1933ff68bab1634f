import { z } from 'zod';
import { channel } from './define';
import { pageQuerySchema, type Page } from './paging';

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
  /** The object's number or name while it exists (audit:page), for the sentence. */
  subject?: string | null;
  /** The numbers or names of the records the detail refers to by id ('applicant:3' → its name), audit:page. */
  refs?: Record<string, string>;
}

export const AUDIT_SORTS = ['at'] as const;
export const auditPageSchema = pageQuerySchema({
  entity: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(50).optional(),
  /** Words of the actor, action, entity, its id or the detail (substring, case-insensitive). */
  query: z.string().trim().max(100).optional(),
}, AUDIT_SORTS, { sort: 'at', dir: 'desc' });
export type AuditPageQuery = z.output<typeof auditPageSchema>;

/** A token the window makes up for one long call, so it can ask how far the call is and cancel it. */
export const jobTokenSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'job.token');

/** How far a long call is: `running` while the window side waits for its result, `unknown` otherwise. */
export interface JobProgress {
  token: string;
  state: 'running' | 'unknown';
  done: number;
  total: number;
}

export const systemChannels = {
  'app:info': channel<AppInfo>()(z.object({})),
  'audit:list': channel<AuditRow[]>()(z.object({
    entity: z.string().max(50).optional(),
    entityId: z.string().max(50).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  })),
  /** One window of the audit log, newest first, filtered and cut in SQL with the total it matches. */
  'audit:page': channel<Page<AuditRow>>()(auditPageSchema),
  /** Answered by the window side (Electron main process, browser-mode server), never queued behind the job. */
  'job:progress': channel<JobProgress>()(z.strictObject({ token: jobTokenSchema })),
  /** Cancels the call made with this token: a queued call never runs, a running one rolls back at its next step. */
  'job:cancel': channel<JobProgress>()(z.strictObject({ token: jobTokenSchema })),
};
