// The desk's seal on its own backups: HMAC-SHA256 of every byte of the file under a key derived
// from the data key, kept beside it as <backup>.mac. Restore accepts a file only when this MAC
// holds, so a flipped byte, rewritten history or a file from elsewhere is refused before anything
// is replaced. The data key lives outside the database, so a copy of the folder cannot forge it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { macKey, type DataKey, type OpenKeys } from '../../security/keyring';
import { writeFileDurably } from '../../security/files';

const FORMAT = 'oivd-backup-mac/1';

export function macFileOf(file: string): string {
  return `${file}.mac`;
}

/** HMAC-SHA256 of every byte of `file` under a derived MAC key (a background backup computes it off the calling thread). */
export function hmacOfFile(keyBytes: Uint8Array, file: string): string {
  const h = crypto.createHmac('sha256', keyBytes);
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1024 * 1024);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

function hmacOf(key: DataKey, file: string): string {
  return hmacOfFile(macKey(key), file);
}

/** Writes `<file>.mac` for an HMAC already computed under the data key `keyId`. */
export function writeMacRecord(keyId: string, hmac: string, file: string): void {
  writeFileDurably(macFileOf(file), Buffer.from(JSON.stringify({ format: FORMAT, keyId, hmac })));
}

export function writeMac(key: DataKey, file: string): void {
  writeMacRecord(key.id, hmacOf(key, file), file);
}

export type MacCheck = 'ok' | 'missing' | 'mismatch' | 'otherKey';

/** Checks a backup's MAC under the current (or, during a reseal job, the retiring) data key. */
export function checkMac(keys: OpenKeys, file: string): { result: MacCheck; keyId?: string } {
  let stored: { format?: string; keyId?: string; hmac?: string };
  try {
    stored = JSON.parse(fs.readFileSync(macFileOf(file), 'utf8')) as typeof stored;
  } catch {
    return { result: 'missing' };
  }
  if (stored.format !== FORMAT || typeof stored.hmac !== 'string') return { result: 'mismatch' };
  const key = [keys.current, keys.retiring].find((k) => k?.id === stored.keyId);
  if (!key) return { result: 'otherKey' };
  const expected = Buffer.from(hmacOf(key, file), 'hex');
  const given = Buffer.from(stored.hmac, 'hex');
  return { result: given.length === expected.length && crypto.timingSafeEqual(given, expected) ? 'ok' : 'mismatch', keyId: key.id };
}
