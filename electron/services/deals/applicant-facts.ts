// Maps a stored applicant onto the facts and the voucher kind the policy engine reasons about.
import type { ApplicantFields } from '../../../shared/ipc/deals';
import type { PolicyProfile } from '../../../shared/policy';
import type { ApplicantKind } from '../../../shared/policy/vocabulary';
import { yearOf, type ApplicantFacts } from '../../../shared/rules';

/**
 * The kind the quota is taken from. A firm can be several kinds at once (高企 and 入库); it gets the
 * most favourable quota the profile gives any of them, and is 'other_enterprise' otherwise.
 */
export function voucherKindOf(a: Pick<ApplicantFields, 'kind' | 'highTech' | 'smeListed' | 'specializedSme'>, profile: PolicyProfile | null): ApplicantKind {
  if (a.kind === 'team') return 'team';
  const kinds: ApplicantKind[] = [];
  if (a.highTech) kinds.push('high_tech_enterprise');
  if (a.smeListed) kinds.push('tech_sme');
  if (a.specializedSme) kinds.push('specialized_sme');
  if (kinds.length === 0) return 'other_enterprise';
  if (!profile) return kinds[0];
  const quota = (k: ApplicantKind) => profile.annualQuotaFen[k] ?? -1;
  return kinds.reduce((best, k) => (quota(k) > quota(best) ? k : best));
}

/** The facts the eligibility rules check; unknown facts stay null so the engine reports them missing. */
export function applicantFacts(a: ApplicantFields, today: string, profile: PolicyProfile): ApplicantFacts {
  if (a.kind === 'team') {
    return {
      type: 'team',
      isLegalEntity: a.legalEntity,
      memberCount: a.teamMembers,
      studentMemberCount: a.studentMembers,
      pastPlanningStage: a.projectStage === '' ? null : a.projectStage !== 'planning',
      inIncubator: a.incubator.trim() !== '',
      coreMemberCount: a.coreMembers,
    };
  }
  const kind = voucherKindOf(a, profile);
  return {
    type: 'enterprise',
    kind: kind === 'team' ? 'other_enterprise' : kind,
    registeredRegion: a.region,
    registeredOn: a.registeredDate,
    newlyEnteredSmeDatabaseThisYear: a.smeListed && a.smeListedYear === yearOf(today),
    staffCount: a.staffCount,
    annualRevenueFen: a.revenueFen,
    totalAssetsFen: a.assetsFen,
    fields: a.fields.length ? a.fields : null,
    hasBadCreditRecord: a.badCredit,
  };
}
