// The migration that gives Shanghai orders a table at the office: orders imported before it (the
// lab's orders table rows as they were, kept as records without a year) take the form of the new
// part and their order date's year, and fill office_orders, so the office's figures count them.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AT, MIGRATIONS, upgradeDesks } from '../db/upgrade-helpers';

const desks = upgradeDesks();
const file = fs.readdirSync(MIGRATIONS).find((f) => f.endsWith('_office_orders.sql'))!;
const version = Number(file.slice(0, 4));

describe(`migration ${file}`, () => {
  it('turns the orders held as table rows into order records with their year, and fills office_orders', () => {
    const desk = desks.oldDesk(version - 1, (db) => {
      const rec = db.prepare('INSERT INTO office_records(desk_id, part, rkey, hash, data, year) VALUES (?, ?, ?, ?, ?, ?)');
      const row = (id: number, number: string, date: string, status: string) => JSON.stringify({
        id, number, applicant_id: 3, product_id: 1, order_date: date, total_fen: 120_000, voucher_fen: 60_000, payout_party: 'institution', status,
        profile_id: 'shanghai-2025', city_funded: 0, related_party: 0, subcontracted: 0, cross_region: null, issuing_region: null, notice_start: null, note: '',
        created_at: AT, updated_at: AT,
      });
      rec.run('desk-a', 'orders', '1', 'h1', row(1, 'SH-1', '2025-04-02', 'completed'), null);
      rec.run('desk-a', 'orders', '2', 'h2', row(2, 'SH-2', '2026-01-05', 'cancelled'), null);
      rec.run('desk-a', 'contracts', '9', 'h3', JSON.stringify({ number: 'HT-9', signedDate: '2025-01-01' }), 2025);
    });
    const { db, applied } = desks.upgrade(desk, version);
    expect(applied).toEqual([file]);
    expect(db.prepare("SELECT rkey, year, json(data) AS data FROM office_records WHERE part = 'orders' ORDER BY rkey").all()).toEqual([
      { rkey: '1', year: 2025, data: JSON.stringify({ id: 1, number: 'SH-1', applicantId: 3, orderDate: '2025-04-02', totalFen: 120_000, voucherFen: 60_000, status: 'completed', payoutParty: 'institution', crossRegion: null, profileId: 'shanghai-2025' }) },
      { rkey: '2', year: 2026, data: JSON.stringify({ id: 2, number: 'SH-2', applicantId: 3, orderDate: '2026-01-05', totalFen: 120_000, voucherFen: 60_000, status: 'cancelled', payoutParty: 'institution', crossRegion: null, profileId: 'shanghai-2025' }) },
    ]);
    expect(db.prepare('SELECT * FROM office_orders ORDER BY oid').all()).toEqual([
      { desk_id: 'desk-a', oid: 1, number: 'SH-1', applicant_id: 3, order_date: '2025-04-02', total_fen: 120_000, voucher_fen: 60_000, status: 'completed' },
      { desk_id: 'desk-a', oid: 2, number: 'SH-2', applicant_id: 3, order_date: '2026-01-05', total_fen: 120_000, voucher_fen: 60_000, status: 'cancelled' },
    ]);
    expect(db.prepare("SELECT year FROM office_records WHERE part = 'contracts'").pluck().get()).toBe(2025);
    db.close();
  });
});
