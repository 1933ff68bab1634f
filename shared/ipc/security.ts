// Channels: security:*, backup:*, audit:export
import { z } from 'zod';
import type { FileDownload } from './catalog';
import { channel } from './define';

/** Defaults of the two reliability settings (not policy numbers: the administrator changes them). */
export const DEFAULT_IDLE_MINUTES = 15;
export const DEFAULT_KEEP_BACKUPS = 14;
/** Beyond the newest copies, the newest of each of the last 4 weeks and 12 months is kept. */
export const BACKUP_WEEKS_KEPT = 4;
export const BACKUP_MONTHS_KEPT = 12;
/** Total size the rotated backups may take (MB); the oldest go first, the newest always stays. */
export const DEFAULT_MAX_BACKUP_MB = 10 * 1024;

export interface SecurityStatus {
  encrypted: boolean;
  locked: boolean;
  /** False until the first-run choice (plain or encrypted) was made. */
  setupDone: boolean;
  /** Minutes without input before the app locks itself; 0 = never. */
  idleMinutes: number;
  keepBackups: number;
  /** Total size of the rotated backups kept, in MB. */
  maxBackupMb: number;
  /** How the key is derived from the passphrase (shown on the security page). */
  kdf: string;
  /** A reseal job after a key change that has not finished (it resumes on unlock); absent when none. */
  keyJob?: { reason: 'migrate' | 'encrypt' | 'rekey'; done: number; total: number } | null;
}

export interface BackupInfo {
  name: string;
  kind: 'backup' | 'pre-restore';
  /** Shanghai civil time the copy was taken, 'YYYY-MM-DD HH:MM:SS'. */
  takenAt: string;
  sizeBytes: number;
  encrypted: boolean;
}

export interface RestoreResult {
  restored: string;
  /** The copy of the database as it was just before the restore. */
  preRestore: string;
}

const passphrase = z.string().min(1).max(1024);
const newPassphrase = z.string()
  .min(8)
  .max(1024)
  .refine((s) => s.trim().length === s.length, 'passphrase.spaces');

export const securityChannels = {
  'security:status': channel<SecurityStatus>()(z.strictObject({})),
  'security:setup': channel<SecurityStatus>()(z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('plain') }),
    z.strictObject({ mode: z.literal('encrypted'), passphrase: newPassphrase }),
  ])),
  'security:unlock': channel<SecurityStatus>()(z.strictObject({ passphrase })),
  'security:lock': channel<SecurityStatus>()(z.strictObject({})),
  'security:changePassphrase': channel<SecurityStatus>()(z.strictObject({ current: passphrase, next: newPassphrase })),
  'security:setSettings': channel<SecurityStatus>()(z.strictObject({
    idleMinutes: z.number().int().min(0).max(24 * 60).optional(),
    keepBackups: z.number().int().min(1).max(365).optional(),
    maxBackupMb: z.number().int().min(1).max(10 * 1024 * 1024).optional(),
  })),
  'backup:create': channel<BackupInfo>()(z.strictObject({})),
  'backup:list': channel<BackupInfo[]>()(z.strictObject({})),
  'backup:restore': channel<RestoreResult>()(z.strictObject({
    name: z.string().min(1).max(200),
    /** Only for a backup taken under an earlier passphrase. */
    passphrase: passphrase.optional(),
  })),
  /** Deletes the plain backups the user confirmed (an encrypted desk only); audited. */
  'backup:deletePlain': channel<{ deleted: string[] }>()(z.strictObject({
    names: z.array(z.string().min(1).max(200)).min(1, 'backup.namesEmpty').max(1000),
  })),
  'audit:export': channel<FileDownload>()(z.strictObject({
    format: z.enum(['xlsx', 'csv']),
    entity: z.string().max(50).optional(),
  })),
};
