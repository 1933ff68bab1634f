import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_MONTHS_KEPT, BACKUP_WEEKS_KEPT, type BackupInfo } from '../../../shared/ipc/security';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import { vacuumInto } from '../../db/backup';
import { isEncryptedFile } from '../../db/encryption';
import { audit } from '../audit';
import { secureDir } from '../../security/files';
import { keysOf } from '../../security/keyring';
import { macFileOf, writeMac } from './mac';
import type { ServiceContext } from '../context';
import { backupsDir, compareNewestFirst, freshName, parseBackupName } from './names';
import { planRotation } from './rotation';
import { readReliabilitySettings } from './settings';

const DAY_MS = 24 * 60 * 60 * 1000;

function info(dir: string, name: string): BackupInfo | null {
  const parsed = parseBackupName(name);
  if (!parsed) return null;
  const file = path.join(dir, name);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return null;
  return { name, kind: parsed.kind, takenAt: parsed.takenAt, sizeBytes: stat.size, encrypted: isEncryptedFile(file) };
}

/** Every backup and pre-restore copy in the backups folder, newest first. */
export function listBackups(ctx: Pick<ServiceContext, 'dataDir'>): BackupInfo[] {
  const dir = backupsDir(ctx.dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .map((n) => info(dir, n))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => compareNewestFirst(a.name, b.name));
}

/**
 * Rotates the automatic and manual copies (rotation.ts): the newest `keepBackups`, the newest of
 * each recent week and month, within the total size setting. Pre-restore copies are never rotated away.
 */
function rotate(dir: string, ctx: ServiceContext): string[] {
  const settings = readReliabilitySettings(ctx);
  const copies = fs.readdirSync(dir).map((n) => ({ n, p: parseBackupName(n) })).filter((x) => x.p?.kind === 'backup')
    .sort((a, b) => compareNewestFirst(a.n, b.n))
    .map(({ n, p }) => ({
      name: n, date: civilDateInShanghai(p!.instant), instant: p!.instant.getTime(),
      sizeBytes: fs.statSync(path.join(dir, n), { throwIfNoEntry: false })?.size ?? 0,
    }));
  const { remove } = planRotation(copies, civilDateInShanghai(ctx.now()), {
    recent: settings.keepBackups, weekly: BACKUP_WEEKS_KEPT, monthly: BACKUP_MONTHS_KEPT, maxTotalBytes: settings.maxBackupMb * 1024 * 1024,
  });
  for (const name of remove) {
    fs.rmSync(path.join(dir, name), { force: true });
    fs.rmSync(macFileOf(path.join(dir, name)), { force: true });
  }
  return remove;
}

/** Rotates the folder after a new copy `name` and records it in the audit log. */
export function recordBackup(ctx: ServiceContext, dir: string, name: string, reason: 'manual' | 'auto'): BackupInfo {
  const removed = rotate(dir, ctx);
  audit(ctx, 'backup.create', 'backup', name, { reason, removed });
  return info(dir, name)!;
}

/** Copies the live database into backups/ (encrypted with the same key when it is encrypted), then rotates. */
export function createBackup(ctx: ServiceContext, reason: 'manual' | 'auto'): BackupInfo {
  const dir = backupsDir(ctx.dataDir);
  secureDir(dir);
  const name = freshName(dir, 'desk', ctx.now());
  vacuumInto(ctx.db, path.join(dir, name));
  // The desk's seal: restore accepts only files whose MAC under the data key holds.
  writeMac(keysOf(ctx).current, path.join(dir, name));
  return recordBackup(ctx, dir, name, reason);
}

/** Whether the daily automatic backup is due: the newest rotated backup is a day old or there is none. */
export function isBackupDue(ctx: ServiceContext & { encrypted?: boolean }): boolean {
  // No copy of any kind before the first-run choice (plain or encrypted) was made.
  if (!ctx.encrypted && !readReliabilitySettings(ctx).setupDone) return false;
  const newest = listBackups(ctx).find((b) => b.kind === 'backup');
  const newestAt = newest ? parseBackupName(newest.name)!.instant.getTime() : -Infinity;
  return ctx.now().getTime() - newestAt >= DAY_MS;
}
