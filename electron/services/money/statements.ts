// Statement use cases: issue from the contract's charges, documents, and the year's batch as a
// job (one workbook: a summary row per contract and every line), with progress and cancel.
import crypto from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { OwnerRef, Statement } from '../../../shared/ipc/money';
import type { JobStatus } from '../../../shared/ipc/redemption';
import { civilDateInShanghai } from '../../../shared/rules';
import { AppFailure, refuse } from '../../../shared/result';
import type { ServiceContext } from '../context';
import { enforce } from '../deals/refuse';
import { contractCharges } from './charges';
import { checkOwnerVoucherShare, ownerHead, ownerOf } from './owner';
import { statementPdf, statementView, statementXlsx } from './statement-docs';
import { issueStatement } from './statements-store';

/**
 * Issues the 费用结算单 from the owner's charges. An order's voucher part must be within 50% of the
 * settled total, exactly in fen (沪 第二条); a cancelled or refused order gets no statement.
 */
export function issueFromCharges(ctx: ServiceContext, ref: OwnerRef, issuedOn?: string): Statement {
  const o = ownerOf(ref);
  return ctx.db.transaction(() => {
    const ch = contractCharges(ctx, ref);
    if (o.kind === 'order') {
      const head = ownerHead(ctx, o);
      if (head.status === 'cancelled' || head.status === 'rejected') {
        refuse('CONFLICT', 'statement.orderClosed', { field: 'orderId', rule: 'statement.orderClosed' });
      }
      enforce(checkOwnerVoucherShare(head, ch.actualAmountFen ?? ch.totalFen), 'voucherFen');
    }
    return issueStatement(ctx, {
      owner: o, totalFen: ch.totalFen, voucherFen: ch.voucherFen, actualAmountFen: ch.actualAmountFen,
      differenceConfirmed: ch.differenceConfirmed !== null,
    }, issuedOn ?? civilDateInShanghai(ctx.now()));
  })();
}

export function statementPdfDownload(ctx: ServiceContext, ref: OwnerRef): Promise<FileDownload> {
  return statementPdf(ctx, statementView(ctx, ref, civilDateInShanghai(ctx.now())));
}

export function statementXlsxDownload(ctx: ServiceContext, ref: OwnerRef): Promise<FileDownload> {
  return statementXlsx(statementView(ctx, ref, civilDateInShanghai(ctx.now())));
}

interface Job { status: JobStatus; cancelled: boolean; result?: Buffer }
const jobs = new Map<string, Job>();
const KEEP = 3;
const CHUNK = 250;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function job(jobId: string): Job {
  const j = jobs.get(jobId);
  if (!j) refuse('NOT_FOUND', 'job.notFound', { field: 'jobId', params: { id: jobId } });
  return j;
}

/** Orders of the year (ordered in it, not cancelled) that have charges, in number order. */
export function batchOrders(ctx: Pick<ServiceContext, 'db'>, year: number): number[] {
  return ctx.db.prepare(`SELECT o.id FROM orders o WHERE o.order_date BETWEEN ? AND ? AND o.status <> 'cancelled'
    AND EXISTS (SELECT 1 FROM charges ch WHERE ch.order_id = o.id) ORDER BY o.number`).pluck().all(`${year}-01-01`, `${year}-12-31`) as number[];
}

/** Contracts of the year (signed in it, not void) that have charges, in number order. */
export function batchContracts(ctx: Pick<ServiceContext, 'db'>, year: number): number[] {
  return ctx.db.prepare(`SELECT c.id FROM contracts c WHERE c.signed_date BETWEEN ? AND ? AND c.status <> 'void'
    AND EXISTS (SELECT 1 FROM charges ch WHERE ch.contract_id = c.id) ORDER BY c.number`).pluck().all(`${year}-01-01`, `${year}-12-31`) as number[];
}

const SUMMARY_SQL = `SELECT c.id, c.number, a.name AS applicant, c.actual_amount_fen AS actualFen, NULL AS payoutParty,
  (SELECT coalesce(sum(amount_fen), 0) FROM contract_vouchers WHERE contract_id = c.id) AS voucherFen,
  (SELECT coalesce(sum(amount_fen), 0) FROM payments WHERE contract_id = c.id) AS paidFen,
  s.number AS statementNumber, s.issued_on AS issuedOn
  FROM contracts c JOIN applicants a ON a.id = c.applicant_id LEFT JOIN statements s ON s.contract_id = c.id AND s.voided_at IS NULL WHERE c.id = ?`;
/** An order's total plays the part of the 实际发生金额; with 兑付方式 企业 the enterprise owes the whole of it. */
const ORDER_SUMMARY_SQL = `SELECT o.id, o.number, a.name AS applicant, o.total_fen AS actualFen, o.payout_party AS payoutParty, o.voucher_fen AS voucherFen,
  (SELECT coalesce(sum(amount_fen), 0) FROM payments WHERE order_id = o.id) AS paidFen,
  s.number AS statementNumber, s.issued_on AS issuedOn
  FROM orders o JOIN applicants a ON a.id = o.applicant_id LEFT JOIN statements s ON s.order_id = o.id AND s.voided_at IS NULL WHERE o.id = ?`;
const LINES_SQL = `SELECT ch.service_date AS serviceDate, i.name_cn AS instrument, ch.description, ch.reason, ch.kind, ch.quantity_milli AS q,
  ch.unit_price_fen AS price, ch.amount_fen AS amount FROM charges ch LEFT JOIN instruments i ON i.id = ch.instrument_id
  WHERE ch.contract_id = ? ORDER BY ch.service_date, ch.kind = 'adjustment', ch.id`;
const ORDER_LINES_SQL = LINES_SQL.replace('ch.contract_id = ?', 'ch.order_id = ?');

/** Writes the batch workbook (streaming) of contracts, then orders, to `sink`; returns false when cancelled part-way. */
export async function writeBatch(ctx: Pick<ServiceContext, 'db'>, ids: number[], sink: Writable, onProgress: (done: number) => boolean,
  orderIds: number[] = []): Promise<boolean> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true });
  const summary = wb.addWorksheet('结算汇总');
  summary.columns = [
    { header: '合同/订单编号', width: 22 }, { header: '申领单位', width: 32 }, { header: '费用合计（元）', width: 14 }, { header: '实际发生金额/订单总额（元）', width: 18 },
    { header: '创新券支付（元）', width: 14 }, { header: '自付（元）', width: 12 }, { header: '已到账（元）', width: 12 }, { header: '未到账（元）', width: 12 },
    { header: '结算单编号', width: 16 }, { header: '出具日期', width: 12 },
  ];
  const detail = wb.addWorksheet('费用明细');
  detail.columns = [{ header: '合同/订单编号', width: 22 }, { header: '日期', width: 12 }, { header: '仪器', width: 24 }, { header: '项目', width: 40 },
    { header: '数量', width: 10 }, { header: '单价（元）', width: 12 }, { header: '金额（元）', width: 12 }];
  const heads = { contract: ctx.db.prepare(SUMMARY_SQL), order: ctx.db.prepare(ORDER_SUMMARY_SQL) };
  const bodies = { contract: ctx.db.prepare(LINES_SQL), order: ctx.db.prepare(ORDER_LINES_SQL) };
  let done = 0;
  const owners = [...ids.map((id) => ({ kind: 'contract' as const, id })), ...orderIds.map((id) => ({ kind: 'order' as const, id }))];
  for (const { kind, id } of owners) {
    const h = heads[kind].get(id) as { number: string; applicant: string; actualFen: number | null; payoutParty: string | null; voucherFen: number; paidFen: number; statementNumber: string | null; issuedOn: string | null };
    const ls = bodies[kind].all(id) as { serviceDate: string; instrument: string | null; description: string; reason: string; kind: string; q: number | null; price: number | null; amount: number }[];
    let total = 0;
    for (const l of ls) {
      total += l.amount;
      detail.addRow([h.number, l.serviceDate, l.instrument ?? '', l.kind === 'adjustment' ? `${l.description}（${l.reason}）` : l.description,
        l.q === null ? null : l.q / 1000, l.price === null ? null : l.price / 100, l.amount / 100]).commit();
    }
    const settled = h.actualFen ?? total;
    const own = settled - h.voucherFen;
    const due = h.payoutParty === 'enterprise' ? settled : own;
    summary.addRow([h.number, h.applicant, total / 100, settled / 100, h.voucherFen / 100, own / 100, h.paidFen / 100, Math.max(0, due - h.paidFen) / 100,
      h.statementNumber ?? '', h.issuedOn ?? '']).commit();
    done++;
    if (done % CHUNK === 0) {
      if (!onProgress(done)) { await wb.commit(); return false; }
      await yieldToLoop();
    }
  }
  onProgress(done);
  await wb.commit();
  return true;
}

/** Drops every batch workbook held in memory (lock, quit). */
export function purgeStatementBatches(): void {
  for (const j of jobs.values()) { j.cancelled = true; j.result = undefined; }
  jobs.clear();
}

async function run(ctx: ServiceContext, j: Job, ids: number[], orderIds: number[], year: number): Promise<void> {
  // The workbook (applicants, fees) is built in memory only: nothing confidential is written to disk.
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  try {
    const complete = await writeBatch(ctx, ids, sink, (done) => { j.status.done = done; return !j.cancelled; }, orderIds);
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!complete || j.cancelled) return;
    j.result = Buffer.concat(chunks);
    j.status = { ...j.status, state: 'done', fileName: `费用结算单-${year}年-${ids.length + orderIds.length}份.xlsx` };
  } catch (e) {
    if (!(e instanceof AppFailure)) console.error('[money:batch]', e);
    // The renderer words `failure` in the chosen language; `error` is for the log only.
    const failure = e instanceof AppFailure ? e.error : { code: 'INTERNAL' as const, reason: 'internal.unexpected' };
    j.status = { ...j.status, state: 'failed', error: e instanceof AppFailure ? e.message : 'statement batch failed', failure };
  } finally {
    chunks.length = 0;
    if (j.cancelled) { j.result = undefined; j.status = { ...j.status, state: 'cancelled' }; }
  }
}

export function startStatementBatch(ctx: ServiceContext, year: number): { jobId: string } {
  const finished = [...jobs.entries()].filter(([, x]) => x.status.state !== 'running');
  for (const [jid] of finished.slice(0, Math.max(0, finished.length - KEEP))) jobs.delete(jid);
  const ids = batchContracts(ctx, year);
  const orderIds = batchOrders(ctx, year);
  const jobId = crypto.randomUUID();
  const j: Job = { status: { jobId, done: 0, total: ids.length + orderIds.length, state: 'running' }, cancelled: false };
  jobs.set(jobId, j);
  void run(ctx, j, ids, orderIds, year);
  return { jobId };
}

export function statementBatchStatus(jobId: string): JobStatus {
  return { ...job(jobId).status };
}

export function cancelStatementBatch(jobId: string): JobStatus {
  const j = job(jobId);
  if (j.status.state === 'running') { j.cancelled = true; j.status = { ...j.status, state: 'cancelled' }; }
  return { ...j.status };
}

export function statementBatchResult(jobId: string): FileDownload {
  const j = job(jobId);
  if (j.status.state !== 'done') refuse('CONFLICT', 'job.noResult', { field: 'jobId', params: { state: j.status.state } });
  const download = {
    fileName: j.status.fileName ?? 'statements.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    dataBase64: j.result!.toString('base64'),
  };
  // Downloaded once, then gone: the workbook holds applicants' and bank data.
  jobs.delete(jobId);
  j.result = undefined;
  return download;
}
