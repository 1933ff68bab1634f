// Channels: applicants:*, vouchers:*, contracts:*, dashboard:* — who claims vouchers, the vouchers,
// the voucher service contracts and the due-soon list. Rules live in shared/rules; this file only
// holds the input schemas and the shapes that cross IPC.
import { z } from 'zod';
import { boundedText, fenSchema } from '../catalog/instrument';
import { civilDateField as civilDateSchema, optionalCreditCodeSchema, phoneSchema } from '../fields';
import { listProfiles } from '../policy/registry';
import { SERVICE_KINDS, type ApplicantKind, type ServiceKind } from '../policy/vocabulary';
import type { Deadline } from '../rules/periods';
import type { VoucherStateName, VoucherStateReason } from '../rules/vouchers';
import type { Violation } from '../rules/violations';
import { channel } from './define';
import { pageQuerySchema, type Page } from './paging';

const id = z.number().int().positive();
const text = boundedText;
const count = z.number().int().min(0).max(1_000_000).nullable().default(null);
/** A civil date in the span the deadline arithmetic covers (1990–2100), so month/day periods never leave range. */
const dealDate = civilDateSchema.superRefine((d, ctx) => {
  if (d < '1990-01-01' || d > '2100-12-31') ctx.addIssue({ code: 'custom', message: 'date.range', params: { min: '1990-01-01', max: '2100-12-31' } });
});

export const APPLICANT_TYPES = ['enterprise', 'team'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** Project stage of a team; anything after 'planning' is "past the planning stage". */
export const PROJECT_STAGES = ['planning', 'development', 'pilot', 'market'] as const;
export const PROJECT_STAGE_LABELS: Record<(typeof PROJECT_STAGES)[number], { zh: string; en: string }> = {
  planning: { zh: '计划阶段', en: 'Planning' },
  development: { zh: '研发阶段', en: 'Development' },
  pilot: { zh: '中试/样品阶段', en: 'Pilot' },
  market: { zh: '市场推广阶段', en: 'Market' },
};

const regionSchema = z.string().refine((r) => listProfiles().some((p) => p.region === r), 'policy.noRegion');

export const applicantInputSchema = z.object({
  kind: z.enum(APPLICANT_TYPES),
  name: text(200).min(1),
  /** GB 32100 code, normalised (NFKC, upper case, invisible characters removed) before it is compared. */
  creditCode: optionalCreditCodeSchema,
  region: regionSchema.default('beijing'),
  registeredDate: dealDate.nullable().default(null),
  staffCount: count,
  revenueFen: fenSchema.nullable().default(null),
  assetsFen: fenSchema.nullable().default(null),
  /** Business fields (高精尖 fields of the profile). */
  fields: z.array(text(50).min(1)).max(10).default([]),
  highTech: z.boolean().default(false),
  smeListed: z.boolean().default(false),
  smeListedYear: z.number().int().min(1990).max(2100).nullable().default(null),
  /** Validity of the 高新技术企业 certificate; the higher quota counts only on days within it. */
  highTechValidFrom: dealDate.nullable().default(null),
  highTechValidTo: dealDate.nullable().default(null),
  /** Validity of the 科技型中小企业 入库 number. */
  smeValidFrom: dealDate.nullable().default(null),
  smeValidTo: dealDate.nullable().default(null),
  /** Small or medium by the national size standard (沪: only 高新技术企业中的中小企业). */
  isSme: z.boolean().nullable().default(null),
  specializedSme: z.boolean().default(false),
  badCredit: z.boolean().default(false),
  /** 沪 第七条: serious dishonesty within its penalty period; latest major violation year; 经营异常名录. */
  seriousDishonesty: z.boolean().default(false),
  lastMajorViolationYear: z.number().int().min(1990).max(2100).nullable().default(null),
  abnormalList: z.boolean().default(false),
  legalEntity: z.boolean().nullable().default(null),
  teamMembers: count,
  studentMembers: count,
  coreMembers: count,
  projectStage: z.union([z.literal(''), z.enum(PROJECT_STAGES)]).default(''),
  incubator: text(200).default(''),
  /** Region of the incubator ('' = not given). */
  incubatorRegion: text(30).default(''),
  /** Regions where a team has already registered a company. */
  companyRegions: z.array(text(30).min(1)).max(10).default([]),
  contactName: text(100).default(''),
  contactPhone: phoneSchema,
  bankName: text(200).default(''),
  bankAccount: text(50).default(''),
  notes: text(2000).default(''),
});
export type ApplicantInput = z.input<typeof applicantInputSchema>;
export type ApplicantFields = z.output<typeof applicantInputSchema>;

export interface Applicant extends ApplicantFields {
  id: number;
  /** The voucher kind the quota is taken from (high-tech, tech SME, …, team). */
  voucherKind: ApplicantKind;
  voucherCount: number;
  contractCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Applicants that are one enterprise once their codes are normalised (found, never merged silently). */
export interface CreditCodeDuplicate {
  creditCode: string;
  applicants: { id: number; name: string; typed: string }[];
}

export interface EligibilityReport {
  profileId: string;
  profileTitle: string;
  documentNumber: string;
  date: string;
  voucherKind: ApplicantKind;
  eligible: boolean;
  /** Every failed condition, not just the first. */
  violations: Violation[];
  /** What the desk did not judge or how it reads an open point of the text. */
  notes: { zh: string; en: string }[];
}

export const CROSS_REGION_SCHEMES = ['jingjinji', 'yangtze'] as const;
export type CrossRegionSchemeId = (typeof CROSS_REGION_SCHEMES)[number];

export const VOUCHER_STATES = ['claimed', 'registered', 'expired_unregistered', 'expired', 'redeemed', 'void'] as const;

export const voucherClaimSchema = z.object({
  number: text(64).min(1),
  applicantId: id,
  faceValueFen: fenSchema.refine((f) => f > 0, 'money.positive'),
  claimDate: dealDate,
  registeredDate: dealDate.nullable().default(null),
  cityFunded: z.boolean().default(false),
  /** A voucher issued under a neighbouring scheme (京津冀 / 长三角), with the region that issued it. */
  crossRegion: z.enum(CROSS_REGION_SCHEMES).nullable().default(null),
  issuingRegion: text(30).transform((s) => (s === '' ? null : s)).nullable().default(null),
  /**
   * Why the voucher is recorded although the applicant fails eligibility under the profile (empty:
   * no override, and such a claim is refused listing every failed condition). Audited.
   */
  eligibilityOverride: text(500).transform((s) => (s === '' ? null : s)).nullable().default(null),
});
export type VoucherClaimInput = z.input<typeof voucherClaimSchema>;

export interface VoucherRow {
  id: number;
  number: string;
  applicantId: number;
  applicantName: string;
  faceValueFen: number;
  claimDate: string;
  registeredDate: string | null;
  profileId: string;
  cityFunded: boolean;
  voidedAt: string | null;
  voidReason: string;
  contractId: number | null;
  contractNumber: string | null;
  /** Amount applied on its contract, if any. */
  usedFen: number | null;
  state: VoucherStateName;
  stateReason: VoucherStateReason | null;
  registerBy: string | null;
  validUntil: string | null;
  redemptionApplyBy: string | null;
  /** The deadline to meet next and its days left (0 = today is the last day). */
  nextDeadline: Deadline | null;
  daysLeft: number | null;
  crossRegion: CrossRegionSchemeId | null;
  issuingRegion: string | null;
  /** Rules of the local profile not checked for this voucher (cross-region ones follow their issuer's). */
  uncheckedRules: string[];
}

/** Sorts the vouchers list offers, each along an index (vouchers_claim, the number's unique index). */
export const VOUCHER_SORTS = ['claimDate', 'number'] as const;
export const voucherListSchema = pageQuerySchema({
  applicantId: id.optional(),
  state: z.enum(VOUCHER_STATES).optional(),
  year: z.number().int().min(1990).max(2100).optional(),
  /** Only vouchers a contract of this applicant may still use (picker). */
  usableOnly: z.boolean().default(false),
  /** Keep the vouchers of this contract in a usableOnly list (editing it). */
  contractId: id.optional(),
}, VOUCHER_SORTS, { sort: 'claimDate', dir: 'desc' });
export type VoucherListQuery = z.output<typeof voucherListSchema>;

export interface QuotaReport {
  applicantId: number;
  year: number;
  profileId: string;
  voucherKind: ApplicantKind;
  /** null: the profile gives this kind no vouchers. */
  quotaFen: number | null;
  /** Face values claimed this year that still count (expired / void ones do not). */
  claimedFen: number;
  /** Voucher amounts applied on contracts signed this year. */
  appliedFen: number;
  remainingClaimFen: number | null;
  remainingUseFen: number | null;
}

export const CONTRACT_STATUSES = ['draft', 'active', 'completed', 'void'] as const;
/** A contract's state in both languages (the contracts page adds its colours). */
export const CONTRACT_STATUS_TEXT: Readonly<Record<(typeof CONTRACT_STATUSES)[number], { zh: string; en: string }>> = {
  draft: { zh: '草稿', en: 'Draft' }, active: { zh: '履行中', en: 'Active' }, completed: { zh: '已完成', en: 'Completed' }, void: { zh: '已作废', en: 'Void' },
};

export const contractVoucherSchema = z.object({ voucherId: id, amountFen: fenSchema.refine((f) => f > 0, 'money.positive') });

export const contractInputSchema = z.object({
  number: text(64).min(1),
  applicantId: id,
  labId: id.nullable().default(null),
  title: text(200).default(''),
  /** Free-text description of the service, kept as a note; the scope check reads serviceKinds. */
  services: text(4000).default(''),
  /** Service content chosen from the profile's vocabulary (京 第五条 / 沪 第四条). */
  serviceKinds: z.array(z.enum(SERVICE_KINDS)).max(SERVICE_KINDS.length).default([]),
  signedDate: dealDate,
  startDate: dealDate,
  endDate: dealDate,
  amountFen: fenSchema.refine((f) => f > 0, 'money.positive'),
  actualAmountFen: fenSchema.nullable().default(null),
  registrationDate: dealDate.nullable().default(null),
  cityFunded: z.boolean().default(false),
  status: z.enum(CONTRACT_STATUSES).default('active'),
  instrumentIds: z.array(id).max(200).default([]),
  vouchers: z.array(contractVoucherSchema).max(50).default([]),
});
export type ContractInput = z.input<typeof contractInputSchema>;
export type ContractFields = z.output<typeof contractInputSchema>;

export interface ContractRow {
  id: number;
  number: string;
  title: string;
  applicantId: number;
  applicantName: string;
  labName: string | null;
  signedDate: string;
  startDate: string;
  endDate: string;
  amountFen: number;
  actualAmountFen: number | null;
  registrationDate: string | null;
  status: (typeof CONTRACT_STATUSES)[number];
  voucherTotalFen: number;
  voucherCount: number;
  profileId: string;
  /** Last day to apply for redemption (end + the profile's months); null without vouchers or rule. */
  redemptionApplyBy: string | null;
  redemptionDaysLeft: number | null;
}

export interface ContractDetail extends ContractRow {
  labId: number | null;
  services: string;
  serviceKinds: ServiceKind[];
  cityFunded: boolean;
  instruments: { id: number; innerId: string; nameCn: string }[];
  vouchers: { voucherId: number; number: string; faceValueFen: number; amountFen: number }[];
  /** Largest voucher total the 50% rule allows on the amount used for the check. */
  maxVoucherFen: number;
}

/** Sorts the contracts list offers, each along an index (contracts_signed_cover, contracts_end, the number's unique index). */
export const CONTRACT_SORTS = ['signedDate', 'endDate', 'number'] as const;
export const contractListSchema = pageQuerySchema({
  query: text(100).default(''),
  applicantId: id.optional(),
  status: z.enum(CONTRACT_STATUSES).optional(),
  year: z.number().int().min(1990).max(2100).optional(),
}, CONTRACT_SORTS, { sort: 'signedDate', dir: 'desc' });

export const APPLICANT_SORTS = ['name'] as const;
export const applicantListSchema = pageQuerySchema(
  { query: text(100).default(''), kind: z.enum(APPLICANT_TYPES).optional() }, APPLICANT_SORTS, { sort: 'name' },
);
export type ApplicantListQuery = z.output<typeof applicantListSchema>;

export const DUE_KINDS = ['voucher_register', 'voucher_expiry', 'contract_redemption'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

export interface DueItem {
  kind: DueKind;
  title: { zh: string; en: string };
  /** The voucher's or contract's number, for the renderer to word the item around. */
  number: string;
  deadline: string;
  daysLeft: number;
  rule: string;
  article: string;
  applicantName: string;
  /** Where the item opens: page key of the menu and the record id. */
  link: { page: 'vouchers' | 'contracts'; id: number };
}

/** Due-soon items sort by deadline (most urgent first ascending), then kind. */
export const DUE_SORTS = ['deadline'] as const;
export const dueSoonSchema = pageQuerySchema(
  { withinDays: z.number().int().min(0).max(366).default(30) }, DUE_SORTS, { sort: 'deadline' },
);
export type DueSoonQuery = z.output<typeof dueSoonSchema>;
/** A window of the items due within the days asked, with every matching item counted in `total`. */
export interface DueSoonPage extends Page<DueItem> {
  today: string;
}

export const dealsChannels = {
  'applicants:list': channel<Page<Applicant>>()(applicantListSchema),
  'applicants:get': channel<Applicant>()(z.object({ id })),
  'applicants:create': channel<Applicant>()(applicantInputSchema),
  'applicants:update': channel<Applicant>()(z.object({ id, fields: applicantInputSchema })),
  'applicants:duplicates': channel<CreditCodeDuplicate[]>()(z.object({})),
  'applicants:delete': channel<{ deleted: true }>()(z.object({ id })),
  'applicants:eligibility': channel<EligibilityReport>()(z.object({
    id,
    /** Profile to check against; default: the one of the applicant's region in force on `date`. */
    profileId: z.string().max(64).optional(),
    date: dealDate.optional(),
  })),
  'vouchers:list': channel<Page<VoucherRow>>()(voucherListSchema),
  'vouchers:claim': channel<VoucherRow>()(voucherClaimSchema),
  'vouchers:register': channel<VoucherRow>()(z.object({ id, registeredDate: dealDate })),
  'vouchers:void': channel<VoucherRow>()(z.object({ id, reason: text(500).min(1) })),
  'vouchers:quota': channel<QuotaReport>()(z.object({ applicantId: id, year: z.number().int().min(1990).max(2100).optional() })),
  'contracts:list': channel<{ rows: ContractRow[]; total: number }>()(contractListSchema),
  'contracts:get': channel<ContractDetail>()(z.object({ id })),
  'contracts:create': channel<ContractDetail>()(contractInputSchema),
  'contracts:update': channel<ContractDetail>()(z.object({ id, fields: contractInputSchema })),
  'dashboard:dueSoon': channel<DueSoonPage>()(dueSoonSchema),
};
