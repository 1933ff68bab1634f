// Writes a realistic database with the app's own openDatabase (so every migration applies), then
// fills it step by step inside large transactions with prepared statements.

import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../../electron/db/connection';
import { createRng } from '../prng';
import { generateInstruments, generateLabs } from './catalog';
import { generateDeals } from './deals';
import { seedSizes, type SeedOptions } from './options';
import { generateApplicants } from './parties';
import { generateRedemptions } from './redemptions';
import { generateSchedule } from './schedule';
import { workingDays, type World } from './world';

export interface SeedTotals {
  labs: number;
  instruments: number;
  applicants: number;
  vouchers: number;
  contracts: number;
  voucherContracts: number;
  bookings: number;
  usage: number;
  redemptions: number;
  invoices: number;
  workingDays: number;
  /** Years the holiday table has no data for: weekdays only. */
  weekdayOnlyYears: number[];
  seconds: number;
}

/** What the bench needs to know about a seeded file; written beside it as <file>.json. */
export interface SeedMeta {
  seed: number;
  today: string;
  years: number;
  totals: SeedTotals;
}

export function metaPath(dbFile: string): string {
  return `${dbFile}.json`;
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '.json']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Drops the tables' secondary indexes, runs the load and recreates them from their own stored
 * definitions (whatever the migrations made them): one sorted build beats a million random inserts.
 */
function withIndexesDeferred<T>(db: Db, tables: string[], load: () => T): T {
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
    AND tbl_name IN (${tables.map(() => '?').join(', ')})`).all(...tables) as { name: string; sql: string }[];
  // Names come from sqlite_master, not from input; identifiers cannot be bound parameters.
  for (const ix of indexes) db.exec('DROP INDEX "' + ix.name.replace(/"/g, '""') + '"');
  const result = load();
  db.transaction(() => { for (const ix of indexes) db.exec(ix.sql); })();
  return result;
}

export function seedDatabase(options: SeedOptions): SeedTotals {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  removeDatabase(options.out);
  fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  const { db } = openDatabase(options.out);
  try {
    // Bulk load into a fresh file: no rollback journal, no fsync, a big page cache. A crash means
    // re-running the generator; the app reopens the file in WAL mode as usual.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const { days, todayIndex, missingYears } = workingDays(db, options.today, options.years);
    const w: World = {
      db, rng: createRng(options.seed), options, sizes: seedSizes(options), days, todayIndex,
      labs: [], instruments: [], applicants: [], contracts: [], sessions: new Map(),
      createdAt: `${days[0]}T02:00:00.000Z`, log,
    };
    const step = <T>(label: string, fn: () => T): T => {
      const t0 = performance.now();
      const result = db.transaction(fn)();
      log(`${label} (${((performance.now() - t0) / 1000).toFixed(2)} s)`);
      return result;
    };
    log(`${days.length} working days ${days[0]} … ${days[days.length - 1]}; weekdays only for ${missingYears.join(', ') || 'none'}`);
    step(`labs ${w.sizes.labs}`, () => generateLabs(w));
    step(`instruments ${w.sizes.instruments}`, () => generateInstruments(w));
    const applicants = step(`applicants ${w.sizes.applicants}`, () => generateApplicants(w));
    const deals = step('vouchers and contracts', () => generateDeals(w, applicants));
    log(`  vouchers ${deals.vouchers}, contracts ${deals.contracts} (${deals.voucherContracts.length} with vouchers)`);
    const t0 = performance.now();
    const schedule = withIndexesDeferred(db, ['bookings', 'usage_logs'], () => generateSchedule(w));
    log(`bookings and usage (${((performance.now() - t0) / 1000).toFixed(2)} s)`);
    const paperwork = step('invoices and redemptions', () => generateRedemptions(w, deals));
    db.pragma('journal_mode = WAL');
    const totals: SeedTotals = {
      labs: w.labs.length, instruments: w.instruments.length, applicants: applicants.length,
      vouchers: deals.vouchers, contracts: deals.contracts, voucherContracts: deals.voucherContracts.length,
      bookings: schedule.bookings, usage: schedule.usage, redemptions: paperwork.redemptions, invoices: paperwork.invoices,
      workingDays: days.length, weekdayOnlyYears: missingYears, seconds: (performance.now() - started) / 1000,
    };
    const meta: SeedMeta = { seed: options.seed, today: options.today, years: options.years, totals };
    fs.writeFileSync(metaPath(options.out), JSON.stringify(meta, null, 2));
    return totals;
  } finally {
    db.close();
  }
}
