// Attachment files are sealed with AES-256-GCM under a random data key kept in the database's
// settings table (one per database, made by migration 0007). When the database is encrypted the key is as safe as the passphrase, so a copied
// attachments folder reveals nothing; in a plain database the seal only keeps files from being
// opened casually. Changing the passphrase never touches the files.
import crypto from 'node:crypto';
import { fail } from '../../../shared/result';
import type { ServiceContext } from '../context';

const KEY_SETTING = 'attachments.dataKey';
const MAGIC = Buffer.from('OIVDSEAL1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The data key, made for each database by migration 0007. */
function dataKey(ctx: ServiceContext): Buffer {
  const hex = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY_SETTING) as string | undefined;
  if (!hex || !/^[0-9a-f]{64}$/.test(hex)) fail('INTERNAL', '附件密钥缺失，数据库可能不完整 (attachment key missing)');
  return Buffer.from(hex, 'hex');
}

export function seal(ctx: ServiceContext, plain: Buffer): Buffer {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', dataKey(ctx), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

/** The plain bytes, or null when the file is not a sealed file or was altered (the GCM tag fails). */
export function unseal(ctx: ServiceContext, stored: Buffer): Buffer | null {
  if (stored.length < MAGIC.length + IV_BYTES + TAG_BYTES || !stored.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const iv = stored.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = stored.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', dataKey(ctx), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(stored.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}
