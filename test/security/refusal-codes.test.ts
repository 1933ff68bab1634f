// The desk's own failures (a backup copy that cannot be written, an encrypted copy that does not
// match the original, the data folder held by another desk) come back as reason codes with
// parameters, never prose, and the renderer words each in Chinese and in English.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireFolderLock } from '../../electron/core-host/lock-file';
import { verifyCopy } from '../../electron/db/encryption';
import { backupScheduler } from '../../electron/services/backup/scheduler';
import { describeError } from '../../renderer/src/i18n-errors';
import { AppFailure, type AppError } from '../../shared/result';
import { tempCore, type TempCore } from '../helpers/db';
import { refusal } from '../helpers/failure';

const cores: TempCore[] = [];
afterEach(() => { for (const c of cores.splice(0)) c.cleanup(); });

const CJK = /[\u3400-\u9fff]/;

/** Worded in each language, with the parameters filled in and no Chinese in the English text. */
function expectWorded(error: AppError, zhPart: string, enPart: string) {
  const zh = describeError(error, 'zh');
  const en = describeError(error, 'en');
  expect(zh).toContain(zhPart);
  expect(en).toContain(enPart);
  expect(en).not.toMatch(CJK);
  expect(`${zh} ${en}`).not.toMatch(/\{\w+\}/);
}

describe('refusals of the desk itself are codes with parameters', () => {
  it('an encrypted copy with other row counts than the original: encryption.copyRowCounts naming the tables', () => {
    const core = tempCore();
    cores.push(core);
    core.db.prepare("INSERT INTO labs (name, created_at) VALUES ('副本检查', '2025-06-16T02:00:00Z')").run();
    const copy = path.join(core.dir, 'copy.sqlite');
    core.db.prepare('VACUUM INTO ?').run(copy);
    const raw = new Database(copy);
    raw.prepare('DELETE FROM labs').run();
    raw.close();
    const error = refusal(() => verifyCopy(core.db, copy, undefined));
    expect(error).toMatchObject({ code: 'INTERNAL', reason: 'encryption.copyRowCounts', params: { tables: ['labs'] } });
    expect(error.message).toBeUndefined();
    expectWorded(error, 'labs', 'labs');
    // The copy that matches passes.
    const good = path.join(core.dir, 'good.sqlite');
    core.db.prepare('VACUUM INTO ?').run(good);
    expect(() => verifyCopy(core.db, good, undefined)).not.toThrow();
  });

  it('a backup copy that cannot be written: backup.copyFailed, no partial file left', async () => {
    const core = tempCore();
    cores.push(core);
    const scheduler = backupScheduler(core.ctx, { databaseFile: path.join(core.dir, 'missing.sqlite'), key: () => undefined });
    const error = await scheduler.run('manual').then(() => null, (e: unknown) => (e instanceof AppFailure ? e.error : e));
    expect(error).toMatchObject({ code: 'INTERNAL', reason: 'backup.copyFailed' });
    expect(String((error as AppError).params!.detail)).not.toBe('');
    expect(fs.readdirSync(path.join(core.dir, 'backups')).filter((n) => n.endsWith('.partial') || n.endsWith('.sqlite'))).toEqual([]);
    expectWorded(error as AppError, '备份副本未能写成', 'could not be written');
  });

  it('the data folder held by a running desk: desk.lockedByOther with the holder\'s process', async () => {
    const core = tempCore();
    cores.push(core);
    const dir = path.join(core.dir, 'held');
    fs.mkdirSync(dir);
    // Another process that is alive holds the lock.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(dir, 'desk.lock'), JSON.stringify({ pid: other.pid, mode: 'browser', startedAt: '2025-06-16T02:00:00.000Z' }));
      const error = refusal(() => acquireFolderLock(dir, 'electron'));
      expect(error).toMatchObject({ code: 'CONFLICT', reason: 'desk.lockedByOther', params: { pid: other.pid, mode: 'browser', dataDir: dir } });
      expect(error.message).toBeUndefined();
      expectWorded(error, `进程 ${other.pid}`, `process ${other.pid}`);
      // Nothing was taken: the holder's lock is still there.
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'desk.lock'), 'utf8')).pid).toBe(other.pid);
    } finally {
      other.kill();
    }
  });

  it('a database from a newer app and a failed migration are worded in both languages', () => {
    expectWorded({ code: 'DB_NEWER', reason: 'desk.newer', params: { version: 999, supported: 60 } }, '999', 'version 999');
    expectWorded({ code: 'INTERNAL', reason: 'migration.failed', params: { migration: '0002_broken.sql', detail: 'near ";": syntax error' } }, '0002_broken.sql', 'the database is unchanged');
  });
});
