// The reseal job after a key change (legacy key moved out of the database, encryption enabled,
// passphrase changed): every sealed file is sealed again under the current data key, and every
// backup is brought under the desk's current protection (encrypted with the current passphrase when
// the desk is encrypted) and given a MAC under the current key. Each step is one durable rename, so
// the job is resumable: a crash leaves files under the old key or the new one, never half, and the
// job record in keyring.json makes the next unlock continue. The retiring key is dropped at the end.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Core } from '../app-core';
import { jobStep } from '../core-host/job';
import { isEncryptedFile, verifyCopy, withReadonly, writeEncryptedCopy } from '../db/encryption';
import { applyKey, quotePragmaString } from '../db/connection';
import { checkMac, writeMac } from '../services/backup/mac';
import { backupsDir, parseBackupName } from '../services/backup/names';
import { sealedKeyId, sealWith, unsealWith } from '../services/redemption/sealed-file';
import { referencedSealedFiles } from '../services/sealed-store';
import { renameDurably, secureFile, writeFileDurably } from './files';
import { openSecret, readKeyring, withJob, writeKeyring, type OpenKeys } from './keyring';

export interface ResealProgress { reason: string; done: number; total: number }

/** Every sealed file the database knows of (attachments, order materials and evaluation evidence). */
export function sealedFiles(core: Core): string[] {
  return referencedSealedFiles(core.ctx.db, core.ctx.dataDir);
}

export function backupFiles(dataDir: string): string[] {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((n) => parseBackupName(n)).sort().map((n) => path.join(dir, n));
}

function resealFile(keys: OpenKeys, file: string): void {
  let stored: Buffer;
  try {
    stored = fs.readFileSync(file);
  } catch {
    return; // a missing file is reported where it is read, not here
  }
  if (sealedKeyId(stored) === keys.current.id) return;
  const plain = unsealWith(keys, stored);
  if (!plain) return; // altered or foreign: left as it is, its reader refuses it
  writeFileDurably(file, sealWith(keys.current, plain));
}

function opensWith(file: string, key: string | undefined): boolean {
  try {
    withReadonly(file, key, () => undefined);
    return true;
  } catch {
    return false;
  }
}

/** Rewrites a backup encrypted with `toKey` (from plain, or from `fromKey`), verified, then renamed over it. */
function rewriteBackup(file: string, fromKey: string | undefined, toKey: string): void {
  const tmp = `${file}.encrypting`;
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (fromKey !== undefined) applyKey(source, fromKey);
    if (fromKey === undefined) {
      writeEncryptedCopy(source, tmp, toKey);
    } else {
      fs.rmSync(tmp, { force: true });
      source.prepare('VACUUM INTO ?').run(tmp);
      const copy = new Database(tmp);
      try {
        applyKey(copy, fromKey);
        copy.pragma('journal_mode = DELETE');
        copy.pragma(`rekey=${quotePragmaString(toKey)}`);
      } finally {
        copy.close();
      }
    }
    verifyCopy(source, tmp, toKey);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    source.close();
  }
  secureFile(tmp);
  renameDurably(tmp, file);
}

function bringBackupCurrent(core: Core, keys: OpenKeys, file: string, oldPassphrase: string | undefined): void {
  const mac = checkMac(keys, file);
  // Only a file whose MAC held (or, moving off the legacy key, any backup from before MACs) gets the new MAC.
  const blessed = mac.result === 'ok' || keys.job?.reason === 'migrate';
  const current = core.key;
  if (core.encrypted && current !== undefined) {
    // Confidentiality first: a plain file is encrypted even when it is not blessed (restore still refuses it).
    if (!isEncryptedFile(file)) rewriteBackup(file, undefined, current);
    else if (!opensWith(file, current)) {
      if (oldPassphrase === undefined || !opensWith(file, oldPassphrase)) return;
      rewriteBackup(file, oldPassphrase, current);
    } else if (mac.result === 'ok' && mac.keyId === keys.current.id) return;
  } else if (mac.result === 'ok' && mac.keyId === keys.current.id) return;
  if (blessed) writeMac(keys.current, file);
}

/** Runs (or resumes) the job recorded in the keyring; synchronous, reporting progress after each file. */
export function runResealJob(core: Core, onProgress?: (p: ResealProgress) => void): ResealProgress | null {
  const keys = core.keys.get();
  if (!keys?.job) return null;
  const { dataDir } = core.ctx;
  const oldPassphrase = keys.job.oldSecret ? openSecret(keys.current, keys.job.oldSecret) ?? undefined : undefined;
  const files = sealedFiles(core);
  const backups = backupFiles(dataDir);
  const total = files.length + backups.length;
  const job = { ...keys.job, total };
  const save = () => {
    const file = readKeyring(dataDir);
    if (file) writeKeyring(dataDir, withJob(file, { ...job }));
  };
  let done = 0;
  const step = () => {
    done++;
    job.done = done;
    onProgress?.({ reason: job.reason, done, total });
    // The window side sees the progress; the job is not cancellable half-way (it resumes on its own instead).
    try { jobStep(done, total); } catch { /* a cancel request does not stop a key change */ }
    if (done % 25 === 0) save();
  };
  for (const f of files) { resealFile(keys, f); step(); }
  for (const b of backups) { bringBackupCurrent(core, keys, b, oldPassphrase); step(); }
  const file = readKeyring(dataDir);
  if (file) writeKeyring(dataDir, withJob(file, null, true));
  core.keys.replace({ current: keys.current, retiring: null, job: null });
  return { reason: job.reason, done, total };
}
