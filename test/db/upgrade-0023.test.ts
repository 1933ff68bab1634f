// Upgrade of a desk written before order bookings: data loaded in the old schema (a booking with
// its logged use, which references it), then the rebuild of the bookings table runs on open.
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/connection';

const MIGRATIONS = path.join(__dirname, '..', '..', 'electron', 'db', 'migrations');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

function migrationsUpTo(version: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-migold-'));
  dirs.push(dir);
  for (const f of fs.readdirSync(MIGRATIONS)) if (Number(f.slice(0, 4)) <= version) fs.copyFileSync(path.join(MIGRATIONS, f), path.join(dir, f));
  return dir;
}

function oldDesk(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-upg-'));
  dirs.push(dir);
  const file = path.join(dir, 'desk.sqlite');
  const { db } = openDatabase(file, { migrationsDir: migrationsUpTo(22) });
  expect(db.pragma('user_version', { simple: true })).toBe(22);
  db.exec(`INSERT INTO instruments(id, inner_id, name_cn, category_code, original_value_fen, created_at, updated_at)
      VALUES (1, 'BJ-001', '扫描电子显微镜', '020101', 60000000, '2025-01-01', '2025-01-01');
    INSERT INTO bookings(id, instrument_id, kind, start_at, end_at, title, series_id, created_at)
      VALUES (7, 1, 'internal', '2025-03-03T09:00', '2025-03-03T12:00', '课题组测样', 's-1', '2025-03-01');
    INSERT INTO usage_logs(instrument_id, booking_id, start_at, end_at, operator, created_at)
      VALUES (1, 7, '2025-03-03T09:00', '2025-03-03T11:30', '王敏', '2025-03-03');`);
  db.close();
  return file;
}

describe('migration 0023 (bookings for orders)', () => {
  it('keeps every booking and the usage that references it, with its triggers and indexes, and foreign keys on', () => {
    const file = oldDesk();
    const { db, migration } = openDatabase(file, { migrationsDir: MIGRATIONS });
    expect(migration.applied).toContain('0023_order_bookings.sql');
    expect(db.prepare('SELECT id, kind, order_id AS orderId, series_id AS seriesId, title FROM bookings').all())
      .toEqual([{ id: 7, kind: 'internal', orderId: null, seriesId: 's-1', title: '课题组测样' }]);
    expect(db.prepare('SELECT b.title FROM usage_logs u JOIN bookings b ON b.id = u.booking_id').pluck().all()).toEqual(['课题组测样']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const objects = db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'bookings' AND type IN ('index', 'trigger') ORDER BY name").pluck().all();
    expect(objects).toEqual(expect.arrayContaining(['bookings_instrument_start', 'bookings_contract', 'bookings_start', 'bookings_series',
      'bookings_order', 'bookings_max_duration_ins', 'bookings_max_duration_upd']));
    // The 7-day trigger still guards the rebuilt table, and an order booking needs its order.
    expect(() => db.prepare(`INSERT INTO bookings(instrument_id, kind, start_at, end_at, created_at) VALUES (1, 'internal', '2025-03-01T09:00', '2025-03-09T09:00', '')`).run())
      .toThrow(/longer than 7 days/);
    expect(() => db.prepare(`INSERT INTO bookings(instrument_id, kind, start_at, end_at, created_at) VALUES (1, 'order', '2025-03-04T09:00', '2025-03-04T10:00', '')`).run())
      .toThrow(/CHECK constraint/);
    // A usage record still cannot point at a booking that does not exist.
    expect(() => db.prepare(`INSERT INTO usage_logs(instrument_id, booking_id, start_at, end_at, created_at) VALUES (1, 99, '2025-03-05T09:00', '2025-03-05T10:00', '')`).run())
      .toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('rolls the whole open back when the upgraded data would hold a dangling reference', () => {
    const file = oldDesk();
    const dir = migrationsUpTo(9999);
    fs.writeFileSync(path.join(dir, '9999_dangling.sql'), 'DELETE FROM bookings;');
    // The runner's foreign-key check before commit refuses, and nothing of 0023 onward stays.
    expect(() => openDatabase(file, { migrationsDir: dir })).toThrow(/usage_logs/);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(22);
    expect(raw.prepare("SELECT count(*) FROM pragma_table_info('bookings') WHERE name = 'order_id'").pluck().get()).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM bookings').pluck().get()).toBe(1);
    raw.close();
  });
});
