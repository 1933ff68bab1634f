// The package file: a zip holding manifest.json, manifest.sig (Ed25519 over the manifest's exact
// bytes) and one JSON array per part under parts/. The manifest names every part with its schema,
// record count and SHA-256, so the signature covers the whole content. A sealed package is a zip
// of envelope.json and payload.bin (the signed zip, AES-256-GCM under X25519 to the recipient).
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { refuse as refuseWith, type ErrorCode, type Params } from '../../../../shared/result';
import { fingerprint, openSealed, sealTo, signBytes, verifyBytes, type DeskKeys, type SealedEnvelope } from './keys';

export const PACKAGE_FORMAT = 'open-instrument-desk/package';
export const SEALED_FORMAT = 'open-instrument-desk/sealed-package';
export type PackageKind = 'lab' | 'reference';

/**
 * The manifest schema version this desk writes, per kind of package, and the versions it reads; a
 * package of any other version is refused (package.schemaUnsupported), so a desk older than the
 * package says so instead of dropping what it does not know. Lab packages: 2 since usage records
 * carry their Shanghai order (usage part schema 2); a version 1 package still imports.
 */
export const SCHEMA_VERSIONS: Record<PackageKind, number> = { lab: 2, reference: 1 };
export const SUPPORTED_SCHEMA_VERSIONS: Record<PackageKind, readonly number[]> = { lab: [1, 2], reference: [1] };

export interface PartEntry {
  name: string;
  path: string;
  schema: number;
  records: number;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof PACKAGE_FORMAT;
  schemaVersion: number;
  kind: PackageKind;
  packageId: string;
  createdAt: string;
  deskId: string;
  unit: { name: string; creditCode: string };
  lab: { name: string };
  period: { fromYear: number; toYear: number } | null;
  app: { version: string };
  signer: { publicKey: string; fingerprint: string };
  attachments: boolean;
  parts: PartEntry[];
}

/** Refuses a package: a stable reason with the params its message needs; nothing has been written. */
export function refuse(reason: string, params: Params = {}, code: ErrorCode = 'VALIDATION'): never {
  return refuseWith(code, reason, { params, ...(typeof params.part === 'string' ? { field: 'file' } : {}) });
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

export interface BuildInput {
  kind: PackageKind;
  deskId: string;
  unit: Manifest['unit'];
  lab: Manifest['lab'];
  period: Manifest['period'];
  createdAt: string;
  appVersion: string;
  parts: { name: string; schema: number; records: unknown[] }[];
  attachments?: { path: string; bytes: Uint8Array }[];
  keys: DeskKeys;
  signerFingerprint: string;
  /** Seal to this X25519 public key (the office's) when given. */
  sealToBoxPublic?: string;
}

export function buildPackage(input: BuildInput): { bytes: Uint8Array; manifest: Manifest } {
  const tree: Zippable = {};
  const parts: PartEntry[] = input.parts.map((p) => {
    const data = strToU8(JSON.stringify(p.records));
    const path = `parts/${p.name}.json`;
    tree[path] = data;
    return { name: p.name, path, schema: p.schema, records: p.records.length, bytes: data.length, sha256: sha256(data) };
  });
  for (const a of input.attachments ?? []) {
    tree[a.path] = a.bytes;
    parts.push({ name: a.path, path: a.path, schema: 1, records: 1, bytes: a.bytes.length, sha256: sha256(a.bytes) });
  }
  const manifest: Manifest = {
    format: PACKAGE_FORMAT, schemaVersion: SCHEMA_VERSIONS[input.kind], kind: input.kind, packageId: crypto.randomUUID(), createdAt: input.createdAt,
    deskId: input.deskId, unit: input.unit, lab: input.lab, period: input.period, app: { version: input.appVersion },
    signer: { publicKey: input.keys.signPublic, fingerprint: input.signerFingerprint }, attachments: (input.attachments ?? []).length > 0, parts,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 1));
  tree['manifest.json'] = manifestBytes;
  tree['manifest.sig'] = strToU8(signBytes(input.keys, manifestBytes));
  const signed = zipSync(tree, { level: 6 });
  if (!input.sealToBoxPublic) return { bytes: signed, manifest };
  const { envelope, body } = sealTo(input.sealToBoxPublic, Buffer.from(signed));
  const sealed = zipSync({ 'envelope.json': strToU8(JSON.stringify({ format: SEALED_FORMAT, version: 1, ...envelope })), 'payload.bin': [body, { level: 0 }] });
  return { bytes: sealed, manifest };
}

export interface OpenedPackage {
  manifest: Manifest;
  manifestBytes: Buffer;
  signature: string;
  sealed: boolean;
  files: Record<string, Uint8Array>;
}

/**
 * The entries of a zip read with the platform's inflate (several times faster than fflate's, which a
 * 13 MB usage part makes the largest single cost of an import). Each entry inflates to no more than
 * the size its central directory declares and must reach it exactly. Returns null for what this
 * reader does not take (zip64, encryption, a method other than stored or deflate, a damaged
 * directory); the caller then reads the zip with fflate, which refuses what is really malformed.
 */
function unzipNative(bytes: Uint8Array): Record<string, Uint8Array> | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) return null;
  const out: Record<string, Uint8Array> = {};
  for (let k = 0; k < count; k++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== 0x02014b50) return null;
    const flags = b.readUInt16LE(at + 8);
    const method = b.readUInt16LE(at + 10);
    const csize = b.readUInt32LE(at + 20);
    const usize = b.readUInt32LE(at + 24);
    const nlen = b.readUInt16LE(at + 28);
    const xlen = b.readUInt16LE(at + 30);
    const clen = b.readUInt16LE(at + 32);
    const local = b.readUInt32LE(at + 42);
    if ((flags & 1) !== 0 || csize === 0xffffffff || usize === 0xffffffff || local === 0xffffffff) return null;
    const name = b.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1', at + 46, at + 46 + nlen);
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) return null;
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (start + csize > b.length) return null;
    const raw = b.subarray(start, start + csize);
    let data: Uint8Array;
    if (method === 0) {
      if (csize !== usize) return null;
      data = new Uint8Array(raw);
    } else if (method === 8) {
      try { data = usize === 0 ? new Uint8Array(0) : zlib.inflateRawSync(raw, { maxOutputLength: usize, chunkSize: Math.max(64, usize) }); } catch { return null; }
      if (data.length !== usize) return null;
    } else return null;
    out[name] = data;
    at += 46 + nlen + xlen + clen;
  }
  return out;
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  const fast = unzipNative(bytes);
  if (fast) return fast;
  try {
    return unzipSync(bytes);
  } catch {
    return refuse('package.malformed');
  }
}

/** Unseals (when sealed) and reads the manifest; checks format and schema version. Nothing is trusted yet. */
export function openPackage(bytes: Uint8Array, keys: () => DeskKeys | null): OpenedPackage {
  let files = unzip(bytes);
  let sealed = false;
  if (files['envelope.json'] && files['payload.bin']) {
    let env: SealedEnvelope & { format?: string };
    try { env = JSON.parse(Buffer.from(files['envelope.json']).toString('utf8')); } catch { return refuse('package.malformed'); }
    if (env.format !== SEALED_FORMAT) refuse('package.malformed');
    const k = keys();
    if (!k || env.recipient !== fingerprint(k.boxPublic)) refuse('package.sealedNotForUs', {}, 'FORBIDDEN');
    const plain = openSealed(k, env, Buffer.from(files['payload.bin']));
    if (!plain) refuse('package.sealedDamaged', {}, 'FORBIDDEN');
    files = unzip(plain);
    sealed = true;
  }
  const mBytes = files['manifest.json'];
  const sig = files['manifest.sig'];
  if (!mBytes || !sig) refuse('package.malformed');
  let manifest: Manifest;
  try { manifest = JSON.parse(Buffer.from(mBytes).toString('utf8')) as Manifest; } catch { return refuse('package.malformed'); }
  if (manifest?.format !== PACKAGE_FORMAT || !Array.isArray(manifest.parts)) refuse('package.malformed');
  const supported = SUPPORTED_SCHEMA_VERSIONS[manifest.kind as PackageKind];
  // A kind this desk does not know is refused by the caller (package.wrongKind).
  if (supported && !supported.includes(manifest.schemaVersion)) {
    refuse('package.schemaUnsupported', { version: String(manifest.schemaVersion), supported: supported.join(', ') });
  }
  return { manifest, manifestBytes: Buffer.from(mBytes), signature: Buffer.from(sig).toString('utf8'), sealed, files };
}

/** Verifies the signature with the registered key, then every part's hash and count; no file outside the manifest. */
export function verifyPackage(p: OpenedPackage, registeredPublicKey: string): Map<string, unknown[]> {
  if (!verifyBytes(registeredPublicKey, p.manifestBytes, p.signature)) refuse('package.badSignature', {}, 'FORBIDDEN');
  const listed = new Set(p.manifest.parts.map((x) => x.path));
  for (const name of Object.keys(p.files)) {
    if (name !== 'manifest.json' && name !== 'manifest.sig' && !name.endsWith('/') && !listed.has(name)) refuse('package.partTampered', { part: name });
  }
  const out = new Map<string, unknown[]>();
  for (const part of p.manifest.parts) {
    const data = p.files[part.path];
    if (!data || sha256(data) !== part.sha256 || data.length !== part.bytes) refuse('package.partTampered', { part: part.name });
    if (!part.path.startsWith('parts/')) continue;
    let records: unknown;
    try { records = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')); } catch { return refuse('package.partTampered', { part: part.name }); }
    if (!Array.isArray(records) || records.length !== part.records) refuse('package.partTampered', { part: part.name });
    out.set(part.name, records);
  }
  return out;
}

export function packageSha256(bytes: Uint8Array): string {
  return sha256(bytes);
}
