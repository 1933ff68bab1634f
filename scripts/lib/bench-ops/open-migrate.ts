// Opening the file as the app does (unlock check, pragmas, migrations up to date) vs a bare open.
import Database from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from '../../../electron/db/connection';
import { measure } from '../timing';
import type { BenchOp } from './types';

export const openMigrate: BenchOp = {
  id: 'open',
  async run(env) {
    const service = await measure(env.runs, () => openDatabase(env.dbFile).db.close());
    const baseline = await measure(env.runs, () => {
      const db = new Database(env.dbFile);
      db.pragma('user_version', { simple: true });
      db.close();
    });
    return [{ name: 'open + migrate', service, baseline }];
  },
};
