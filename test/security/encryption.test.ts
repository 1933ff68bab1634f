import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEncryptedFile, withReadonly } from '../../electron/db/encryption';
import { contentHash, tablesJson } from '../helpers/db';
import { fileBytes, freshCores, labNames, seedLabs, type TestCore } from './helpers';

const PASS = 'correct horse battery';
const fresh = freshCores();

/** Every user table except the rows the security actions themselves append (settings, audit). */
function dataHash(c: TestCore): string {
  const rows = c.db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN ('settings','audit_log')
    AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name`).pluck().all() as string[];
  return JSON.stringify(tablesJson(c.db, rows));
}

describe('encryption at rest', () => {
  it('first run starts plain and asks for the choice', async () => {
    const c = fresh();
    const status = await c.call('security:status', {});
    expect(status).toMatchObject({ ok: true, value: { encrypted: false, locked: false, setupDone: false } });
    // A plain desk's temporary tables and sorts stay in memory too: no temporary file outside the data folder.
    expect(c.db.pragma('temp_store', { simple: true })).toBe(2);
    expect(await c.call('security:setup', { mode: 'plain' })).toMatchObject({ ok: true, value: { setupDone: true, encrypted: false } });
    // The choice is made once; a second "plain" is refused, encrypting later is still offered.
    expect(await c.call('security:setup', { mode: 'plain' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('converting plain → encrypted keeps every row and leaves no plain main file', async () => {
    const c = fresh();
    seedLabs(c, ['分析测试中心', '材料实验室', "O'Brien 实验室"]);
    const before = dataHash(c);
    const res = await c.call('security:setup', { mode: 'encrypted', passphrase: PASS });
    expect(res).toMatchObject({ ok: true, value: { encrypted: true, locked: false, setupDone: true } });
    expect(dataHash(c)).toBe(before);
    expect(isEncryptedFile(c.ctx.databaseFile)).toBe(true);
    expect(fs.readFileSync(c.ctx.databaseFile).includes(Buffer.from('分析测试中心'))).toBe(false);
    expect(fs.readdirSync(c.ctx.dataDir).filter((f) => /encrypting|plain-old/.test(f))).toEqual([]);
    // The cipher encrypts the file only: the encrypted desk's connection keeps its temporary tables
    // and sort spills in memory (2), never in a temporary file outside the data folder.
    expect(c.db.pragma('temp_store', { simple: true })).toBe(2);
    // The same data opens from disk with the passphrase, and only with it.
    c.close();
    const again = fresh({ key: PASS }, c.ctx.dataDir);
    expect(dataHash(again)).toBe(before);
    expect(again.db.pragma('temp_store', { simple: true })).toBe(2);
  });

  it('a weak or padded passphrase is refused with the field named', async () => {
    const c = fresh();
    for (const passphrase of ['short', ' leading-space ', '']) {
      const res = await c.call('security:setup', { mode: 'encrypted', passphrase });
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'passphrase' } });
    }
    expect(isEncryptedFile(c.ctx.databaseFile)).toBe(false);
  });

  it('an encrypted desk starts locked: only security:* answers until unlock', async () => {
    const first = fresh();
    seedLabs(first, ['锁定测试']);
    await first.call('security:setup', { mode: 'encrypted', passphrase: PASS });
    first.close();
    const c = fresh({}, first.ctx.dataDir);
    expect(c.locked).toBe(true);
    for (const channel of ['catalog:list', 'labs:list', 'app:info', 'audit:list', 'backup:list', 'backup:create', 'audit:export']) {
      expect((await c.call(channel, {})) as unknown).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    }
    expect(await c.call('security:status', {})).toMatchObject({ ok: true, value: { locked: true, encrypted: true } });
    expect(await c.call('security:unlock', { passphrase: PASS })).toMatchObject({ ok: true, value: { locked: false } });
    expect(await c.call('labs:list', {})).toMatchObject({ ok: true, value: [{ name: '锁定测试' }] });
  });

  it('a wrong passphrase says so clearly and leaves the file byte-identical', async () => {
    const first = fresh();
    await first.call('security:setup', { mode: 'encrypted', passphrase: PASS });
    first.close();
    const dir = first.ctx.dataDir;
    const file = first.ctx.databaseFile;
    const before = fileBytes(file);
    const filesBefore = fs.readdirSync(dir).sort();
    const c = fresh({}, dir);
    for (const wrong of ['correct horse', PASS + ' ', "x' ; PRAGMA rekey='y", '口令']) {
      const res = await c.call('security:unlock', { passphrase: wrong });
      // Refused as a wrong passphrase (a reason worded by the renderer), not as some other lock.
      expect(res).toMatchObject({ ok: false, error: { code: 'LOCKED', reason: 'desk.wrongPassphrase' } });
      expect((res as { error: { message?: string } }).error.message).toBeUndefined();
    }
    expect(c.locked).toBe(true);
    expect(fileBytes(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(filesBefore);
  });

  it('lock closes the connection; unlock reopens the same data', async () => {
    const c = fresh();
    seedLabs(c, ['甲']);
    await c.call('security:setup', { mode: 'encrypted', passphrase: PASS });
    expect(await c.call('security:lock', {})).toMatchObject({ ok: true, value: { locked: true } });
    expect(() => c.ctx.db).toThrow(/LOCKED desk\.locked/);
    expect(await c.call('labs:list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await c.call('security:unlock', { passphrase: PASS });
    expect(labNames(c)).toEqual(['甲']);
    expect(c.db.pragma('temp_store', { simple: true })).toBe(2);
  });

  it('locking a plain desk is a no-op (nothing to protect, nothing to lose)', async () => {
    const c = fresh();
    expect(await c.call('security:lock', {})).toMatchObject({ ok: true, value: { locked: false, encrypted: false } });
    expect(await c.call('labs:list', {})).toMatchObject({ ok: true });
  });

  it('change passphrase: wrong current changes nothing; right current rekeys (WAL restored)', async () => {
    const c = fresh();
    seedLabs(c, ['乙']);
    await c.call('security:setup', { mode: 'encrypted', passphrase: PASS });
    const hash = contentHash(c);
    const bad = await c.call('security:changePassphrase', { current: 'not it at all', next: 'new passphrase 2' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'current' } });
    expect(contentHash(c)).toBe(hash);
    const same = await c.call('security:changePassphrase', { current: PASS, next: PASS });
    expect(same).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'next' } });

    expect(await c.call('security:changePassphrase', { current: PASS, next: 'new passphrase 2' })).toMatchObject({ ok: true });
    expect(c.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(labNames(c)).toEqual(['乙']);
    c.close();
    expect(() => withReadonly(c.ctx.databaseFile, PASS, () => 0)).toThrow(/LOCKED desk\.wrongPassphraseOrNotDatabase/);
    expect(withReadonly(c.ctx.databaseFile, 'new passphrase 2', (db) => db.prepare('SELECT name FROM labs').pluck().all())).toEqual(['乙']);
  });

  it('change passphrase on a plain desk is refused', async () => {
    const c = fresh();
    expect(await c.call('security:changePassphrase', { current: 'whatever1', next: 'whatever2' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('settings: idle minutes and backups to keep, validated', async () => {
    const c = fresh();
    expect(await c.call('security:status', {})).toMatchObject({ ok: true, value: { idleMinutes: 15, keepBackups: 14 } });
    expect(await c.call('security:setSettings', { idleMinutes: 5, keepBackups: 3 })).toMatchObject({ ok: true, value: { idleMinutes: 5, keepBackups: 3 } });
    for (const bad of [{ idleMinutes: -1 }, { keepBackups: 0 }, { idleMinutes: 1.5 }, { keepBackups: '3' }, { other: 1 }]) {
      expect(await c.call('security:setSettings', bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('the data folder holds no plaintext once encrypted (backups made afterwards are encrypted too)', async () => {
    const c = fresh();
    seedLabs(c, ['明文不应出现']);
    await c.call('security:setup', { mode: 'encrypted', passphrase: PASS });
    const backup = await c.call('backup:create', {});
    expect(backup).toMatchObject({ ok: true, value: { encrypted: true } });
    const name = (backup as { value: { name: string } }).value.name;
    const bytes = fs.readFileSync(path.join(c.ctx.dataDir, 'backups', name));
    expect(bytes.includes(Buffer.from('明文不应出现'))).toBe(false);
    expect(isEncryptedFile(path.join(c.ctx.dataDir, 'backups', name))).toBe(true);
  });
});

describe('browser-mode server on an encrypted database', () => {
  it('starts locked: data channels answer LOCKED until security:unlock over HTTP', async () => {
    const { startBrowserServer } = await import('../../electron/browser-server');
    const first = fresh();
    seedLabs(first, ['服务端锁定']);
    await first.call('security:setup', { mode: 'encrypted', passphrase: PASS });
    first.close();
    const rendererDir = path.join(first.ctx.dataDir, 'renderer-stub'); // removed with the core's folder
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const server = await startBrowserServer({ dataDir: first.ctx.dataDir, port: 0, rendererDir, autoBackupDelayMs: 0 });
    const port = new URL(server.url).port;
    const post = async (channel: string, body: unknown) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/${encodeURIComponent(channel)}`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': server.token }, body: JSON.stringify(body),
      });
      return res.json();
    };
    try {
      expect(await post('labs:list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
      expect(await post('security:status', {})).toMatchObject({ ok: true, value: { locked: true, encrypted: true } });
      expect(await post('security:unlock', { passphrase: 'wrong one' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
      expect(await post('security:unlock', { passphrase: PASS })).toMatchObject({ ok: true, value: { locked: false } });
      expect(await post('labs:list', {})).toMatchObject({ ok: true, value: [{ name: '服务端锁定' }] });
      // The daily backup runs in the background once the desk is unlocked and quiet (no call for the
      // host's quiet time), encrypted with the same key: wait for its file and MAC without calling.
      const backupsDir = path.join(first.ctx.dataDir, 'backups');
      const taken = () => fs.existsSync(backupsDir) && fs.readdirSync(backupsDir).some((f) => /^desk-.*\.sqlite$/.test(f) && fs.existsSync(path.join(backupsDir, `${f}.mac`)));
      for (let i = 0; i < 400 && !taken(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(taken()).toBe(true);
      let backups: unknown = await post('backup:list', {});
      for (let i = 0; i < 20 && (backups as { value?: unknown[] }).value?.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 250));
        backups = await post('backup:list', {});
      }
      expect(backups).toMatchObject({ ok: true, value: [{ encrypted: true }] });
      expect(await post('security:lock', {})).toMatchObject({ ok: true, value: { locked: true } });
      expect(await post('labs:list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    } finally {
      server.close();
    }
  });
});
