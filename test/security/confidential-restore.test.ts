// Restore accepts only the desk's own backups: each tampered file is refused with the check that
// failed, and the live desk is unchanged (content hash and file bytes equal).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyKey } from '../../electron/db/connection';
import { keysOf } from '../../electron/security/keyring';
import { writeMac } from '../../electron/services/backup/mac';
import { contentHash } from '../helpers/db';
import { insertContract } from '../redemption/fixtures';
import { freshCores, type TestCore } from './helpers';

const fresh = freshCores();
type Ok<T> = { ok: true; value: T };
async function value<T>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as Ok<T> | { ok: false; error: unknown };
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const PASS = 'restore test passphrase';
const BANK = '0200 0045 1900 1234 567';

async function deskWithBackup(encrypted: boolean): Promise<{ c: TestCore; file: string; name: string }> {
  const c = fresh();
  insertContract(c.db);
  if (encrypted) await value(c.call('security:setup', { mode: 'encrypted', passphrase: PASS }));
  const b = await value<{ name: string }>(c.call('backup:create', {}));
  return { c, name: b.name, file: path.join(c.ctx.dataDir, 'backups', b.name) };
}

/** Edits a backup with the sqlite3 shell's powers (and the desk's key when `key` is given). */
function edit(file: string, key: string | undefined, sql: string): void {
  const db = new Database(file);
  try {
    if (key) applyKey(db, key);
    db.pragma('journal_mode = DELETE');
    db.exec(sql);
  } finally {
    db.close();
  }
}

async function expectRefused(c: TestCore, name: string, reason: string): Promise<void> {
  const hash = contentHash(c);
  const backupsBefore = fs.readdirSync(path.join(c.ctx.dataDir, 'backups')).sort();
  const res = await c.call('backup:restore', { name });
  expect(res).toMatchObject({ ok: false, error: { reason, params: { check: reason.replace('restore.', '') } } });
  expect(contentHash(c)).toBe(hash);
  expect(fs.readdirSync(path.join(c.ctx.dataDir, 'backups')).sort()).toEqual(backupsBefore); // no pre-restore copy either
  expect(fs.readdirSync(c.ctx.dataDir).filter((n) => /desk\.sqlite\.|swap/.test(n))).toEqual([]);
  tried++;
  refused++;
}
let tried = 0;
let refused = 0;

describe('restore refuses what is not the desk\'s own backup', () => {
  it('a byte flipped in a bank account: MAC mismatch', async () => {
    const { c, name, file } = await deskWithBackup(false);
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(Buffer.from(BANK));
    expect(at).toBeGreaterThan(0);
    bytes[at] = '9'.charCodeAt(0);
    fs.writeFileSync(file, bytes);
    await expectRefused(c, name, 'restore.macMismatch');
  });

  it('a flipped byte in an encrypted backup: MAC mismatch', async () => {
    const { c, name, file } = await deskWithBackup(true);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 1;
    fs.writeFileSync(file, bytes);
    await expectRefused(c, name, 'restore.macMismatch');
  });

  it('a backup without the desk\'s MAC (copied in from elsewhere)', async () => {
    const { c, name, file } = await deskWithBackup(false);
    fs.rmSync(`${file}.mac`);
    await expectRefused(c, name, 'restore.macMissing');
  });

  it('audit triggers dropped and history rewritten: MAC mismatch, and the schema check even with a valid MAC', async () => {
    const { c, name, file } = await deskWithBackup(true);
    const triggers = (() => {
      const db = new Database(file, { readonly: true });
      try {
        applyKey(db, PASS);
        return db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'`).pluck().all() as string[];
      } finally { db.close(); }
    })();
    expect(triggers.length).toBeGreaterThan(0);
    edit(file, PASS, `${triggers.map((t) => `DROP TRIGGER "${t}";`).join('\n')} DELETE FROM audit_log;`);
    await expectRefused(c, name, 'restore.macMismatch');
    writeMac(keysOf(c.ctx).current, file); // an insider holding the data key
    await expectRefused(c, name, 'restore.schemaTriggers');
  });

  it('a plain backup into an encrypted desk, even with a valid MAC', async () => {
    const { c } = await deskWithBackup(true);
    const plain = path.join(c.ctx.dataDir, 'backups', 'desk-20250101-000000.sqlite');
    // A plain database with the desk's schema (decrypted copy of the live file).
    const db = new Database(c.ctx.databaseFile, { readonly: true });
    applyKey(db, PASS);
    const tmp = `${plain}.x`;
    db.prepare('VACUUM INTO ?').run(tmp);
    db.close();
    edit(tmp, PASS, `PRAGMA rekey = ''`);
    fs.renameSync(tmp, plain);
    expect(fs.readFileSync(plain).subarray(0, 15).toString()).toBe('SQLite format 3');
    writeMac(keysOf(c.ctx).current, plain);
    await expectRefused(c, 'desk-20250101-000000.sqlite', 'restore.plainIntoEncrypted');
  });

  it('a file holding only three table names, with a valid MAC: the schema check names the tables', async () => {
    const { c } = await deskWithBackup(false);
    const name = 'desk-20250101-000000.sqlite';
    const file = path.join(c.ctx.dataDir, 'backups', name);
    edit(file, undefined, 'CREATE TABLE audit_log(id); CREATE TABLE contracts(id); CREATE TABLE instruments(id); PRAGMA user_version = 22;');
    writeMac(keysOf(c.ctx).current, file);
    const res = await c.call('backup:restore', { name });
    expect(res).toMatchObject({ ok: false, error: { reason: 'restore.schemaTables', params: { missing: expect.arrayContaining(['labs', 'applicants']) } } });
    await expectRefused(c, name, 'restore.schemaTables');
  });

  it('a backup MACed under another desk\'s key', async () => {
    const { c, name, file } = await deskWithBackup(false);
    const other = await deskWithBackup(false);
    fs.copyFileSync(other.file, file);
    fs.copyFileSync(`${other.file}.mac`, `${file}.mac`);
    await expectRefused(c, name, 'restore.macOtherKey');
  });

  it('the desk\'s own backup still restores, verified, through one journaled rename', async () => {
    const { c, name } = await deskWithBackup(true);
    insertContract(c.db);
    const hashAtBackup = contentHash(c);
    expect(await c.call('backup:restore', { name })).toMatchObject({ ok: true });
    expect(contentHash(c)).not.toBe(hashAtBackup);
    expect(c.db.prepare('SELECT count(*) FROM contracts').pluck().get()).toBe(1);
    expect(c.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(fs.readdirSync(c.ctx.dataDir).filter((n) => /desk\.sqlite\.|swap/.test(n))).toEqual([]);
    // Figures for the closing note.
    console.log(`[restore] tampered restores refused: ${refused} of ${tried}`);
    expect(refused).toBe(tried);
  });
});
