// Claiming a voucher for an applicant who fails eligibility: every failed condition is listed and
// nothing is written; with an explicit override and its reason the claim is saved and the override audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkEligibility } from '../../electron/services/deals/applicants';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { claim, firm, refusal, YUAN } from '../deals/helpers';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

const FAILING = { staffCount: 601, badCredit: true, fields: ['餐饮'], registeredDate: '2010-01-01', revenueFen: 300_000_000 * YUAN };

describe('eligibility where the user claims', () => {
  it('refuses a claim for an applicant failing 4 conditions, listing all of them, and writes nothing', () => {
    const a = firm(core.ctx, FAILING);
    const expected = checkEligibility(core.ctx, { id: a.id, date: '2025-06-10' }).violations.map((v) => v.rule).sort();
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const before = contentHash(core);
    const e = refusal(() => claim(core.ctx, a.id));
    expect(e).toMatchObject({ code: 'RULE', reason: 'voucher.ineligible', field: 'eligibilityOverride', params: { count: expected.length } });
    expect(e.issues!.slice(1).map((i) => i.rule).sort()).toEqual(expected);
    for (const i of e.issues!.slice(1)) expect(i).toMatchObject({ field: 'applicantId', article: expect.stringMatching(/^第/) });
    expect(contentHash(core)).toBe(before);
  });

  it('an explicit override with a reason saves the claim and audits the conditions it overrode', () => {
    const a = firm(core.ctx, FAILING);
    const v = claim(core.ctx, a.id, { eligibilityOverride: '市科委书面同意按原认定发券（京科函〔2025〕8号）' });
    expect(v.applicantId).toBe(a.id);
    const row = core.db.prepare("SELECT entity_id AS id, detail FROM audit_log WHERE action = 'eligibility.override'").get() as { id: string; detail: string };
    expect(Number(row.id)).toBe(v.id);
    const detail = JSON.parse(row.detail) as { reason: string; rules: string[] };
    expect(detail.reason).toBe('市科委书面同意按原认定发券（京科函〔2025〕8号）');
    expect(detail.rules.length).toBeGreaterThanOrEqual(4);
  });

  it('an eligible applicant needs no override and leaves no override in the audit', () => {
    const a = firm(core.ctx);
    claim(core.ctx, a.id);
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'eligibility.override'").pluck().get()).toBe(0);
  });

  it('an empty override is no override', () => {
    const a = firm(core.ctx, FAILING);
    expect(refusal(() => claim(core.ctx, a.id, { eligibilityOverride: '   ' })).reason).toBe('voucher.ineligible');
  });
});
