// The assessment page in one call: figures, data checks and subsidy from one pass over the year's
// usage rows, equal to what the three separate computations give; 服务收入 from the charge lines
// and payments received among the figures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataChecks } from '../../electron/services/assessment/checks';
import { computeAssessment } from '../../electron/services/assessment/compute';
import { assessmentPage } from '../../electron/services/assessment/page';
import { computeSubsidy, setYearInputs } from '../../electron/services/assessment/subsidy';
import { captureStatements } from '../../scripts/lib/sql-capture';
import { planOf } from '../scale/plan';
import type { AssessmentScope } from '../../shared/ipc/assessment';
import { tempCore, type TempCore } from '../helpers/db';
import { insertApplicant, insertBooking, insertContract, insertInstrument, insertLab, insertUsage } from './fixtures';

const WAN = 1_000_000;
const YUAN = 100;
const AT = '2025-01-01T00:00:00.000Z';

let core: TempCore;
let ids: { a: number; b: number; c: number; labA: number; labB: number; k1: number; k2: number; u2: number };

function charge(contractId: number, date: string, fen: number, usageId: number | null = null): void {
  core.db.prepare(`INSERT INTO charges(contract_id, kind, category, service_date, usage_id, description, amount_fen, created_at, created_by)
    VALUES (?, ?, ?, ?, ?, '测试', ?, ?, 'test')`).run(contractId, usageId === null ? 'manual' : 'usage', usageId === null ? 'service' : 'usage', date, usageId, fen, AT);
}
function payment(contractId: number, receipt: string, paidOn: string, fen: number): void {
  core.db.prepare(`INSERT INTO payments(contract_id, receipt_number, paid_on, amount_fen, created_at) VALUES (?, ?, ?, ?, ?)`).run(contractId, receipt, paidOn, fen, AT);
}

beforeEach(() => {
  core = tempCore('2026-01-10T02:00:00.000Z');
  const db = core.db;
  const labA = insertLab(db, '分析测试中心');
  const labB = insertLab(db, '激光实验室');
  const a = insertInstrument(db, { innerId: 'A1', name: '场发射扫描电镜', valueFen: 80 * WAN, shareMode: '外部共享', labId: labA });
  const b = insertInstrument(db, { innerId: 'B1', name: '三坐标测量机', categoryCode: '030101', valueFen: 30 * WAN, shareMode: '内部共享', labId: labA });
  const c = insertInstrument(db, { innerId: 'C1', name: '飞秒激光器', categoryCode: '140101', valueFen: 50 * WAN, shareMode: '外部共享', labId: labB });
  const p = insertApplicant(db, '某科技公司');
  const k1 = insertContract(db, { number: 'K1', applicantId: p, signed: '2025-03-01', amountFen: 10_000 * YUAN, instrumentIds: [a] });
  const k2 = insertContract(db, { number: 'K2', applicantId: p, signed: '2025-06-01', amountFen: 5_000 * YUAN, labId: labB, instrumentIds: [c] });
  const booking = insertBooking(db, a, '2025-03-10T09:00', '2025-03-10T17:00');
  insertUsage(db, { instrumentId: a, start: '2024-12-31T22:00', end: '2025-01-01T04:00', external: true, amountFen: 1_000 * YUAN, userUnit: 'X公司' });
  insertUsage(db, { instrumentId: a, start: '2025-03-10T09:00', end: '2025-03-10T17:00', external: true, amountFen: 2_000 * YUAN, userUnit: 'X公司', contractId: k1, bookingId: booking, satisfaction: 5 });
  const u2 = insertUsage(db, { instrumentId: c, start: '2025-06-10T09:00', end: '2025-06-10T12:00', external: true, amountFen: 700 * YUAN, userUnit: 'Y公司', contractId: k2, satisfaction: 4 });
  // Two records on A overlapping (a check finding) and a day above 24 h on C.
  insertUsage(db, { instrumentId: a, start: '2025-04-01T09:00', end: '2025-04-01T12:00', userUnit: '本校' });
  insertUsage(db, { instrumentId: a, start: '2025-04-01T11:00', end: '2025-04-01T13:00', userUnit: '本校' });
  insertUsage(db, { instrumentId: c, start: '2025-07-01T00:00', end: '2025-07-02T02:00', userUnit: '本校' });
  insertUsage(db, { instrumentId: c, start: '2025-07-01T10:00', end: '2025-07-01T12:00', userUnit: '本校' });
  ids = { a, b, c, labA, labB, k1, k2, u2 };
});
afterEach(() => core.cleanup());

const SCOPES: { name: string; scope: () => AssessmentScope }[] = [
  { name: 'unit', scope: () => ({ kind: 'unit' }) },
  { name: 'lab', scope: () => ({ kind: 'lab', labId: ids.labB }) },
  { name: 'instrument', scope: () => ({ kind: 'instrument', instrumentId: ids.a }) },
];

describe('assessment page in one call', () => {
  it.each(SCOPES)('$name scope: the same figures, checks and subsidy as the separate computations', ({ scope }) => {
    charge(ids.k2, '2025-06-10', 900 * YUAN, ids.u2);
    charge(ids.k1, '2025-05-01', 300 * YUAN);
    payment(ids.k1, 'R-1', '2025-04-02', 6_000 * YUAN);
    setYearInputs(core.ctx, { year: 2025, classBoundaryFen: 100 * WAN, publishedGrade: 'good', incomeFen: null, costsFen: 0 });
    const page = assessmentPage(core.ctx, { year: 2025, scope: scope() });
    expect(page.result).toEqual(computeAssessment(core.ctx, { year: 2025, scope: scope() }));
    expect(page.checks).toEqual(dataChecks(core.ctx, { year: 2025, scope: scope() }));
    expect(page.subsidy).toEqual(computeSubsidy(core.ctx, 2025));
    expect(page.checks.find((c) => c.code === 'overlap')!.count).toBe(scope().kind === 'unit' ? 2 : 1);
    expect(page.checks.find((c) => c.code === 'dayOverflow')!.count).toBe(scope().kind === 'instrument' ? 0 : 1);
    // The records listed from the pass by id carry their text times, as the separate checks list them.
    if (scope().kind !== 'lab') expect(page.checks.find((c) => c.code === 'crossesYear')!.items[0].detail).toBe('2024-12-31T22:00 – 2025-01-01T04:00');
    expect(page.checks.find((c) => c.code === 'noBooking')!.count).toBeGreaterThan(0);
    const whatIf = assessmentPage(core.ctx, { year: 2025, scope: scope(), whatIfGrade: 'excellent' });
    expect(whatIf.subsidy).toEqual(computeSubsidy(core.ctx, 2025, 'excellent'));
  });

  it('reads the year slice of usage_logs once for figures, checks and subsidy together', () => {
    const separate = captureStatements(core.db, () => {
      computeAssessment(core.ctx, { year: 2025 });
      dataChecks(core.ctx, { year: 2025 });
      computeSubsidy(core.ctx, 2025);
    }).statements;
    const together = captureStatements(core.db, () => assessmentPage(core.ctx, { year: 2025 })).statements;
    const yearScans = (xs: { sql: string }[]) => xs.filter((x) => x.sql.includes('usage_year_cover')).length;
    // figures twice (page, subsidy), then the overlap and crossing checks; the records of the
    // instruments with overlaps are read along (instrument_id, start_at), not the year's slice
    expect(yearScans(separate)).toBe(4);
    expect(yearScans(together)).toBe(1);
    // The records without a booking are read from their partial index (0044) on both paths: the
    // year's covering index has no booking column, so the pass never reads the table's rows.
    const unbooked = (xs: { sql: string }[]) => xs.filter((x) => x.sql.includes('usage_unbooked')).length;
    expect(unbooked(separate)).toBe(1);
    expect(unbooked(together)).toBe(1);
    expect(together.some((x) => /booking_id/.test(x.sql) && x.sql.includes('assessment_year_usage'))).toBe(false);
    // The year's contracts are counted and summed from the signed-date covering index (0045) alone.
    const contracts = together.find((x) => /FROM contracts c WHERE c.signed_date BETWEEN/.test(x.sql))!;
    expect(planOf(core.db, contracts)).toContainEqual(expect.stringMatching(/^SEARCH c USING COVERING INDEX contracts_signed_cover \(signed_date>\? AND signed_date<\?\)/));
    // Nothing of the pass is left behind.
    expect(core.db.prepare(`SELECT count(*) FROM temp.sqlite_master WHERE name LIKE 'assessment_year%'`).pluck().get()).toBe(0);
  });

  it('a refused scope leaves no temporary table behind and the next call works', () => {
    expect(() => assessmentPage(core.ctx, { year: 2025, scope: { kind: 'lab', labId: 999 } })).toThrow();
    expect(core.db.prepare(`SELECT count(*) FROM temp.sqlite_master`).pluck().get()).toBe(0);
    expect(assessmentPage(core.ctx, { year: 2025 }).result.usageRecords).toBe(7);
  });
});

describe('service income and payments received', () => {
  it('服务收入 counts a record\'s charge line instead of its typed amount, plus other charges of the year', () => {
    const before = computeAssessment(core.ctx, { year: 2025 }).serviceIncomeFen;
    // Typed: 2,000 (A, March) + 700 (C, June); the New Year record counts in 2024.
    expect(before).toBe(2_700 * YUAN);
    charge(ids.k2, '2025-06-10', 900 * YUAN, ids.u2); // the charge of C's record replaces its typed 700
    charge(ids.k1, '2025-05-01', 300 * YUAN); // a service item, not tied to a record
    charge(ids.k1, '2026-01-05', 999 * YUAN); // another year
    const r = assessmentPage(core.ctx, { year: 2025 }).result;
    expect(r.serviceIncomeFen).toBe((2_000 + 900 + 300) * YUAN);
    expect(computeAssessment(core.ctx, { year: 2025, scope: { kind: 'lab', labId: ids.labB } }).serviceIncomeFen).toBe(900 * YUAN);
  });

  it('payments received: receipts dated in the year, of the scope\'s contracts', () => {
    expect(computeAssessment(core.ctx, { year: 2025 })).toMatchObject({ payments: 0, paymentsReceivedFen: 0 });
    payment(ids.k1, 'R-1', '2025-04-02', 6_000 * YUAN);
    payment(ids.k1, 'R-2', '2025-12-31', 1_000 * YUAN);
    payment(ids.k1, 'R-3', '2026-01-01', 3_000 * YUAN); // next year
    payment(ids.k2, 'R-4', '2025-01-01', 2_500 * YUAN);
    expect(assessmentPage(core.ctx, { year: 2025 }).result).toMatchObject({ payments: 3, paymentsReceivedFen: 9_500 * YUAN });
    expect(computeAssessment(core.ctx, { year: 2026 })).toMatchObject({ payments: 1, paymentsReceivedFen: 3_000 * YUAN });
    expect(computeAssessment(core.ctx, { year: 2025, scope: { kind: 'lab', labId: ids.labB } })).toMatchObject({ payments: 1, paymentsReceivedFen: 2_500 * YUAN });
    expect(computeAssessment(core.ctx, { year: 2025, scope: { kind: 'instrument', instrumentId: ids.a } })).toMatchObject({ payments: 2, paymentsReceivedFen: 7_000 * YUAN });
  });
});
