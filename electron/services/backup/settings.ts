import { DEFAULT_IDLE_MINUTES, DEFAULT_KEEP_BACKUPS, DEFAULT_MAX_BACKUP_MB } from '../../../shared/ipc/security';
import { audit } from '../audit';
import type { ServiceContext } from '../context';

const KEYS = { idleMinutes: 'security.idleMinutes', keepBackups: 'backup.keep', maxBackupMb: 'backup.maxTotalMb', setupDone: 'security.setupDone' } as const;

export interface ReliabilitySettings {
  idleMinutes: number;
  keepBackups: number;
  maxBackupMb: number;
  setupDone: boolean;
}

function read(ctx: ServiceContext, key: string): string | undefined {
  const row = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

function intOr(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n >= 0 ? n : fallback;
}

export function readReliabilitySettings(ctx: ServiceContext): ReliabilitySettings {
  return {
    idleMinutes: intOr(read(ctx, KEYS.idleMinutes), DEFAULT_IDLE_MINUTES),
    keepBackups: Math.max(1, intOr(read(ctx, KEYS.keepBackups), DEFAULT_KEEP_BACKUPS)),
    maxBackupMb: Math.max(1, intOr(read(ctx, KEYS.maxBackupMb), DEFAULT_MAX_BACKUP_MB)),
    setupDone: read(ctx, KEYS.setupDone) === '1',
  };
}

export function writeReliabilitySettings(ctx: ServiceContext, patch: Partial<ReliabilitySettings>): void {
  const upsert = ctx.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  ctx.db.transaction(() => {
    if (patch.idleMinutes !== undefined) upsert.run(KEYS.idleMinutes, String(patch.idleMinutes));
    if (patch.keepBackups !== undefined) upsert.run(KEYS.keepBackups, String(patch.keepBackups));
    if (patch.maxBackupMb !== undefined) upsert.run(KEYS.maxBackupMb, String(patch.maxBackupMb));
    if (patch.setupDone !== undefined) upsert.run(KEYS.setupDone, patch.setupDone ? '1' : '0');
    audit(ctx, 'settings.update', 'settings', null, patch);
  })();
}
