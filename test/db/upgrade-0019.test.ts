// Migration 0019 (the open unit as one record): the unit's name and third-party flag move from the
// settings JSON of older desks; when the settings never named the unit, the name most labs carry is
// taken (ties: the first by name); the labs keep their rows and gain empty head, phone and location.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../electron/db/connection';
import { AT, upgradeDesks } from './upgrade-helpers';

const desks = upgradeDesks();

function deskWith(settings: string | null, labUnits: string[]) {
  return desks.oldDesk(18, (db: Db) => {
    if (settings !== null) db.prepare(`INSERT INTO settings(key, value) VALUES ('desk.settings', ?)`).run(settings);
    const ins = db.prepare('INSERT INTO labs(name, unit_name, contact, created_at) VALUES (?, ?, ?, ?)');
    labUnits.forEach((u, i) => ins.run(`实验室${i + 1}`, u, `联系人${i + 1}`, AT));
  });
}

function unitAfter(file: string) {
  const { db, applied } = desks.upgrade(file, 19);
  expect(applied).toEqual(['0019_open_unit.sql']);
  const unit = db.prepare('SELECT id, name, third_party_testing AS thirdParty, credit_code AS creditCode FROM open_unit').all();
  const labs = db.prepare('SELECT name, unit_name AS unitName, contact, head, contact_phone AS phone, location FROM labs ORDER BY id').all();
  db.close();
  return { unit, labs };
}

describe('migration 0019 (open unit)', () => {
  it('takes the name (trimmed) and the third-party flag from the settings', () => {
    const { unit, labs } = unitAfter(deskWith(JSON.stringify({ unitName: '  某大学分析测试中心 ', thirdPartyTesting: true, region: 'beijing' }), ['乙大学', '乙大学']));
    expect(unit).toEqual([{ id: 1, name: '某大学分析测试中心', thirdParty: 1, creditCode: null }]);
    expect(labs).toEqual([
      { name: '实验室1', unitName: '乙大学', contact: '联系人1', head: '', phone: '', location: '' },
      { name: '实验室2', unitName: '乙大学', contact: '联系人2', head: '', phone: '', location: '' },
    ]);
  });

  it('without a name in the settings, takes the unit most labs belong to', () => {
    expect(unitAfter(deskWith(JSON.stringify({ thirdPartyTesting: false }), ['乙大学', '甲大学', '', '甲大学', '  '])).unit)
      .toEqual([{ id: 1, name: '甲大学', thirdParty: 0, creditCode: null }]);
    expect(unitAfter(deskWith(null, ['丙研究所'])).unit).toEqual([{ id: 1, name: '丙研究所', thirdParty: 0, creditCode: null }]);
  });

  it('breaks a tie by name, ignores damaged settings, and starts empty on an empty desk', () => {
    // 乙 (U+4E59) sorts before 甲 (U+7532).
    expect(unitAfter(deskWith('{not json', ['甲大学', '乙大学'])).unit).toEqual([{ id: 1, name: '乙大学', thirdParty: 0, creditCode: null }]);
    expect(unitAfter(deskWith(JSON.stringify({ unitName: '' }), [])).unit).toEqual([{ id: 1, name: '', thirdParty: 0, creditCode: null }]);
  });
});
