import { z } from 'zod';
import { isValidCivilDate } from '../rules/civil-date';
import { categoryCodeProblem } from './categories';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../ipc/paging';
import { CARRIER_TYPES, disciplinesProblem, fundingProblem, PLATFORM_LIMITS } from './platform';

export const SOURCES = ['购置', '研制', '赠送', '其他'] as const;
export const USAGE_KINDS = ['通用', '专用'] as const;
export const STATUSES = ['正常', '偶有故障', '故障频繁', '待修', '待报废'] as const;
export const SHARE_MODES = ['内部共享', '外部共享', '不共享'] as const;

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

/** Field labels of the desk, in the 单台套 template's order then the desk's own fields. */
export const INSTRUMENT_FIELD_LABELS: { key: keyof InstrumentFields; zh: string; en: string }[] = [
  { key: 'innerId', zh: '仪器编号', en: 'Instrument no.' },
  { key: 'assetNo', zh: '所在单位仪器编号', en: 'Unit asset no.' },
  { key: 'nameCn', zh: '仪器设备名称', en: 'Name' },
  { key: 'nameEn', zh: '英文名称', en: 'English name' },
  { key: 'carrierType', zh: '所属资源载体类型', en: 'Resource carrier type' },
  { key: 'carrierNo', zh: '所属资源载体内部编号', en: 'Carrier inner no.' },
  { key: 'department', zh: '所属单位内部门', en: 'Department' },
  { key: 'categoryCode', zh: '仪器分类编码', en: 'Category code' },
  { key: 'source', zh: '设备仪器来源', en: 'Source' },
  { key: 'customsSupervised', zh: '是否在海关监管年限内', en: 'Under customs supervision' },
  { key: 'originalValueFen', zh: '原值', en: 'Original value' },
  { key: 'country', zh: '产地国别', en: 'Country' },
  { key: 'manufacturer', zh: '生产制造商', en: 'Manufacturer' },
  { key: 'bookedDate', zh: '建账日期', en: 'Booked on' },
  { key: 'usageKind', zh: '仪器设备类别', en: 'General/special' },
  { key: 'model', zh: '规格型号', en: 'Model' },
  { key: 'specs', zh: '主要技术指标', en: 'Technical specs' },
  { key: 'functions', zh: '主要功能', en: 'Functions' },
  { key: 'discipline', zh: '主要学科领域', en: 'Disciplines' },
  { key: 'fundingSources', zh: '主要购置经费来源', en: 'Funding sources' },
  { key: 'serviceContent', zh: '服务内容', en: 'Service content' },
  { key: 'imageName', zh: '图片', en: 'Picture' },
  { key: 'userNotice', zh: '用户须知', en: 'Notice to users' },
  { key: 'referenceFeeFen', zh: '参考收费标准', en: 'Reference fee' },
  { key: 'feeUnit', zh: '收费单位', en: 'Fee unit' },
  { key: 'bookingUrl', zh: '预约服务网址', en: 'Booking URL' },
  { key: 'addrProvince', zh: '安放地址-省', en: 'Address: province' },
  { key: 'addrCity', zh: '安放地址-市', en: 'Address: city' },
  { key: 'addrDistrict', zh: '安放地址-区县', en: 'Address: district' },
  { key: 'addrStreet', zh: '安放地址-街道（乡镇）', en: 'Address: street' },
  { key: 'contactName', zh: '联系人', en: 'Contact' },
  { key: 'contactPhone', zh: '电话', en: 'Phone' },
  { key: 'contactEmail', zh: '电子邮箱', en: 'E-mail' },
  { key: 'mailAddress', zh: '通讯地址', en: 'Mailing address' },
  { key: 'postcode', zh: '邮政编码', en: 'Postcode' },
  { key: 'customsDeclarationNo', zh: '进口报关单编号', en: 'Import declaration no.' },
  { key: 'customsItemNo', zh: '进口报关单项号', en: 'Declaration item no.' },
  { key: 'customsReleaseDate', zh: '海关放行日期', en: 'Customs release date' },
  { key: 'customsName', zh: '仪器设备在进口报关单上的名称', en: 'Name on the declaration' },
  { key: 'startUseDate', zh: '启用日期', en: 'Start of use' },
  { key: 'status', zh: '运行状态', en: 'Status' },
  { key: 'shareMode', zh: '共享模式', en: 'Share mode' },
  { key: 'sharingRules', zh: '开放共享制度', en: 'Sharing rules' },
  { key: 'location', zh: '安放地点（房间）', en: 'Room' },
  { key: 'labId', zh: '所属实验室', en: 'Lab' },
];

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
