// Migrations that add columns to tables already holding rows: every row written before keeps each
// value it had, and the new columns read as the migration says for old rows (the default, or NULL
// for "not set"). Each case writes realistic rows in the schema just below the migration.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../electron/db/connection';
import { upgradeDesks } from './upgrade-helpers';
import { contractRows, instrumentRow, officeLabYearRow, orderRow, quoteRow, usageRow } from './upgrade-rows';

const desks = upgradeDesks();
type Row = Record<string, unknown>;

const PLATFORM_TEXT = ['asset_no', 'carrier_type', 'carrier_no', 'department', 'funding_sources', 'image_name', 'user_notice', 'booking_url', 'addr_province',
  'addr_city', 'addr_district', 'addr_street', 'mail_address', 'postcode', 'customs_declaration_no', 'customs_item_no', 'customs_name'];

const CASES: { migration: string; load: (db: Db) => void; added: Record<string, Row> }[] = [
  {
    migration: '0002_deals.sql',
    load: (db) => { contractRows(db, 1); contractRows(db, 2); },
    added: { applicants: { specialized_sme: 0, legal_entity: null, student_members: null, core_members: null }, contracts: { city_funded: 0 } },
  },
  {
    migration: '0018_orders.sql',
    load: (db) => { usageRow(db, instrumentRow(db), contractRows(db).contractId); },
    added: { usage_logs: { order_id: null } },
  },
  {
    migration: '0020_money.sql',
    load: (db) => { contractRows(db); },
    added: { applicants: { price_group_id: null }, contracts: { quote_id: null } },
  },
  {
    migration: '0025_platform_record.sql',
    load: (db) => { instrumentRow(db, 'YQ-001'); instrumentRow(db, 'YQ-002'); },
    added: { instruments: { ...Object.fromEntries(PLATFORM_TEXT.map((c) => [c, ''])), customs_supervised: 0, booked_date: null, customs_release_date: null } },
  },
  {
    migration: '0035_office_other_income.sql',
    load: officeLabYearRow,
    added: { office_lab_years: { other_income_fen: 0 } },
  },
  {
    migration: '0037_order_quotes.sql',
    load: (db) => { const { applicantId } = contractRows(db); orderRow(db, applicantId); quoteRow(db, applicantId); },
    added: { orders: { quote_id: null }, quotes: { order_id: null } },
  },
];

const rowsOf = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Row[];

describe('migrations that add columns to filled tables', () => {
  it.each(CASES)('$migration keeps every old value and gives old rows the new columns as documented', ({ migration, load, added }) => {
    const version = Number(migration.slice(0, 4));
    const before: Record<string, Row[]> = {};
    const file = desks.oldDesk(version - 1, (db) => {
      load(db);
      for (const table of Object.keys(added)) before[table] = rowsOf(db, table);
    });
    const { db, applied } = desks.upgrade(file, version);
    expect(applied).toEqual([migration]);
    for (const [table, columns] of Object.entries(added)) {
      expect(before[table].length, table).toBeGreaterThan(0);
      expect(rowsOf(db, table), table).toEqual(before[table].map((r) => ({ ...r, ...columns })));
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
