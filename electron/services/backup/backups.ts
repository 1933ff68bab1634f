import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../../shared/ipc/security';
import { vacuumInto } from '../../db/backup';
import { isEncryptedFile } from '../../db/encryption';
import { audit } from '../audit';
import { secureDir } from '../../security/files';
import { keysOf } from '../../security/keyring';
import { macFileOf, writeMac } from './mac';
import type { ServiceContext } from '../context';
import { backupsDir, compareNewestFirst, freshName, parseBackupName } from './names';
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

/** Deletes the oldest rotated backups beyond `keep`; pre-restore copies are never rotated away. */
function rotate(dir: string, keep: number): string[] {
  const rotated = fs.readdirSync(dir).filter((n) => parseBackupName(n)?.kind === 'backup').sort(compareNewestFirst);
  const removed = rotated.slice(keep);
  for (const name of removed) {
    fs.rmSync(path.join(dir, name), { force: true });
    fs.rmSync(macFileOf(path.join(dir, name)), { force: true });
  }
  return removed;
}

/** Copies the live database into backups/ (encrypted with the same key when it is encrypted), then rotates. */
export function createBackup(ctx: ServiceContext, reason: 'manual' | 'auto'): BackupInfo {
  const dir = backupsDir(ctx.dataDir);
  secureDir(dir);
  const name = freshName(dir, 'desk', ctx.now());
  vacuumInto(ctx.db, path.join(dir, name));
  // The desk's seal: restore accepts only files whose MAC under the data key holds.
  writeMac(keysOf(ctx).current, path.join(dir, name));
  const removed = rotate(dir, readReliabilitySettings(ctx).keepBackups);
  audit(ctx, 'backup.create', 'backup', name, { reason, removed });
  return info(dir, name)!;
}

/** The daily automatic backup: taken when the newest rotated backup is a day old or there is none. */
export function backupIfDue(ctx: ServiceContext & { encrypted?: boolean }): BackupInfo | null {
  // No copy of any kind before the first-run choice (plain or encrypted) was made.
  if (!ctx.encrypted && !readReliabilitySettings(ctx).setupDone) return null;
  const newest = listBackups(ctx).find((b) => b.kind === 'backup');
  const newestAt = newest ? parseBackupName(newest.name)!.instant.getTime() : -Infinity;
  if (ctx.now().getTime() - newestAt < DAY_MS) return null;
  return createBackup(ctx, 'auto');
}
