// The migration that holds a lab's charges and 额定机时 at the office as hashes per part and year:
// the rows move out of office_records; a charge held as the lab's table row becomes the record it
// is now read as, so the lab's next package shows it unchanged.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chargeFromTableRow, chargeRecord } from '../../electron/services/facility/package/parts';
import { AT, MIGRATIONS, upgradeDesks } from '../db/upgrade-helpers';

const desks = upgradeDesks();
const file = fs.readdirSync(MIGRATIONS).find((f) => f.endsWith('_office_agreement_hours.sql'))!;
const version = Number(file.slice(0, 4));

describe(`migration ${file}`, () => {
  it('moves charges and 额定机时 hashes to office_part_hashes, charges as the records they are now read as; hours under agreements unknown', () => {
    const row = {
      id: 7, contract_id: 3, order_id: null, kind: 'usage', category: 'usage', service_date: '2025-03-10', instrument_id: 2, usage_id: 11, usage_start_at: '2025-03-10T09:00',
      usage_minutes: 480, rate_item_id: null, rate_version_id: null, price_group_id: null, description: '机时', unit: 'hour', quantity_milli: 8000, unit_price_fen: 32_500,
      setup_fee_fen: 0, minimum_fen: 0, amount_fen: 260_000, reason: '', statement_id: null, created_at: AT, created_by: 'x',
    };
    const desk = desks.oldDesk(version - 1, (db) => {
      const rec = db.prepare('INSERT INTO office_records(desk_id, part, rkey, hash, data, year) VALUES (?, ?, ?, ?, ?, ?)');
      rec.run('desk-a', 'charges', '7', 'h7', JSON.stringify(row), 2025);
      rec.run('desk-a', 'ratedHours', '2:2025', 'r1', JSON.stringify({ id: '2:2025', instrumentId: 2, year: 2025, hours: 1600, origin: 'unit' }), 2025);
      rec.run('desk-a', 'ratedHours', '2:2026', 'r2', JSON.stringify({ id: '2:2026', instrumentId: 2, year: 2026, hours: 1600, origin: 'unit' }), 2026);
      rec.run('desk-a', 'contracts', '3', 'c3', JSON.stringify({ number: 'HT-3', signedDate: '2025-01-01' }), 2025);
      db.prepare(`INSERT INTO office_instrument_years(desk_id, iid, year, rated_hours, sec, ext_sec, records, income_fen, sat_sum, sat_n)
        VALUES ('desk-a', 2, 2025, 1600, 28800, 28800, 1, 260000, 0, 0)`).run();
    });
    const { db, applied } = desks.upgrade(desk, version);
    expect(applied).toEqual([file]);
    expect(db.prepare('SELECT part, rkey FROM office_records ORDER BY part').all()).toEqual([{ part: 'contracts', rkey: '3' }]);
    const held = db.prepare('SELECT part, year, hashes FROM office_part_hashes ORDER BY part, year').all() as { part: string; year: number; hashes: string }[];
    expect(held.map((h) => [h.part, h.year])).toEqual([['charges', 2025], ['ratedHours', 2025], ['ratedHours', 2026]]);
    expect(JSON.parse(held[1].hashes)).toEqual({ '2:2025': 'r1' });
    // The charge's stored form is exactly the JSON of the record a package now carries for it.
    const stored = (JSON.parse(held[0].hashes) as Record<string, unknown>)['7'];
    expect(JSON.stringify(stored)).toBe(JSON.stringify(chargeRecord.parse(chargeFromTableRow(row))));
    expect(db.prepare('SELECT contract_sec, order_sec FROM office_instrument_years').get()).toEqual({ contract_sec: null, order_sec: null });
    db.close();
  });
});
