import fs from 'node:fs';
import path from 'node:path';
import type { RestoreResult } from '../../../shared/ipc/security';
import { fail } from '../../../shared/result';
import type { Core } from '../../app-core';
import { checkCandidate, vacuumInto } from '../../db/backup';
import { isEncryptedFile } from '../../db/encryption';
import { loadMigrations } from '../../db/migrate';
import { encryptLiveDatabase } from '../../security/session';
import { audit } from '../audit';
import { backupsDir, freshName, resolveBackupPath } from './names';

function removeSidecars(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Replaces the live database with a backup. Order matters: the candidate is checked first
 * (opens, integrity_check, schema not newer), then the live database is copied to
 * pre-restore-….sqlite, and only then is the file swapped and the connection reopened.
 * The live file is never destroyed: it is renamed aside until the restored file has opened.
 */
export function restoreBackup(core: Core, name: string, passphrase?: string): RestoreResult {
  const { ctx } = core;
  const candidate = resolveBackupPath(ctx.dataDir, name);
  const candidateKey = isEncryptedFile(candidate) ? passphrase ?? core.key : undefined;
  if (isEncryptedFile(candidate) && candidateKey === undefined) {
    fail('VALIDATION', '该备份已加密，请输入备份时的口令 (this backup is encrypted: enter its passphrase)', { field: 'passphrase' });
  }
  const migrations = loadMigrations(core.migrationsDir);
  checkCandidate(candidate, candidateKey, migrations.length ? migrations[migrations.length - 1].version : 0);

  const dir = backupsDir(ctx.dataDir);
  const preRestore = freshName(dir, 'pre-restore', ctx.now());
  vacuumInto(ctx.db, path.join(dir, preRestore));

  const keepKey = core.encrypted ? core.key : undefined;
  const live = ctx.databaseFile;
  const aside = `${live}.before-restore`;
  const incoming = `${live}.restoring`;
  fs.copyFileSync(candidate, incoming);
  core.replaceFile(
    candidateKey,
    () => {
      // The old connection is closed (its WAL checkpointed); stale sidecars must not meet the new file.
      fs.rmSync(aside, { force: true });
      fs.renameSync(live, aside);
      removeSidecars(live);
      fs.renameSync(incoming, live);
    },
    () => {
      // Only put the old file back if it was moved aside; otherwise it never left its place.
      if (fs.existsSync(aside)) {
        removeSidecars(live);
        fs.rmSync(live, { force: true });
        fs.renameSync(aside, live);
      }
      fs.rmSync(incoming, { force: true });
    },
  );
  fs.rmSync(aside, { force: true }); // its content is safe in the pre-restore copy
  // A plain backup restored into an encrypted desk is encrypted again with the current passphrase.
  if (keepKey !== undefined && !core.encrypted) encryptLiveDatabase(core, keepKey);
  ctx.db.transaction(() => audit(ctx, 'backup.restore', 'backup', name, { preRestore }))();
  return { restored: name, preRestore };
}
