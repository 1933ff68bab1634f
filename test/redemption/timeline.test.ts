// The Beijing redemption view carries its timeline from the desk's own holiday table: the end of
// the 5-working-day public notice after approval, and the quarter payment is expected in (第十五条:
// Q1–Q3; an approval in Q4 rolls to Q1–Q3 of the next year). Real temp SQLite desk, real services.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { getRedemption, openRedemption, transitionRedemption } from '../../electron/services/redemption/applications';
import type { RedemptionDetail } from '../../shared/ipc/redemption';
import { tempCore, type TempCore } from '../helpers/db';
import { insertContract } from './fixtures';

let core: TempCore;
beforeEach(() => { core = tempCore('2025-04-01T02:00:00.000Z'); });
afterEach(() => core.cleanup());

const at = (date: string) => `${date}T02:00:00.000Z`; // 10:00 in Shanghai

/** Opens the application on `openOn`, submits and reviews it, and approves it on `approvedOn` (the clock follows). */
function approveOn(contractId: number, openOn: string, submittedOn: string, approvedOn: string): RedemptionDetail {
  core.setNow(at(openOn));
  openRedemption(core.ctx, contractId);
  core.setNow(at(approvedOn));
  transitionRedemption(core.ctx, { contractId, to: 'submitted', date: submittedOn, note: '' });
  transitionRedemption(core.ctx, { contractId, to: 'under_review', date: submittedOn, note: '' });
  return transitionRedemption(core.ctx, { contractId, to: 'approved', date: approvedOn, note: '' });
}

describe('redemption timeline (京科发〔2023〕16号)', () => {
  it('before approval the view shows no notice end and no quarter yet', () => {
    const { contractId } = insertContract(core.db, { startDate: '2025-03-01', endDate: '2025-03-25' });
    const d = openRedemption(core.ctx, contractId);
    expect(d.timeline)?.toEqual({ notice: null, disbursement: null, noSchedule: null });
  });

  it('approved Thursday 2025-05-29: five working days skip 端午 (05-31 to 06-02) and end 2025-06-06; paid in Q2 2025', async () => {
    const { contractId } = insertContract(core.db, { startDate: '2025-04-01', endDate: '2025-05-15' });
    approveOn(contractId, '2025-05-16', '2025-05-20', '2025-05-29');
    core.setNow(at('2025-06-16'));
    const d = getRedemption(core.ctx, contractId);
    expect(d.approvedDate).toBe('2025-05-29');
    expect(d.timeline?.notice).toMatchObject({
      kind: 'workingDays', count: 5, startsOn: '2025-05-29', lastDay: '2025-06-06', article: '第十四条', document: '京科发〔2023〕16号', missingYears: [],
    });
    expect(d.timeline?.notice?.note?.zh).toMatch(/仅供参考/);
    expect(d.timeline?.disbursement).toEqual({
      year: 2025, quarter: 2, regular: true, rollsTo: null, article: '第十五条', document: '京科发〔2023〕16号',
    });
    // The same view crosses IPC.
    const r = await invoke(handlers, core.ctx, 'redemption:get', { contractId });
    expect(r).toMatchObject({ ok: true, value: { timeline: { notice: { lastDay: '2025-06-06' }, disbursement: { quarter: 2, year: 2025 } } } });
  });

  it('reads the desk’s holiday table: a day off the administrator adds moves the notice end', () => {
    const { contractId } = insertContract(core.db, { startDate: '2025-04-01', endDate: '2025-05-15' });
    approveOn(contractId, '2025-05-16', '2025-05-20', '2025-05-29');
    core.db.prepare("INSERT INTO holidays(date, kind, name) VALUES ('2025-06-04', 'holiday', '单位自定休息日')").run();
    expect(getRedemption(core.ctx, contractId).timeline?.notice?.lastDay).toBe('2025-06-09');
  });

  it('approved Monday 2025-09-29 (Q3): the notice crosses 国庆 and the 10-11 调休 Saturday to end 2025-10-13; paid in Q3', () => {
    const { contractId } = insertContract(core.db, { startDate: '2025-08-01', endDate: '2025-09-15' });
    const d = approveOn(contractId, '2025-09-16', '2025-09-18', '2025-09-29');
    expect(d.timeline?.notice).toMatchObject({ startsOn: '2025-09-29', lastDay: '2025-10-13' });
    expect(d.timeline?.disbursement).toMatchObject({ year: 2025, quarter: 3, regular: true, rollsTo: null });
  });

  it('approved Friday 2025-10-10 (Q4): the 10-11 调休 Saturday counts, the notice ends 2025-10-16; payment rolls to Q1–Q3 of 2026', () => {
    const { contractId } = insertContract(core.db, { startDate: '2025-08-01', endDate: '2025-09-20' });
    approveOn(contractId, '2025-09-22', '2025-09-25', '2025-10-10');
    core.setNow(at('2025-10-20'));
    const d = getRedemption(core.ctx, contractId);
    expect(d.timeline?.notice).toMatchObject({ startsOn: '2025-10-10', lastDay: '2025-10-16' });
    expect(d.timeline?.disbursement).toEqual({
      year: 2025, quarter: 4, regular: false, rollsTo: { year: 2026, quarters: [1, 2, 3] }, article: '第十五条', document: '京科发〔2023〕16号',
    });
  });

  it('approved on 2025-12-31 (Q4, last day): the notice runs over 元旦 and the 01-04 调休 Sunday to 2026-01-08; payment rolls to Q1–Q3 of 2026', () => {
    const { contractId } = insertContract(core.db, { startDate: '2025-11-01', endDate: '2025-12-10' });
    const d = approveOn(contractId, '2025-12-11', '2025-12-15', '2025-12-31');
    expect(d.timeline?.disbursement).toMatchObject({ year: 2025, quarter: 4, regular: false, rollsTo: { year: 2026, quarters: [1, 2, 3] } });
    // 2026-01-01 to 01-03 off, Sunday 01-04 a 调休 working day: 01-04, 05, 06, 07, 08.
    expect(d.timeline?.notice).toMatchObject({ startsOn: '2025-12-31', lastDay: '2026-01-08', missingYears: [] });
  });
});
