// The sealed file store of uploaded files (contract attachments, order materials): a file and its
// row come and go together. Storing writes the sealed bytes to a temporary file beside the target,
// then inserts the row and renames the file into place inside one transaction, so the file appears
// only if the row commits and nothing is left when anything fails. Removing deletes the row first
// and the sealed file only after that delete has committed, so a failed delete keeps both.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { refuse } from '../../shared/result';
import { secureDir } from '../security/files';
import type { ServiceContext } from './context';
import { seal, unseal } from './redemption/sealed-file';

/** Where a stored file lives: a folder below the data folder and the generated name. */
export interface SealedFileRef {
  dir: string;
  storedName: string;
}

/** The file's path; stored names are generated, and only their base name is ever used. */
export function sealedFilePath(ref: SealedFileRef): string {
  return path.join(ref.dir, path.basename(ref.storedName));
}

/** Creates the folder and tightens every folder from the data folder down to it (0700). */
function secureDown(ctx: ServiceContext, dir: string): void {
  const rel = path.relative(ctx.dataDir, dir);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`sealed files live below the data folder: ${dir}`);
  let at = ctx.dataDir;
  for (const part of rel.split(path.sep)) {
    at = path.join(at, part);
    secureDir(at);
  }
}

/**
 * Seals `bytes` into `ref` and runs `insert` (the row and its audit entry) in one transaction with
 * the rename into place; returns what `insert` returns. On any failure the temporary file and the
 * target are removed and the error is thrown on.
 */
export function storeSealedFile<T>(ctx: ServiceContext, ref: SealedFileRef, bytes: Buffer, insert: () => T): T {
  secureDown(ctx, ref.dir);
  const target = sealedFilePath(ref);
  const temp = `${target}.part`;
  try {
    fs.writeFileSync(temp, seal(ctx, bytes), { flag: 'wx', mode: 0o600 });
    return ctx.db.transaction(() => {
      const out = insert();
      fs.renameSync(temp, target); // the file appears only if the row commits
      return out;
    })();
  } catch (e) {
    for (const f of [temp, target]) {
      try { fs.rmSync(f, { force: true }); } catch { /* the error that matters is the one thrown on */ }
    }
    throw e;
  }
}

/** The folders below the data folder that hold sealed files (attachments, order materials, evidence). */
export const SEALED_FOLDERS = ['attachments', 'evaluation'] as const;

/**
 * Removes the temporary `.part` files a store interrupted by a crash left behind (sealed bytes no
 * row points to); run at start-up, before anything stores a file. Returns the removed paths.
 */
export function sweepSealedParts(dataDir: string): string[] {
  const removed: string[] = [];
  for (const folder of SEALED_FOLDERS) {
    const root = path.join(dataDir, folder);
    if (!fs.existsSync(root)) continue;
    for (const d of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!d.isFile() || !d.name.endsWith('.part')) continue;
      const f = path.join(d.parentPath, d.name);
      fs.rmSync(f, { force: true });
      removed.push(path.relative(dataDir, f));
    }
  }
  return removed;
}

/**
 * Runs `remove` (the row's delete and its audit entry) in one transaction and then deletes the
 * sealed file; when the transaction fails the file stays with its row.
 */
export function removeSealedFile<T>(ctx: ServiceContext, ref: SealedFileRef, remove: () => T): T {
  const out = ctx.db.transaction(remove)();
  fs.rmSync(sealedFilePath(ref), { force: true });
  return out;
}

/**
 * The plain bytes of a stored file, checked against the recorded SHA-256: refused as missing when
 * the file is gone, as altered when it does not open under the desk's keys or its hash differs.
 */
export function readSealedFile(ctx: ServiceContext, ref: SealedFileRef, expected: { sha256: string; name: string }): Buffer {
  let stored: Buffer;
  try {
    stored = fs.readFileSync(sealedFilePath(ref));
  } catch {
    refuse('NOT_FOUND', 'attachment.missing', { field: 'id', params: { name: expected.name } });
  }
  const bytes = unseal(ctx, stored);
  if (!bytes || crypto.createHash('sha256').update(bytes).digest('hex') !== expected.sha256) {
    refuse('CONFLICT', 'attachment.altered', { field: 'id', params: { name: expected.name } });
  }
  return bytes;
}
