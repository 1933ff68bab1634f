// English names of the national platform's closed vocabularies. The stored value stays the
// platform's Chinese term (it is what the export writes); the screen shows it in the chosen language.
import { categoryEntry } from './catalog/categories';
import type { CARRIER_TYPES, FUNDING_SOURCES } from './catalog/platform';
import { CATEGORY_EN } from './vocabulary-categories-en';
import type { SHARE_MODES, SOURCES, STATUSES, USAGE_KINDS } from './catalog/instrument';
import type { DIRECTIONS, SERVICE_WAYS } from './ipc/bookings';

export interface Label { zh: string; en: string }

type Names<T extends readonly string[]> = Readonly<Record<T[number], string>>;

const SOURCE_EN: Names<typeof SOURCES> = { 购置: 'Purchased', 研制: 'Built in-house', 赠送: 'Donated', 其他: 'Other' };
const USAGE_KIND_EN: Names<typeof USAGE_KINDS> = { 通用: 'General', 专用: 'Special-purpose' };
const STATUS_EN: Names<typeof STATUSES> = {
  正常: 'In order', 偶有故障: 'Occasional faults', 故障频繁: 'Frequent faults', 待修: 'Awaiting repair', 待报废: 'Awaiting disposal',
};
const SHARE_MODE_EN: Names<typeof SHARE_MODES> = { 内部共享: 'Shared internally', 外部共享: 'Shared externally', 不共享: 'Not shared' };
const SERVICE_WAY_EN: Names<typeof SERVICE_WAYS> = { 占用: 'Machine time', 技术: 'Technical service', 委托: 'Commissioned testing', 远程共享: 'Remote sharing', 其他: 'Other' };
const DIRECTION_EN: Names<typeof DIRECTIONS> = { 科学研究: 'Scientific research', 科技开发: 'Technology development', 教学: 'Teaching', 其他: 'Other' };
const CARRIER_EN: Names<typeof CARRIER_TYPES> = {
  附属于重大科研基础设施: 'Part of a major research infrastructure', 附属于科学仪器中心: 'Part of an instrument centre',
  附属于国家重点实验室: 'Part of a state key laboratory', 附属于国家工程技术研究中心: 'Part of a national engineering research centre',
  附属于生物种质资源库馆: 'Part of a biological germplasm bank',
};
const FUNDING_EN: Names<typeof FUNDING_SOURCES> = { 中央财政资金: 'Central government funds', 地方财政资金: 'Local government funds', 单位自有资金: 'Own funds', 其他资金: 'Other funds' };

const EN: Readonly<Record<string, string>> = {
  ...SOURCE_EN, ...USAGE_KIND_EN, ...STATUS_EN, ...SHARE_MODE_EN, ...SERVICE_WAY_EN, ...DIRECTION_EN, ...CARRIER_EN, ...FUNDING_EN,
};

/** A vocabulary value in both languages (an unknown value, e.g. imported data, is shown as stored). */
export function vocabularyLabel(value: string): Label {
  return { zh: value, en: EN[value] ?? value };
}

/** antd Select options of a vocabulary, labelled in the chosen language, the stored value unchanged. */
export function vocabularyOptions(values: readonly string[], locale: 'zh' | 'en'): { value: string; label: string }[] {
  return values.map((v) => ({ value: v, label: vocabularyLabel(v)[locale] }));
}

/** A category's own name (6-digit code) in the chosen language; '' for a code not in the table. */
export function categoryName(code: string, locale: 'zh' | 'en'): string {
  const entry = categoryEntry(code);
  if (!entry) return '';
  if (locale === 'zh') return entry.name;
  return CATEGORY_EN[code] ?? (entry.name === '其他' ? 'Other' : entry.name);
}

/** 大类 / 中类 / 小类 names of a code in the chosen language ('' for a code not in the table). */
export function categoryPath(code: string, locale: 'zh' | 'en'): string {
  const names: string[] = [];
  for (let e = categoryEntry(code); e; e = e.parent ? categoryEntry(e.parent) : undefined) names.unshift(categoryName(e.code, locale));
  return names.join(' / ');
}
