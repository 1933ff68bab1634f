// What the national platform would refuse, before either upload, and the 服务记录 upload itself.
// The check re-reads every stored record with today's rules (records kept from before the 40-column
// record or the classification table may break them) and the platform's own requirements.
import { jobStep } from '../../core-host/job';
import * as XLSX from '@e965/xlsx';
import { instrumentInputSchema, type Instrument, type InstrumentListQuery } from '../../../shared/catalog/instrument';
import { SERVICE_RECORD_FIELDS } from '../../../shared/catalog/national-platform-data';
import { PLATFORM_LIMITS, SUBJECTS } from '../../../shared/catalog/platform';
import { DESK_EXPECTED, serviceRecordCode, TEMPLATE_REQUIRED } from '../../../shared/catalog/template';
import type { DIRECTIONS, SERVICE_WAYS } from '../../../shared/ipc/bookings';
import type { FileDownload, PlatformCheck, PlatformProblem } from '../../../shared/ipc/catalog';
import { issuesOfZod } from '../../../shared/issues';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import { minutesBetween } from '../redemption/service-records';
import { SERVICE_AMOUNT_SQL } from '../money/service-amount';
import type { ServiceContext } from '../context';
import { feeText, XLSX_MIME, XLS_MIME } from './export';
import { referenceFeeTexts } from './export-fees';
import { listInstrumentsFull } from './instruments';

type Problem = Omit<PlatformProblem, 'instrumentId' | 'innerId' | 'nameCn'>;

/** Fields whose length the template's notes limit (最多500字 …); other lengths are the desk's own. */
const TEMPLATE_LENGTHS = new Set(['specs', 'functions', 'serviceContent', 'userNotice', 'referenceFeeFen']);
/** Refusals the platform's files do not state: the desk's reading (a 中类 with 小类, postcode, e-mail and URL formats). */
const DESK_REASONS = new Set(['category.notLeaf', 'catalog.postcode', 'catalog.url', 'field.email']);

function basisOf(field: string, reason: string): PlatformProblem['basis'] {
  if (DESK_REASONS.has(reason)) return 'desk';
  if (reason === 'field.tooLong' && !TEMPLATE_LENGTHS.has(field)) return 'desk';
  return 'template';
}

/**
 * Problems of one instrument's 单台套 record. `feeShown` is the 参考收费标准 the export writes (the
 * rate table's text or the typed fee), which the template limits to 500 characters.
 */
export function recordProblems(i: Instrument, feeShown = ''): Problem[] {
  const out: Problem[] = [];
  const { id: _id, labName: _l, retiredAt: _r, retireReason: _rr, createdAt: _c, updatedAt: _u, version: _v, ...fields } = i;
  const parsed = instrumentInputSchema.safeParse(fields);
  const bad = new Set<string>();
  if (!parsed.success) {
    for (const issue of issuesOfZod(parsed.error, fields)) {
      bad.add(issue.field);
      const value = (fields as Record<string, unknown>)[issue.field];
      const reason = issue.reason ?? 'field.invalid';
      out.push({ field: issue.field, reason, params: { ...issue.params, ...(typeof value === 'string' ? { value } : {}) }, severity: 'error', basis: basisOf(issue.field, reason) });
    }
  }
  const empty = (key: keyof typeof fields) => {
    const v = fields[key];
    return v === '' || v === null || (key === 'originalValueFen' && v === 0);
  };
  // 仪器编号 is the template's 必填; the other fields are asked for by the desk (its reading of the review).
  for (const key of TEMPLATE_REQUIRED) {
    if (!bad.has(key) && empty(key)) out.push({ field: key, reason: 'platform.required', params: {}, severity: 'error', basis: 'template' });
  }
  for (const key of DESK_EXPECTED) {
    if (!bad.has(key) && !TEMPLATE_REQUIRED.includes(key) && empty(key)) out.push({ field: key, reason: 'platform.expected', params: {}, severity: 'error', basis: 'desk' });
  }
  if (fields.customsSupervised) {
    for (const key of ['customsDeclarationNo', 'customsItemNo', 'customsReleaseDate', 'customsName'] as const) {
      if (!fields[key] && !bad.has(key)) out.push({ field: key, reason: 'platform.expected', params: {}, severity: 'error', basis: 'desk' });
    }
  }
  if (feeShown.length > PLATFORM_LIMITS.referenceFee) {
    out.push({ field: 'referenceFeeFen', reason: 'platform.feeTooLong', params: { max: PLATFORM_LIMITS.referenceFee, length: feeShown.length }, severity: 'error', basis: 'template' });
  }
  if (fields.originalValueFen % 10_000 !== 0) {
    out.push({ field: 'originalValueFen', reason: 'platform.valueRounded', params: { value: (fields.originalValueFen / 1_000_000).toFixed(2) }, severity: 'warning', basis: 'template' });
  }
  return out;
}

function withInstrument(i: Instrument, ps: Problem[]): PlatformProblem[] {
  return ps.map((p) => ({ instrumentId: i.id, innerId: i.innerId, nameCn: i.nameCn, ...p }));
}

// The platform's codes, by the names service-record.tsv gives them: the data decides each number.
const SW = '服务方式', OBJ = '服务对象', TYPE = '服务类型', FUND = '服务经费来源', RATING = '用户评价及意见', PLACE = '是否在单位内使用';
const SERVICE_WAY_CODE: Record<(typeof SERVICE_WAYS)[number], number> = {
  占用: serviceRecordCode(SW, '占用共享'), 技术: serviceRecordCode(SW, '技术共享'), 委托: serviceRecordCode(SW, '委托共享'),
  远程共享: serviceRecordCode(SW, '远程共享'), 其他: serviceRecordCode(SW, '其他'),
};
const DIRECTION_CODE: Record<(typeof DIRECTIONS)[number], number> = {
  科学研究: serviceRecordCode(TYPE, '科学研究'), 科技开发: serviceRecordCode(TYPE, '科技开发'), 教学: serviceRecordCode(TYPE, '教学'), 其他: serviceRecordCode(TYPE, '其他'),
};
const OBJECT_CODE = { internal: serviceRecordCode(OBJ, '内部用户'), external: serviceRecordCode(OBJ, '外部用户') };
/**
 * 服务经费来源 (the desk's reading; the platform gives the codes, not how a service maps to them): a
 * service paid partly by innovation vouchers is a local S&T programme, other contracted work 其他,
 * a service without contract or order 无.
 */
const FUNDING_CODE = { voucher: serviceRecordCode(FUND, '地方科技计划项目'), contracted: serviceRecordCode(FUND, '其他'), none: serviceRecordCode(FUND, '无') };
/** 用户评价及意见 from the record's 1–5 stars (5 the best): 5 → 非常满意 … 1 → 极差. */
const RATING_CODE: Record<number, number> = {
  5: serviceRecordCode(RATING, '非常满意'), 4: serviceRecordCode(RATING, '基本满意'), 3: serviceRecordCode(RATING, '一般'),
  2: serviceRecordCode(RATING, '不满意'), 1: serviceRecordCode(RATING, '极差'),
};
/** The desk records no use of an instrument outside the unit. */
const IN_UNIT = serviceRecordCode(PLACE, '单位内使用');

export interface UsageRow {
  id: number; instrumentId: number; instrumentName: string; innerId: string; assetNo: string; discipline: string;
  startAt: string; endAt: string; content: string; serviceWay: string; direction: string; external: number;
  amountFen: number; userName: string; userUnit: string; satisfaction: number | null; contractId: number | null; orderId: number | null;
  /** The contract's title, or the ordered service product's name. */
  contractTitle: string | null;
  vouchers: number;
  applicantName: string | null; applicantContact: string | null; applicantPhone: string | null;
}

/** The year's service records of the instruments in the filter: records starting in the year. */
function usageRows(ctx: ServiceContext, ids: readonly number[], year: number): UsageRow[] {
  if (!ids.length) return [];
  ctx.db.exec('CREATE TEMP TABLE IF NOT EXISTS platform_ids(id INTEGER PRIMARY KEY)');
  ctx.db.exec('DELETE FROM platform_ids');
  const ins = ctx.db.prepare('INSERT INTO platform_ids(id) VALUES (?)');
  for (const id of ids) ins.run(id);
  // The applicant is the contract's or the order's; a record's own user name and unit come first.
  return ctx.db.prepare(`SELECT u.id, u.instrument_id AS instrumentId, i.name_cn AS instrumentName, i.inner_id AS innerId, i.asset_no AS assetNo,
      i.discipline, u.start_at AS startAt, u.end_at AS endAt, u.content, u.service_way AS serviceWay, u.direction, u.external,
      ${SERVICE_AMOUNT_SQL} AS amountFen, u.user_name AS userName, u.user_unit AS userUnit, u.satisfaction,
      u.contract_id AS contractId, u.order_id AS orderId, coalesce(c.title, sp.name) AS contractTitle,
      CASE WHEN u.contract_id IS NOT NULL THEN (SELECT count(*) FROM contract_vouchers cv WHERE cv.contract_id = u.contract_id)
           WHEN o.id IS NOT NULL THEN (o.voucher_fen > 0) ELSE 0 END AS vouchers,
      a.name AS applicantName, a.contact_name AS applicantContact, a.contact_phone AS applicantPhone
    FROM usage_logs u JOIN instruments i ON i.id = u.instrument_id JOIN platform_ids p ON p.id = u.instrument_id
    LEFT JOIN contracts c ON c.id = u.contract_id LEFT JOIN orders o ON o.id = u.order_id LEFT JOIN service_products sp ON sp.id = o.product_id
    LEFT JOIN applicants a ON a.id = coalesce(c.applicant_id, o.applicant_id)
    WHERE u.start_at >= @ys AND u.start_at < @ye ORDER BY u.start_at, u.id`).all({ ys: `${year}-01-01T00:00`, ye: `${year + 1}-01-01T00:00` }) as UsageRow[];
}

const hourText = (civil: string) => civil.slice(0, 13).replace('T', ' ');

/** One usage record as the 25 fields of service-record.tsv, in order, with the platform's codes. */
export function serviceRecordRow(u: UsageRow): (string | number)[] {
  const agreement = u.contractId !== null || u.orderId !== null;
  const funding = u.vouchers > 0 ? FUNDING_CODE.voucher : agreement ? FUNDING_CODE.contracted : FUNDING_CODE.none;
  return [
    u.id, u.instrumentName, u.assetNo, `${u.innerId}-${u.id}`, Number((u.amountFen / 100).toFixed(2)),
    hourText(u.startAt), hourText(u.endAt), u.content, SERVICE_WAY_CODE[u.serviceWay as keyof typeof SERVICE_WAY_CODE] ?? SERVICE_WAY_CODE.其他,
    u.external ? OBJECT_CODE.external : OBJECT_CODE.internal,
    DIRECTION_CODE[u.direction as keyof typeof DIRECTION_CODE] ?? DIRECTION_CODE.其他, '', Number((minutesBetween(u.startAt, u.endAt) / 60).toFixed(2)), u.contractTitle ?? '',
    funding, u.discipline.split(',')[0] ?? '', agreement ? '是' : '否', IN_UNIT, '', '', u.userName || (u.applicantContact ?? ''), u.applicantPhone ?? '', '',
    u.userUnit || (u.applicantName ?? ''),
    u.satisfaction === null ? '' : RATING_CODE[u.satisfaction] ?? '',
  ];
}

const SUBJECT_CODES = new Set(SUBJECTS.map((x) => x.code));

function serviceProblems(u: UsageRow): Problem[] {
  const out: Problem[] = [];
  // service-record.tsv: 所在单位仪器编号 "joins the record to the 单台套 record".
  if (!u.assetNo) out.push({ field: 'assetNo', reason: 'platform.serviceJoin', params: { record: u.id }, severity: 'error', basis: 'template' });
  // 实际服务内容 and 课题主要科学领域 are asked for by the desk; the file does not mark them required.
  if (!u.content) out.push({ field: 'usage.content', reason: 'platform.serviceExpected', params: { record: u.id }, severity: 'error', basis: 'desk' });
  if (!u.discipline) out.push({ field: 'discipline', reason: 'platform.serviceExpected', params: { record: u.id }, severity: 'error', basis: 'desk' });
  // service-record.tsv: 课题主要科学领域 is "a code of subjects.tsv"; a name kept from before the platform record is none.
  const subject = u.discipline.split(',')[0] ?? '';
  if (subject && !SUBJECT_CODES.has(subject)) out.push({ field: 'discipline', reason: 'platform.serviceSubject', params: { record: u.id, value: subject }, severity: 'error', basis: 'template' });
  return out;
}

/** Every record the platform would refuse in the 单台套 and 服务记录 uploads of the filter and year. */
export function checkPlatform(ctx: ServiceContext, filter: InstrumentListQuery, year: number): PlatformCheck {
  const instruments = listInstrumentsFull(ctx, filter);
  const byId = new Map(instruments.map((i) => [i.id, i]));
  // 参考收费标准 as the export writes it: the rate table in force today, else the typed fee.
  const fees = referenceFeeTexts(ctx, civilDateInShanghai(ctx.now()));
  const problems = instruments.flatMap((i) => withInstrument(i, recordProblems(i, fees.get(i.id) || feeText(i.referenceFeeFen, i.feeUnit))));
  const usage = usageRows(ctx, instruments.map((i) => i.id), year);
  const serviceProblemsList = usage.flatMap((u) => withInstrument(byId.get(u.instrumentId)!, serviceProblems(u)));
  return {
    year,
    instruments: instruments.length,
    records: usage.length,
    instrumentsWithErrors: new Set(problems.filter((p) => p.severity === 'error').map((p) => p.instrumentId)).size,
    problems,
    serviceProblems: serviceProblemsList,
  };
}

/** The 服务记录 upload of a year: header row of service-record.tsv, one row per service. */
export function exportServiceRecords(ctx: ServiceContext, filter: InstrumentListQuery, options: { year: number; format: 'xlsx' | 'xls' }): FileDownload {
  const instruments = listInstrumentsFull(ctx, filter);
  const usage = usageRows(ctx, instruments.map((i) => i.id), options.year);
  const rows = usage.map((u, n) => {
    jobStep(n, usage.length);
    return serviceRecordRow(u);
  });
  const ws = XLSX.utils.aoa_to_sheet([SERVICE_RECORD_FIELDS.map(([h]) => h), ...rows]);
  ws['!cols'] = SERVICE_RECORD_FIELDS.map(([h]) => ({ wch: Math.max(10, h.length * 2) }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '服务记录');
  const buf = XLSX.write(wb, { type: 'buffer', bookType: options.format === 'xls' ? 'biff8' : 'xlsx', compression: true }) as Buffer;
  const stamp = civilDateInShanghai(ctx.now()).replace(/-/g, '');
  return {
    fileName: `国家平台服务记录-${options.year}-${stamp}.${options.format}`,
    mimeType: options.format === 'xls' ? XLS_MIME : XLSX_MIME,
    dataBase64: buf.toString('base64'),
  };
}
