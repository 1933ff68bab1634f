// File-level copies of the database. `.backup()` fails with ciphers, so copies use VACUUM INTO,
// which writes a consistent snapshot (WAL content included) encrypted with the connection's key.
import fs from 'node:fs';
import { AppFailure } from '../../shared/result';
import type { Db } from './connection';
import { withReadonly } from './encryption';
import { secureFile } from '../security/files';

/** Writes a consistent copy of the open database to `file` (which must not exist yet). */
export function vacuumInto(db: Db, file: string): void {
  const tmp = `${file}.partial`;
  fs.rmSync(tmp, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    secureFile(tmp);
    // A crash mid-copy leaves only a .partial file, never a truncated backup under a real name.
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Checks a candidate file before it may replace the live database: it opens, passes integrity_check, is not from a newer app. */
export function checkCandidate(file: string, key: string | undefined, latestSchema: number): { schemaVersion: number } {
  return withReadonly(file, key, (db) => {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      throw new AppFailure({ code: 'VALIDATION', field: 'name', message: `备份文件未通过完整性检查，未做任何替换：${String(check).slice(0, 200)} (backup failed integrity_check; nothing was replaced)` });
    }
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    const hasCore = db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'contracts', 'instruments')`).pluck().get() === 3;
    if (schemaVersion < 1 || !hasCore) {
      // An empty or foreign SQLite file passes integrity_check but is no desk backup.
      throw new AppFailure({ code: 'VALIDATION', field: 'name', message: '该文件不是本程序的数据库备份，未做任何替换 (not a backup of this app; nothing was replaced)' });
    }
    if (schemaVersion > latestSchema) {
      throw new AppFailure({ code: 'DB_NEWER', message: `备份来自更新版本的程序（版本 ${schemaVersion}），未做任何替换 (backup is from a newer app; nothing was replaced)` });
    }
    return { schemaVersion };
  });
}
