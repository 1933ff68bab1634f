// Encryption setup, passphrase change, lock and unlock of the live database (plain Node: no 'electron').
import crypto from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_IDLE_MINUTES, DEFAULT_KEEP_BACKUPS, DEFAULT_MAX_BACKUP_MB, type SecurityStatus } from '../../shared/ipc/security';
import { refuse } from '../../shared/result';
import type { Core } from '../app-core';
import { applyKey, quotePragmaString } from '../db/connection';
import { verifyCopy, writeEncryptedCopy } from '../db/encryption';
import { secureFile } from './files';
import { buildKeyring, KEYRING_NEXT, newDataKey, readKeyring, sealSecret, writeKeyring, type OpenKeys, type ResealJob } from './keyring';
import { runResealJob } from './reseal';
import { abandonSwap, beginSwap, commitSwap, finishSwap, markReady, type SwapOp } from './swap';
import { audit } from '../services/audit';
import { readReliabilitySettings, writeReliabilitySettings } from '../services/backup/settings';

export const KDF_DESCRIPTION = 'SQLCipher 4 (PBKDF2-HMAC-SHA512, 256000 iterations, random salt in the file header)';

export function securityStatus(core: Core): SecurityStatus {
  let job: ResealJob | null = null;
  try { job = readKeyring(core.ctx.dataDir)?.job ?? null; } catch { /* a damaged keyring is reported where keys are opened */ }
  const keyJob = job ? { reason: job.reason, done: job.done, total: job.total } : null;
  const base = { encrypted: core.encrypted, locked: core.locked, kdf: KDF_DESCRIPTION, keyJob };
  if (core.locked) {
    return { ...base, setupDone: true, idleMinutes: DEFAULT_IDLE_MINUTES, keepBackups: DEFAULT_KEEP_BACKUPS, maxBackupMb: DEFAULT_MAX_BACKUP_MB };
  }
  const s = readReliabilitySettings(core.ctx);
  return { ...base, setupDone: s.setupDone || core.encrypted, idleMinutes: s.idleMinutes, keepBackups: s.keepBackups, maxBackupMb: s.maxBackupMb };
}

function sameSecret(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

/** Swaps a verified new database file in (one rename), with the keyring built for it. */
function swapIn(core: Core, op: SwapOp, nextKey: string, build: (file: string) => OpenKeys): void {
  const dir = core.ctx.dataDir;
  // A job still pending from an earlier key change finishes first: its retiring key is needed.
  runResealJob(core);
  const file = beginSwap(dir, op);
  try {
    const keys = build(file);
    writeKeyring(dir, buildKeyring(true, core.keys.source(nextKey), keys), KEYRING_NEXT);
    markReady(dir, op);
  } catch (e) {
    abandonSwap(dir, op);
    throw e;
  }
  core.replaceFile(nextKey, () => { commitSwap(dir, op); finishSwap(dir); }, () => abandonSwap(dir, op));
  // New data key: every sealed file and backup moves to it (resumed on the next unlock if interrupted).
  runResealJob(core);
}

/**
 * Converts the plain live database to an encrypted one without risking data: an encrypted copy
 * is written and verified (integrity_check, same row counts) beside the live file, then renamed
 * over it. A new data key, wrapped under the passphrase, replaces the plain desk's key; plain
 * backups are encrypted by the reseal job.
 */
export function encryptLiveDatabase(core: Core, passphrase: string): void {
  const { ctx } = core;
  swapIn(core, 'encrypt', passphrase, (copy) => {
    writeEncryptedCopy(ctx.db, copy, passphrase);
    verifyCopy(ctx.db, copy, passphrase);
    return { current: newDataKey(), retiring: core.keys.get()!.current, job: { reason: 'encrypt', done: 0, total: 0 } };
  });
}

/**
 * First run: keep the file plain or encrypt it. Encrypting is also offered later, from the
 * security page, as long as the file is plain; decrypting is not offered.
 */
export function setupSecurity(core: Core, input: { mode: 'plain' } | { mode: 'encrypted'; passphrase: string }): SecurityStatus {
  if (core.encrypted) refuse('CONFLICT', 'security.alreadyEncrypted');
  if (input.mode === 'plain' && securityStatus(core).setupDone) refuse('CONFLICT', 'security.setupDone');
  if (input.mode === 'encrypted') encryptLiveDatabase(core, input.passphrase);
  writeReliabilitySettings(core.ctx, { setupDone: true });
  core.ctx.db.transaction(() => audit(core.ctx, 'security.setup', 'security', null, { mode: input.mode }))();
  return securityStatus(core);
}

/** Rekeys the encrypted database after checking the current passphrase. */
export function changePassphrase(core: Core, current: string, next: string): SecurityStatus {
  if (!core.encrypted) refuse('CONFLICT', 'security.notEncrypted');
  if (core.key === undefined || !sameSecret(current, core.key)) {
    refuse('VALIDATION', 'security.wrongCurrentPassphrase', { field: 'current' });
  }
  if (sameSecret(current, next)) refuse('VALIDATION', 'security.samePassphrase', { field: 'next' });
  const { ctx } = core;
  swapIn(core, 'rekey', next, (copy) => {
    // The copy carries the current key; it is rekeyed on its own, then verified with the new passphrase.
    ctx.db.prepare('VACUUM INTO ?').run(copy);
    secureFile(copy);
    const db = new Database(copy);
    try {
      applyKey(db, current);
      db.pragma('journal_mode = DELETE');
      db.pragma(`rekey=${quotePragmaString(next)}`);
    } finally {
      db.close();
    }
    verifyCopy(ctx.db, copy, next);
    const nextKey = newDataKey();
    return { current: nextKey, retiring: core.keys.get()!.current, job: { reason: 'rekey', done: 0, total: 0, oldSecret: sealSecret(nextKey, current) } };
  });
  core.ctx.db.transaction(() => audit(core.ctx, 'security.passphrase', 'security', null, {}))();
  return securityStatus(core);
}

export function unlock(core: Core, passphrase: string): SecurityStatus {
  if (core.locked) {
    core.unlock(passphrase);
    core.ctx.db.transaction(() => audit(core.ctx, 'security.unlock', 'security', null, {}))();
  }
  return securityStatus(core);
}

export function lock(core: Core): SecurityStatus {
  if (!core.locked && core.encrypted) {
    core.ctx.db.transaction(() => audit(core.ctx, 'security.lock', 'security', null, {}))();
    core.lock();
  }
  return securityStatus(core);
}
