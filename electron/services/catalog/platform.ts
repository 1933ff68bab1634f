// What the national platform would refuse, before either upload, and the 服务记录 upload itself.
// The check re-reads every stored record with today's rules (records kept from before the 40-column
// record or the classification table may break them) and the platform's own requirements.
import { jobStep } from '../../core-host/job';
import * as XLSX from '@e965/xlsx';
import { instrumentInputSchema, type Instrument, type InstrumentListQuery } from '../../../shared/catalog/instrument';
import { SERVICE_RECORD_FIELDS } from '../../../shared/catalog/national-platform-data';
import { PLATFORM_REQUIRED } from '../../../shared/catalog/template';
import type { FileDownload, PlatformCheck, PlatformProblem } from '../../../shared/ipc/catalog';
import { issuesOfZod } from '../../../shared/issues';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import { minutesBetween } from '../redemption/service-records';
import { SERVICE_AMOUNT_SQL } from '../money/service-amount';
import type { ServiceContext } from '../context';
import { XLSX_MIME, XLS_MIME } from './export';
import { listInstrumentsFull } from './instruments';

/** Problems of one instrument's 单台套 record. */
export function recordProblems(i: Instrument): Omit<PlatformProblem, 'instrumentId' | 'innerId' | 'nameCn'>[] {
  const out: Omit<PlatformProblem, 'instrumentId' | 'innerId' | 'nameCn'>[] = [];
  const { id: _id, labName: _l, retiredAt: _r, retireReason: _rr, createdAt: _c, updatedAt: _u, version: _v, ...fields } = i;
  const parsed = instrumentInputSchema.safeParse(fields);
  const bad = new Set<string>();
  if (!parsed.success) {
    for (const issue of issuesOfZod(parsed.error, fields)) {
      bad.add(issue.field);
      const value = (fields as Record<string, unknown>)[issue.field];
      out.push({ field: issue.field, reason: issue.reason ?? 'field.invalid', params: { ...issue.params, ...(typeof value === 'string' ? { value } : {}) }, severity: 'error' });
    }
  }
  for (const key of PLATFORM_REQUIRED) {
    const v = fields[key];
    if (!bad.has(key) && (v === '' || v === null || (key === 'originalValueFen' && v === 0))) out.push({ field: key, reason: 'platform.required', params: {}, severity: 'error' });
  }
  if (fields.customsSupervised) {
    for (const key of ['customsDeclarationNo', 'customsItemNo', 'customsReleaseDate', 'customsName'] as const) {
      if (!fields[key] && !bad.has(key)) out.push({ field: key, reason: 'platform.required', params: {}, severity: 'error' });
    }
  }
  if (fields.originalValueFen % 10_000 !== 0) {
    out.push({ field: 'originalValueFen', reason: 'platform.valueRounded', params: { value: (fields.originalValueFen / 1_000_000).toFixed(2) }, severity: 'warning' });
  }
  return out;
}

function withInstrument(i: Instrument, ps: Omit<PlatformProblem, 'instrumentId' | 'innerId' | 'nameCn'>[]): PlatformProblem[] {
  return ps.map((p) => ({ instrumentId: i.id, innerId: i.innerId, nameCn: i.nameCn, ...p }));
}

const SERVICE_WAY_CODE: Record<string, number> = { 占用: 1, 技术: 2, 委托: 3, 远程共享: 4, 其他: 5 };
const DIRECTION_CODE: Record<string, number> = { 科学研究: 135, 科技开发: 136, 教学: 137, 其他: 138 };

interface UsageRow {
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
  // 服务经费来源: a voucher-paid service is a local S&T programme (15); other contracted work 其他 (16); none 无 (17).
  const funding = u.vouchers > 0 ? 15 : agreement ? 16 : 17;
  return [
    u.id, u.instrumentName, u.assetNo, `${u.innerId}-${u.id}`, Number((u.amountFen / 100).toFixed(2)),
    hourText(u.startAt), hourText(u.endAt), u.content, SERVICE_WAY_CODE[u.serviceWay] ?? 5, u.external ? 130 : 120,
    DIRECTION_CODE[u.direction] ?? 138, '', Number((minutesBetween(u.startAt, u.endAt) / 60).toFixed(2)), u.contractTitle ?? '',
    funding, u.discipline.split(',')[0] ?? '', agreement ? '是' : '否', 0, '', '', u.userName || (u.applicantContact ?? ''), u.applicantPhone ?? '', '',
    u.userUnit || (u.applicantName ?? ''),
    u.satisfaction === null ? '' : 6 - u.satisfaction,
  ];
}

function serviceProblems(u: UsageRow): Omit<PlatformProblem, 'instrumentId' | 'innerId' | 'nameCn'>[] {
  const out: Omit<PlatformProblem, 'instrumentId' | 'innerId' | 'nameCn'>[] = [];
  if (!u.assetNo) out.push({ field: 'assetNo', reason: 'platform.serviceJoin', params: { record: u.id }, severity: 'error' });
  if (!u.content) out.push({ field: 'usage.content', reason: 'platform.serviceRequired', params: { record: u.id }, severity: 'error' });
  if (!u.discipline) out.push({ field: 'discipline', reason: 'platform.serviceRequired', params: { record: u.id }, severity: 'error' });
  return out;
}

/** Every record the platform would refuse in the 单台套 and 服务记录 uploads of the filter and year. */
export function checkPlatform(ctx: ServiceContext, filter: InstrumentListQuery, year: number): PlatformCheck {
  const instruments = listInstrumentsFull(ctx, filter);
  const byId = new Map(instruments.map((i) => [i.id, i]));
  const problems = instruments.flatMap((i) => withInstrument(i, recordProblems(i)));
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
