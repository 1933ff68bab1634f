import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { RestoreResult } from '../../../shared/ipc/security';
import type { Core } from '../../app-core';
import { vacuumInto } from '../../db/backup';
import { applyKey, quotePragmaString } from '../../db/connection';
import { withReadonly } from '../../db/encryption';
import { secureFile } from '../../security/files';
import { keysOf } from '../../security/keyring';
import { abandonSwap, beginSwap, commitSwap, finishSwap, markReady } from '../../security/swap';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import { writeMac } from './mac';
import { backupsDir, freshName, resolveBackupPath } from './names';
import { verifyBackup } from './verify';

/**
 * Replaces the live database with one of the desk's own backups. Every check of verifyBackup runs
 * first (MAC, encryption, passphrase, integrity, version, schema): a refused file changes nothing.
 * Then the live database is copied to pre-restore-….sqlite (with its MAC), the backup is copied
 * beside the live file (desk.sqlite.restore, under the desk's current passphrase), checked again,
 * and switched in by one journaled rename; a crash at any point is finished or rolled back at start-up.
 */
export function restoreBackup(core: Core, name: string, passphrase?: string): RestoreResult {
  const { ctx } = core;
  const candidate = resolveBackupPath(ctx.dataDir, name);
  const verified = verifyBackup(core, candidate, passphrase);

  const dir = backupsDir(ctx.dataDir);
  const preRestore = freshName(dir, 'pre-restore', ctx.now());
  vacuumInto(ctx.db, path.join(dir, preRestore));
  writeMac(keysOf(ctx).current, path.join(dir, preRestore));

  const incoming = beginSwap(ctx.dataDir, 'restore');
  try {
    fs.copyFileSync(candidate, incoming);
    secureFile(incoming);
    if (verified.key !== core.key && core.key !== undefined) {
      // A backup under an earlier passphrase comes in under the desk's current one.
      const db = new Database(incoming);
      try {
        applyKey(db, verified.key!);
        db.pragma('journal_mode = DELETE');
        db.pragma(`rekey=${quotePragmaString(core.key)}`);
      } finally {
        db.close();
      }
    }
    withReadonly(incoming, core.key, (db) => {
      if (db.pragma('integrity_check', { simple: true }) !== 'ok') refuse('INTERNAL', 'restore.copyFailed', { params: { check: 'copy' } });
    });
    markReady(ctx.dataDir, 'restore');
  } catch (e) {
    abandonSwap(ctx.dataDir, 'restore');
    throw e;
  }
  core.replaceFile(core.key, () => { commitSwap(ctx.dataDir, 'restore'); finishSwap(ctx.dataDir); }, () => abandonSwap(ctx.dataDir, 'restore'));
  ctx.db.transaction(() => audit(ctx, 'backup.restore', 'backup', name, { preRestore }))();
  return { restored: name, preRestore };
}
