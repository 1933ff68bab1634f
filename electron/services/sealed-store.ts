// The sealed file store of uploaded files (contract attachments, order materials, evaluation
// evidence): a file and its row come and go together. Storing writes the sealed bytes to a
// temporary file beside the target, then inserts the row and renames the file into place inside one
// transaction, so the file appears only if the row commits and nothing is left when anything fails.
// Removing deletes the row first and the sealed file only after that delete has committed, so a
// failed delete keeps both.
//
// A crash between the rename and the COMMIT (or between a delete's COMMIT and the file's removal)
// would leave a sealed file no row refers to. So each store and each removal first writes a durable
// `<name>.pending` marker beside the file and clears it when the transaction has settled; when the
// database opens, `settleSealedFiles` decides every marked file by the committed rows: a file a row
// refers to stays, one no row refers to goes. A sealed file without a marker is never removed for
// lacking a row: after a restore of an older backup the files of later rows are still there, and a
// later restore of a newer backup needs them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { refuse } from '../../shared/result';
import type { Db } from '../db/connection';
import { renameDurably, secureDir, writeFileDurably } from '../security/files';
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
  let out: T;
  try {
    writeSealedPart(temp, seal(ctx, bytes));
    markPending(target);
    out = ctx.db.transaction(() => {
      const inserted = insert();
      renameDurably(temp, target); // the file appears only if the row commits; a crash before COMMIT leaves it marked
      return inserted;
    })();
  } catch (e) {
    for (const f of [temp, target, pendingMarker(target)]) {
      try { fs.rmSync(f, { force: true }); } catch { /* the error that matters is the one thrown on */ }
    }
    throw e;
  }
  clearPending(target); // committed: from here on the file is its row's, whatever happens next
  return out;
}

/** The sealed bytes in their temporary file, on disk before the row can commit. */
function writeSealedPart(temp: string, sealed: Buffer): void {
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, sealed);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const PENDING = '.pending';

/** The marker that says `target`'s row was being written or deleted: the next open settles it by the rows. */
export function pendingMarker(target: string): string {
  return `${target}${PENDING}`;
}

function markPending(target: string): void {
  if (!fs.existsSync(path.dirname(target))) return; // no folder, no file a crash could leave behind
  writeFileDurably(pendingMarker(target), Buffer.from(''));
}

function clearPending(target: string): void {
  try { fs.rmSync(pendingMarker(target), { force: true }); } catch { /* a marker left is settled at the next open, by the rows */ }
}

/** The folders below the data folder that hold sealed files (attachments, order materials, evidence). */
export const SEALED_FOLDERS = ['attachments', 'evaluation'] as const;

function filesBelow(dataDir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const folder of SEALED_FOLDERS) {
    const root = path.join(dataDir, folder);
    if (!fs.existsSync(root)) continue;
    for (const d of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (d.isFile() && keep(d.name)) out.push(path.join(d.parentPath, d.name));
    }
  }
  return out;
}

/** A durable write's temporary file (`<name>.<pid>.tmp`, security/files.ts): the file it was replacing is still whole. */
const DURABLE_TMP = /\.\d+\.tmp$/;

/**
 * Removes the temporary files an interrupted store or reseal left behind (`.part`: sealed bytes no
 * row points to yet; `<name>.<pid>.tmp`: a reseal's copy, the file itself still whole); run at
 * start-up, before anything stores a file. Returns the removed paths.
 */
export function sweepSealedParts(dataDir: string): string[] {
  const removed: string[] = [];
  for (const f of filesBelow(dataDir, (n) => n.endsWith('.part') || DURABLE_TMP.test(n))) {
    fs.rmSync(f, { force: true });
    removed.push(path.relative(dataDir, f));
  }
  return removed;
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/** Every sealed file the committed rows refer to (attachments, order materials, evaluation evidence). */
export function referencedSealedFiles(db: Db, dataDir: string): string[] {
  const files = (db.prepare('SELECT contract_id AS c, stored_name AS s FROM attachments ORDER BY id').all() as { c: number; s: string }[])
    .map((r) => path.join(dataDir, 'attachments', String(r.c), path.basename(r.s)));
  if (hasTable(db, 'order_materials')) {
    for (const r of db.prepare('SELECT order_id AS o, stored_name AS s FROM order_materials ORDER BY id').all() as { o: number; s: string }[]) {
      files.push(path.join(dataDir, 'attachments', 'orders', String(r.o), path.basename(r.s)));
    }
  }
  if (hasTable(db, 'evaluation_evidence')) {
    for (const s of db.prepare('SELECT stored_name FROM evaluation_evidence ORDER BY id').pluck().all() as string[]) {
      files.push(path.join(dataDir, 'evaluation', path.basename(s)));
    }
  }
  return files;
}

/**
 * Settles every store or removal a crash interrupted (each left its `.pending` marker): a marked
 * file that a committed row refers to is kept, one no row refers to is removed, then the marker.
 * Runs each time the database opens, before any call. Files without a marker are left alone.
 * Returns the removed files, relative to the data folder.
 */
export function settleSealedFiles(db: Db, dataDir: string): string[] {
  const markers = filesBelow(dataDir, (n) => n.endsWith(PENDING));
  if (!markers.length) return [];
  const referenced = new Set(referencedSealedFiles(db, dataDir).map((f) => path.resolve(f)));
  const removed: string[] = [];
  for (const marker of markers) {
    const target = marker.slice(0, -PENDING.length);
    if (!referenced.has(path.resolve(target)) && fs.existsSync(target)) {
      fs.rmSync(target, { force: true });
      removed.push(path.relative(dataDir, target));
    }
    fs.rmSync(marker, { force: true });
  }
  return removed;
}

/**
 * Runs `remove` (the row's delete and its audit entry) in one transaction and then deletes the
 * sealed file; when the transaction fails the file stays with its row. The file is marked first,
 * so a crash after the delete's COMMIT leaves a file the next open removes.
 */
export function removeSealedFile<T>(ctx: ServiceContext, ref: SealedFileRef, remove: () => T): T {
  const target = sealedFilePath(ref);
  markPending(target);
  let out: T;
  try {
    out = ctx.db.transaction(remove)();
  } catch (e) {
    clearPending(target); // the row is still there: the file stays with it
    throw e;
  }
  try {
    fs.rmSync(target, { force: true });
    clearPending(target);
  } catch { /* the row is gone: the marked file is removed at the next open */ }
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
