// The desk's data key: a random 256-bit key that seals attachments and evidence files and keys the
// MAC of backups. It never sits in the database. keyring.json in the data folder holds it wrapped:
// - encrypted desk: under a key derived from the passphrase (scrypt), so the folder alone reveals nothing;
// - plain desk in Electron: by the operating system's keystore (safeStorage);
// - plain desk in browser mode: under a key file kept OUTSIDE the data folder (see keyFileDir()).
// Enabling encryption or changing the passphrase makes a new data key; the previous one stays as
// `retiring` only until the reseal job has moved every sealed file and backup to the new one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refuse } from '../../shared/result';
import { writeFileDurably } from './files';

export const KEYRING_FILE = 'keyring.json';
export const KEYRING_NEXT = 'keyring.next.json';
const FORMAT = 'oivd-keyring/1';
const SCRYPT = { N: 2 ** 14, r: 8, p: 1 } as const;

/** The operating system's keystore as Electron's safeStorage offers it (main.ts adapts it). */
export interface PlainKeyStore {
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

/**
 * A keystore over a secret the Electron main process holds under safeStorage (the core runs in a
 * utility process, where safeStorage is not available, so main hands over the unwrapped secret).
 */
export function secretKeyStore(secretHex: string): PlainKeyStore {
  const kek = Buffer.from(secretHex, 'hex');
  if (kek.length !== 32) refuse('INTERNAL', 'keys.keystoreFailed', { params: { wrap: 'safeStorage' } });
  return {
    encrypt: (plain) => Buffer.from(gcmSeal(kek, plain, 'os-keystore'), 'base64'),
    decrypt: (sealed) => {
      const out = gcmOpen(kek, sealed.toString('base64'), 'os-keystore');
      if (!out) throw new Error('keystore secret does not open the key');
      return out;
    },
  };
}

export type Wrap =
  | { kind: 'passphrase'; salt: string; N: number; r: number; p: number }
  | { kind: 'safeStorage' }
  | { kind: 'keyfile'; name: string };

interface StoredKey { id: string; sealed: string }

export type JobReason = 'migrate' | 'encrypt' | 'rekey';

/** The resumable reseal job; `oldSecret` (the previous passphrase, for rekeying backups) is sealed under the current key. */
export interface ResealJob { reason: JobReason; done: number; total: number; oldSecret?: string }

export interface KeyringFile {
  format: typeof FORMAT;
  wrap: Wrap;
  current: StoredKey;
  retiring: StoredKey | null;
  job: ResealJob | null;
}

export interface DataKey { id: string; key: Buffer }

export interface OpenKeys {
  current: DataKey;
  retiring: DataKey | null;
  job: ResealJob | null;
}

/** Where the wrapping secrets come from: the passphrase of an encrypted desk, or the OS keystore / key file of a plain one. */
export interface WrapSource {
  passphrase?: string;
  store?: PlainKeyStore;
  keyDir: string;
}

/** The folder of browser-mode key files: outside every data folder (DESK_KEY_DIR overrides it). */
export function keyFileDir(): string {
  return process.env.DESK_KEY_DIR ?? path.join(os.homedir(), '.open-instrument-voucher-desk', 'keys');
}

const b64 = (b: Buffer) => b.toString('base64');

function gcmSeal(kek: Buffer, plain: Buffer, aad: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', kek, iv);
  c.setAAD(Buffer.from(aad));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return b64(Buffer.concat([iv, c.getAuthTag(), body]));
}

function gcmOpen(kek: Buffer, sealed: string, aad: string): Buffer | null {
  const raw = Buffer.from(sealed, 'base64');
  if (raw.length < 28) return null;
  try {
    const d = crypto.createDecipheriv('aes-256-gcm', kek, raw.subarray(0, 12));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
  } catch {
    return null;
  }
}

function keyFilePath(keyDir: string, name: string): string {
  return path.join(keyDir, path.basename(name));
}

function readKeyFile(keyDir: string, name: string): Buffer | null {
  try {
    const hex = fs.readFileSync(keyFilePath(keyDir, name), 'utf8').trim();
    return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
  } catch {
    return null;
  }
}

function kekFor(wrap: Wrap, src: WrapSource): Buffer | null {
  if (wrap.kind === 'passphrase') {
    if (src.passphrase === undefined) return null;
    return crypto.scryptSync(src.passphrase, Buffer.from(wrap.salt, 'hex'), 32, { N: wrap.N, r: wrap.r, p: wrap.p, maxmem: 64 * 1024 * 1024 });
  }
  if (wrap.kind === 'keyfile') return readKeyFile(src.keyDir, wrap.name);
  return null;
}

function wrapKey(wrap: Wrap, kek: Buffer | null, src: WrapSource, key: DataKey): StoredKey {
  if (wrap.kind === 'safeStorage') return { id: key.id, sealed: b64(src.store!.encrypt(key.key)) };
  return { id: key.id, sealed: gcmSeal(kek!, key.key, `${FORMAT}:${key.id}`) };
}

function unwrapKey(wrap: Wrap, kek: Buffer | null, src: WrapSource, stored: StoredKey): DataKey {
  let key: Buffer | null = null;
  if (wrap.kind === 'safeStorage') {
    try { key = src.store ? src.store.decrypt(Buffer.from(stored.sealed, 'base64')) : null; } catch { key = null; }
  } else if (kek) {
    key = gcmOpen(kek, stored.sealed, `${FORMAT}:${stored.id}`);
  }
  if (!key || key.length !== 32) {
    refuse('INTERNAL', wrap.kind === 'passphrase' ? 'keys.unwrapFailed' : wrap.kind === 'keyfile' ? 'keys.keyFileMissing' : 'keys.keystoreFailed', {
      params: { wrap: wrap.kind, ...(wrap.kind === 'keyfile' ? { keyFile: keyFilePath(src.keyDir, wrap.name) } : {}) },
    });
  }
  return { id: stored.id, key };
}

export function newDataKey(): DataKey {
  return { id: crypto.randomBytes(4).toString('hex'), key: crypto.randomBytes(32) };
}

/** A fresh wrapping for the desk: passphrase when encrypted, else the OS keystore, else a new key file outside the folder. */
function newWrap(encrypted: boolean, src: WrapSource): Wrap {
  if (encrypted) return { kind: 'passphrase', salt: crypto.randomBytes(16).toString('hex'), ...SCRYPT };
  if (src.store) return { kind: 'safeStorage' };
  const name = `desk-${crypto.randomBytes(12).toString('hex')}.key`;
  fs.mkdirSync(src.keyDir, { recursive: true, mode: 0o700 });
  writeFileDurably(keyFilePath(src.keyDir, name), Buffer.from(crypto.randomBytes(32).toString('hex')));
  return { kind: 'keyfile', name };
}

/** Builds (wraps) a keyring for the given keys. */
export function buildKeyring(encrypted: boolean, src: WrapSource, keys: OpenKeys): KeyringFile {
  const wrap = newWrap(encrypted, src);
  const kek = kekFor(wrap, src);
  return {
    format: FORMAT,
    wrap,
    current: wrapKey(wrap, kek, src, keys.current),
    retiring: keys.retiring ? wrapKey(wrap, kek, src, keys.retiring) : null,
    job: keys.job,
  };
}

/** Rewrites the keyring's job record under the same wrapping (no new key material). */
export function withJob(file: KeyringFile, job: ResealJob | null, dropRetiring = false): KeyringFile {
  return { ...file, job, retiring: dropRetiring ? null : file.retiring };
}

export function readKeyring(dataDir: string, name = KEYRING_FILE): KeyringFile | null {
  let raw: string;
  try {
    raw = fs.readFileSync(path.join(dataDir, name), 'utf8');
  } catch {
    return null;
  }
  let parsed: KeyringFile;
  try {
    parsed = JSON.parse(raw) as KeyringFile;
  } catch {
    refuse('INTERNAL', 'keys.keyringDamaged', { params: { file: name } });
  }
  if (parsed.format !== FORMAT || !parsed.current?.id) refuse('INTERNAL', 'keys.keyringDamaged', { params: { file: name } });
  return parsed;
}

export function writeKeyring(dataDir: string, file: KeyringFile, name = KEYRING_FILE): void {
  writeFileDurably(path.join(dataDir, name), Buffer.from(JSON.stringify(file, null, 1)));
}

export function openKeyring(file: KeyringFile, src: WrapSource): OpenKeys {
  const kek = kekFor(file.wrap, src);
  return {
    current: unwrapKey(file.wrap, kek, src, file.current),
    retiring: file.retiring ? unwrapKey(file.wrap, kek, src, file.retiring) : null,
    job: file.job,
  };
}

/** Seals a small secret (the previous passphrase during a rekey job) under a data key. */
export function sealSecret(key: DataKey, secret: string): string {
  return gcmSeal(key.key, Buffer.from(secret, 'utf8'), `secret:${key.id}`);
}

export function openSecret(key: DataKey, sealed: string): string | null {
  return gcmOpen(key.key, sealed, `secret:${key.id}`)?.toString('utf8') ?? null;
}

/** The MAC key of backups, derived from a data key (never the data key itself). */
export function macKey(key: DataKey): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', key.key, Buffer.alloc(0), Buffer.from('oivd backup mac'), 32));
}

const openKeysByContext = new WeakMap<object, () => OpenKeys | null>();

/** Links a service context to its keys (openCore does it); sealed files and backups find them here. */
export function bindKeys(ctx: object, keys: () => OpenKeys | null): void {
  openKeysByContext.set(ctx, keys);
}

export function keysOf(ctx: object): OpenKeys {
  const keys = openKeysByContext.get(ctx)?.();
  if (!keys) refuse('LOCKED', 'keys.unavailable');
  return keys;
}
