// Annual figures on a fixture year worked out by hand (rated hours: profile default 1600 h).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeAssessment } from '../../electron/services/assessment/compute';
import { tempCore, type TempCore } from '../helpers/db';
import type { AppFailure } from '../../shared/result';
import { attachVoucher, insertApplicant, insertContract, insertInstrument, insertLab, insertUsage } from './fixtures';

const WAN = 1_000_000; // fen in 1万元
const YUAN = 100;

let core: TempCore;
let ids: { a: number; b: number; c: number; labA: number; labB: number };

beforeEach(() => {
  core = tempCore('2026-01-10T02:00:00.000Z');
  const db = core.db;
  const labA = insertLab(db, '分析测试中心');
  const labB = insertLab(db, '激光实验室');
  const a = insertInstrument(db, { innerId: 'A1', name: '场发射扫描电镜', categoryCode: '010101', valueFen: 80 * WAN, shareMode: '外部共享', labId: labA });
  const b = insertInstrument(db, { innerId: 'B1', name: '三坐标测量机', categoryCode: '030101', valueFen: 30 * WAN, shareMode: '内部共享', labId: labA });
  const c = insertInstrument(db, { innerId: 'C1', name: '飞秒激光器', categoryCode: '140101', valueFen: 50 * WAN, shareMode: '不共享', labId: labB });
  // Retired in 2024: neither counted nor open in 2025.
  insertInstrument(db, { innerId: 'D1', valueFen: 100 * WAN, retiredAt: '2024-06-01T02:00:00.000Z' });
  ids = { a, b, c, labA, labB };

  const p = insertApplicant(db, '某科技公司');
  const k1 = insertContract(db, { number: 'K1', applicantId: p, signed: '2025-03-01', amountFen: 10_000 * YUAN, actualFen: 8_000 * YUAN, instrumentIds: [a] });
  attachVoucher(db, k1, p, 'V1', 4_000 * YUAN);
  insertContract(db, { number: 'K2', applicantId: p, signed: '2025-07-01', amountFen: 5_000 * YUAN, instrumentIds: [b] });
  const k3 = insertContract(db, { number: 'K3', applicantId: p, signed: '2025-08-01', amountFen: 2_000 * YUAN, status: 'void', instrumentIds: [a] });
  attachVoucher(db, k3, p, 'V3', 1_000 * YUAN);
  const k4 = insertContract(db, { number: 'K4', applicantId: p, signed: '2025-03-05', amountFen: 3_000 * YUAN }); // linked by usage only
  // Signed in 2024, served on A in 2025: counted in 2024, its signing year.
  insertContract(db, { number: 'K5', applicantId: p, signed: '2024-11-01', amountFen: 9_000 * YUAN, instrumentIds: [a] });
  attachVoucher(db, k4, p, 'V4', 1_500 * YUAN);

  // A: crosses New Year (4 h in 2025, income counted in 2024), 8 h, 3.5 h — all external.
  insertUsage(db, { instrumentId: a, start: '2024-12-31T22:00', end: '2025-01-01T04:00', external: true, amountFen: 1_000 * YUAN, userUnit: 'X公司' });
  insertUsage(db, { instrumentId: a, start: '2025-03-10T09:00', end: '2025-03-10T17:00', external: true, amountFen: 2_000 * YUAN, userUnit: 'X公司', contractId: k1, satisfaction: 5 });
  insertUsage(db, { instrumentId: a, start: '2025-03-11T09:00', end: '2025-03-11T12:30', external: true, amountFen: 500 * YUAN, userUnit: 'Y公司', contractId: k4, satisfaction: 4 });
  // B: 10 h internal, and 4 h of a run crossing into 2026.
  insertUsage(db, { instrumentId: b, start: '2025-05-20T08:00', end: '2025-05-20T18:00', userUnit: '本校' });
  insertUsage(db, { instrumentId: b, start: '2025-12-31T20:00', end: '2026-01-01T02:00', userUnit: '本校' });
  // Other years: not in 2025.
  insertUsage(db, { instrumentId: a, start: '2024-05-01T09:00', end: '2024-05-01T10:00', external: true, amountFen: 99 * YUAN, userUnit: 'Z公司' });
  insertUsage(db, { instrumentId: a, start: '2026-02-01T09:00', end: '2026-02-01T10:00', external: true, amountFen: 99 * YUAN, userUnit: 'Z公司' });
});
afterEach(() => core.cleanup());

describe('computeAssessment, unit scope 2025', () => {
  it('sums clipped hours, rates, users, income and contracts', () => {
    const r = computeAssessment(core.ctx, { year: 2025, scope: { kind: 'unit' } });
    expect(r.ratedHours).toBe(1600);
    expect(r.instrumentCount).toBe(3); // A, B, C; D retired in 2024
    expect(r.usageRecords).toBe(5);
    // 4 (clipped) + 8 + 3.5 + 10 + 4 (clipped) = 29.5 h; external 4 + 8 + 3.5 = 15.5 h
    expect(r.effectiveHours).toBe(29.5);
    expect(r.externalHours).toBe(15.5);
    // 利用率 = 29.5 / 3 instruments / 1600 h; 共享率 = 15.5 / 29.5
    expect(r.utilisation).toBeCloseTo(29.5 / 3 / 1600, 12);
    expect(r.shareRate).toBeCloseTo(15.5 / 29.5, 12);
    expect(r.avgEffectiveHours).toBe(9.83); // 29.5 / 3 = 9.8333
    expect(r.externalUsers).toBe(2); // X公司, Y公司
    // Income counts where a record starts: 2000 + 500 yuan (the New Year run started in 2024).
    expect(r.serviceIncomeFen).toBe(2_500 * YUAN);
    expect(r.avgSatisfaction).toBe(4.5); // (5 + 4) / 2
    // Contracts signed in 2025: K1, K2, K4 (linked by usage only); K3 void; K5 signed in 2024.
    expect(r.contracts).toBe(3);
    expect(r.voucherContracts).toBe(2); // K1, K4
    expect(r.voucherAmountFen).toBe(5_500 * YUAN); // 4000 + 1500
    expect(r.contractAmountFen).toBe(16_000 * YUAN); // K1 actual 8000 + K2 5000 + K4 3000
  });

  it('counts instruments at or above the national threshold and the open rate', () => {
    const r = computeAssessment(core.ctx, { year: 2025, scope: { kind: 'unit' } });
    // ≥ 50万: A (80万) and C (exactly 50万)
    expect(r.national).toEqual({ thresholdFen: 50 * WAN, count: 2, valueFen: 130 * WAN });
    expect(r.totalValueFen).toBe(160 * WAN);
    expect(r.openRate).toBeCloseTo(2 / 3, 12); // A 外部共享 + B 内部共享
    expect(r.externalOpenRate).toBeCloseTo(1 / 3, 12);
    expect(r.openInstrumentCount).toBe(1);
    expect(r.openInstrumentValueFen).toBe(80 * WAN);
  });

  it('breaks hours down by category and month, and ranks instruments', () => {
    const r = computeAssessment(core.ctx, { year: 2025, scope: { kind: 'unit' } });
    const cat = (code: string) => r.categories.find((c) => c.code === code)!;
    expect(r.categories).toHaveLength(15);
    expect(cat('01')).toMatchObject({ name: '分析仪器', instruments: 1, effectiveHours: 15.5, externalHours: 15.5 });
    expect(cat('01').utilisation).toBeCloseTo(15.5 / 1600, 12);
    expect(cat('03')).toMatchObject({ instruments: 1, effectiveHours: 14, externalHours: 0 });
    expect(cat('14')).toMatchObject({ instruments: 1, effectiveHours: 0, utilisation: 0 });
    expect(cat('05')).toMatchObject({ instruments: 0, effectiveHours: 0, utilisation: null });
    const month = (m: number) => r.monthly[m - 1];
    expect(month(1)).toEqual({ month: 1, effectiveHours: 4, externalHours: 4 });
    expect(month(3)).toEqual({ month: 3, effectiveHours: 11.5, externalHours: 11.5 });
    expect(month(5)).toEqual({ month: 5, effectiveHours: 10, externalHours: 0 });
    expect(month(12)).toEqual({ month: 12, effectiveHours: 4, externalHours: 0 });
    expect(r.monthly.reduce((s, m) => s + m.effectiveHours, 0)).toBe(29.5);
    expect(r.topInstruments.map((t) => [t.innerId, t.effectiveHours])).toEqual([['A1', 15.5], ['B1', 14]]);
  });

  it('uses the rated hours setting', () => {
    core.db.prepare(`INSERT INTO settings(key, value) VALUES ('desk.settings', ?)`).run(JSON.stringify({ ratedHours: 1000 }));
    const r = computeAssessment(core.ctx, { year: 2025, scope: { kind: 'unit' } });
    expect(r.ratedHours).toBe(1000);
    expect(r.utilisation).toBeCloseTo(29.5 / 3 / 1000, 12);
  });
});

describe('computeAssessment, lab and instrument scopes', () => {
  it('lab scope counts the lab instruments and contracts linked to them', () => {
    const r = computeAssessment(core.ctx, { year: 2025, scope: { kind: 'lab', labId: ids.labA } });
    expect(r.scopeLabel).toBe('分析测试中心');
    expect(r.instrumentCount).toBe(2);
    expect(r.effectiveHours).toBe(29.5);
    expect(r.utilisation).toBeCloseTo(29.5 / 2 / 1600, 12);
    expect(r.contracts).toBe(3); // K1 (instrument A), K2 (instrument B), K4 (used on A)
  });

  it('instrument scope counts contracts naming it or served on it', () => {
    const r = computeAssessment(core.ctx, { year: 2025, scope: { kind: 'instrument', instrumentId: ids.a } });
    // K1 names A, K4 was used on A; K3 (void) and K5 (signed 2024) are out
    expect(r).toMatchObject({ contracts: 2, voucherContracts: 2, voucherAmountFen: 5_500 * YUAN, effectiveHours: 15.5, instrumentCount: 1 });
  });

  it('instrument scope with no use has zero hours and no share rate', () => {
    const r = computeAssessment(core.ctx, { year: 2025, scope: { kind: 'instrument', instrumentId: ids.c } });
    expect(r).toMatchObject({ instrumentCount: 1, effectiveHours: 0, utilisation: 0, shareRate: null, contracts: 0, externalUsers: 0 });
  });

  it('the other year sees only its own records', () => {
    const r = computeAssessment(core.ctx, { year: 2026, scope: { kind: 'instrument', instrumentId: ids.a } });
    expect(r.effectiveHours).toBe(1); // 2026-02-01 09:00–10:00
    expect(r.serviceIncomeFen).toBe(99 * YUAN);
    const b = computeAssessment(core.ctx, { year: 2026, scope: { kind: 'instrument', instrumentId: ids.b } });
    expect(b.effectiveHours).toBe(2); // the 2025-12-31 run's 2 h after midnight
  });

  it('refuses an unknown lab', () => {
    let error: unknown;
    try { computeAssessment(core.ctx, { year: 2025, scope: { kind: 'lab', labId: 999 } }); } catch (e) { error = e; }
    expect((error as AppFailure).error).toMatchObject({ code: 'NOT_FOUND', reason: 'lab.notFound', field: 'scope.labId', params: { id: 999 } });
  });

  it('refuses an unknown instrument', () => {
    let error: unknown;
    try { computeAssessment(core.ctx, { year: 2025, scope: { kind: 'instrument', instrumentId: 4242 } }); } catch (e) { error = e; }
    expect((error as AppFailure).error).toMatchObject({ code: 'NOT_FOUND', reason: 'instrument.notFound', field: 'scope.instrumentId', params: { id: 4242 } });
  });
});
