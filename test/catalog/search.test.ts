// Search finds what people type: abbreviations and short names, full-width letters, the FTS index kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInstrument, listInstruments } from '../../electron/services/catalog/instruments';
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

  it('keeps the FTS index for long terms, in the statement the list really runs', () => {
    const { statements } = captureStatements(core.db, () => listInstruments(core.ctx, { query: '扫描电镜' }));
    const searching = statements.filter((st) => /instruments_fts MATCH/i.test(st.sql));
    expect(searching.length).toBeGreaterThan(0);
    for (const st of searching) expect(planOf(core.db, st).join(' | ')).toMatch(/VIRTUAL TABLE INDEX/);
  });
});
