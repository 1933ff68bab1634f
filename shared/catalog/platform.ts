// Vocabulary of the national platform's 单台套 record (resources/national-platform/) and the value
// normalisers the import, the drawer and the export share. Each normaliser returns the value or a
// reason key with params: nothing is guessed silently.
import { SUBJECT_ROWS } from './national-platform-data';

export const CARRIER_TYPES = ['附属于重大科研基础设施', '附属于科学仪器中心', '附属于国家重点实验室', '附属于国家工程技术研究中心', '附属于生物种质资源库馆'] as const;
export const FUNDING_SOURCES = ['中央财政资金', '地方财政资金', '单位自有资金', '其他资金'] as const;
export const SUBJECTS: readonly { code: string; name: string }[] = SUBJECT_ROWS.map(([code, name]) => ({ code, name }));
const subjectByCode = new Map(SUBJECTS.map((s) => [s.code, s]));
const subjectByName = new Map(SUBJECTS.map((s) => [s.name, s]));

/** The template's limits (equipment-template.tsv notes). */
export const PLATFORM_LIMITS = {
  specs: 500, functions: 300, serviceContent: 200, userNotice: 500, referenceFee: 500,
  disciplines: 4, fundingSources: 4, customsDeclarationNo: 18, customsItemNo: 2, postcode: 6,
} as const;

export type Normalised<T> = { ok: true; value: T } | { ok: false; reason: string; params: Record<string, string | number | readonly string[]> };
const ok = <T>(value: T): Normalised<T> => ({ ok: true, value });
const no = (reason: string, params: Record<string, string | number | readonly string[]> = {}): Normalised<never> => ({ ok: false, reason, params });

/**
 * Full-width letters and digits to ASCII (ＢＪ００１ → BJ001), ideographic space to a space, trimmed.
 * With `punctuation`, full-width ASCII punctuation folds too (－ → -, ／ → /): for codes, ids and
 * numbers, not for Chinese prose where （）and ，are the normal forms.
 */
export function foldWidth(text: string, punctuation = false): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => {
    if (c === '\u3000') return ' ';
    const ascii = String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    return punctuation || /[0-9A-Za-z]/.test(ascii) ? ascii : c;
  }).trim();
}

/** An id, code or number as typed: every full-width character folded, inner whitespace kept. */
export const foldCode = (text: string) => foldWidth(text, true);

const DAY_MS = 86_400_000;

/**
 * An Excel serial day number as a civil date. The 1900 system counts from 1899-12-31 as 1 and keeps
 * Lotus's 29 February 1900 (serial 60), so serials above 60 are one day ahead; 1904 counts from 1904-01-01 as 0.
 */
export function excelSerialDate(serial: number, date1904 = false): Normalised<string> {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return no('import.serialDate', { value: String(serial) });
  const day = Math.floor(serial);
  if (!date1904 && day === 60) return no('import.serialDate', { value: String(serial) }); // 1900-02-29 does not exist
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31) - (day > 60 ? DAY_MS : 0);
  return ok(new Date(base + day * DAY_MS).toISOString().slice(0, 10));
}

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Dates as people type them: 2020-01-05, 2020/1/5, 2020.1.5, 20200105, 2020年1月5日, with a time part ignored. */
export function normaliseDateText(text: string): Normalised<string> {
  const s = foldCode(text).replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return no('import.dateFormat', { value: text });
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!realDate(y, mo, d)) return no('date.impossible', { value: text });
  return ok(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`);
}

/** A cell that may be an Excel serial (a bare number 1–2958465) or a date text. */
export function normaliseDateCell(value: string, date1904 = false): Normalised<string> {
  const s = foldCode(value);
  if (/^\d{1,7}(\.\d+)?$/.test(s) && !/^\d{8}$/.test(s)) return excelSerialDate(Number(s), date1904);
  return normaliseDateText(s);
}

/** A column header's money unit: 万元 when the header says 万 (原值（万元）), else 元. */
export function headerMoneyUnit(header: string): '万元' | '元' {
  return /万/.test(header) ? '万元' : '元';
}

const FEE = /^(?:¥|￥)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|元|万)?\s*(?:[/／每]\s*(\S{1,20}))?$/u;

/** Fee text such as "800元/样", "600元/小时", "300/机时", "每样 800 元" is not accepted: amount first. */
export function parseFeeText(text: string): Normalised<{ yuanText: string; wan: boolean; unit: string | null }> {
  const s = foldCode(text);
  const m = FEE.exec(s);
  if (!m) return no('import.feeText', { value: text });
  return ok({ yuanText: m[1], wan: m[2] === '万元' || m[2] === '万', unit: m[3] ?? null });
}

const STATUS_SYNONYMS: Record<string, string> = {
  正常: '正常', 在用: '正常', 完好: '正常', 良好: '正常', 运行正常: '正常', 使用中: '正常',
  偶有故障: '偶有故障', 故障频繁: '故障频繁', 经常故障: '故障频繁',
  待修: '待修', 维修中: '待修', 维修: '待修', 待维修: '待修', 故障: '待修', 损坏: '待修', 送修: '待修',
  待报废: '待报废', 报废: '待报废', 拟报废: '待报废', 已报废: '待报废', 申请报废: '待报废',
};
const SHARE_SYNONYMS: Record<string, string> = {
  外部共享: '外部共享', 对外共享: '外部共享', 对外开放: '外部共享', 开放共享: '外部共享', 开放: '外部共享', 共享: '外部共享', 社会共享: '外部共享',
  内部共享: '内部共享', 校内共享: '内部共享', 内部开放: '内部共享', 校内开放: '内部共享', 单位内共享: '内部共享',
  不共享: '不共享', 不开放: '不共享', 未共享: '不共享', 否: '不共享', 自用: '不共享',
};
const SOURCE_SYNONYMS: Record<string, string> = {
  购置: '购置', 采购: '购置', 购买: '购置', 购入: '购置', 研制: '研制', 自研: '研制', 自制: '研制', 自行研制: '研制',
  赠送: '赠送', 捐赠: '赠送', 受赠: '赠送', 其他: '其他', 其它: '其他', 调拨: '其他',
};
const KIND_SYNONYMS: Record<string, string> = { 通用: '通用', 通用设备: '通用', 专用: '专用', 专用设备: '专用' };
const FUNDING_SYNONYMS: Record<string, string> = {
  中央财政资金: '中央财政资金', 中央财政: '中央财政资金', 中央: '中央财政资金', 中央财政经费: '中央财政资金',
  地方财政资金: '地方财政资金', 地方财政: '地方财政资金', 地方: '地方财政资金', 地方财政经费: '地方财政资金',
  单位自有资金: '单位自有资金', 自有资金: '单位自有资金', 单位自筹: '单位自有资金', 自筹: '单位自有资金', 自筹资金: '单位自有资金',
  其他资金: '其他资金', 其他: '其他资金', 其它: '其他资金',
};
const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '在监管期', '在']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '不在', '']);

function synonym(table: Record<string, string>, allowed: readonly string[]) {
  return (text: string): Normalised<string> => {
    const key = foldWidth(text).replace(/\s+/g, '');
    const v = table[key];
    return v ? ok(v) : no('import.unmappable', { value: text, values: allowed });
  };
}

export const normaliseStatus = synonym(STATUS_SYNONYMS, ['正常', '偶有故障', '故障频繁', '待修', '待报废']);
export const normaliseShareMode = synonym(SHARE_SYNONYMS, ['内部共享', '外部共享', '不共享']);
export const normaliseSource = synonym(SOURCE_SYNONYMS, ['购置', '研制', '赠送', '其他']);
export const normaliseUsageKind = synonym(KIND_SYNONYMS, ['通用', '专用']);
export const normaliseCarrierType = (text: string): Normalised<string> => {
  const s = foldWidth(text).replace(/\s+/g, '');
  if (s === '' || s === '无') return ok('');
  const hit = CARRIER_TYPES.find((c) => c === s || c === `附属于${s}`);
  return hit ? ok(hit) : no('import.unmappable', { value: text, values: CARRIER_TYPES });
};

export function normaliseYesNo(text: string): Normalised<boolean> {
  const s = foldWidth(text).toUpperCase();
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  return no('import.unmappable', { value: text, values: ['是', '否'] });
}

const LIST_SPLIT = /\s*[,，、;；/]\s*/;

/** Comma-separated list of the platform: split on , ， 、 ; ；, blanks dropped. */
export function splitList(text: string): string[] {
  return foldWidth(text).split(LIST_SPLIT).map((s) => s.trim()).filter(Boolean);
}

/** 主要学科领域: codes or names of subjects.tsv, at most 4, stored as codes "430,150". */
export function normaliseDisciplines(text: string): Normalised<string> {
  const codes: string[] = [];
  for (const item of splitList(text)) {
    const s = subjectByCode.get(foldCode(item)) ?? subjectByName.get(item);
    if (!s) return no('import.unknownSubject', { value: item });
    if (!codes.includes(s.code)) codes.push(s.code);
  }
  if (codes.length > PLATFORM_LIMITS.disciplines) return no('field.tooMany', { max: PLATFORM_LIMITS.disciplines });
  return ok(codes.join(','));
}

/** 主要购置经费来源: up to 4 of the platform's four sources, stored "中央财政资金,单位自有资金". */
export function normaliseFundingSources(text: string): Normalised<string> {
  const out: string[] = [];
  for (const item of splitList(text)) {
    const v = FUNDING_SYNONYMS[item.replace(/\s+/g, '')];
    if (!v) return no('import.unmappable', { value: item, values: FUNDING_SOURCES });
    if (!out.includes(v)) out.push(v);
  }
  return ok(out.join(','));
}

/** Problems of a stored discipline list (codes of subjects.tsv, at most 4): a reason or null. */
export function disciplinesProblem(value: string): { reason: string; params: Record<string, string | number> } | null {
  if (value === '') return null;
  const items = value.split(',');
  const bad = items.find((c) => !subjectByCode.has(c));
  if (bad !== undefined) return { reason: 'import.unknownSubject', params: { value: bad } };
  if (items.length > PLATFORM_LIMITS.disciplines) return { reason: 'field.tooMany', params: { max: PLATFORM_LIMITS.disciplines } };
  if (new Set(items).size !== items.length) return { reason: 'field.duplicate', params: {} };
  return null;
}

export function fundingProblem(value: string): { reason: string; params: Record<string, string | number> } | null {
  if (value === '') return null;
  const items = value.split(',');
  const bad = items.find((c) => !(FUNDING_SOURCES as readonly string[]).includes(c));
  if (bad !== undefined) return { reason: 'import.unmappable', params: { value: bad } };
  if (new Set(items).size !== items.length) return { reason: 'field.duplicate', params: {} };
  return null;
}
