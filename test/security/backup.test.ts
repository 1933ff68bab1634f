import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { parseBackupName, shanghaiStamp } from '../../electron/services/backup/names';
import { fileBytes, freshCores, labNames, seedLabs, tempDir, type TestCore } from './helpers';

const fresh = freshCores();

const backups = (c: TestCore) => fs.readdirSync(path.join(c.ctx.dataDir, 'backups')).sort();
type Ok<T> = { ok: true; value: T };
async function value<T>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as Ok<T> | { ok: false; error: unknown };
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('backup names', () => {
  it.each([
    ['2025-06-16T02:00:00.000Z', '20250616-100000'],
    ['2025-12-31T16:30:05.000Z', '20260101-003005'], // Shanghai is already in the new year
    ['2024-02-28T23:59:59.000Z', '20240229-075959'],
  ])('%s → desk-%s', (iso, stamp) => {
    expect(shanghaiStamp(new Date(iso))).toBe(stamp);
    expect(parseBackupName(`desk-${stamp}.sqlite`)?.instant.toISOString()).toBe(new Date(iso).toISOString().replace(/\.\d{3}Z/, '.000Z'));
  });

  it.each(['../desk.sqlite', 'desk-20250616-100000.sqlite/../../x', '/etc/passwd', 'desk-20250616-100000.db', 'DESK-20250616-100000.sqlite',
    'desk-20250616-100000.sqlite\0', 'desk-2025061-100000.sqlite', '..\\..\\desk-20250616-100000.sqlite'])('rejects %j', (name) => {
    expect(parseBackupName(name)).toBeNull();
  });
});

describe('backups', () => {
  it('manual backup is listed, named by Shanghai time, and is a full copy', async () => {
    const c = fresh();
    seedLabs(c, ['备份一']);
    const info = await value<{ name: string; kind: string; sizeBytes: number; encrypted: boolean }>(c.call('backup:create', {}));
    expect(info).toMatchObject({ name: 'desk-20250616-100000.sqlite', kind: 'backup', encrypted: false });
    expect(info.sizeBytes).toBeGreaterThan(0);
    expect(await value(c.call('backup:list', {}))).toEqual([expect.objectContaining({ name: info.name, takenAt: '2025-06-16 10:00:00' })]);
    // A second copy in the same second gets a suffix and sorts first.
    const second = await value<{ name: string }>(c.call('backup:create', {}));
    expect(second.name).toBe('desk-20250616-100000-2.sqlite');
    expect((await value<{ name: string }[]>(c.call('backup:list', {}))).map((b) => b.name)).toEqual([second.name, info.name]);
    expect(await value(c.call('audit:list', { entity: 'backup' }))).toHaveLength(2);
  });

  it('keeps only the last N rotated backups (setting), never pre-restore copies', async () => {
    const c = fresh();
    await c.call('security:setSettings', { keepBackups: 3 });
    const first = await value<{ name: string }>(c.call('backup:create', {}));
    c.setNow('2025-06-16T03:00:00.000Z');
    await c.call('backup:restore', { name: first.name });
    for (let h = 4; h <= 8; h++) {
      c.setNow(`2025-06-16T0${h}:00:00.000Z`);
      await c.call('backup:create', {});
    }
    expect(backups(c)).toEqual([
      'desk-20250616-140000.sqlite', 'desk-20250616-140000.sqlite.mac', 'desk-20250616-150000.sqlite', 'desk-20250616-150000.sqlite.mac',
      'desk-20250616-160000.sqlite', 'desk-20250616-160000.sqlite.mac',
      'pre-restore-20250616-110000.sqlite', 'pre-restore-20250616-110000.sqlite.mac',
    ]);
  });

  it('daily automatic backup: at start when none exists or the newest is a day old', async () => {
    const dir = tempDir();
    const first = fresh({ autoBackup: true, nowIso: '2025-06-16T01:00:00.000Z' }, dir);
    // No copy at all before the first-run choice (plain or encrypted) was made.
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
    await value(first.call('security:setup', { mode: 'plain' }));
    first.close();
    const a = fresh({ autoBackup: true, nowIso: '2025-06-16T02:00:00.000Z' }, dir);
    // Taken in the background: the core is open before the copy is done.
    await a.backups.settled();
    expect(backups(a).filter((n) => n.endsWith('.sqlite'))).toEqual(['desk-20250616-100000.sqlite']);
    a.close();
    const b = fresh({ autoBackup: true, nowIso: '2025-06-17T01:59:59.000Z' }, dir);
    expect(b.backups.busy).toBe(false);
    expect(backups(b).filter((n) => n.endsWith('.sqlite'))).toHaveLength(1); // 23 h 59 min later: not due
    b.close();
    const c2 = fresh({ autoBackup: true, nowIso: '2025-06-17T02:00:00.000Z' }, dir);
    await c2.backups.settled();
    expect(backups(c2).filter((n) => n.endsWith('.sqlite'))).toEqual(['desk-20250616-100000.sqlite', 'desk-20250617-100000.sqlite']);
  });

  it('restore swaps the live database, keeps the replaced one as pre-restore, and ctx keeps working', async () => {
    const c = fresh();
    seedLabs(c, ['原有']);
    const backup = await value<{ name: string }>(c.call('backup:create', {}));
    seedLabs(c, ['之后新增']);
    c.setNow('2025-06-16T04:00:00.000Z');
    const ctxBefore = c.ctx;
    const res = await value<{ restored: string; preRestore: string }>(c.call('backup:restore', { name: backup.name }));
    expect(res).toEqual({ restored: backup.name, preRestore: 'pre-restore-20250616-120000.sqlite' });
    expect(c.ctx).toBe(ctxBefore);
    expect(await value(c.call('labs:list', {}))).toEqual([expect.objectContaining({ name: '原有' })]);
    // The replaced state survives as a copy: restore it back.
    await value(c.call('backup:restore', { name: res.preRestore }));
    expect(labNames(c)).toEqual(['原有', '之后新增']);
    expect(fs.readdirSync(c.ctx.dataDir).filter((f) => /restoring|before-restore/.test(f))).toEqual([]);
  });

  it.each([
    ['../desk.sqlite', 'FORBIDDEN'],
    ['../../etc/passwd', 'FORBIDDEN'],
    ['/etc/passwd', 'FORBIDDEN'],
    ['backups/desk-20250616-100000.sqlite', 'FORBIDDEN'],
    ['desk-20250616-100000.sqlite/../../desk.sqlite', 'FORBIDDEN'],
    ['..%2Fdesk.sqlite', 'FORBIDDEN'],
    ['desk-20990101-000000.sqlite', 'NOT_FOUND'],
  ])('restore %j is refused (%s) and changes nothing', async (name, code) => {
    const c = fresh();
    seedLabs(c, ['不变']);
    await c.call('backup:create', {});
    c.close();
    const bytes = fileBytes(c.ctx.databaseFile);
    const c2 = fresh({}, c.ctx.dataDir);
    const list = backups(c2);
    expect(await c2.call('backup:restore', { name })).toMatchObject({ ok: false, error: { code } });
    expect(backups(c2)).toEqual(list);
    expect(labNames(c2)).toEqual(['不变']);
    c2.close();
    expect(fileBytes(c.ctx.databaseFile).equals(bytes)).toBe(true);
  });

  it.each([
    ['random bytes', (good: Buffer) => Buffer.from(good.map((_, i) => (i * 7919) % 251))],
    ['truncated', (good: Buffer) => good.subarray(0, Math.floor(good.length / 3))],
    ['damaged page', (good: Buffer) => { const b = Buffer.from(good); b.fill(0xff, 4096, 4096 + 64); return b; }],
    ['empty', () => Buffer.alloc(0)],
    ['foreign SQLite file', () => {
      const dir = tempDir();
      const f = path.join(dir, 'x.sqlite');
      const db = new Database(f);
      db.exec('CREATE TABLE t(x)');
      db.pragma('user_version = 3');
      db.close();
      const bytes = fs.readFileSync(f);
      fs.rmSync(dir, { recursive: true, force: true });
      return bytes;
    }],
  ])('a corrupted backup (%s) fails the integrity check before anything is replaced', async (_label, corrupt) => {
    const c = fresh();
    seedLabs(c, ['现状']);
    const good = await value<{ name: string }>(c.call('backup:create', {}));
    const dir = path.join(c.ctx.dataDir, 'backups');
    fs.writeFileSync(path.join(dir, 'desk-20250101-000000.sqlite'), corrupt(fs.readFileSync(path.join(dir, good.name))));
    const before = backups(c);
    const res = await c.call('backup:restore', { name: 'desk-20250101-000000.sqlite' });
    expect(res).toMatchObject({ ok: false });
    expect(['VALIDATION', 'LOCKED']).toContain((res as { error: { code: string } }).error.code);
    expect(backups(c)).toEqual(before); // no pre-restore copy: the check came first
    expect(labNames(c)).toEqual(['现状']);
  });

  it('a backup from before a passphrase change is rekeyed to the new passphrase; the old one opens nothing', async () => {
    const c = fresh();
    seedLabs(c, ['旧口令时期']);
    await c.call('security:setup', { mode: 'encrypted', passphrase: 'first passphrase' });
    const old = await value<{ name: string }>(c.call('backup:create', {}));
    seedLabs(c, ['新口令时期']);
    await value(c.call('security:changePassphrase', { current: 'first passphrase', next: 'second passphrase' }));
    const file = path.join(c.ctx.dataDir, 'backups', old.name);
    expect(() => { const db = new Database(file, { readonly: true }); try { db.pragma(`cipher='sqlcipher'`); db.pragma('legacy=4'); db.pragma(`key='first passphrase'`); db.prepare('SELECT count(*) FROM sqlite_master').get(); } finally { db.close(); } }).toThrow();
    expect(await c.call('backup:restore', { name: old.name })).toMatchObject({ ok: true });
    expect(labNames(c)).toEqual(['旧口令时期']);
    expect(c.key).toBe('second passphrase');
  });

  it('plain backups made before encryption are encrypted with the desk and restore as encrypted', async () => {
    const c = fresh();
    seedLabs(c, ['加密前']);
    const plain = await value<{ name: string; encrypted: boolean }>(c.call('backup:create', {}));
    expect(plain.encrypted).toBe(false);
    await c.call('security:setup', { mode: 'encrypted', passphrase: 'keep me secret' });
    expect(fs.readFileSync(path.join(c.ctx.dataDir, 'backups', plain.name)).includes(Buffer.from('加密前'))).toBe(false);
    expect(await value(c.call('backup:list', {}))).toEqual([expect.objectContaining({ name: plain.name, encrypted: true })]);
    await value(c.call('backup:restore', { name: plain.name }));
    expect(c.encrypted).toBe(true);
    expect(labNames(c)).toEqual(['加密前']);
    const status = await value<{ encrypted: boolean }>(c.call('security:status', {}));
    expect(status.encrypted).toBe(true);
    expect(fs.readFileSync(c.ctx.databaseFile).includes(Buffer.from('加密前'))).toBe(false);
  });
});
