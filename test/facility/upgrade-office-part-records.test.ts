// The migration that keeps a lab's charges and 额定机时 records at the office beside their hashes:
// charges the earlier upgrade held as the records themselves become readable; years held only as
// hashes are "not held" until the lab's next package, and the office page says so.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, upgradeDesks } from '../db/upgrade-helpers';

const desks = upgradeDesks();
const file = fs.readdirSync(MIGRATIONS).find((f) => f.endsWith('_office_part_records.sql'))!;
const version = Number(file.slice(0, 4));

describe(`migration ${file}`, () => {
  it('charges held as records become the year\'s records; hashes alone stay not held', () => {
    const charge = { id: 7, contractId: 3, orderId: null, usageId: 11, kind: 'usage', category: 'usage', serviceDate: '2025-03-10', instrumentId: 2, amountFen: 260_000, statementId: null };
    const desk = desks.oldDesk(version - 1, (db) => {
      const put = db.prepare('INSERT INTO office_part_hashes(desk_id, part, year, hashes) VALUES (?, ?, ?, ?)');
      put.run('desk-a', 'charges', 2025, JSON.stringify({ 7: charge }));
      put.run('desk-a', 'charges', 2026, JSON.stringify({ 8: 'hash-8' }));
      put.run('desk-a', 'ratedHours', 2025, JSON.stringify({ '2:2025': 'r1' }));
    });
    const { db, applied } = desks.upgrade(desk, version);
    expect(applied).toEqual([file]);
    const rows = db.prepare('SELECT part, year, records FROM office_part_hashes ORDER BY part, year').all() as { part: string; year: number; records: string | null }[];
    expect(rows.map((r) => [r.part, r.year, r.records === null ? null : JSON.parse(r.records)])).toEqual([
      ['charges', 2025, [charge]], ['charges', 2026, null], ['ratedHours', 2025, null],
    ]);
    db.close();
  });
});
