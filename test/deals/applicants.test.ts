import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applicantInputSchema, applicantListSchema } from '../../shared/ipc/deals';
import {
  checkEligibility, deleteApplicant, getApplicant, listApplicants, updateApplicant,
} from '../../electron/services/deals/applicants';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { claim, firm, refusal, YUAN } from './helpers';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

const rules = (r: { violations: { rule: string }[] }) => r.violations.map((v) => v.rule).sort();

describe('applicants', () => {
  it('stores every fact and derives the voucher kind from the profile', () => {
    const a = firm(core.ctx, { highTech: true, fields: ['新材料', '智能制造'], creditCode: '91110108551385082Q' });
    const back = getApplicant(core.ctx, a.id);
    expect(back).toMatchObject({ kind: 'enterprise', highTech: true, fields: ['新材料', '智能制造'], voucherKind: 'high_tech_enterprise', voucherCount: 0 });
    expect(listApplicants(core.ctx, applicantListSchema.parse({ query: '5513850' })).rows.map((x) => x.id)).toEqual([a.id]);
    const audit = core.db.prepare("SELECT action FROM audit_log WHERE entity = 'applicant'").pluck().all();
    expect(audit).toEqual(['create']);
  });

  it.each([
    ['all conditions met', {}, []],
    ['601 staff, bad credit, outside 高精尖', { staffCount: 601, badCredit: true, fields: ['餐饮'] },
      ['applicant.enterprise.credit', 'applicant.enterprise.field', 'applicant.enterprise.staff']],
    ['registered 6 years ago, revenue over 2亿', { registeredDate: '2019-01-01', revenueFen: 200_000_001 * YUAN },
      ['applicant.enterprise.age', 'applicant.enterprise.revenue']],
    ['old but newly 入库 this year', { registeredDate: '2010-01-01', smeListed: true, smeListedYear: 2025 }, []],
    ['facts missing', { staffCount: null, assetsFen: null }, ['applicant.missingFact', 'applicant.missingFact']],
  ])('Beijing firm eligibility: %s', (_name, patch, expected) => {
    const a = firm(core.ctx, patch);
    const r = checkEligibility(core.ctx, { id: a.id });
    expect(r.profileId).toBe('beijing-2023');
    expect(r.eligible).toBe(expected.length === 0);
    expect(rules(r)).toEqual(expected);
  });

  it('lists every failed team condition, per profile', () => {
    const team = firm(core.ctx, { kind: 'team', name: '学生团队', legalEntity: true, teamMembers: 4, studentMembers: 2, projectStage: 'planning' });
    expect(rules(checkEligibility(core.ctx, { id: team.id }))).toEqual(['applicant.team.legalEntity', 'applicant.team.stage', 'applicant.team.students']);
    // Shanghai asks for an incubator and 3 core members instead.
    const sh = checkEligibility(core.ctx, { id: team.id, profileId: 'shanghai-2025', date: '2025-10-01' });
    expect(rules(sh)).toEqual(['applicant.missingFact', 'applicant.team.incubator']);
    // Chosen by hand for a day it was not in force (before 2025-09-01), it is not applied: no figures from it.
    expect(refusal(() => checkEligibility(core.ctx, { id: team.id, profileId: 'shanghai-2025', date: '2025-08-31' })))
      .toMatchObject({ code: 'RULE', rule: 'policy.notInForce', params: { date: '2025-08-31', region: 'shanghai' } });
  });

  it('refuses to delete an applicant with vouchers and writes nothing', () => {
    const a = firm(core.ctx);
    claim(core.ctx, a.id);
    const before = contentHash(core);
    expect(refusal(() => deleteApplicant(core.ctx, a.id))).toMatchObject({ code: 'RULE', rule: 'applicant.keepHistory' });
    expect(contentHash(core)).toBe(before);
    const b = firm(core.ctx);
    deleteApplicant(core.ctx, b.id);
    expect(refusal(() => getApplicant(core.ctx, b.id)).code).toBe('NOT_FOUND');
  });

  it('refuses a duplicate credit code and more students than members', () => {
    firm(core.ctx, { creditCode: '914403001922038216' });
    expect(refusal(() => firm(core.ctx, { creditCode: '914403001922038216' }))).toMatchObject({ code: 'CONFLICT', field: 'creditCode' });
    const t = firm(core.ctx, { kind: 'team' });
    const bad = applicantInputSchema.parse({ kind: 'team', name: 'T', teamMembers: 2, studentMembers: 3 });
    expect(refusal(() => updateApplicant(core.ctx, t.id, bad))).toMatchObject({ code: 'VALIDATION', field: 'studentMembers' });
  });
});
