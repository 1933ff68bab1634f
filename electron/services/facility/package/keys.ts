// The desk's identity and key pairs, made once: an Ed25519 pair signs packages, an X25519 pair
// receives packages sealed to this desk. Private keys live in the settings table, so they are as
// safe as the database (encrypted at rest when the desk is). Public keys travel as raw 32 bytes
// in base64; a short fingerprint (SHA-256, first 8 bytes, in groups) is compared by phone.
import crypto from 'node:crypto';
import { z } from 'zod';
import { refuse } from '../../../../shared/result';
import { audit } from '../../audit';
import type { ServiceContext } from '../../context';
import { getUnit } from '../../unit/unit';

const KEYS = 'facility.keys';
const IDENTITY = 'facility.identity';

export interface DeskKeys {
  signPublic: string;
  signPrivate: string;
  boxPublic: string;
  boxPrivate: string;
}

const storedIdentitySchema = z.object({
  deskId: z.string().uuid(),
  role: z.enum(['lab', 'office']),
  labName: z.string().trim().max(200),
});

/** The unit (name, 统一社会信用代码) is the open unit's record; the desk keeps its id, role and lab. */
export interface DeskIdentity {
  deskId: string;
  role: 'lab' | 'office';
  labName: string;
  unitName: string;
  unitCreditCode: string;
}

function unitOf(ctx: ServiceContext): { unitName: string; unitCreditCode: string } {
  const u = getUnit(ctx);
  return { unitName: u.name, unitCreditCode: u.creditCode ?? '' };
}

function readJson(ctx: ServiceContext, key: string): unknown {
  const raw = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return raw ? JSON.parse(raw) : undefined;
}

function writeJson(ctx: ServiceContext, key: string, value: unknown): void {
  ctx.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

const rawPublic = (k: crypto.KeyObject) => k.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');

/** The key pairs if this desk has made them (reading never writes). */
export function existingKeys(ctx: ServiceContext): DeskKeys | null {
  return (readJson(ctx, KEYS) as DeskKeys | undefined) ?? null;
}

/** The desk's key pairs, generated on first use and kept from then on. */
export function deskKeys(ctx: ServiceContext): DeskKeys {
  const stored = existingKeys(ctx);
  if (stored) return stored;
  return ctx.db.transaction(() => {
    const sign = crypto.generateKeyPairSync('ed25519');
    const box = crypto.generateKeyPairSync('x25519');
    const keys: DeskKeys = {
      signPublic: rawPublic(sign.publicKey),
      signPrivate: sign.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      boxPublic: rawPublic(box.publicKey),
      boxPrivate: box.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    };
    writeJson(ctx, KEYS, keys);
    audit(ctx, 'create', 'desk_keys', null, { signFingerprint: fingerprint(keys.signPublic) });
    return keys;
  })();
}

/** The identity if set (reading never writes). */
export function peekIdentity(ctx: ServiceContext): DeskIdentity | null {
  const stored = storedIdentitySchema.safeParse(readJson(ctx, IDENTITY));
  return stored.success ? { ...stored.data, ...unitOf(ctx) } : null;
}

export function getIdentity(ctx: ServiceContext): DeskIdentity {
  const seen = peekIdentity(ctx);
  if (seen) return seen;
  const fresh = { deskId: crypto.randomUUID(), role: 'lab' as const, labName: '' };
  writeJson(ctx, IDENTITY, fresh);
  return { ...fresh, ...unitOf(ctx) };
}

/** Sets the desk's role and lab, and the unit's name and credit code (in the open unit's record). */
export function setIdentity(ctx: ServiceContext, patch: Partial<Omit<DeskIdentity, 'deskId'>>): DeskIdentity {
  return ctx.db.transaction(() => {
    const before = getIdentity(ctx);
    const stored = storedIdentitySchema.parse({ deskId: before.deskId, role: patch.role ?? before.role, labName: patch.labName ?? before.labName });
    writeJson(ctx, IDENTITY, stored);
    if (patch.unitName !== undefined || patch.unitCreditCode !== undefined) {
      ctx.db.prepare("UPDATE open_unit SET name = ?, credit_code = ?, updated_at = ? WHERE id = 1")
        .run(patch.unitName ?? before.unitName, (patch.unitCreditCode ?? before.unitCreditCode) || null, ctx.now().toISOString());
    }
    const next = getIdentity(ctx);
    audit(ctx, 'update', 'desk_identity', next.deskId, { before, after: next });
    return next;
  })();
}

/** 'A1B2 C3D4 E5F6 0718': the first 8 bytes of SHA-256 over the raw public key. */
export function fingerprint(publicKeyB64: string): string {
  const hex = crypto.createHash('sha256').update(Buffer.from(publicKeyB64, 'base64')).digest('hex').slice(0, 16).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');

function publicKeyObject(rawB64: string, prefix: Buffer): crypto.KeyObject {
  const raw = Buffer.from(rawB64, 'base64');
  if (raw.length !== 32) refuse('VALIDATION', 'office.badPublicKey', { field: 'publicKey' });
  return crypto.createPublicKey({ key: Buffer.concat([prefix, raw]), format: 'der', type: 'spki' });
}

export function isPublicKey(rawB64: string): boolean {
  return /^[A-Za-z0-9+/]{43}=$/.test(rawB64) && Buffer.from(rawB64, 'base64').length === 32;
}

export function signBytes(keys: DeskKeys, data: Buffer): string {
  const key = crypto.createPrivateKey({ key: Buffer.from(keys.signPrivate, 'base64'), format: 'der', type: 'pkcs8' });
  return crypto.sign(null, data, key).toString('base64');
}

export function verifyBytes(publicKeyB64: string, data: Buffer, signatureB64: string): boolean {
  try {
    return crypto.verify(null, data, publicKeyObject(publicKeyB64, ED25519_SPKI), Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

export interface SealedEnvelope {
  alg: 'X25519-HKDF-SHA256-AES-256-GCM';
  recipient: string;
  ephemeralPublicKey: string;
  iv: string;
  tag: string;
}

const INFO = Buffer.from('open-instrument-desk package v1');

function boxKey(shared: Buffer, ephemeral: string, recipient: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.from(ephemeral + recipient), INFO, 32));
}

/** Seals bytes to a recipient's X25519 public key (ephemeral-static ECDH, HKDF, AES-256-GCM). */
export function sealTo(recipientBoxPublic: string, plain: Buffer): { envelope: SealedEnvelope; body: Buffer } {
  const eph = crypto.generateKeyPairSync('x25519');
  const ephPublic = rawPublic(eph.publicKey);
  const shared = crypto.diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyObject(recipientBoxPublic, X25519_SPKI) });
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', boxKey(shared, ephPublic, recipientBoxPublic), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    envelope: { alg: 'X25519-HKDF-SHA256-AES-256-GCM', recipient: fingerprint(recipientBoxPublic), ephemeralPublicKey: ephPublic, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
    body,
  };
}

/** The plain bytes, or null when the envelope is not for these keys or was altered. */
export function openSealed(keys: DeskKeys, envelope: SealedEnvelope, body: Buffer): Buffer | null {
  try {
    const priv = crypto.createPrivateKey({ key: Buffer.from(keys.boxPrivate, 'base64'), format: 'der', type: 'pkcs8' });
    const shared = crypto.diffieHellman({ privateKey: priv, publicKey: publicKeyObject(envelope.ephemeralPublicKey, X25519_SPKI) });
    const decipher = crypto.createDecipheriv('aes-256-gcm', boxKey(shared, envelope.ephemeralPublicKey, keys.boxPublic), Buffer.from(envelope.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
}
