// Migration 0028 (the office holds each lab's data year by year): for data imported before it, the
// current package of each lab supplies every year of its period, and each held record gets the
// year it belongs to (a contract's signing, a voucher's claim, a figure's own year; a redemption or
// attachment the year of its contract; none for register records). Usage hashes, kept without
// their start, are dropped so the lab's next package lists them once.
import { describe, expect, it } from 'vitest';
import { AT, upgradeDesks } from './upgrade-helpers';

const desks = upgradeDesks();

describe('migration 0028 (office periods)', () => {
  it('gives each lab the years of its current package and each record its year', () => {
    const file = desks.oldDesk(27, (db) => {
      const lab = db.prepare(`INSERT INTO office_labs(desk_id, lab_name, public_key, fingerprint, registered_at, current_import_id) VALUES (?, ?, ?, 'fp', ?, ?)`);
      const imp = db.prepare(`INSERT INTO office_imports(id, desk_id, package_id, package_sha256, schema_version, created_at, from_year, to_year, lab_name,
          unit_name, unit_credit_code, sealed, counts, diff, derived, imported_at, actor) VALUES (?, ?, ?, 'sha', 1, ?, ?, ?, ?, '某大学', '', 0, '{}', '{}', '{}', ?, '管理员')`);
      lab.run('desk-a', '分析测试中心', 'key-a', AT, null);
      lab.run('desk-b', '材料实验室', 'key-b', AT, null);
      lab.run('desk-c', '未导入实验室', 'key-c', AT, null);
      imp.run(1, 'desk-a', 'pkg-a-old', AT, 2020, 2021, '分析测试中心', AT);
      imp.run(2, 'desk-a', 'pkg-a', AT, 2022, 2024, '分析测试中心', AT);
      imp.run(3, 'desk-b', 'pkg-b', AT, 2024, 2024, '材料实验室', AT);
      db.prepare('UPDATE office_labs SET current_import_id = ? WHERE desk_id = ?').run(2, 'desk-a');
      db.prepare('UPDATE office_labs SET current_import_id = ? WHERE desk_id = ?').run(3, 'desk-b');
      const rec = db.prepare('INSERT INTO office_records(desk_id, part, rkey, hash, data) VALUES (?, ?, ?, ?, ?)');
      rec.run('desk-a', 'contracts', '11', 'h1', JSON.stringify({ number: 'HT-1', signedDate: '2023-04-02' }));
      rec.run('desk-a', 'contracts', '12', 'h2', JSON.stringify({ number: 'HT-2', signedDate: '2024-12-31' }));
      rec.run('desk-a', 'vouchers', '5', 'h3', JSON.stringify({ number: 'QC-5', claimDate: '2022-01-01' }));
      rec.run('desk-a', 'ratedHours', '7:2023', 'h4', JSON.stringify({ iid: 7, year: 2023, hours: 1600 }));
      rec.run('desk-a', 'derived', '2024', 'h5', JSON.stringify({ year: 2024 }));
      rec.run('desk-a', 'redemptions', '11', 'h6', JSON.stringify({ contractId: 11 }));
      rec.run('desk-a', 'attachments', '90', 'h7', JSON.stringify({ contractId: 12 }));
      rec.run('desk-a', 'instruments', '7', 'h8', JSON.stringify({ innerId: 'YQ-7' }));
      rec.run('desk-a', 'usage', 'u1', 'h9', null);
      rec.run('desk-b', 'usage', 'u2', 'h10', null);
      // Same contract id on another lab's desk: a redemption takes the year of its own lab's contract.
      rec.run('desk-b', 'contracts', '11', 'h11', JSON.stringify({ number: 'B-HT-1', signedDate: '2024-02-02' }));
      rec.run('desk-b', 'redemptions', '11', 'h12', JSON.stringify({ contractId: 11 }));
    });
    const { db, applied } = desks.upgrade(file, 28);
    expect(applied).toEqual(['0028_office_periods.sql']);
    expect(db.prepare('SELECT desk_id AS desk, year, import_id AS importId FROM office_lab_years ORDER BY desk_id, year').all()).toEqual([
      { desk: 'desk-a', year: 2022, importId: 2 },
      { desk: 'desk-a', year: 2023, importId: 2 },
      { desk: 'desk-a', year: 2024, importId: 2 },
      { desk: 'desk-b', year: 2024, importId: 3 },
    ]);
    expect(db.prepare('SELECT desk_id AS desk, part, rkey, year FROM office_records ORDER BY desk_id, part, rkey').all()).toEqual([
      { desk: 'desk-a', part: 'attachments', rkey: '90', year: 2024 },
      { desk: 'desk-a', part: 'contracts', rkey: '11', year: 2023 },
      { desk: 'desk-a', part: 'contracts', rkey: '12', year: 2024 },
      { desk: 'desk-a', part: 'derived', rkey: '2024', year: 2024 },
      { desk: 'desk-a', part: 'instruments', rkey: '7', year: null },
      { desk: 'desk-a', part: 'ratedHours', rkey: '7:2023', year: 2023 },
      { desk: 'desk-a', part: 'redemptions', rkey: '11', year: 2023 },
      { desk: 'desk-a', part: 'vouchers', rkey: '5', year: 2022 },
      { desk: 'desk-b', part: 'contracts', rkey: '11', year: 2024 },
      { desk: 'desk-b', part: 'redemptions', rkey: '11', year: 2024 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
