// The columns of a lab's records at the office (read-only), per part: each field of a package
// record with the label the lab desk's own forms and tables give it, and how its value reads
// (money in yuan from fen, instants in Beijing time, closed vocabularies in the chosen language).
// A field no part here names (a newer lab desk's) is shown under its own name, after the others.
import { CHARGE_CATEGORY_LABELS, type ChargeCategory } from '../../../../shared/ipc/money';
import { ATTACHMENT_KIND_LABELS, REDEMPTION_STATUS_LABELS, type AttachmentKind, type RedemptionStatus } from '../../../../shared/ipc/redemption';
import type { OfficeRecordPart } from '../../../../shared/ipc/office';
import { APPLICANT_KIND_LABELS, type ApplicantKind } from '../../../../shared/policy/vocabulary';
import { listProfiles, profileById } from '../../../../shared/policy/registry';
import { ORDER_STATUS_LABELS, PAYOUT_PARTY_LABELS, type OrderStatus, type PayoutParty } from '../../../../shared/rules/orders';
import { formatPercent } from '../../../../shared/rules/indicators';
import { formatYuan } from '../../../../shared/rules/money';
import { vocabularyLabel, categoryName } from '../../../../shared/vocabulary-labels';
import { CONTRACT_STATUS_TEXT } from '../../../../shared/ipc/deals';
import type { Locale } from '../../i18n-messages';
import { beijingTime } from '../../util/time';

type Text = { zh: string; en: string };
/** user: what the lab typed (names, numbers), shown as typed in either language. */
type Kind = 'user' | 'number' | 'fen' | 'date' | 'instant' | 'hours' | 'rate' | 'ids' | 'vouchers' | 'vocabulary' | 'category'
  | 'applicantKind' | 'contractStatus' | 'redemptionStatus' | 'orderStatus' | 'payoutParty' | 'crossRegion' | 'profile'
  | 'chargeKind' | 'chargeCategory' | 'ratedOrigin' | 'attachmentKind' | 'bytes';
export interface RecordColumn { key: string; label: Text; kind: Kind }

const c = (key: string, zh: string, en: string, kind: Kind): RecordColumn => ({ key, label: { zh, en }, kind });

const ID = c('id', '记录号', 'Record no.', 'number');
const INSTRUMENT = [c('innerId', '仪器编号', 'Instrument no.', 'user'), c('nameCn', '仪器设备名称', 'Name', 'user')];
const APPLICANT = c('applicantName', '申领单位', 'Applicant', 'user');

export const RECORD_COLUMNS: Record<OfficeRecordPart, RecordColumn[]> = {
  instruments: [
    ID, ...INSTRUMENT, c('assetNo', '所在单位仪器编号', 'Unit asset no.', 'user'), c('nameEn', '英文名称', 'English name', 'user'), c('categoryCode', '仪器分类编码', 'Category code', 'category'),
    c('source', '设备仪器来源', 'Source', 'vocabulary'), c('originalValueFen', '原值（元）', 'Original value (CNY)', 'fen'),
    c('manufacturer', '生产制造商', 'Manufacturer', 'user'), c('model', '规格型号', 'Model', 'user'), c('usageKind', '仪器设备类别', 'General/special', 'vocabulary'),
    c('status', '运行状态', 'Status', 'vocabulary'), c('shareMode', '共享模式', 'Share mode', 'vocabulary'), c('labName', '所属实验室', 'Lab', 'user'),
    c('startUseDate', '启用日期', 'Start of use', 'date'), c('retiredAt', '停用于', 'Retired on', 'instant'), c('location', '安放地点（房间）', 'Room', 'user'),
  ],
  ratedHours: [
    ...INSTRUMENT, c('year', '年度', 'Year', 'number'), c('hours', '额定机时（h）', 'Rated hours', 'hours'), c('origin', '来源', 'From', 'ratedOrigin'),
  ],
  usage: [
    ...INSTRUMENT, c('year', '年度', 'Year', 'number'), c('ratedHours', '额定机时（h）', 'Rated hours', 'hours'), c('records', '服务记录', 'Service records', 'number'),
    c('effectiveHours', '有效机时（h）', 'Effective hours', 'hours'), c('externalHours', '对外服务机时（h）', 'External hours', 'hours'),
    c('contractHours', '合同机时（h）', 'Contract hours', 'hours'), c('orderHours', '订单机时（h）', 'Order hours', 'hours'),
    c('incomeFen', '服务收入（元）', 'Service income (CNY)', 'fen'), c('satisfactionRecords', '有评价记录', 'Rated records', 'number'),
    c('avgSatisfaction', '用户评价', 'User rating', 'hours'),
  ],
  applicants: [ID, c('name', '名称', 'Name', 'user'), c('kind', '类型', 'Type', 'applicantKind'), c('creditCode', '统一社会信用代码', 'Unified social credit code', 'user')],
  contracts: [
    ID, c('number', '合同编号', 'Contract no.', 'user'), APPLICANT, c('labName', '开放单位/实验室', 'Lab', 'user'), c('signedDate', '签订日期', 'Signing date', 'date'),
    c('startDate', '开始日期', 'Start date', 'date'), c('endDate', '结束日期', 'End date', 'date'), c('amountFen', '合同金额（元）', 'Amount (CNY)', 'fen'),
    c('actualAmountFen', '实际金额（元）', 'Actual amount (CNY)', 'fen'), c('status', '状态', 'Status', 'contractStatus'),
    c('instrumentIds', '仪器（记录号）', 'Instruments (record no.)', 'ids'), c('vouchers', '所用创新券（记录号：元）', 'Vouchers used (record no.: CNY)', 'vouchers'),
  ],
  orders: [
    ID, c('number', '订单编号', 'Order no.', 'user'), APPLICANT, c('orderDate', '订单日期', 'Order date', 'date'), c('totalFen', '订单总额（元）', 'Order total (CNY)', 'fen'),
    c('voucherFen', '创新券金额（元）', 'Voucher amount (CNY)', 'fen'), c('status', '状态', 'Status', 'orderStatus'), c('payoutParty', '兑付方式', 'Payment to', 'payoutParty'),
    c('crossRegion', '跨区域创新券', 'Cross-region voucher', 'crossRegion'), c('profileId', '政策版本', 'Policy profile', 'profile'),
  ],
  vouchers: [
    ID, c('number', '券号', 'Voucher no.', 'user'), APPLICANT, c('faceValueFen', '面额（元）', 'Face value (CNY)', 'fen'), c('claimDate', '申领日期', 'Claim date', 'date'),
    c('registeredDate', '登记日期', 'Registration date', 'date'), c('profileId', '政策版本', 'Policy profile', 'profile'), c('voidedAt', '作废于', 'Voided on', 'instant'),
  ],
  redemptions: [
    ID, c('contractId', '合同（记录号）', 'Contract (record no.)', 'number'), c('status', '状态', 'Status', 'redemptionStatus'),
    c('voucherAmountFen', '创新券金额（元）', 'Voucher amount (CNY)', 'fen'), c('ownPaymentFen', '自付金额（元）', 'Own payment (CNY)', 'fen'),
    c('submittedDate', '提交日期', 'Submitted on', 'date'), c('approvedDate', '审核通过日期', 'Approved on', 'date'), c('paidDate', '兑付日期', 'Paid on', 'date'),
  ],
  charges: [
    ID, c('serviceDate', '服务日期', 'Service date', 'date'), c('kind', '来源', 'From', 'chargeKind'), c('category', '类别', 'Category', 'chargeCategory'),
    c('amountFen', '金额（元）', 'Amount (CNY)', 'fen'), ...INSTRUMENT, c('contractId', '合同（记录号）', 'Contract (record no.)', 'number'),
    c('orderId', '订单（记录号）', 'Order (record no.)', 'number'), c('usageId', '使用记录（记录号）', 'Usage record (record no.)', 'number'),
    c('statementId', '结算单（记录号）', 'Statement (record no.)', 'number'),
  ],
  derived: [
    c('year', '年度', 'Year', 'number'), c('instrumentCount', '仪器台套', 'Instruments', 'number'), c('ratedHoursTotal', '额定机时合计（h）', 'Rated hours in all', 'hours'),
    c('usageRecords', '服务记录', 'Service records', 'number'), c('effectiveHours', '有效机时（h）', 'Effective hours', 'hours'),
    c('externalHours', '对外服务机时（h）', 'External hours', 'hours'), c('utilisation', '利用率', 'Utilisation', 'rate'), c('shareRate', '共享率', 'Share rate', 'rate'),
    c('openRate', '开放率', 'Open rate', 'rate'), c('externalUsers', '外部用户', 'External users', 'number'), c('contracts', '合同', 'Contracts', 'number'),
    c('contractAmountFen', '合同金额（元）', 'Contract amount (CNY)', 'fen'), c('voucherAmountFen', '创新券金额（元）', 'Voucher amount (CNY)', 'fen'),
    c('serviceIncomeFen', '服务收入（元）', 'Service income (CNY)', 'fen'), c('avgSatisfaction', '用户评价', 'User rating', 'hours'),
  ],
  attachments: [
    ID, c('contractId', '合同（记录号）', 'Contract (record no.)', 'number'), c('kind', '类型', 'Type', 'attachmentKind'), c('originalName', '文件名', 'File name', 'user'),
    c('sizeBytes', '大小', 'Size', 'bytes'), c('sha256', 'SHA-256', 'SHA-256', 'user'), c('path', '包内位置', 'Place in the package', 'user'),
  ],
};

/**
 * Fields a part's records carry for the office's own use, not shown: the instrument's and the
 * applicant's row ids (their number and name are), and the record keys made of the year
 * (额定机时: instrument and year; the lab's own figures: the year).
 */
const HIDDEN = new Set(['instrumentId', 'applicantId']);
const HIDDEN_OF: Partial<Record<OfficeRecordPart, Set<string>>> = { ratedHours: new Set(['id']), derived: new Set(['id']) };

const RATED_ORIGIN: Record<string, Text> = {
  instrument: { zh: '单独设置', en: 'Override' }, unit: { zh: '单位默认', en: 'Unit default' }, setting: { zh: '设置', en: 'Setting' }, profile: { zh: '政策默认', en: 'Profile default' },
};
const CHARGE_KIND: Record<string, Text> = {
  usage: { zh: '使用记录', en: 'Usage record' }, manual: { zh: '添加费用', en: 'Added charge' }, adjustment: { zh: '调整', en: 'Adjustment' },
};

/** The columns of the part's records on this page: the part's own, then any field it does not name. */
export function recordColumns(part: OfficeRecordPart, rows: Record<string, unknown>[]): RecordColumn[] {
  const known = RECORD_COLUMNS[part];
  const present = new Set(rows.flatMap((r) => Object.keys(r)));
  const named = new Set(known.map((k) => k.key));
  const extra = [...present].filter((k) => !named.has(k) && !HIDDEN.has(k) && !HIDDEN_OF[part]?.has(k)).map((k) => c(k, k, k, 'user'));
  return [...known.filter((k) => present.has(k.key)), ...extra];
}

const worded = (labels: Readonly<Record<string, Text>>, v: string, locale: Locale) => labels[v]?.[locale] ?? v;

/** A record's value as the column reads it; null for no value. */
export function recordValue(col: RecordColumn, v: unknown, locale: Locale): string | null {
  if (v === null || v === undefined || v === '') return null;
  const s = String(v);
  switch (col.kind) {
    case 'fen': return typeof v === 'number' && Number.isInteger(v) ? formatYuan(v) : s;
    case 'instant': return beijingTime(s).slice(0, 16);
    case 'rate': return typeof v === 'number' ? formatPercent(v) : s;
    case 'hours': return typeof v === 'number' ? v.toLocaleString(locale === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 }) : s;
    case 'ids': return Array.isArray(v) ? v.join(locale === 'en' ? ', ' : '、') : s;
    case 'vouchers': return Array.isArray(v)
      ? (v as { voucherId: number; amountFen: number }[]).map((x) => `${x.voucherId}${locale === 'en' ? ': ' : '：'}${formatYuan(x.amountFen)}`).join(locale === 'en' ? '; ' : '；')
      : s;
    case 'vocabulary': return vocabularyLabel(s)[locale];
    case 'category': return `${s} ${categoryName(s, locale)}`.trim();
    case 'applicantKind': return worded(APPLICANT_KIND_LABELS as Record<ApplicantKind, Text>, s, locale);
    case 'contractStatus': return worded(CONTRACT_STATUS_TEXT, s, locale);
    case 'redemptionStatus': return worded(REDEMPTION_STATUS_LABELS as Record<RedemptionStatus, Text>, s, locale);
    case 'orderStatus': return worded(ORDER_STATUS_LABELS as Record<OrderStatus, Text>, s, locale);
    case 'payoutParty': return worded(PAYOUT_PARTY_LABELS as Record<PayoutParty, Text>, s, locale);
    case 'crossRegion': return listProfiles().map((p) => p.crossRegion).find((x) => x?.id === s)?.label[locale] ?? s;
    case 'profile': { const p = profileById(s); return p ? (locale === 'en' ? p.titleEn : p.title) : s; }
    case 'chargeKind': return worded(CHARGE_KIND, s, locale);
    case 'chargeCategory': return worded(CHARGE_CATEGORY_LABELS as Record<ChargeCategory, Text>, s, locale);
    case 'ratedOrigin': return worded(RATED_ORIGIN, s, locale);
    case 'attachmentKind': return worded(ATTACHMENT_KIND_LABELS as Record<AttachmentKind, Text>, s, locale);
    case 'bytes': return typeof v === 'number' ? `${(v / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} KB` : s;
    default: return typeof v === 'object' ? JSON.stringify(v) : s;
  }
}

/** A column whose values are the lab's own words (names, numbers): marked as user data on the screen. */
export const isUserColumn = (col: RecordColumn) => col.kind === 'user';
