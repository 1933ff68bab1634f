// The 单台套 template's 40 columns (equipment-template.tsv) and the desk field each one holds; the
// import's header names and the export's columns both come from here.
import type { InstrumentFields } from './instrument';
import { EQUIPMENT_TEMPLATE_HEADERS, SERVICE_RECORD_FIELDS } from './national-platform-data';

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

/**
 * The fields the template itself marks 必填 (only 仪器编号: "（必填，管理系统中的关联仪器编号）").
 * Read from the template's own wording, so the data decides.
 */
export const TEMPLATE_REQUIRED: (keyof InstrumentFields)[] = TEMPLATE_COLUMNS
  .filter((c) => /必填/.test(c.header) && c.key !== 'annualHours' && c.key !== 'annualExternalHours')
  .map((c) => c.key as keyof InstrumentFields);

/**
 * The fields the desk asks for before upload although the template does not mark them 必填: the
 * record's core as a unit's review before upload expects it. This is the desk's reading, not the
 * platform's data; the pre-export check says so beside each line.
 */
export const DESK_EXPECTED: (keyof InstrumentFields)[] = [
  'nameCn', 'categoryCode', 'source', 'originalValueFen', 'bookedDate', 'usageKind', 'model', 'manufacturer', 'country',
  'discipline', 'addrProvince', 'addrCity', 'contactName', 'contactPhone',
];

/**
 * The coded values of a 服务记录 field as service-record.tsv lists them ("1 占用共享; 2 技术共享 …"),
 * by name. The export takes its codes from here, so the data decides every code it writes.
 */
export function serviceRecordCodes(header: string): ReadonlyMap<string, number> {
  const row = SERVICE_RECORD_FIELDS.find(([h]) => h === header);
  if (!row) throw new Error(`service-record.tsv has no field ${header}`);
  const out = new Map<string, number>();
  for (const part of row[1].split(/[;；]/)) {
    const m = /^\s*(\d+)\s+(.+?)\s*$/.exec(part);
    if (m) out.set(m[2], Number(m[1]));
  }
  return out;
}

/** The code service-record.tsv gives `name` in field `header`; a name the file does not list is a build error, never a guess. */
export function serviceRecordCode(header: string, name: string): number {
  const code = serviceRecordCodes(header).get(name);
  if (code === undefined) throw new Error(`service-record.tsv: ${header} has no value ${name}`);
  return code;
}
