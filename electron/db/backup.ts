// File-level copies of the database. `.backup()` fails with ciphers, so copies use VACUUM INTO,
// which writes a consistent snapshot (WAL content included) encrypted with the connection's key.
import fs from 'node:fs';
import type { Db } from './connection';
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
