// The 单台套 template's 40 columns (equipment-template.tsv) and the desk field each one holds; the
// import's header names and the export's columns both come from here.
import type { InstrumentFields } from './instrument';
import { EQUIPMENT_TEMPLATE_HEADERS } from './national-platform-data';

export type ComputedColumn = 'annualHours' | 'annualExternalHours';
export type TemplateKey = keyof InstrumentFields | ComputedColumn;

/** Field of each template column, in the template's order (年运行机时 / 年对外服务机时 are computed). */
const TEMPLATE_KEYS: TemplateKey[] = [
  'innerId', 'assetNo', 'nameCn', 'nameEn', 'carrierType', 'carrierNo', 'department', 'categoryCode', 'source',
  'customsSupervised', 'originalValueFen', 'country', 'manufacturer', 'bookedDate', 'usageKind', 'model', 'specs',
  'functions', 'discipline', 'fundingSources', 'serviceContent', 'imageName', 'annualHours', 'userNotice',
  'referenceFeeFen', 'bookingUrl', 'addrProvince', 'addrCity', 'addrDistrict', 'addrStreet', 'annualExternalHours',
  'contactName', 'contactPhone', 'contactEmail', 'mailAddress', 'postcode', 'customsDeclarationNo', 'customsItemNo',
  'customsReleaseDate', 'customsName',
];

export interface TemplateColumn { header: string; key: TemplateKey }

export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = EQUIPMENT_TEMPLATE_HEADERS.map((header, i) => ({ header, key: TEMPLATE_KEYS[i] }));

/** Row 1 of the template: its three column groups (1-based first and last column). */
export const TEMPLATE_GROUPS = [
  { name: '仪器基本信息', from: 1, to: 31 },
  { name: '联系人信息', from: 32, to: 36 },
  { name: '海关管理', from: 37, to: 40 },
] as const;

export const TEMPLATE_SHEET = '大型科研仪器';

/** The second sheet of a full catalog export: the desk's fields the template has no column for. */
export const DESK_SHEET = '工作台补充';
/**
 * The supplement sheet's fields. 参考收费标准 and 收费单位 are the fee typed on the instrument: the
 * template's own column holds the rate table's text when the instrument has one, which is no single fee.
 */
export const DESK_SHEET_KEYS: (keyof InstrumentFields)[] = ['innerId', 'startUseDate', 'status', 'shareMode', 'sharingRules', 'location', 'labId', 'referenceFeeFen', 'feeUnit'];

/** A header without its bracketed notes, blanks or width differences: 原值（单位万元、保留小数点后两位） → 原值. */
export function headerCore(header: string): string {
  let s = header.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]+/g, '');
  for (let i = 0; i < 4 && /\([^()]*\)/.test(s); i++) s = s.replace(/\([^()]*\)/g, '');
  return s.replace(/[*＊:：]/g, '').toLowerCase();
}

/** Fields the platform's review refuses empty (仪器编号 is the template's 必填; the rest its record's core). */
export const PLATFORM_REQUIRED: (keyof InstrumentFields)[] = [
  'innerId', 'nameCn', 'categoryCode', 'source', 'originalValueFen', 'bookedDate', 'usageKind', 'model', 'manufacturer', 'country',
  'discipline', 'addrProvince', 'addrCity', 'contactName', 'contactPhone',
];
