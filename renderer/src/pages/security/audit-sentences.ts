// An audit row as a sentence in the chosen language: "王敏 登记了创新券 BJKJQ-2026-0003" /
// "Wang Min registered voucher BJKJQ-2026-0003". The object is named by what the user knows it by
// (its number, name or date), read from the row's detail; the id only when nothing better is there.
import type { AuditRow } from '../../../../shared/ipc/system';
import type { Locale } from '../../i18n-messages';

interface Words { zh: string; en: string }

/** Verbs by action ('create', 'invoice.add' …); the last dotted part is tried too. */
const VERBS: Record<string, Words> = {
  create: { zh: '新建了', en: 'created' }, update: { zh: '修改了', en: 'updated' }, delete: { zh: '删除了', en: 'deleted' },
  claim: { zh: '申领了', en: 'claimed' }, register: { zh: '登记了', en: 'registered' }, void: { zh: '作废了', en: 'voided' },
  retire: { zh: '停用了', en: 'retired' }, restore: { zh: '恢复了', en: 'restored' }, import: { zh: '导入了', en: 'imported' },
  importYear: { zh: '导入了整年的', en: 'imported a whole year of' }, export: { zh: '导出了', en: 'exported' },
  createSeries: { zh: '新建了一组重复的', en: 'created a series of' }, issue: { zh: '开具了', en: 'issued' },
  refresh: { zh: '重新计算了', en: 'recalculated' }, resolve: { zh: '处理了', en: 'resolved' }, add: { zh: '添加了', en: 'added' },
  remove: { zh: '移除了', en: 'removed' }, transition: { zh: '变更了状态：', en: 'changed the state of' }, open: { zh: '发起了', en: 'opened' },
  results: { zh: '登记了结果：', en: 'recorded the results of' }, override: { zh: '越过资格检查登记了', en: 'overrode the eligibility check for' },
  confirm_difference: { zh: '确认了金额差异：', en: 'confirmed the amount difference of' }, adopt_quote: { zh: '采用了报价单：', en: 'adopted the quote for' },
  adopt_charges: { zh: '采用了费用结算：', en: 'adopted the charges for' },
};

const ENTITIES: Record<string, Words> = {
  applicant: { zh: '申领单位', en: 'applicant' }, voucher: { zh: '创新券', en: 'voucher' }, contract: { zh: '服务合同', en: 'contract' },
  instrument: { zh: '仪器', en: 'instrument' }, booking: { zh: '预约', en: 'booking' }, usage: { zh: '使用记录', en: 'usage record' },
  lab: { zh: '实验室', en: 'lab' }, holiday: { zh: '节假日', en: 'holiday' }, invoice: { zh: '发票', en: 'invoice' },
  attachment: { zh: '附件', en: 'attachment' }, backup: { zh: '备份', en: 'backup' }, settings: { zh: '设置', en: 'settings' },
  order: { zh: '订单', en: 'order' }, order_material: { zh: '订单材料', en: 'order material' }, redemption: { zh: '兑现申请', en: 'redemption' },
  charge: { zh: '费用', en: 'charge' }, charges: { zh: '费用结算', en: 'charges' }, payment: { zh: '收款', en: 'payment' },
  statement: { zh: '结算单', en: 'statement' }, quote: { zh: '报价单', en: 'quote' }, rate_version: { zh: '收费标准版本', en: 'rate version' },
  rate_item: { zh: '收费项目', en: 'rate item' }, price_group: { zh: '收费分组', en: 'price group' }, product: { zh: '服务产品', en: 'service product' },
  assessment_year: { zh: '年度考核数据', en: 'assessment year' }, instrument_rated_hours: { zh: '仪器额定机时', en: 'rated hours of an instrument' },
  rated_hours_preset: { zh: '额定机时预设', en: 'rated hours preset' }, rated_hours_unit: { zh: '单位额定机时', en: 'rated hours of the unit' },
  open_unit: { zh: '开放单位信息', en: 'open unit details' }, desk_identity: { zh: '本机身份', en: 'desk identity' }, desk_keys: { zh: '本机密钥', en: 'desk keys' },
  lab_package: { zh: '实验室数据包', en: 'lab package' }, reference_package: { zh: '参考数据包', en: 'reference package' },
  office_conflict: { zh: '设备处数据冲突', en: 'facility office conflict' }, office_lab: { zh: '设备处登记的实验室', en: 'lab of the facility office' },
  evaluation_entry: { zh: '评价条目', en: 'evaluation entry' }, evaluation_evidence: { zh: '评价佐证', en: 'evaluation evidence' },
  evaluation_settings: { zh: '评价设置', en: 'evaluation settings' },
};

/** Detail fields that name the object, best first. */
const IDENTITY_KEYS = ['number', 'voucherNumber', 'contractNumber', 'orderNumber', 'innerId', 'name', 'nameCn', 'title', 'date', 'file', 'fileName'];

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(detail);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** What the user knows the object by: a number, name or date from the detail, else its id. */
export function auditIdentity(row: AuditRow): string {
  const d = parseDetail(row.detail);
  const sources = [d, d.after, d.to, d.fields, d.before].filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object');
  for (const source of sources) {
    for (const k of IDENTITY_KEYS) {
      const v = source[k];
      if ((typeof v === 'string' && v.trim()) || typeof v === 'number') return String(v);
    }
  }
  return row.entityId ?? '';
}

function words(table: Record<string, Words>, key: string, fallback: Words): Words {
  return table[key] ?? table[key.split('.').at(-1) ?? ''] ?? fallback;
}

/** A sentence's pieces: `user` marks what the user typed or is called (the actor, the object's number or name). */
export interface SentencePart { text: string; user: boolean }

/** The sentence in pieces, the desk's words apart from the user's data. */
export function auditSentenceParts(row: AuditRow, locale: Locale): SentencePart[] {
  const verb = words(VERBS, row.action, { zh: '操作了', en: 'changed' })[locale];
  const entity = words(ENTITIES, row.entity, { zh: '记录', en: 'record' })[locale];
  const id = auditIdentity(row);
  const actor: SentencePart = row.actor ? { text: row.actor, user: true } : { text: locale === 'zh' ? '系统' : 'The system', user: false };
  const middle = locale === 'zh' ? ` ${verb}${entity}` : ` ${verb} ${entity}`;
  return [actor, { text: middle, user: false }, ...(id ? [{ text: ' ', user: false }, { text: id, user: true }] : [])];
}

/** "王敏 登记了创新券 BJKJQ-2026-0003" / "Wang Min registered voucher BJKJQ-2026-0003". */
export function auditSentence(row: AuditRow, locale: Locale): string {
  return auditSentenceParts(row, locale).map((p) => p.text).join('');
}

/** The detail as label–value lines for the details view; nested values stay readable JSON. */
export function auditDetailLines(row: AuditRow): { key: string; value: string }[] {
  const d = parseDetail(row.detail);
  return Object.entries(d).map(([key, v]) => ({
    key,
    value: v === null ? '—' : typeof v === 'object' ? JSON.stringify(v, null, 2) : String(v),
  }));
}
