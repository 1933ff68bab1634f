import { z } from 'zod';
import { isValidCivilDate } from '../rules/civil-date';
import { categoryCodeProblem } from './categories';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../ipc/paging';

export const SOURCES = ['购置', '研制', '赠送', '其他'] as const;
export const USAGE_KINDS = ['通用', '专用'] as const;
export const STATUSES = ['正常', '偶有故障', '故障频繁', '待修', '待报废'] as const;
export const SHARE_MODES = ['内部共享', '外部共享', '不共享'] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date 'YYYY-MM-DD' (rejects 2025-02-30). */
// abort: later refinements (weekday, ranges) never see a malformed or impossible date.
export const civilDateSchema = z.string()
  .regex(ISO_DATE, { message: '日期格式应为 YYYY-MM-DD', abort: true })
  .refine(isValidCivilDate, { message: '不存在的日期', abort: true });

export const fenSchema = z.number().int('金额须为整数分').min(0, '金额不能为负').max(Number.MAX_SAFE_INTEGER, '金额过大');

/** Trimmed text of at most `max` characters. */
export const boundedText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const text = boundedText;

/** The editable fields of an instrument (national platform 单台套 record plus the owning lab). */
export const instrumentInputSchema = z.object({
  innerId: text(64).min(1, '内部编号必填'),
  nameCn: text(200).min(1, '仪器名称必填'),
  nameEn: text(200).default(''),
  categoryCode: z.string().trim().superRefine((code, ctx) => {
    const problem = categoryCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  source: z.enum(SOURCES).default('购置'),
  originalValueFen: fenSchema,
  manufacturer: text(200).default(''),
  country: text(100).default(''),
  model: text(200).default(''),
  startUseDate: civilDateSchema.nullable().default(null),
  usageKind: z.enum(USAGE_KINDS).default('通用'),
  specs: text(4000).default(''),
  functions: text(4000).default(''),
  discipline: text(200).default(''),
  serviceContent: text(4000).default(''),
  status: z.enum(STATUSES).default('正常'),
  shareMode: z.enum(SHARE_MODES).default('外部共享'),
  sharingRules: text(4000).default(''),
  referenceFeeFen: fenSchema.nullable().default(null),
  feeUnit: text(20).default('小时'),
  location: text(200).default(''),
  contactName: text(100).default(''),
  contactPhone: text(50).default(''),
  contactEmail: z.union([z.literal(''), z.string().trim().email('电子邮箱格式不正确').max(200)]).default(''),
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

/** Field labels in the national platform's order; the export follows this order. */
export const INSTRUMENT_FIELD_LABELS: { key: keyof InstrumentFields; zh: string; en: string }[] = [
  { key: 'nameCn', zh: '仪器名称', en: 'Name' },
  { key: 'nameEn', zh: '英文名称', en: 'English name' },
  { key: 'innerId', zh: '所在单位内部编号', en: 'Inner ID' },
  { key: 'categoryCode', zh: '分类编码', en: 'Category code' },
  { key: 'source', zh: '仪器来源', en: 'Source' },
  { key: 'originalValueFen', zh: '原值（元）', en: 'Original value (CNY)' },
  { key: 'manufacturer', zh: '生产制造商', en: 'Manufacturer' },
  { key: 'country', zh: '产地国别', en: 'Country' },
  { key: 'model', zh: '规格型号', en: 'Model' },
  { key: 'startUseDate', zh: '启用日期', en: 'Start of use' },
  { key: 'usageKind', zh: '仪器类别', en: 'General/special' },
  { key: 'specs', zh: '主要技术指标', en: 'Technical specs' },
  { key: 'functions', zh: '主要功能', en: 'Functions' },
  { key: 'discipline', zh: '主要学科领域', en: 'Discipline' },
  { key: 'serviceContent', zh: '服务内容', en: 'Service content' },
  { key: 'status', zh: '运行状态', en: 'Status' },
  { key: 'shareMode', zh: '共享模式', en: 'Share mode' },
  { key: 'sharingRules', zh: '开放共享制度', en: 'Sharing rules' },
  { key: 'referenceFeeFen', zh: '参考收费标准（元）', en: 'Reference fee (CNY)' },
  { key: 'feeUnit', zh: '收费单位', en: 'Fee unit' },
  { key: 'location', zh: '安放地址', en: 'Location' },
  { key: 'contactName', zh: '联系人', en: 'Contact' },
  { key: 'contactPhone', zh: '联系电话', en: 'Phone' },
  { key: 'contactEmail', zh: '电子邮箱', en: 'E-mail' },
  { key: 'labId', zh: '所属实验室', en: 'Lab' },
];

export const INSTRUMENT_SORT_FIELDS = ['nameCn', 'innerId', 'categoryCode', 'originalValueFen', 'status', 'shareMode', 'startUseDate', 'updatedAt'] as const;

export const instrumentFilterSchema = z.object({
  // Control characters (NUL included) would reach the FTS5 query parser.
  query: z.string().trim().max(100, '搜索词不能超过 100 个字符').regex(/^[^\p{Cc}]*$/u, '搜索词不能含控制字符').default(''),
  categoryPrefix: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, '分类前缀应为 2、4 或 6 位数字').optional(),
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
