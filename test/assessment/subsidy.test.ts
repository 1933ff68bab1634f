// Performance subsidy: class edges at the boundary, caps by grade, third-party exclusion, staff share rounding.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { computeSubsidy, setYearInputs } from '../../electron/services/assessment/subsidy';
import { updateSettings } from '../../electron/services/settings';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { insertInstrument, insertUsage } from './fixtures';

const WAN = 1_000_000; // fen in 1万元
const YUAN = 100;
let core: TempCore;

beforeEach(() => {
  core = tempCore('2026-01-10T02:00:00.000Z');
  // Open-instrument value = 外部共享 only: 300万 + 200万 = 500万; the 内部共享 one does not count.
  const a = insertInstrument(core.db, { innerId: 'A', valueFen: 300 * WAN, shareMode: '外部共享' });
  insertInstrument(core.db, { innerId: 'B', valueFen: 200 * WAN, shareMode: '外部共享' });
  insertInstrument(core.db, { innerId: 'C', valueFen: 900 * WAN, shareMode: '内部共享' });
  insertUsage(core.db, { instrumentId: a, start: '2025-04-01T09:00', end: '2025-04-01T11:00', external: true, amountFen: 2_500 * YUAN });
});
afterEach(() => core.cleanup());

const inputs = (over: Partial<Parameters<typeof setYearInputs>[1]>) =>
  setYearInputs(core.ctx, { year: 2025, classBoundaryFen: null, publishedGrade: null, incomeFen: null, costsFen: 0, ...over });

describe('class and cap', () => {
  it.each([
    // boundary, grade, class, cap (元) — Beijing 第十一条 table
    [500 * WAN, 'excellent', 'I', 1_000_000], // exactly at the boundary → Class Ⅰ
    [500 * WAN + 1, 'excellent', 'II', 800_000], // one fen above the value → Class Ⅱ
    [500 * WAN, 'good', 'I', 600_000],
    [500 * WAN + 1, 'good', 'II', 400_000],
    [100 * WAN, 'qualified', 'I', 0],
    [1000 * WAN, 'unqualified', 'II', 0],
  ] as const)('boundary %i fen, %s → Class %s, cap %i yuan', (boundary, grade, cls, capYuan) => {
    inputs({ classBoundaryFen: boundary, publishedGrade: grade });
    const r = computeSubsidy(core.ctx, 2025);
    expect(r.openValueFen).toBe(500 * WAN);
    expect(r.openInstrumentCount).toBe(2);
    expect(r).toMatchObject({ subsidyClass: cls, grade, gradeSource: 'published', capFen: capYuan * YUAN, capReason: null, article: '第十一条' });
  });

  it('a what-if grade overrides the published one, and lists the caps of the class', () => {
    inputs({ classBoundaryFen: 400 * WAN, publishedGrade: 'good' });
    const r = computeSubsidy(core.ctx, 2025, 'excellent');
    expect(r).toMatchObject({ subsidyClass: 'I', grade: 'excellent', gradeSource: 'whatIf', capFen: 1_000_000 * YUAN });
    expect(r.capsByGrade).toEqual({ excellent: 1_000_000 * YUAN, good: 600_000 * YUAN, qualified: 0, unqualified: 0 });
  });

  it('without a boundary or grade there is no class or cap yet', () => {
    const r = computeSubsidy(core.ctx, 2025);
    expect(r).toMatchObject({ subsidyClass: null, grade: null, capFen: null, applicable: true });
  });

  it('a third-party testing institution gets no subsidy, citing the article', () => {
    updateSettings(core.ctx, { thirdPartyTesting: true });
    inputs({ classBoundaryFen: 100 * WAN, publishedGrade: 'excellent' });
    const r = computeSubsidy(core.ctx, 2025);
    expect(r.capFen).toBe(0);
    expect(r.capReason).toMatchObject({ rule: 'subsidy.thirdPartyExcluded', article: '第十一条' });
  });

  it('the Shanghai profile has no performance subsidy', () => {
    updateSettings(core.ctx, { region: 'shanghai' });
    inputs({ classBoundaryFen: 100 * WAN, publishedGrade: 'excellent' });
    const r = computeSubsidy(core.ctx, 2025);
    expect(r.applicable).toBe(false);
    expect(r.capFen).toBeNull();
    expect(r.staffAwardMinFen).toBeNull();
    expect(r).toMatchObject({ staffAwardShare: null, staffAwardArticle: null });
  });
});

describe('staff award minimum (≥ 70% of income − costs, rounded up to the fen)', () => {
  it.each([
    // income, costs, minimum: ⌈0.7 × (income − costs)⌉
    [100_001, 0, 70_001], // 70,000.7 → 70,001
    [100_001, 1, 70_000], // 100,000 × 0.7 exactly
    [100_003, 0, 70_003], // 70,002.1 → 70,003
    [50_000, 80_000, 0], // net loss → 0
  ])('income %i, costs %i → %i fen', (incomeFen, costsFen, min) => {
    inputs({ incomeFen, costsFen });
    const r = computeSubsidy(core.ctx, 2025);
    expect(r).toMatchObject({ incomeFen, incomeSource: 'entered', costsFen, netFen: incomeFen - costsFen, staffAwardMinFen: min, staffAwardShare: '70%', staffAwardArticle: '第十三条' });
  });

  it('income defaults to the year\'s service income', () => {
    inputs({ costsFen: 500 * YUAN });
    const r = computeSubsidy(core.ctx, 2025);
    // (2500 − 500) yuan × 0.7 = 1400 yuan
    expect(r).toMatchObject({ incomeFen: 2_500 * YUAN, incomeSource: 'usage', staffAwardMinFen: 1_400 * YUAN });
  });
});

describe('year inputs over IPC', () => {
  it('stores and reads back the inputs, refusing a bad grade without writing', async () => {
    const ok = await invoke(handlers, core.ctx, 'assessment:yearSet', { year: 2025, classBoundaryFen: 123, publishedGrade: 'good', incomeFen: null, costsFen: 5 });
    expect(ok.ok).toBe(true);
    const back = await invoke(handlers, core.ctx, 'assessment:yearGet', { year: 2025 });
    expect(back).toEqual({ ok: true, value: { year: 2025, classBoundaryFen: 123, publishedGrade: 'good', incomeFen: null, costsFen: 5 } });
    const before = contentHash(core);
    const bad = await invoke(handlers, core.ctx, 'assessment:yearSet', { year: 2025, classBoundaryFen: -1, publishedGrade: 'best', incomeFen: null, costsFen: 0 });
    expect(bad.ok).toBe(false);
    expect(contentHash(core)).toBe(before);
  });
});
