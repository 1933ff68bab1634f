// Words a refusal in the chosen language: the reason from the catalog, the field by the form's
// label, numbers and amounts formatted, the policy article cited once.
import type { AppError, ParamValue, Params } from '../../shared/result';
import type { Locale } from './i18n-messages';
import { APPLICANT_KIND_LABELS, SERVICE_KIND_LABELS } from '../../shared/policy/vocabulary';
import { CODE_MESSAGES, FIELD_LABELS, MESSAGES } from './i18n-messages';
import { REGION_NAMES } from './i18n-messages-orders';
import { categoryName } from '../../shared/vocabulary-labels';
import { beijingTime } from './util/time';

/** Labels of a form's fields by dotted path ('vouchers.amountFen' also matches 'vouchers.3.amountFen'). */
export type FieldLabels = Readonly<Record<string, string>>;

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十二 → 12, 一百零三 → 103; null if not a Chinese numeral. */
export function chineseNumeral(s: string): number | null {
  if (!s || /[^零〇一二两三四五六七八九十百]/.test(s)) return null;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '百') { total += (digit || 1) * 100; digit = 0; } else if (ch === '十') { total += (digit || 1) * 10; digit = 0; } else digit = CN_DIGITS[ch];
  }
  return total + digit;
}

/** '第十二条' → 'Article 12', '第十二条第二款' → 'Article 12(2)'; Chinese unchanged. */
export function articleName(article: string, locale: Locale): string {
  if (locale === 'zh') return article;
  const m = /^第([零〇一二两三四五六七八九十百\d]+)条(?:第([零〇一二两三四五六七八九十百\d]+)款)?(?:第([零〇一二两三四五六七八九十百\d]+)项)?$/.exec(article.trim());
  if (!m) return DOCUMENT_NAMES[article] ?? documentName(article, locale);
  const n = (x: string) => (/^\d+$/.test(x) ? Number(x) : chineseNumeral(x));
  return `Article ${n(m[1])}${m[2] ? `(${n(m[2])})` : ''}${m[3] ? `(${n(m[3])})` : ''}`;
}

/** English citations of the policy documents' numbers. */
const DOCUMENT_NAMES: Record<string, string> = {
  '京科发〔2023〕16号': 'Jing Ke Fa [2023] No. 16 (Beijing S&T Commission)',
  '沪科规〔2025〕6号': 'Hu Ke Gui [2025] No. 6 (Shanghai S&T Commission)',
};
const ISSUER_PINYIN: Record<string, string> = { 京科发: 'Jing Ke Fa', 沪科规: 'Hu Ke Gui', 沪科: 'Hu Ke', 京科: 'Jing Ke', 国科发: 'Guo Ke Fa' };

/** '京科发〔2023〕16号' → 'Jing Ke Fa [2023] No. 16 (…)' in English. */
export function documentName(doc: string, locale: Locale): string {
  if (locale === 'zh') return doc;
  if (DOCUMENT_NAMES[doc]) return DOCUMENT_NAMES[doc];
  const m = /^(\p{Script=Han}+)〔(\d{4})〕(\d+)号$/u.exec(doc.trim());
  if (m && ISSUER_PINYIN[m[1]]) return `${ISSUER_PINYIN[m[1]]} [${m[2]}] No. ${m[3]}`;
  return m ? `Doc. [${m[2]}] No. ${m[3]}` : doc;
}

function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  const int = Math.floor(a / 100).toLocaleString('en-US');
  return `${sign}${int}.${String(a % 100).padStart(2, '0')}`;
}

/** Params holding a code of a closed vocabulary, shown by its label. */
const VOCABULARY_PARAMS: Readonly<Record<string, Readonly<Record<string, { zh: string; en: string }>>>> = {
  applicantKind: APPLICANT_KIND_LABELS, kind: APPLICANT_KIND_LABELS, acceptedKinds: APPLICANT_KIND_LABELS,
  serviceKind: SERVICE_KIND_LABELS, serviceKinds: SERVICE_KIND_LABELS,
  // The money unit an import column is read in (the service names it as the sheet's header does).
  unit: { '万元': { zh: '万元', en: 'in 10,000 yuan' }, '元': { zh: '元', en: 'yuan' } },
  region: REGION_NAMES, registeredRegion: REGION_NAMES, requiredRegion: REGION_NAMES, incubatorRegion: REGION_NAMES, issuingRegion: REGION_NAMES,
  // The shell of the desk that holds a data folder (desk.lockedByOther).
  mode: { browser: { zh: '浏览器模式服务', en: 'browser-mode server' }, electron: { zh: '桌面程序', en: 'desktop app' } },
};

/** An instant as the service records it (2026-03-01T20:05:00.000Z). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function formatParam(key: string, v: ParamValue, locale: Locale): string {
  if (Array.isArray(v)) return v.map((x) => formatParam(key, x, locale)).join(locale === 'zh' ? '、' : ', ');
  const vocabulary = VOCABULARY_PARAMS[key];
  if (typeof v === 'string' && vocabulary && Object.hasOwn(vocabulary, v)) return vocabulary[v][locale];
  if (typeof v === 'number' && /Fen$/.test(key)) return yuan(v);
  // An instant is shown in Beijing time, whatever the computer's zone.
  if (typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v))) return beijingTime(v);
  if (typeof v === 'boolean') return locale === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (v === null) return '—';
  return String(v);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
}

/** The label of a dotted field path in the form's labels or the shared ones; the path never shows. */
export function fieldLabel(field: string | undefined, locale: Locale, labels: FieldLabels = {}): string {
  const fallback = locale === 'zh' ? '此项' : 'This field';
  if (!field) return fallback;
  const parts = field.split('.').filter((p) => p !== 'fields');
  const noIndex = parts.filter((p) => !/^\d+$/.test(p));
  const candidates = [parts.join('.'), noIndex.join('.'), noIndex[noIndex.length - 1] ?? ''];
  for (const c of candidates) if (labels[c]) return labels[c];
  for (const c of candidates) if (FIELD_LABELS[c]) return FIELD_LABELS[c][locale];
  return fallback;
}

/** Legacy prose "中文 (English)": the English part in English mode. */
function legacyText(text: string, locale: Locale): string {
  const m = /^(.*?)[\s]*\(([ -~][^()]*(?:\([^()]*\)[^()]*)*)\)\s*$/.exec(text);
  if (!m) return text;
  return locale === 'en' && /[A-Za-z]/.test(m[2]) ? m[2].replace(/^./, (c) => c.toUpperCase()) : m[1] || text;
}

interface Wordable { reason?: string; params?: Params; field?: string; row?: number; message?: string; code?: string }

/** One issue as a sentence, without the article (which is cited once per error). */
export function describeIssue(issue: Wordable, locale: Locale, labels: FieldLabels = {}): string {
  const template = issue.reason && issue.reason !== 'legacy' ? MESSAGES[issue.reason]?.[locale] : undefined;
  if (!template) {
    if (issue.message) return legacyText(issue.message, locale);
    const generic = CODE_MESSAGES[issue.code ?? 'VALIDATION'] ?? CODE_MESSAGES.VALIDATION;
    return fill(generic[locale], { field: fieldLabel(issue.field, locale, labels) });
  }
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(issue.params ?? {})) values[k] = formatParam(k, v, locale);
  // Params that name another field ({other: 'claimDate'}) are shown by that field's label.
  if (issue.params && typeof issue.params.other === 'string') values.other = fieldLabel(issue.params.other, locale, labels);
  // A category code in {value} is named in the chosen language ({category}).
  if (template.includes('{category}') && typeof issue.params?.value === 'string') values.category = categoryName(issue.params.value, locale);
  values.field = fieldLabel(issue.field, locale, labels);
  const text = fill(template, values);
  return issue.row !== undefined && !labels.__noRow ? `${rowPrefix(issue.row, locale)}${text}` : text;
}

function rowPrefix(row: number, locale: Locale): string {
  return locale === 'zh' ? `第 ${row + 1} 行：` : `Row ${row + 1}: `;
}

/** The policy citation of an error, once: "（京科发〔2023〕16号 第十二条）" / " (Article 12, Jing Ke Fa …)". */
export function citation(error: Pick<AppError, 'article' | 'document'>, locale: Locale): string {
  if (!error.article) return '';
  const art = articleName(error.article, locale);
  if (locale === 'zh') return `（${error.document ? `${error.document} ` : ''}${art}）`;
  return ` (${art}${error.document ? `, ${documentName(error.document, locale)}` : ''})`;
}

/** The whole error in one language: every issue once, the article once at the end. */
export function describeError(error: AppError, locale: Locale, labels: FieldLabels = {}): string {
  const issues: Wordable[] = error.issues?.length ? error.issues.map((i) => ({ ...i, code: error.code })) : [error];
  const lines = [...new Set(issues.map((i) => describeIssue(i, locale, labels)))];
  const sep = locale === 'zh' ? '；' : '; ';
  // A legacy refusal carries its own headline ("these dates overlap…"); its issues are the details.
  if (error.issues?.length && (!error.reason || error.reason === 'legacy') && error.message) {
    const headline = legacyText(error.message, locale);
    if (!lines.includes(headline)) lines.unshift(headline);
  }
  const articleOf = error.article ?? error.issues?.find((i) => i.article)?.article;
  const documentOf = error.document ?? error.issues?.find((i) => i.document)?.document;
  return `${lines.join(sep)}${citation({ article: articleOf, document: documentOf }, locale)}`;
}

