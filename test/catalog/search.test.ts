// Search finds what people type: abbreviations and short names, full-width letters, the FTS index kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInstrument, getInstrument, listInstruments, updateInstrument } from '../../electron/services/catalog/instruments';
import { instrumentInputSchema, type InstrumentInput } from '../../shared/catalog/instrument';
import { tempCore, type TempCore } from '../helpers/db';
import { captureStatements, planOf } from '../scale/plan';

let core: TempCore;
beforeEach(() => {
  core = tempCore();
  const make = (over: Partial<InstrumentInput>) => createInstrument(core.ctx, instrumentInputSchema.parse({ categoryCode: '010102', originalValueFen: 1_000_000, ...over }));
  make({ innerId: 'S1', nameCn: '场发射扫描电子显微镜' });
  make({ innerId: 'S2', nameCn: '扫描电镜（台式）' });
  make({ innerId: 'S3', nameCn: '透射电子显微镜', nameEn: 'TEM' });
  make({ innerId: 'M1', nameCn: '液相色谱-质谱联用仪', categoryCode: '010201' });
  make({ innerId: 'M2', nameCn: '气相色谱仪', categoryCode: '010501' });
  make({ innerId: 'F1', nameCn: '台式电镜', model: 'ＳＥＭ－３０００' }); // typed in full width
  make({ innerId: 'N1', nameCn: '核磁共振波谱仪', categoryCode: '010601' });
});
afterEach(() => core.cleanup());

const ids = (query: string) => listInstruments(core.ctx, { query }).rows.map((r) => r.innerId).sort();

describe('catalog search', () => {
  it.each([
    ['电镜', ['F1', 'S1', 'S2', 'S3']], // 电子显微镜 and 扫描电镜 too
    ['扫描电镜', ['F1', 'S1', 'S2']], // 扫描电子显微镜 and SEM
    ['质谱', ['M1']],
    ['液质', ['M1']],
    ['核磁', ['N1']],
    ['SEM', ['F1', 'S1', 'S2']],
    ['ＳＥＭ', ['F1', 'S1', 'S2']], // full-width query folds
    ['sem-3000', ['F1']], // ASCII query finds a full-width record
    ['色谱仪', ['M2']], // FTS trigram, no synonym
    ['扫描 台式', ['S2']], // every term must match
  ])('%s finds %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('counts every match of a search on any page, and on a page past the end, with the search index read once', () => {
    const full = listInstruments(core.ctx, { query: '电镜' });
    expect(full.total).toBe(4);
    for (const offset of [0, 1, 3]) {
      const page = listInstruments(core.ctx, { query: '电镜', limit: 1, offset });
      expect(page.total).toBe(4);
      expect(page.rows.map((r) => r.innerId)).toEqual([full.rows[offset].innerId]);
      expect(Object.keys(page.rows[0])).not.toContain('total');
    }
    expect(listInstruments(core.ctx, { query: '电镜', limit: 2, offset: 10 })).toEqual({ rows: [], total: 4 });
    expect(listInstruments(core.ctx, { query: '没有这台' })).toEqual({ rows: [], total: 0 });
    const { statements } = captureStatements(core.db, () => listInstruments(core.ctx, { query: '色谱仪', limit: 1, offset: 0 }));
    expect(statements.filter((st) => /instruments_fts MATCH/i.test(st.sql))).toHaveLength(1);
  });

  it('keeps the FTS index for long terms, in the statement the list really runs', () => {
    const { statements } = captureStatements(core.db, () => listInstruments(core.ctx, { query: '扫描电镜' }));
    const searching = statements.filter((st) => /instruments_fts MATCH/i.test(st.sql));
    expect(searching.length).toBeGreaterThan(0);
    for (const st of searching) expect(planOf(core.db, st).join(' | ')).toMatch(/VIRTUAL TABLE INDEX/);
  });

  it('sorts the matches of a plain search from instruments_search_keys (0046) alone; a filtered search reads their rows; pages agree either way', () => {
    const plan = (input: Parameters<typeof listInstruments>[1]) => {
      const { statements } = captureStatements(core.db, () => listInstruments(core.ctx, input));
      return planOf(core.db, statements.find((st) => /count\(\*\) OVER \(\)/.test(st.sql))!).join('\n');
    };
    for (const sortBy of ['innerId', 'nameCn'] as const) {
      expect(plan({ query: '电镜', sortBy })).toMatch(/SEARCH i USING COVERING INDEX instruments_search_keys \(id=\? AND retired_at=\?\)/);
    }
    expect(plan({ query: '电镜', sortBy: 'categoryCode' })).not.toContain('instruments_search_keys');
    expect(plan({ query: '电镜', status: '正常' })).not.toContain('instruments_search_keys');
    // Each page of every sort and direction is the whole search's rows in that order, one at a time.
    for (const sortBy of ['innerId', 'nameCn', 'categoryCode'] as const) {
      for (const sortDir of ['asc', 'desc'] as const) {
        const whole = listInstruments(core.ctx, { query: '电镜', sortBy, sortDir });
        const paged = [0, 1, 2, 3].flatMap((offset) => listInstruments(core.ctx, { query: '电镜', sortBy, sortDir, limit: 1, offset }).rows);
        expect(paged).toEqual(whole.rows);
        const key = (r: (typeof whole.rows)[number]) => (sortBy === 'innerId' ? r.innerId : sortBy === 'nameCn' ? r.nameCn : r.categoryCode);
        const sorted = [...whole.rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * (sortDir === 'asc' ? 1 : -1));
        expect(whole.rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
      }
    }
    // A retired instrument is found only when retired ones are asked for, on either path.
    const s3 = listInstruments(core.ctx, { query: 'S3' }).rows[0];
    core.db.prepare(`UPDATE instruments SET retired_at = '2025-01-01T00:00:00Z' WHERE id = ?`).run(s3.id);
    expect(ids('电镜')).toEqual(['F1', 'S1', 'S2']);
    expect(listInstruments(core.ctx, { query: '电镜', includeRetired: true }).rows.map((r) => r.innerId).sort()).toEqual(['F1', 'S1', 'S2', 'S3']);
  });

  it('answers two-character terms from the character-pair index, exactly as LIKE over the search text does', () => {
    const { statements } = captureStatements(core.db, () => listInstruments(core.ctx, { query: '电镜' }));
    const searching = statements.filter((st) => /instrument_grams/.test(st.sql));
    expect(searching.length).toBeGreaterThan(0);
    for (const st of searching) {
      const plan = planOf(core.db, st).join(' | ');
      expect(plan).toMatch(/SEARCH instrument_grams USING PRIMARY KEY/);
      expect(plan).not.toMatch(/\binstruments_search\b/); // no scan of the search text (its index, not instruments_search_keys)
    }
    // Every pair of characters in every record (and a few absent ones), ASCII case folded as LIKE folds it.
    const like = core.db.prepare(`SELECT inner_id FROM instruments WHERE search_text LIKE ? ESCAPE '\\' ORDER BY inner_id`).pluck();
    const texts = core.db.prepare('SELECT search_text FROM instruments').pluck().all() as string[];
    const pairs = new Set<string>(['质量', 'zz', 'Ｚ１']);
    for (const t of texts) {
      const chars = [...t];
      for (let k = 0; k + 1 < chars.length; k++) if (!/\s/.test(chars[k] + chars[k + 1])) pairs.add(chars[k] + chars[k + 1]);
    }
    const gram = core.db.prepare(`SELECT i.inner_id FROM instruments i WHERE i.id IN (SELECT instrument_id FROM instrument_grams WHERE gram = lower(?)) ORDER BY i.inner_id`).pluck();
    expect(pairs.size).toBeGreaterThan(50);
    for (const p of pairs) {
      const viaLike = like.all(`%${p.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      expect([p, gram.all(p)]).toEqual([p, viaLike]);
      // LIKE folds ASCII letters only: the swapped-case term finds the same records.
      const swapped = p.replace(/[A-Za-z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
      expect([swapped, gram.all(swapped)]).toEqual([swapped, like.all(`%${swapped.replace(/[\\%_]/g, (c) => '\\' + c)}%`)]);
    }
  });

  it('keeps the character pairs current when an instrument is renamed or deleted', () => {
    const s2 = listInstruments(core.ctx, { query: 'S2' }).rows[0];
    expect(ids('台式')).toEqual(['F1', 'S2']);
    const before = getInstrument(core.ctx, s2.id);
    updateInstrument(core.ctx, s2.id, before.version, instrumentInputSchema.parse({ ...before, nameCn: '扫描电镜（落地式）', model: 'Qx-9' }));
    expect(ids('台式')).toEqual(['F1']);
    expect(ids('落地')).toEqual(['S2']);
    expect(ids('qx')).toEqual(['S2']); // ASCII folded
    core.db.prepare('DELETE FROM instruments WHERE id = ?').run(s2.id);
    expect(ids('落地')).toEqual([]);
    expect(core.db.prepare('SELECT count(*) FROM instrument_grams WHERE instrument_id = ?').pluck().get(s2.id)).toBe(0);
    // Every pair left belongs to an instrument and its search text.
    expect(core.db.prepare(`SELECT count(*) FROM instrument_grams g LEFT JOIN instruments i ON i.id = g.instrument_id
      WHERE i.id IS NULL OR instr(lower(i.search_text), g.gram) = 0`).pluck().get()).toBe(0);
  });
});
