// Channels: assessment:*, settings:*, holidays:*
import { z } from 'zod';
import { civilDateSchema, fenSchema } from '../catalog/instrument';
import type { SubsidyClass, SubsidyGrade } from '../policy/vocabulary';
import type { FileDownload } from './catalog';
import type { Params } from '../result';
import { channel } from './define';

export const REGIONS = ['beijing', 'shanghai'] as const;
export const SUBSIDY_GRADES = ['excellent', 'good', 'qualified', 'unqualified'] as const;
/** Calendar hours of a leap year: no instrument can be rated for more. */
const MAX_YEAR_HOURS = 366 * 24;

export const settingsSchema = z.object({
  region: z.enum(REGIONS),
  /** 额定机时 per instrument per year; null = the profile default. */
  ratedHours: z.number().positive().max(MAX_YEAR_HOURS).nullable(),
  unitName: z.string().trim().max(200),
  /** 以测试、检测、研发服务为主业的第三方服务机构 (excluded from the performance subsidy). */
  thirdPartyTesting: z.boolean(),
  /** How many days ahead deadlines are announced on the dashboard. */
  notificationDays: z.number().int().min(0).max(365),
});
export type DeskSettings = z.output<typeof settingsSchema>;

export interface SettingsView {
  settings: DeskSettings;
  /** Rated hours actually used: the setting, else the profile default (null: neither exists). */
  ratedHoursEffective: number | null;
  ratedHoursDefault: number | null;
  /** The region's profile in force today; null when none is (never another profile instead). */
  profile: ProfileRef | null;
  /** Set when no profile of the region is in force today. */
  noProfile: { region: string; date: string } | null;
}

export interface ProfileRef {
  id: string;
  title: string;
  documentNumber: string;
}

export interface HolidayRow {
  date: string;
  kind: 'holiday' | 'adjusted_workday';
  name: string;
}

export interface HolidayYearInfo {
  year: number;
  holidays: number;
  adjustedWorkdays: number;
  /** No official data entered: working-day counts in this year are estimates. */
  missing: boolean;
}

const yearSchema = z.number().int().min(2000).max(2100);
const holidayInputSchema = z.object({
  date: civilDateSchema,
  kind: z.enum(['holiday', 'adjusted_workday']),
  name: z.string().trim().max(50).default(''),
});

export const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit') }),
  z.object({ kind: z.literal('lab'), labId: z.number().int().positive() }),
  z.object({ kind: z.literal('instrument'), instrumentId: z.number().int().positive() }),
]);
export type AssessmentScope = z.output<typeof scopeSchema>;
const computeInput = z.object({ year: yearSchema, scope: scopeSchema.default({ kind: 'unit' }) });

export interface CategoryFigures {
  code: string;
  name: string;
  nameEn: string;
  instruments: number;
  valueFen: number;
  effectiveHours: number;
  externalHours: number;
  utilisation: number | null;
}

export interface InstrumentFigures {
  id: number;
  innerId: string;
  name: string;
  categoryCode: string;
  effectiveHours: number;
  externalHours: number;
  utilisation: number | null;
}

export interface AssessmentResult {
  year: number;
  scope: AssessmentScope;
  scopeLabel: string;
  profile: ProfileRef;
  /** The unit's 额定机时 of the year (for a 通用 instrument without override). */
  ratedHours: number;
  /** Sum of the counted instruments' own 额定机时 of the year: the denominator of 利用率. */
  ratedHoursTotal: number;
  /** Instruments in scope in service during the year (not retired before it). */
  instrumentCount: number;
  totalValueFen: number;
  usageRecords: number;
  effectiveHours: number;
  externalHours: number;
  /** Effective hours / the sum of the instruments' rated hours of the year. */
  utilisation: number | null;
  shareRate: number | null;
  avgEffectiveHours: number | null;
  avgExternalHours: number | null;
  nationalAverages: { year: number; effectiveHours: number; externalHours: number } | null;
  externalUsers: number;
  contracts: number;
  voucherContracts: number;
  contractAmountFen: number;
  voucherAmountFen: number;
  serviceIncomeFen: number;
  /** Receipts (payments) dated in the year, of contracts linked to the scope, and their total. */
  payments: number;
  paymentsReceivedFen: number;
  avgSatisfaction: number | null;
  /** Instruments of unit value ≥ the national threshold, and their value. */
  national: { thresholdFen: number; count: number; valueFen: number };
  /** (内部共享 + 外部共享) / instruments; externalOpenRate counts 外部共享 only. */
  openRate: number | null;
  externalOpenRate: number | null;
  /** Instruments in 外部共享 (open to outside users) and their value: the subsidy's open-instrument value. */
  openInstrumentCount: number;
  openInstrumentValueFen: number;
  categories: CategoryFigures[];
  monthly: { month: number; effectiveHours: number; externalHours: number }[];
  topInstruments: InstrumentFigures[];
}

export type DataCheckCode = 'dayOverflow' | 'yearOverflow' | 'overlap' | 'noBooking' | 'noHours' | 'crossesYear' | 'future';

export interface DataCheckItem {
  instrumentId: number;
  instrumentName: string;
  recordIds: number[];
  /** The day, time or hours the finding is about. */
  detail: string;
}

export interface DataCheck {
  code: DataCheckCode;
  count: number;
  /** The first findings (at most a few hundred); count is the full number. */
  items: DataCheckItem[];
}

export interface YearInputs {
  year: number;
  classBoundaryFen: number | null;
  publishedGrade: SubsidyGrade | null;
  /** Income of open sharing; null = take the service income of the usage records. */
  incomeFen: number | null;
  costsFen: number;
}

export interface SubsidyResult {
  year: number;
  profile: ProfileRef;
  /** Whether the profile has a performance subsidy at all. */
  applicable: boolean;
  article: string;
  thirdPartyTesting: boolean;
  openInstrumentCount: number;
  openValueFen: number;
  classBoundaryFen: number | null;
  subsidyClass: SubsidyClass | null;
  grade: SubsidyGrade | null;
  gradeSource: 'published' | 'whatIf' | null;
  capFen: number | null;
  /** Why the cap is what it is: a reason key of the renderer's catalog, with its article. */
  capReason: { rule: string; reason: string; article: string; document: string; params: Params } | null;
  /** Caps of the unit's class by grade, for the what-if selector. */
  capsByGrade: Record<SubsidyGrade, number> | null;
  incomeFen: number;
  incomeSource: 'entered' | 'usage';
  costsFen: number;
  netFen: number;
  staffAwardMinFen: number | null;
  staffAwardShare: string | null;
  /** The profile's article for the staff-award share (京 第十三条); null when the profile sets no share. */
  staffAwardArticle: string | null;
}

/** What the assessment page shows for a year and scope (one call). */
export interface AssessmentPage {
  result: AssessmentResult;
  checks: DataCheck[];
  /** The unit's subsidy of the year (whatever the scope). */
  subsidy: SubsidyResult;
}

export const assessmentChannels = {
  'settings:get': channel<SettingsView>()(z.object({})),
  'settings:set': channel<SettingsView>()(settingsSchema.partial()),
  'holidays:years': channel<HolidayYearInfo[]>()(z.object({})),
  'holidays:list': channel<HolidayRow[]>()(z.object({ year: yearSchema })),
  'holidays:upsert': channel<HolidayRow[]>()(holidayInputSchema),
  'holidays:delete': channel<{ deleted: true }>()(z.object({ date: civilDateSchema })),
  'holidays:importYear': channel<{ year: number; count: number }>()(z.object({
    year: yearSchema,
    entries: z.array(holidayInputSchema).min(1).max(400),
  })),
  'assessment:compute': channel<AssessmentResult>()(computeInput),
  'assessment:checks': channel<DataCheck[]>()(computeInput),
  /** The page's figures, checks and subsidy in one call over one pass of the year's data. */
  'assessment:page': channel<AssessmentPage>()(computeInput.extend({ whatIfGrade: z.enum(SUBSIDY_GRADES).optional() })),
  'assessment:yearGet': channel<YearInputs>()(z.object({ year: yearSchema })),
  'assessment:yearSet': channel<YearInputs>()(z.object({
    year: yearSchema,
    classBoundaryFen: fenSchema.nullable(),
    publishedGrade: z.enum(SUBSIDY_GRADES).nullable(),
    incomeFen: fenSchema.nullable(),
    costsFen: fenSchema,
  })),
  'assessment:subsidy': channel<SubsidyResult>()(z.object({ year: yearSchema, whatIfGrade: z.enum(SUBSIDY_GRADES).optional() })),
  'assessment:exportXlsx': channel<FileDownload>()(computeInput),
  'assessment:exportPdf': channel<FileDownload>()(computeInput),
};
