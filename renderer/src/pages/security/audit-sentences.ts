// An audit row as a sentence in the chosen language: "王敏 登记了创新券 BJKJQ-2026-0003" /
// "Wang Min registered voucher BJKJQ-2026-0003", and its detail as labelled lines with the values
// worded: codes by their names, amounts in yuan, instants in Beijing time, yes/no, nested records
// as lists. The object is named by what the user knows it by (its number, name or date).
import { AUDIT_EVENTS, AUDIT_REF_KEYS, auditRefKey, type AuditEntity, type AuditEvent, type AuditRefKind } from '../../../../shared/audit-events';
import { BOOKING_KIND_LABELS } from '../../../../shared/ipc/bookings';
import { CHARGE_CATEGORY_LABELS } from '../../../../shared/ipc/money';
import { ORDER_MATERIAL_KIND_LABELS } from '../../../../shared/ipc/orders';
import { ATTACHMENT_KIND_LABELS, REDEMPTION_STATUS_LABELS } from '../../../../shared/ipc/redemption';
import type { AuditRow } from '../../../../shared/ipc/system';
import { PROJECT_STAGE_LABELS } from '../../../../shared/ipc/deals';
import { CHARGE_UNIT_LABELS } from '../../../../shared/money/rates';
import { INSTRUMENT_FIELD_LABELS } from '../../../../shared/catalog/instrument';
import { APPLICANT_KIND_LABELS, SERVICE_KIND_LABELS } from '../../../../shared/policy/vocabulary';
import { ORDER_STATUS_LABELS, PAYOUT_PARTY_LABELS } from '../../../../shared/rules/orders';
import { categoryName } from '../../../../shared/vocabulary-labels';
import { AUDIT_FIELD_LABELS, AUDIT_SENTENCES } from '../../i18n-messages-audit';
import { FIELD_LABELS, type Locale, type Message } from '../../i18n-messages';
import { REGION_NAMES } from '../../i18n-messages-orders';
import { beijingTime } from '../../util/time';

type Words = Message;
type Vocabulary = Readonly<Record<string, Words>>;

/** The kind of a row when the desk writes it ('voucher:register'); null for a row of another version. */
export function auditEvent(row: Pick<AuditRow, 'entity' | 'action'>): AuditEvent | null {
  const actions = (AUDIT_EVENTS as Readonly<Record<string, readonly string[]>>)[row.entity];
  return actions?.includes(row.action) ? (`${row.entity}:${row.action}` as AuditEvent) : null;
}

/** A row of a kind this version does not write (an older desk's row): the generic words. */
const OTHER: Words = { zh: '{actor} 操作了记录 {object}', en: '{actor} changed record {object}' };

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(detail);
    return isRecord(v) ? v : {};
  } catch {
    return {};
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Detail fields that name the object, best first. */
const IDENTITY_KEYS = ['number', 'voucherNumber', 'contractNumber', 'orderNumber', 'receiptNumber', 'innerId', 'name', 'nameCn', 'labName',
  'lab', 'title', 'originalName', 'fileName', 'file', 'date', 'indicator'];

/** Entities whose id is itself what the user knows them by (a date, a year, a file name). */
const ID_IS_NAME = new Set<string>(['holiday', 'backup', 'assessment_year', 'instrument_rated_hours', 'rated_hours_unit', 'evaluation_entry',
  'office_conflict', 'desk_identity', 'office_lab']);

function firstIdentity(sources: unknown[]): string {
  for (const source of sources) {
    if (!isRecord(source)) continue;
    for (const k of IDENTITY_KEYS) {
      const v = source[k];
      if ((typeof v === 'string' && v.trim()) || typeof v === 'number') return String(v);
    }
  }
  return '';
}

/** What the user knows the object by: its number or name (as it is now, else as recorded), else its id. */
export function auditIdentity(row: AuditRow): string {
  if (row.subject) return row.subject;
  const d = parseDetail(row.detail);
  if (ID_IS_NAME.has(row.entity) && row.entityId) return row.entityId;
  if (row.entity === 'backup' && Array.isArray(d.names)) return d.names.join(', ');
  if ((row.entity === 'booking' || row.entity === 'usage') && typeof d.startAt === 'string') return civilTime(d.startAt);
  const found = firstIdentity([d, d.after, d.to, d.fields, d.before, d.from, d.payment, d.line]);
  if (found) return found;
  return row.entityId ? `#${row.entityId}` : '';
}

/** The state a transition moved to, by its name. */
function targetState(row: AuditRow, locale: Locale): string {
  const to = parseDetail(row.detail).to;
  if (typeof to !== 'string') return '';
  const labels = row.entity === 'order' ? ORDER_STATUS_LABELS : row.entity === 'redemption' ? REDEMPTION_STATUS_LABELS : {};
  return (labels as Vocabulary)[to]?.[locale] ?? to;
}

/** A sentence's pieces: `user` marks what the user typed or is called (the actor, the object's number or name). */
export interface SentencePart { text: string; user: boolean }

/** The sentence in pieces, the desk's words apart from the user's data. */
export function auditSentenceParts(row: AuditRow, locale: Locale): SentencePart[] {
  const event = auditEvent(row);
  const template = (event ? AUDIT_SENTENCES[event] : OTHER)[locale];
  const object = auditIdentity(row);
  const parts: SentencePart[] = [];
  for (const piece of template.split(/(\{actor\}|\{object\}|\{to\})/)) {
    if (piece === '{actor}') {
      parts.push(row.actor ? { text: row.actor, user: true } : { text: locale === 'zh' ? '系统' : 'The system', user: false });
    } else if (piece === '{object}') {
      if (object) parts.push({ text: object, user: true });
    } else if (piece === '{to}') {
      parts.push({ text: targetState(row, locale), user: false });
    } else if (piece) {
      parts.push({ text: piece, user: false });
    }
  }
  // Without an object the words around it close up ("从 {object} 导入了" → "导入了").
  for (let i = 0; i < parts.length; i++) if (!parts[i].user) parts[i] = { ...parts[i], text: parts[i].text.replace(/ {2,}/g, ' ') };
  while (parts.length && !parts.at(-1)!.user && !parts.at(-1)!.text.trim()) parts.pop();
  const last = parts.at(-1);
  if (last && !last.user) parts[parts.length - 1] = { ...last, text: last.text.replace(/\s+$/, '') };
  return parts;
}

/** "王敏 登记了创新券 BJKJQ-2026-0003" / "Wang Min registered voucher BJKJQ-2026-0003". */
export function auditSentence(row: AuditRow, locale: Locale): string {
  return auditSentenceParts(row, locale).map((p) => p.text).join('');
}

// —— the details view ——

/** One value of the details view: worded text (the user's data marked), a change, or a labelled list. */
export type DetailValue =
  | { kind: 'text'; text: string; user: boolean }
  | { kind: 'change'; before: DetailValue; after: DetailValue }
  | { kind: 'list'; lines: DetailLine[] };

export interface DetailLine { key: string; label: string; value: DetailValue }

/** What a value is read against: the row's object kind and the names of the records it refers to. */
export interface DetailContext { entity: string; refs?: Record<string, string> }

const YES_NO: Vocabulary = { true: { zh: '是', en: 'Yes' }, false: { zh: '否', en: 'No' } };
const HOLIDAY_KIND: Vocabulary = { holiday: { zh: '放假', en: 'Holiday' }, adjusted_workday: { zh: '调休上班', en: 'Adjusted working day' } };
const CHARGE_KIND: Vocabulary = { usage: { zh: '按使用记录', en: 'From usage' }, manual: { zh: '手工录入', en: 'Entered by hand' }, adjustment: { zh: '调整', en: 'Adjustment' } };
const SECURITY_MODE: Vocabulary = { plain: { zh: '不加密', en: 'Unencrypted' }, encrypted: { zh: '加密', en: 'Encrypted' } };
const UPLOADED_BY: Vocabulary = { enterprise: { zh: '企业', en: 'Enterprise' }, institution: { zh: '服务机构', en: 'Service institution' } };
const BACKUP_REASON: Vocabulary = {
  manual: { zh: '手动', en: 'By hand' }, scheduled: { zh: '定时', en: 'Scheduled' }, daily: { zh: '每日', en: 'Daily' },
  'pre-restore': { zh: '恢复前', en: 'Before a restore' }, preRestore: { zh: '恢复前', en: 'Before a restore' },
  'pre-migration': { zh: '升级前', en: 'Before an upgrade' }, quit: { zh: '退出时', en: 'On quitting' },
};

/** Closed vocabularies by field, and where a field's codes depend on the object, by object first. */
const VOCABULARY: Readonly<Record<string, Vocabulary>> = {
  serviceKinds: SERVICE_KIND_LABELS, serviceKind: SERVICE_KIND_LABELS, acceptedKinds: APPLICANT_KIND_LABELS,
  category: CHARGE_CATEGORY_LABELS, unit: CHARGE_UNIT_LABELS, payoutParty: PAYOUT_PARTY_LABELS, projectStage: PROJECT_STAGE_LABELS,
  pastPlanningStage: PROJECT_STAGE_LABELS, uploadedBy: UPLOADED_BY, mode: SECURITY_MODE,
  region: REGION_NAMES, registeredRegion: REGION_NAMES, requiredRegion: REGION_NAMES, incubatorRegion: REGION_NAMES, issuingRegion: REGION_NAMES,
};
const VOCABULARY_OF: Partial<Record<AuditEntity, Readonly<Record<string, Vocabulary>>>> = {
  applicant: { kind: APPLICANT_KIND_LABELS },
  booking: { kind: BOOKING_KIND_LABELS },
  attachment: { kind: ATTACHMENT_KIND_LABELS },
  order_material: { kind: ORDER_MATERIAL_KIND_LABELS },
  order: { status: ORDER_STATUS_LABELS, from: ORDER_STATUS_LABELS, to: ORDER_STATUS_LABELS },
  redemption: { status: REDEMPTION_STATUS_LABELS, from: REDEMPTION_STATUS_LABELS, to: REDEMPTION_STATUS_LABELS },
  holiday: { kind: HOLIDAY_KIND },
  charge: { kind: CHARGE_KIND },
  backup: { reason: BACKUP_REASON },
};

const INSTRUMENT_LABELS: Readonly<Record<string, Words>> = Object.fromEntries(INSTRUMENT_FIELD_LABELS.map((l) => [l.key, { zh: l.zh, en: l.en }]));

/** 'signFingerprint' → 'Sign fingerprint': a field no label names, still read as words. */
export function humanKey(key: string): string {
  const words = key.replace(/([a-z\d])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ').trim().toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

/** A detail field by its label: the audit's, the instrument form's, the forms' shared ones; else its words. */
export function detailLabel(key: string, locale: Locale, entity = ''): string {
  if (entity === 'instrument' && INSTRUMENT_LABELS[key]) return INSTRUMENT_LABELS[key][locale];
  const label = AUDIT_FIELD_LABELS[key] ?? FIELD_LABELS[key] ?? INSTRUMENT_LABELS[key];
  return label ? label[locale] : humanKey(key);
}

/** An instant as the service records it (2026-03-01T20:05:00.000Z). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** A Beijing wall-clock time as the forms record it (2026-03-02T09:00). */
const CIVIL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

function civilTime(s: string): string {
  return INSTANT.test(s) && !Number.isNaN(Date.parse(s)) ? beijingTime(s) : CIVIL_TIME.test(s) ? s.replace('T', ' ') : s;
}

/** Fen as yuan with separators: 123456 → 1,234.56 元 / CNY 1,234.56. */
export function yuanText(fen: number, locale: Locale): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  const text = `${sign}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`;
  return locale === 'zh' ? `${text} 元` : `CNY ${text}`;
}

const text = (t: string, user = false): DetailValue => ({ kind: 'text', text: t, user });

/** One recorded value, worded. */
export function detailValue(key: string, v: unknown, locale: Locale, cx: DetailContext = { entity: '' }): DetailValue {
  const { entity } = cx;
  if (v === null || v === undefined || v === '') return text('—');
  if (isRecord(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k === 'before' || k === 'after')) {
    return { kind: 'change', before: detailValue(key, v.before, locale, cx), after: detailValue(key, v.after, locale, cx) };
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return text('—');
    if (v.every((x) => !isRecord(x) && !Array.isArray(x))) {
      const items = v.map((x) => detailValue(key, x, locale, cx));
      const user = items.some((x) => x.kind === 'text' && x.user);
      return text(items.map((x) => (x.kind === 'text' ? x.text : '')).join(locale === 'zh' ? '、' : ', '), user);
    }
    return {
      kind: 'list',
      lines: v.map((x, i) => ({ key: String(i), label: locale === 'zh' ? `第 ${i + 1} 项` : `Item ${i + 1}`, value: detailValue(key, x, locale, cx) })),
    };
  }
  if (isRecord(v)) return { kind: 'list', lines: recordLines(v, locale, cx) };
  const vocabulary = VOCABULARY_OF[entity as AuditEntity]?.[key] ?? VOCABULARY[key];
  if (typeof v === 'string' && vocabulary && Object.hasOwn(vocabulary, v)) return text(vocabulary[v][locale]);
  if (typeof v === 'boolean') return text(YES_NO[String(v)][locale]);
  const refKind = (AUDIT_REF_KEYS as Readonly<Record<string, AuditRefKind>>)[key];
  if (refKind && typeof v === 'number') {
    const name = cx.refs?.[auditRefKey(refKind, v)];
    return name === undefined ? text(`#${v}`) : text(name, true);
  }
  if (typeof v === 'number') {
    if (/Fen$/.test(key) || key === 'totalBefore') return text(yuanText(v, locale));
    if (/Milli$/.test(key)) return text(String(v / 1000));
    return text(String(v));
  }
  if (typeof v === 'string') {
    if (key === 'categoryCode') return text(`${v} ${categoryName(v, locale)}`, true);
    const shown = civilTime(v);
    return text(shown, shown === v);
  }
  return text(String(v));
}

function recordLines(d: Record<string, unknown>, locale: Locale, cx: DetailContext): DetailLine[] {
  return Object.entries(d).map(([key, v]) => ({ key, label: detailLabel(key, locale, cx.entity), value: detailValue(key, v, locale, cx) }));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields that differ between two records, each as before → after (a field on one side only too). */
function changeLines(before: Record<string, unknown>, after: Record<string, unknown>, locale: Locale, cx: DetailContext): DetailLine[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((k) => !same(before[k], after[k]));
  return keys.map((key) => ({
    key,
    label: detailLabel(key, locale, cx.entity),
    value: { kind: 'change', before: detailValue(key, before[key], locale, cx), after: detailValue(key, after[key], locale, cx) },
  }));
}

/**
 * The detail as labelled lines. A change record shows the fields that changed as before → after
 * (`{changed: [{field, from, to}]}`, `{before, after}`, `{from, to}` of two records, or a record with
 * `before` holding the old values of some of its fields); a state change shows from → to; anything
 * else shows each field with its value worded, nested records as labelled lists.
 */
export function auditDetailLines(row: AuditRow, locale: Locale): DetailLine[] {
  const d = parseDetail(row.detail);
  const entity = row.entity;
  const cx: DetailContext = { entity, refs: row.refs };
  const { changed, before, after, from, to, ...rest } = d;
  const lines: DetailLine[] = [];
  if (Array.isArray(changed) && changed.every((c) => isRecord(c) && typeof c.field === 'string')) {
    for (const c of changed as { field: string; from: unknown; to: unknown }[]) {
      lines.push({
        key: c.field, label: detailLabel(c.field, locale, cx.entity),
        value: { kind: 'change', before: detailValue(c.field, c.from, locale, cx), after: detailValue(c.field, c.to, locale, cx) },
      });
    }
    return [...lines, ...recordLines(rest, locale, cx)];
  }
  if (changed !== undefined) rest.changed = changed;
  if (isRecord(from) && isRecord(to)) return [...changeLines(from, to, locale, cx), ...recordLines(rest, locale, cx)];
  if (from !== undefined || to !== undefined) {
    if (!isRecord(from) && !isRecord(to) && !Array.isArray(from) && !Array.isArray(to)) {
      lines.push({ key: 'status', label: detailLabel('status', locale, cx.entity), value: { kind: 'change', before: detailValue('from', from, locale, cx), after: detailValue('to', to, locale, cx) } });
    } else {
      if (from !== undefined) rest.from = from;
      if (to !== undefined) rest.to = to;
    }
  }
  if (isRecord(after)) {
    // {before, after}: what changed; a first save (before null) shows what was saved.
    if (isRecord(before)) return [...lines, ...changeLines(before, after, locale, cx), ...recordLines(rest, locale, cx)];
    return [...lines, ...recordLines(after, locale, cx), ...recordLines(rest, locale, cx)];
  }
  if (after !== undefined) rest.after = after;
  if (isRecord(before)) {
    // A deletion keeps what was deleted; an edit keeps the old values of the fields it records anew.
    const anew = Object.keys(before).filter((k) => k in rest);
    if (anew.length === 0) return [...lines, ...recordLines(before, locale, cx), ...recordLines(rest, locale, cx)];
    const changes = changeLines(Object.fromEntries(anew.map((k) => [k, before[k]])), Object.fromEntries(anew.map((k) => [k, rest[k]])), locale, cx);
    const others = Object.fromEntries(Object.entries(rest).filter(([k]) => !anew.includes(k) || same(before[k], rest[k])));
    return [...lines, ...changes, ...recordLines(others, locale, cx)];
  }
  return [...lines, ...recordLines(rest, locale, cx)];
}
