// Maps a stored applicant onto the facts and the voucher kind the policy engine reasons about.
import type { ApplicantFields } from '../../../shared/ipc/deals';
import type { PolicyProfile } from '../../../shared/policy';
import type { ApplicantKind } from '../../../shared/policy/vocabulary';
import { yearOf, type ApplicantFacts } from '../../../shared/rules';

type KindFields = Pick<ApplicantFields, 'kind' | 'highTech' | 'smeListed' | 'specializedSme'> &
  Partial<Pick<ApplicantFields, 'highTechValidFrom' | 'highTechValidTo' | 'smeValidFrom' | 'smeValidTo'>>;

const within = (date: string, from: string | null | undefined, to: string | null | undefined) =>
  from != null && to != null && from <= date && date <= to;

/**
 * The statuses the firm holds on `date`. Where the profile asks for it (both texts: "在有效期内"),
 * a 高企 or 入库 status counts only on days within its recorded validity.
 */
export function heldKindsOn(a: KindFields, profile: PolicyProfile | null, date: string): Exclude<ApplicantKind, 'team'>[] {
  const strict = profile?.statusMustBeValidOnUse ?? true;
  const kinds: Exclude<ApplicantKind, 'team'>[] = [];
  if (a.highTech && (!strict || within(date, a.highTechValidFrom, a.highTechValidTo))) kinds.push('high_tech_enterprise');
  if (a.smeListed && (!strict || within(date, a.smeValidFrom, a.smeValidTo))) kinds.push('tech_sme');
  if (a.specializedSme) kinds.push('specialized_sme');
  return kinds;
}

/**
 * The kind the quota is taken from on `date`. A firm can be several kinds at once (高企 and 入库);
 * it gets the most favourable quota the profile gives any of them, and is 'other_enterprise' otherwise.
 */
export function voucherKindOf(a: KindFields, profile: PolicyProfile | null, date: string): ApplicantKind {
  if (a.kind === 'team') return 'team';
  const kinds: ApplicantKind[] = heldKindsOn(a, profile, date);
  if (kinds.length === 0) return 'other_enterprise';
  if (!profile) return kinds[0];
  const quota = (k: ApplicantKind) => profile.annualQuotaFen[k] ?? -1;
  return kinds.reduce((best, k) => (quota(k) > quota(best) ? k : best));
}

function integrity(a: ApplicantFields) {
  return { seriousDishonesty: a.seriousDishonesty, lastMajorViolationYear: a.lastMajorViolationYear, onAbnormalList: a.abnormalList };
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
      incubatorRegion: a.incubatorRegion === '' ? null : a.incubatorRegion,
      companyRegisteredIn: a.companyRegions,
      coreMemberCount: a.coreMembers,
      ...integrity(a),
    };
  }
  const kind = voucherKindOf(a, profile, today);
  return {
    type: 'enterprise',
    kind: kind === 'team' ? 'other_enterprise' : kind,
    heldKinds: heldKindsOn(a, profile, today),
    isSme: a.isSme,
    ...integrity(a),
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
