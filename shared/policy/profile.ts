// The shape of a versioned policy profile. Every number a rule uses comes from here; rule code
// holds none. A profile field that the document does not set is null and the rule is skipped.
// An article mapped to null cites the document as a whole (the text states it without one).

import type { CivilDate } from '../rules/civil-date';
import type { Fen } from '../rules/money';
import type { Ratio } from '../rules/ratio';
import type { LocalizedText } from '../rules/text';
import type { ApplicantKind, ServiceKind, SubsidyClass, SubsidyGrade } from './vocabulary';

/** Region code; 'beijing' and 'shanghai' ship, others arrive as profile data. */
export type Region = 'beijing' | 'shanghai' | (string & {});

export type Quarter = 1 | 2 | 3 | 4;

export type PublicNoticeRule =
  | { kind: 'workingDays'; count: number; appliesTo: LocalizedText }
  | { kind: 'calendarDays'; count: number; appliesTo: LocalizedText };

export interface EnterpriseEligibility {
  /** Applicant kinds accepted at all; null = every enterprise kind, subject to the tests below. */
  acceptedKinds: readonly ApplicantKind[] | null;
  /** Region the enterprise must be registered in. */
  registeredRegion: Region | null;
  /** At most this many years since registration (month arithmetic, inclusive). */
  maxYearsSinceRegistration: number | null;
  /** Newly entered in the 科技型中小企业 database this year replaces the age test. */
  newSmeDatabaseEntryWaivesAge: boolean;
  maxStaff: number | null;
  maxRevenueFen: Fen | null;
  maxAssetsFen: Fen | null;
  /** Business must be in one of these fields (e.g. the 5 高精尖 fields). */
  fields: readonly string[] | null;
  requireNoBadCredit: boolean;
  /** The text lists kinds with "等": a kind outside acceptedKinds is not refused but noted as unchecked. */
  acceptedKindsOpen: boolean;
  /** 高新技术企业 count only when also a small or medium enterprise (沪 第七条 "高新技术企业中的中小企业"). */
  highTechMustBeSme: boolean;
}

/** Integrity conditions for enterprises and teams alike (沪 第七条). */
export interface IntegrityEligibility {
  /** No serious dishonesty record on the credit platform (or its penalty period is over). */
  noSeriousDishonesty: boolean;
  /** No major safety, quality or environmental violation in this many years counting this one (2 = this year and last). */
  noMajorViolationWithinYears: number | null;
  /** Not on the 经营异常名录 or the serious-violation list. */
  notOnAbnormalList: boolean;
}

export interface TeamEligibility {
  accepted: boolean;
  mustNotBeLegalEntity: boolean;
  /** Students must be MORE than this share of the members ("mainly students" = more than 1/2). */
  studentShareAbove: Ratio | null;
  requirePastPlanning: boolean;
  requireIncubator: boolean;
  /** The incubator must be in this region. */
  incubatorRegion: Region | null;
  /** The team must not yet have registered a company in this region. */
  noCompanyRegisteredIn: Region | null;
  minCoreMembers: number | null;
}

/** Vouchers issued under a neighbouring region's scheme that this profile recognises but does not judge. */
export interface CrossRegionScheme {
  id: 'jingjinji' | 'yangtze';
  label: LocalizedText;
  /** Regions whose vouchers the scheme covers. */
  issuingRegions: readonly { id: string; label: LocalizedText }[];
}

export type SubsidyCaps = Readonly<Record<SubsidyClass, Readonly<Record<SubsidyGrade, Fen>>>>;

export interface PolicyProfile {
  id: string;
  region: Region;
  title: string;
  /** English name of the document, shown in English mode. */
  titleEn: string;
  documentNumber: string;
  effectiveFrom: CivilDate;
  /** Last day in force (inclusive); null = open-ended. */
  effectiveTo: CivilDate | null;
  /**
   * Article per rule id or id prefix ('voucher.contractShare', 'applicant'); the most specific
   * match wins, the document number is the fallback.
   */
  articles: Readonly<Record<string, string | null>>;
  /**
   * Interpretations the text leaves open, per rule id (same lookup as `articles`): shown with the
   * rule so the user sees where the desk reads the text and how.
   */
  ruleNotes: Readonly<Record<string, LocalizedText>>;
  /** How the text names the funding that excludes vouchers (京: 市级财政科技资金). */
  doubleFundingTerm: LocalizedText;
  /** 高新技术 / 入库 status must be within its validity dates on the day of use for its quota. */
  statusMustBeValidOnUse: boolean;
  /** How the text lets vouchers be used: Beijing contracts after a claim; Shanghai orders on the platform. */
  flow: 'contract' | 'order';
  crossRegion: CrossRegionScheme | null;

  // Vouchers
  singleVoucherMaxFen: Fen | null;
  /** Annual voucher use per applicant kind; a kind absent here gets no vouchers. */
  annualQuotaFen: Readonly<Partial<Record<ApplicantKind, Fen>>>;
  /** Voucher payment ≤ this share of the contract's (or order's) actual amount. */
  contractVoucherShareMax: Ratio;
  /** Projects already funded by city finance get no voucher. */
  noDoubleFunding: boolean;
  registerWithinDays: number | null;
  validityMonths: number | null;
  redemptionWithinMonths: number | null;
  /** Regular disbursement quarters; null when the document sets no schedule. */
  disbursementQuarters: readonly Quarter[] | null;
  /** Approvals outside the regular quarters may be paid the next year. */
  offScheduleRollsToNextYear: boolean;
  /** Service kinds vouchers may buy; null = not restricted beyond the exclusions. */
  allowedServiceKinds: readonly ServiceKind[] | null;
  excludedServiceKinds: readonly ServiceKind[];
  publicNotice: PublicNoticeRule | null;
  /** Also show the 民法典 第二百零三条 extended date (information only, never enforced). */
  extendDeadlineToWorkingDay: boolean;

  eligibility: {
    enterprise: EnterpriseEligibility;
    team: TeamEligibility;
    integrity: IntegrityEligibility;
  };

  // Performance subsidy of open units
  subsidyCapsFen: SubsidyCaps | null;
  subsidyExcludesThirdPartyTesting: boolean;
  staffAwardMinShare: Ratio | null;
  /** The text permits ("可按照不低于…的比例") rather than requires the staff-award share. */
  staffAwardSharePermissive: boolean;
  openUnitExitNoticeMonths: number | null;

  // National open-sharing evaluation (国科办基〔2022〕93号), applies in every region
  ratedHoursDefault: number;
  nationalEvaluationMinUnitValueFen: Fen;
  nationalAverages: { year: number; effectiveHours: number; externalHours: number } | null;
}
