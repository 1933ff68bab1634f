// Migration 0031 (two-character search by index): instruments catalogued before it get their
// character pairs in instrument_grams, so a two-character term finds exactly the instruments that
// LIKE '%term%' on search_text finds (letters folded as LIKE folds them, no pair across a space),
// and the triggers keep the pairs current when an old instrument is renamed or deleted.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../electron/db/connection';
import { AT, upgradeDesks } from './upgrade-helpers';

const desks = upgradeDesks();

const OLD = [
  { inner: 'YQ-001', cn: '气相色谱仪', en: 'Gas Chromatograph', model: 'GC-2030', maker: '岛津' },
  { inner: 'YQ-002', cn: '液相色谱仪', en: 'HPLC', model: 'LC-20AD', maker: 'Shimadzu' },
  { inner: 'yq-003', cn: '扫描电子显微镜', en: 'SEM', model: 'Sigma 300', maker: '蔡司 Zeiss' },
];
const TERMS = ['色谱', '谱仪', 'gc', 'GC', 'lc', 'yq', 'q-', '扫描', '显微', 'ei', 'a ', '30', '仪 ', '蔡司', '岛津', '质谱'];

const byGram = (db: Db, term: string) =>
  db.prepare('SELECT instrument_id FROM instrument_grams WHERE gram = lower(?) ORDER BY instrument_id').pluck().all(term);
const byLike = (db: Db, term: string) =>
  db.prepare("SELECT id FROM instruments WHERE search_text LIKE '%' || ? || '%' ORDER BY id").pluck().all(term);

describe('migration 0031 (search grams)', () => {
  it('indexes the pairs of every instrument catalogued before it, and keeps them current after', () => {
    const file = desks.oldDesk(30, (db) => {
      const ins = db.prepare(`INSERT INTO instruments(inner_id, name_cn, name_en, model, manufacturer, category_code, original_value_fen, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, '020101', 60000000, ?, ?)`);
      for (const i of OLD) ins.run(i.inner, i.cn, i.en, i.model, i.maker, AT, AT);
    });
    const { db, applied } = desks.upgrade(file, 31);
    expect(applied).toEqual(['0031_search_grams.sql']);
    // Terms without a space: the pairs answer as LIKE does; a term holding a space has no pair.
    for (const term of TERMS) expect(byGram(db, term), term).toEqual(term.includes(' ') ? [] : byLike(db, term));
    expect(byGram(db, '色谱')).toEqual([1, 2]);
    expect(byGram(db, 'GC')).toEqual([1]);
    expect(byGram(db, 'YQ')).toEqual([1, 2, 3]);
    // An old instrument renamed, another deleted: their pairs follow.
    db.prepare("UPDATE instruments SET name_cn = '质谱仪', name_en = 'Mass Spectrometer' WHERE inner_id = 'YQ-001'").run();
    db.prepare("DELETE FROM instruments WHERE inner_id = 'YQ-002'").run();
    for (const term of TERMS) expect(byGram(db, term), term).toEqual(term.includes(' ') ? [] : byLike(db, term));
    expect(byGram(db, '质谱')).toEqual([1]);
    expect(byGram(db, '色谱')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM instrument_grams WHERE instrument_id = 2').pluck().get()).toBe(0);
    db.close();
  });
});
