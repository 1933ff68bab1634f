// Confidentiality findings as an attacker with the data folder would try them: the data key in a
// backup, the batch zip left after lock, the crash window of the old two-rename swap, a new empty
// desk created over a missing database, file modes, and the names that hide what a file is.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app-core';
import { openDatabase } from '../../electron/db/connection';
import { keysOf, readKeyring } from '../../electron/security/keyring';
import { addAttachment, getAttachmentFile } from '../../electron/services/redemption/attachments';
import { jobResult, jobStatus, startBatch } from '../../electron/services/redemption/jobs';
import { packetFileName, zipFiles } from '../../electron/services/redemption/packet';
import { neutraliseFileName } from '../../electron/services/redemption/safe-name';
import { insertContract } from '../redemption/fixtures';
import { freshCores, MIGRATIONS, seedLabs, tempDir, type TestCore } from './helpers';
import { pdfDocument } from '../fixtures/documents';

const fresh = freshCores();
type Ok<T> = { ok: true; value: T };
async function value<T>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as Ok<T> | { ok: false; error: unknown };
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Every 64-hex value an attacker finds in a database file read with the sqlite3 shell. */
function hexValuesIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    const found = new Set<string>();
    for (const t of tables) {
      for (const row of db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]) {
        for (const v of row) for (const m of String(v).match(/[0-9a-f]{64}/g) ?? []) found.add(m);
      }
    }
    return [...found];
  } finally {
    db.close();
  }
}

/** The attacker's decryption of a sealed file with a candidate key (both sealed formats). */
function tryOpen(stored: Buffer, keyHex: string): Buffer | null {
  const key = Buffer.from(keyHex, 'hex');
  for (const headerLen of [9, 13]) {
    try {
      const d = crypto.createDecipheriv('aes-256-gcm', key, stored.subarray(headerLen, headerLen + 12));
      if (headerLen === 13) d.setAAD(stored.subarray(0, 13));
      d.setAuthTag(stored.subarray(headerLen + 12, headerLen + 28));
      return Buffer.concat([d.update(stored.subarray(headerLen + 28)), d.final()]);
    } catch { /* next */ }
  }
  return null;
}

const until = async (jobId: string) => {
  for (let i = 0; i < 600; i++) {
    if (jobStatus(jobId).state !== 'running') return jobStatus(jobId);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('job did not finish');
};

function allFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

describe('the data key', () => {
  it('is not in any backup: a key read from a pre-encryption backup opens no file attached after encryption', async () => {
    const c = fresh();
    await value(c.call('security:setup', { mode: 'plain' }));
    const { contractId } = insertContract(c.db);
    const before = await value<{ name: string }>(c.call('backup:create', {}));
    // The attacker copies the plain backup while the desk is still plain.
    const copy = path.join(tempDir(), 'stolen.sqlite');
    fs.copyFileSync(path.join(c.ctx.dataDir, 'backups', before.name), copy);
    // Encryption enabled later from the security page.
    await value(c.call('security:setup', { mode: 'encrypted', passphrase: 'a long passphrase' }));
    const bank = pdfDocument('bank account 6222 0200 1234 5678 901');
    const a = addAttachment(c.ctx, { contractId, kind: 'bank_receipt', fileName: '回单.pdf', dataBase64: bank.toString('base64') });
    const stored = allFiles(path.join(c.ctx.dataDir, 'attachments'))[0];
    const sealed = fs.readFileSync(stored);
    expect(sealed.includes(bank)).toBe(false);
    // The backup itself was encrypted by the reseal job.
    expect(fs.readFileSync(path.join(c.ctx.dataDir, 'backups', before.name)).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    const candidates = [...hexValuesIn(copy), keysOf(c.ctx).current.key.toString('hex')];
    expect(candidates.slice(0, -1).some((k) => tryOpen(sealed, k))).toBe(false);
    expect(tryOpen(sealed, candidates.at(-1)!)).toEqual(bank); // the real key does open it: the attack method works
    expect(Buffer.from(getAttachmentFile(c.ctx, a.id).dataBase64, 'base64')).toEqual(bank);
    // keyring.json holds the key only wrapped.
    const ring = fs.readFileSync(path.join(c.ctx.dataDir, 'keyring.json'), 'utf8');
    const key = keysOf(c.ctx).current.key;
    expect(ring.includes(key.toString('hex'))).toBe(false);
    expect(ring.includes(key.toString('base64'))).toBe(false);
    expect(readKeyring(c.ctx.dataDir)!.wrap.kind).toBe('passphrase');
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  });

  it('a plain desk in browser mode wraps the key with a key file outside the data folder', () => {
    const c = fresh();
    const ring = readKeyring(c.ctx.dataDir)!;
    expect(ring.wrap.kind).toBe('keyfile');
    const keyFile = path.join(process.env.DESK_KEY_DIR!, (ring.wrap as { name: string }).name);
    expect(fs.existsSync(keyFile)).toBe(true);
    expect(path.relative(c.ctx.dataDir, keyFile).startsWith('..')).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('encryption makes a new data key and reseals every attachment under it', async () => {
    const c = fresh();
    const { contractId } = insertContract(c.db);
    const a = addAttachment(c.ctx, { contractId, kind: 'contract', fileName: 'a.pdf', dataBase64: pdfDocument('contract text').toString('base64') });
    const oldKey = keysOf(c.ctx).current;
    await value(c.call('security:setup', { mode: 'encrypted', passphrase: 'a long passphrase' }));
    const keys = keysOf(c.ctx);
    expect(keys.current.id).not.toBe(oldKey.id);
    expect(keys.retiring).toBeNull();
    expect(keys.job).toBeNull();
    const stored = fs.readFileSync(allFiles(path.join(c.ctx.dataDir, 'attachments'))[0]);
    expect(tryOpen(stored, oldKey.key.toString('hex'))).toBeNull();
    expect(Buffer.from(getAttachmentFile(c.ctx, a.id).dataBase64, 'base64').toString()).toBe(pdfDocument('contract text').toString());
    // The passphrase change makes yet another key and reseals again.
    await value(c.call('security:changePassphrase', { current: 'a long passphrase', next: 'another passphrase' }));
    expect(keysOf(c.ctx).current.id).not.toBe(keys.current.id);
    expect(Buffer.from(getAttachmentFile(c.ctx, a.id).dataBase64, 'base64').toString()).toBe(pdfDocument('contract text').toString());
  });

  it('moves the key of an older desk out of its settings row and reseals its files', () => {
    const dir = tempDir();
    const file = path.join(dir, 'desk.sqlite');
    // A desk as older versions left it: migration 0007 put the key into the settings table.
    const { db } = openDatabase(file, { migrationsDir: MIGRATIONS });
    const legacyHex = db.prepare(`SELECT value FROM settings WHERE key = 'attachments.dataKey'`).pluck().get() as string;
    expect(legacyHex).toMatch(/^[0-9a-f]{64}$/);
    const { contractId } = insertContract(db);
    // A file sealed the old way (OIVDSEAL1 | iv | tag | body under the settings-row key).
    const plain = Buffer.from('旧版附件内容');
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(legacyHex, 'hex'), iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    fs.mkdirSync(path.join(dir, 'attachments', String(contractId)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'attachments', String(contractId), 'x.txt'), Buffer.concat([Buffer.from('OIVDSEAL1'), iv, cipher.getAuthTag(), body]));
    const sha = crypto.createHash('sha256').update(plain).digest('hex');
    const id = Number(db.prepare(`INSERT INTO attachments(contract_id, kind, original_name, stored_name, sha256, size_bytes, created_at)
      VALUES (?, 'other', 'x.txt', 'x.txt', ?, ?, '2025-06-01T00:00:00.000Z')`).run(contractId, sha, plain.length).lastInsertRowid);
    db.close();

    const c = fresh({}, dir);
    expect(c.db.prepare(`SELECT count(*) FROM settings WHERE key = 'attachments.dataKey'`).pluck().get()).toBe(0);
    expect(Buffer.from(getAttachmentFile(c.ctx, id).dataBase64, 'base64')).toEqual(plain);
    const now = fs.readFileSync(path.join(dir, 'attachments', String(contractId), 'x.txt'));
    expect(now.subarray(0, 9).toString()).toBe('OIVDSEAL2');
    expect(tryOpen(now, legacyHex)).toBeNull();
    expect(keysOf(c.ctx).retiring).toBeNull();
    // secure_delete: the old key's bytes are gone from the file itself.
    c.close();
    expect(fs.readFileSync(file).includes(Buffer.from(legacyHex))).toBe(false);
  });
});

describe('no plaintext left behind', () => {
  it('a plain backup without a valid MAC is still encrypted with the desk, and restore refuses it', async () => {
    const c = fresh();
    insertContract(c.db, { applicantName: '未认证备份公司' });
    const b = await value<{ name: string }>(c.call('backup:create', {}));
    const file = path.join(c.ctx.dataDir, 'backups', b.name);
    fs.rmSync(`${file}.mac`);
    await value(c.call('security:setup', { mode: 'encrypted', passphrase: 'a long passphrase' }));
    expect(fs.readFileSync(file).includes(Buffer.from('未认证备份公司'))).toBe(false);
    expect(fs.existsSync(`${file}.mac`)).toBe(false);
    expect(await c.call('backup:restore', { name: b.name })).toMatchObject({ ok: false, error: { reason: 'restore.macMissing' } });
  });

  it('no backup is taken before the first-run choice', () => {
    const c = fresh({ autoBackup: true });
    expect(fs.existsSync(path.join(c.ctx.dataDir, 'backups'))).toBe(false);
  });

  it('a batch packet export writes nothing to disk and is gone after download and after lock', async () => {
    const c = fresh();
    await value(c.call('security:setup', { mode: 'encrypted', passphrase: 'a long passphrase' }));
    const ids = [1, 2].map(() => insertContract(c.db, { applicantName: '标记公司MARKER-BATCH' }).contractId);
    const marker = Buffer.from('MARKER-BATCH');
    const first = startBatch(c.ctx, ids);
    await until(first.jobId);
    expect(allFiles(c.ctx.dataDir).filter((f) => fs.readFileSync(f).includes(marker))).toEqual([]);
    expect(Object.keys(unzipSync(Buffer.from(jobResult(first.jobId).dataBase64, 'base64')))).toHaveLength(2);
    expect(() => jobResult(first.jobId)).toThrow(/packetJob\.notFound/); // downloaded once, then dropped
    const second = startBatch(c.ctx, ids);
    await until(second.jobId);
    await value(c.call('security:lock', {}));
    expect(() => jobResult(second.jobId)).toThrow(/packetJob\.notFound/);
    expect(fs.existsSync(path.join(c.ctx.dataDir, 'tmp'))).toBe(false);
  });
});

describe('swaps', () => {
  it('the crash window of the old two-rename swap: the plain file is put back, never an empty desk', () => {
    const c = fresh();
    seedLabs(c, ['一', '二', '三']);
    c.close();
    const dir = c.ctx.dataDir;
    // State the old code left after a kill between its two renames.
    fs.renameSync(path.join(dir, 'desk.sqlite'), path.join(dir, 'desk.sqlite.plain-old'));
    fs.writeFileSync(path.join(dir, 'desk.sqlite.encrypting'), crypto.randomBytes(4096));
    const again = fresh({}, dir);
    expect(again.db.prepare('SELECT count(*) FROM labs').pluck().get()).toBe(3);
    expect(fs.readdirSync(dir).filter((n) => /plain-old|encrypting/.test(n))).toEqual([]);
  });

  it('refuses to create a new empty desk where a database was, naming what it found', () => {
    const c = fresh();
    seedLabs(c, ['在']);
    c.close();
    const dir = c.ctx.dataDir;
    fs.renameSync(path.join(dir, 'desk.sqlite'), path.join(tempDir(), 'elsewhere.sqlite'));
    fs.writeFileSync(path.join(dir, 'desk.sqlite-wal'), 'x');
    let error: unknown;
    try { openCore({ dataDir: dir, mode: 'browser', migrationsDir: MIGRATIONS }); } catch (e) { error = e; }
    expect(error).toMatchObject({ error: { code: 'CONFLICT', reason: 'desk.databaseMissing', params: { found: ['desk.sqlite-wal', 'keyring.json'] } } });
    expect(fs.existsSync(path.join(dir, 'desk.sqlite'))).toBe(false);
  });
});

describe('files and names', () => {
  it.runIf(process.platform !== 'win32')('data folder 0700, database, keyring, backups and attachments 0600', async () => {
    const c: TestCore = fresh();
    fs.chmodSync(c.ctx.dataDir, 0o755);
    const { contractId } = insertContract(c.db);
    addAttachment(c.ctx, { contractId, kind: 'other', fileName: 'a.pdf', dataBase64: pdfDocument('x').toString('base64') });
    await value(c.call('backup:create', {}));
    c.close();
    const again = fresh({}, c.ctx.dataDir);
    expect(fs.statSync(again.ctx.dataDir).mode & 0o777).toBe(0o700);
    const files = allFiles(again.ctx.dataDir);
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) expect([f, fs.statSync(f).mode & 0o777]).toEqual([f, 0o600]);
    for (const d of ['attachments', 'backups']) expect(fs.statSync(path.join(again.ctx.dataDir, d)).mode & 0o777).toBe(0o700);
  });

  it('zip entries carry mode 0644 and Asia/Shanghai timestamps', () => {
    const zip = Buffer.from(zipFiles([{ path: 'a.txt', bytes: Buffer.from('x') }], new Date('2025-06-16T02:03:04.000Z')));
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(zip.readUInt8(cd + 5)).toBe(3); // made by Unix
    expect((zip.readUInt32LE(cd + 38) >>> 16) & 0o777).toBe(0o644);
    const time = zip.readUInt16LE(cd + 12);
    const date = zip.readUInt16LE(cd + 14);
    expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([2025, 6, 16, 10, 3, 4]);
  });

  it.each([
    ['合同/\u202Etxt.exe', '合同_txt.exe'],
    ['报告\u200B\u200D\u2066.pdf\u2069', '报告.pdf'],
    ['a\uD800b.pdf', 'ab.pdf'],
    ['\uFEFF回单.png', '回单.png'],
  ])('file name %j becomes %j', (input, expected) => {
    expect(neutraliseFileName(input)).toBe(expected);
  });

  it('a "/" in the applicant name never shortens the packet file name', () => {
    expect(packetFileName('HT-1', '北京/上海联合公司')).toBe('兑现材料-HT-1-北京_上海联合公司.zip');
  });
});
