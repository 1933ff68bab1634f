// Encryption at rest. Key derivation is SQLCipher's own (cipher='sqlcipher', legacy=4: PBKDF2-HMAC-SHA512,
// 256,000 iterations, a random 16-byte salt stored in the file's first page), so there is no sidecar
// file to lose and any SQLCipher 4 tool can open the database with the passphrase.
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { refuse } from '../../shared/result';
import { applyKey, quotePragmaString, type Db } from './connection';
import { secureFile } from '../security/files';

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file exists, is not empty and does not start with the plain SQLite header. */
export function isEncryptedFile(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(16);
    const read = fs.readSync(fd, head, 0, 16, 0);
    return read > 0 && !head.subarray(0, read).equals(PLAIN_HEADER.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens a file read-only (with the key when given), runs `use`, always closes. Throws LOCKED on a wrong key. */
export function withReadonly<T>(file: string, key: string | undefined, use: (db: Db) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (key !== undefined) applyKey(db, key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      refuse('LOCKED', 'desk.wrongPassphraseOrNotDatabase');
    }
    return use(db);
  } finally {
    db.close();
  }
}

/** Row count of every table, to prove a copy holds the same data. */
export function tableCounts(db: Db): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, Number(db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get())]));
}

/**
 * Writes an encrypted copy of a plain database: VACUUM INTO a new file (the source is never touched),
 * then rekey that copy in rollback-journal mode. The caller swaps it in only after verifyCopy().
 */
export function writeEncryptedCopy(source: Db, destFile: string, key: string): void {
  fs.rmSync(destFile, { force: true });
  source.prepare('VACUUM INTO ?').run(destFile);
  secureFile(destFile);
  const copy = new Database(destFile);
  try {
    copy.pragma(`cipher='sqlcipher'`);
    copy.pragma('legacy=4');
    copy.pragma('journal_mode = DELETE');
    copy.pragma(`rekey=${quotePragmaString(key)}`);
  } finally {
    copy.close();
  }
}

/** Checks a copy opens with `key`, passes integrity_check and holds the same rows as `source`. */
export function verifyCopy(source: Db, copyFile: string, key: string | undefined): void {
  const expected = tableCounts(source);
  withReadonly(copyFile, key, (db) => {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') refuse('INTERNAL', 'encryption.copyIntegrity', { params: { detail: String(check).slice(0, 200) } });
    const got = tableCounts(db);
    const tables = [...new Set([...Object.keys(expected), ...Object.keys(got)])].filter((t) => expected[t] !== got[t]).sort();
    if (tables.length) refuse('INTERNAL', 'encryption.copyRowCounts', { params: { tables: tables.slice(0, 20) } });
  });
}
