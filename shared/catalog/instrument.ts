import { z } from 'zod';
import { isValidCivilDate } from '../rules/civil-date';
import { categoryCodeProblem } from './categories';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../ipc/paging';
import { CARRIER_TYPES, disciplinesProblem, fundingProblem, PLATFORM_LIMITS } from './platform';
import { SHARE_MODES, SOURCES, STATUSES, USAGE_KINDS } from './instrument-fields';

// The words and labels of an instrument's fields live without zod, for the renderer's first screen.
export { SHARE_MODES, SOURCES, STATUSES, USAGE_KINDS };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date 'YYYY-MM-DD' (rejects 2025-02-30). */
// abort: later refinements (weekday, ranges) never see a malformed or impossible date.
// Refusals are reason keys with the value, worded by the renderer in the chosen language.
export const civilDateSchema = z.string()
  .regex(ISO_DATE, { message: 'date.format', abort: true })
  .superRefine((s, ctx) => {
    if (!isValidCivilDate(s)) ctx.addIssue({ code: 'custom', message: 'date.impossible', params: { value: s }, abort: true });
  });

export const fenSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Trimmed text of at most `max` characters. */
export const boundedText = (max: number) => z.string().trim().max(max);
const text = boundedText;

const listOf = (problem: (v: string) => { reason: string; params: Record<string, string | number> } | null) =>
  z.string().trim().superRefine((v, ctx) => {
    const p = problem(v);
    if (p) ctx.addIssue({ code: 'custom', message: p.reason, params: p.params });
  });

/** The editable fields of an instrument: the national platform's 40-column 单台套 record (less the two
 * computed 机时 columns) plus the desk's own (start of use, sharing rules, lab, room). */
export const instrumentInputSchema = z.object({
  innerId: text(64).min(1),
  assetNo: text(64).default(''),
  nameCn: text(200).min(1),
  nameEn: text(200).default(''),
  carrierType: z.union([z.literal(''), z.enum(CARRIER_TYPES)]).default(''),
  carrierNo: text(100).default(''),
  department: text(100).default(''),
  categoryCode: z.string().trim().superRefine((code, ctx) => {
    const problem = categoryCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.reason, params: problem.params });
  }),
  source: z.enum(SOURCES).default('购置'),
  customsSupervised: z.boolean().default(false),
  originalValueFen: fenSchema,
  manufacturer: text(200).default(''),
  country: text(100).default(''),
  bookedDate: civilDateSchema.nullable().default(null),
  model: text(200).default(''),
  startUseDate: civilDateSchema.nullable().default(null),
  usageKind: z.enum(USAGE_KINDS).default('通用'),
  specs: text(PLATFORM_LIMITS.specs).default(''),
  functions: text(PLATFORM_LIMITS.functions).default(''),
  discipline: listOf(disciplinesProblem).default(''),
  fundingSources: listOf(fundingProblem).default(''),
  serviceContent: text(PLATFORM_LIMITS.serviceContent).default(''),
  imageName: z.union([z.literal(''), text(200).regex(/\.jpe?g$/i, 'catalog.imageJpg')]).default(''),
  userNotice: text(PLATFORM_LIMITS.userNotice).default(''),
  status: z.enum(STATUSES).default('正常'),
  shareMode: z.enum(SHARE_MODES).default('外部共享'),
  sharingRules: text(4000).default(''),
  referenceFeeFen: fenSchema.nullable().default(null),
  feeUnit: text(20).default('小时'),
  bookingUrl: z.union([z.literal(''), text(500).regex(/^https?:\/\/\S+$/i, 'catalog.url')]).default(''),
  addrProvince: text(50).default(''),
  addrCity: text(50).default(''),
  addrDistrict: text(50).default(''),
  addrStreet: text(200).default(''),
  location: text(200).default(''),
  contactName: text(100).default(''),
  contactPhone: text(50).default(''),
  contactEmail: z.union([z.literal(''), z.string().trim().email().max(200)]).default(''),
  mailAddress: text(200).default(''),
  postcode: z.union([z.literal(''), z.string().trim().regex(/^\d{6}$/, 'catalog.postcode')]).default(''),
  customsDeclarationNo: z.union([z.literal(''), z.string().trim().regex(/^\d{18}$/, 'catalog.customsDeclarationNo')]).default(''),
  customsItemNo: z.union([z.literal(''), z.string().trim().regex(/^\d{2}$/, 'catalog.customsItemNo')]).default(''),
  customsReleaseDate: civilDateSchema.nullable().default(null),
  customsName: text(200).default(''),
  labId: z.number().int().positive().nullable().default(null),
});

export type InstrumentInput = z.input<typeof instrumentInputSchema>;
export type InstrumentFields = z.output<typeof instrumentInputSchema>;

export interface Instrument extends InstrumentFields {
  id: number;
  labName: string | null;
  retiredAt: string | null;
  retireReason: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export { INSTRUMENT_FIELD_LABELS } from './instrument-fields';

export const INSTRUMENT_SORT_FIELDS = ['nameCn', 'innerId', 'categoryCode', 'originalValueFen', 'status', 'shareMode', 'startUseDate', 'updatedAt'] as const;

export const instrumentFilterSchema = z.object({
  // Control characters (NUL included) would reach the FTS5 query parser.
  query: z.string().trim().max(100).regex(/^[^\p{Cc}]*$/u, 'field.controlChars').default(''),
  categoryPrefix: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, 'catalog.categoryPrefix').optional(),
  status: z.enum(STATUSES).optional(),
  shareMode: z.enum(SHARE_MODES).optional(),
  minValueFen: fenSchema.optional(),
  maxValueFen: fenSchema.optional(),
  labId: z.number().int().positive().optional(),
  includeRetired: z.boolean().default(false),
});
export type InstrumentFilter = z.input<typeof instrumentFilterSchema>;

export const instrumentListSchema = instrumentFilterSchema.extend({
  sortBy: z.enum(INSTRUMENT_SORT_FIELDS).default('innerId'),
  sortDir: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type InstrumentListQuery = z.input<typeof instrumentListSchema>;

/** The light row the catalog list shows. */
export interface InstrumentRow {
  id: number;
  innerId: string;
  nameCn: string;
  model: string;
  categoryCode: string;
  originalValueFen: number;
  status: string;
  shareMode: string;
  labName: string | null;
  location: string;
  retiredAt: string | null;
}
