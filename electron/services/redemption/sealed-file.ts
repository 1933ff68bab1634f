// Attachment and evidence files are sealed with AES-256-GCM under the desk's data key (see
// electron/security/keyring.ts), which never sits in the database: a copied data folder or a backup
// opened with the sqlite3 shell does not open them. Format: OIVDSEAL2 | key id (4) | iv (12) |
// tag (16) | body, the header bound as additional data. Files of the first format (OIVDSEAL1,
// sealed under the key the database once held) are read with the retiring key until resealed.
import crypto from 'node:crypto';
import { keysOf, type DataKey, type OpenKeys } from '../../security/keyring';

const MAGIC_V1 = Buffer.from('OIVDSEAL1');
const MAGIC = Buffer.from('OIVDSEAL2');
const ID_BYTES = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = MAGIC.length + ID_BYTES;

export function sealWith(key: DataKey, plain: Buffer): Buffer {
  const header = Buffer.concat([MAGIC, Buffer.from(key.id, 'hex')]);
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, stored: Buffer, at: number, aad: Buffer | null): Buffer | null {
  if (stored.length < at + IV_BYTES + TAG_BYTES) return null;
  try {
    const d = crypto.createDecipheriv('aes-256-gcm', key, stored.subarray(at, at + IV_BYTES));
    if (aad) d.setAAD(aad);
    d.setAuthTag(stored.subarray(at + IV_BYTES, at + IV_BYTES + TAG_BYTES));
    return Buffer.concat([d.update(stored.subarray(at + IV_BYTES + TAG_BYTES)), d.final()]);
  } catch {
    return null;
  }
}

/** The id of the key a stored file is sealed under ('v1' for the first format), or null when not sealed. */
export function sealedKeyId(stored: Buffer): string | null {
  if (stored.length >= HEADER && stored.subarray(0, MAGIC.length).equals(MAGIC)) return stored.subarray(MAGIC.length, HEADER).toString('hex');
  if (stored.length >= MAGIC_V1.length && stored.subarray(0, MAGIC_V1.length).equals(MAGIC_V1)) return 'v1';
  return null;
}

export function unsealWith(keys: OpenKeys, stored: Buffer): Buffer | null {
  const id = sealedKeyId(stored);
  if (id === 'v1') return keys.retiring ? open(keys.retiring.key, stored, MAGIC_V1.length, null) : null;
  if (id === null) return null;
  const key = [keys.current, keys.retiring].find((k) => k?.id === id);
  return key ? open(key.key, stored, HEADER, stored.subarray(0, HEADER)) : null;
}

export function seal(ctx: object, plain: Buffer): Buffer {
  return sealWith(keysOf(ctx).current, plain);
}

/** The plain bytes, or null when the file is not a sealed file, was altered (the GCM tag fails) or is under an unknown key. */
export function unseal(ctx: object, stored: Buffer): Buffer | null {
  return unsealWith(keysOf(ctx), stored);
}
