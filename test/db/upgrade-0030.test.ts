// Migration 0030 (usage hashes held per lab and year): the office's per-record usage hashes move
// out of office_records into one {record id: hash} object per lab and year; hashes kept without a
// year (their start unknown since 0028) are dropped, so the lab's next package lists those records
// once; every other part's records stay as they were.
import { describe, expect, it } from 'vitest';
import { upgradeDesks } from './upgrade-helpers';

const desks = upgradeDesks();

describe('migration 0030 (office usage hashes)', () => {
  it('folds each lab-year of usage hashes into one row and leaves the other parts alone', () => {
    const file = desks.oldDesk(29, (db) => {
      const rec = db.prepare('INSERT INTO office_records(desk_id, part, rkey, hash, data, year) VALUES (?, ?, ?, ?, ?, ?)');
      rec.run('desk-a', 'usage', '101', 'ha1', null, 2023);
      rec.run('desk-a', 'usage', '102', 'ha2', null, 2023);
      rec.run('desk-a', 'usage', '103', 'ha3', null, 2024);
      rec.run('desk-a', 'usage', '104', 'ha4', null, null);
      rec.run('desk-b', 'usage', '101', 'hb1', null, 2023);
      rec.run('desk-a', 'contracts', '11', 'hc1', JSON.stringify({ number: 'HT-1', signedDate: '2023-04-02' }), 2023);
      rec.run('desk-b', 'instruments', '7', 'hi7', JSON.stringify({ innerId: 'YQ-7' }), null);
    });
    const { db, applied } = desks.upgrade(file, 30);
    expect(applied).toEqual(['0030_office_usage_hashes.sql']);
    const held = (db.prepare('SELECT desk_id AS desk, year, hashes FROM office_usage_hashes ORDER BY desk_id, year').all() as { desk: string; year: number; hashes: string }[])
      .map((r) => ({ ...r, hashes: JSON.parse(r.hashes) as unknown }));
    expect(held).toEqual([
      { desk: 'desk-a', year: 2023, hashes: { 101: 'ha1', 102: 'ha2' } },
      { desk: 'desk-a', year: 2024, hashes: { 103: 'ha3' } },
      { desk: 'desk-b', year: 2023, hashes: { 101: 'hb1' } },
    ]);
    expect(db.prepare('SELECT desk_id AS desk, part, rkey, hash, year FROM office_records ORDER BY desk_id, part, rkey').all()).toEqual([
      { desk: 'desk-a', part: 'contracts', rkey: '11', hash: 'hc1', year: 2023 },
      { desk: 'desk-b', part: 'instruments', rkey: '7', hash: 'hi7', year: null },
    ]);
    db.close();
  });
});
