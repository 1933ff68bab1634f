// Redemption packet export (summary PDF, service records .xlsx, attachments, manifest, zip) for one
// contract and for a batch of 100, against a baseline doing the same work without the service: the
// same rows read by bare SQL, the same document definition rendered by pdfmake directly (captured
// from the service's own render, untimed), the same cells written by exceljs directly, the files
// hashed and zipped by fflate. Then the batch the way the product runs it: a core host (worker
// thread, as in browser mode, in a process of its own: packet-host.ts) on a copy of the desk runs `packets:startBatch` of 100 contracts
// while catalog searches (the search bench's terms, a page of 100) are timed through the host; the
// same searches on the quiet host are the baseline. The host's process peak memory during the
// batch is a row against the 500 MB target.
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync, type Zippable } from 'fflate';
import PdfPrinter from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { DATABASE_FILE_NAME } from '../../../electron/app-core';
import type { ServiceContext } from '../../../electron/services/context';
import { cjkFontBytes } from '../../../electron/services/pdf/cjk-font';
import { CJK_FAMILY } from '../../../electron/services/pdf/render';
import { RECORD_COLUMNS } from '../../../electron/services/redemption/records-xlsx';
import type { JobStatus } from '../../../shared/ipc/redemption';
import type { Result } from '../../../shared/result';
import { findServiceExport } from '../service-lookup';
import { measure, statsOf } from '../timing';
import { rssRow, watchRss } from './memory';
import type { BenchEnv, BenchOp, OpResult } from './types';

type PacketFn = (ctx: ServiceContext, contractId: number) => Promise<{ bytes: Uint8Array }>;

const BATCH = 100;
/** A batch run takes seconds: fewer repetitions keep the bench short. */
const MAX_BATCH_RUNS = 3;
/** The catalog search bench's terms (3 and 2 characters), a page of 100. */
const TERMS = ['色谱仪', '显微镜', '光谱仪', '质谱仪', '分析仪', '试验机', '激光器', '衍射仪', '质谱', '色谱', '电镜', '光谱', '激光', '核磁', '探伤', '测序'];
/** A desk file this large is linked into the host's folder rather than copied (the 100k desk, 9.9 GB). */
const LINK_ABOVE_BYTES = 2 * 1024 ** 3;

/** A copy of a document definition that pdfmake can lay out again (it annotates the nodes it lays out). */
function copyDoc<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copyDoc) as T;
  if (v && typeof v === 'object' && !Buffer.isBuffer(v) && !(v instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyDoc(x)])) as T;
  }
  return v;
}

/** Runs `fn` with pdfmake's printer recording every document definition it is asked to render. */
async function capturingDocs<T>(fn: () => Promise<T>): Promise<{ value: T; docs: TDocumentDefinitions[] }> {
  const proto = PdfPrinter.prototype as unknown as { createPdfKitDocument: (doc: TDocumentDefinitions, opts?: unknown) => unknown };
  const original = proto.createPdfKitDocument;
  const docs: TDocumentDefinitions[] = [];
  proto.createPdfKitDocument = function (this: unknown, doc, opts) { docs.push(copyDoc(doc)); return original.call(this, doc, opts); };
  try {
    return { value: await fn(), docs };
  } finally {
    proto.createPdfKitDocument = original;
  }
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

interface UsageRow { name_cn: string; inner_id: string; start_at: string; end_at: string; service_way: string; direction: string; content: string;
  amount_fen: number; user_name: string; user_unit: string; external: number; satisfaction: number | null }

interface HostProcess { pid: number; call(channel: string, input: unknown): Promise<Result<unknown>>; close(): Promise<void> }

/** The core host in a process of its own (packet-host.ts), so its memory can be read apart from the bench's. */
function startHostProcess(dataDir: string, today: string, keyDir: string): Promise<HostProcess> {
  const child = fork(path.join(__dirname, 'packet-host.ts'), [dataDir, today], {
    execArgv: ['--import', 'tsx'], env: { ...process.env, DESK_KEY_DIR: process.env.DESK_KEY_DIR ?? keyDir }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  return new Promise((resolve, reject) => {
    child.on('message', (m: { t: 'ready' } | { t: 'failed'; message: string } | { t: 'result'; id: number; result: Result<unknown> }) => {
      if (m.t === 'ready') {
        resolve({
          pid: child.pid!,
          call: (channel, input) => new Promise((res) => { const id = next++; pending.set(id, res); child.send({ id, channel, input }); }),
          close: () => new Promise((res) => { child.once('exit', () => res()); child.send({ close: true }); }),
        });
      } else if (m.t === 'failed') reject(new Error(`core host did not start: ${m.message}`));
      else { pending.get(m.id)?.(m.result); pending.delete(m.id); }
    });
    child.once('exit', (code) => reject(new Error(`core host process exited ${code}`)));
  });
}

/** Search p95 through a core host while its 100-packet batch runs, and the quiet baseline; the host process's peak memory. */
async function batchBesideSearch(env: BenchEnv, ids: number[]): Promise<OpResult[]> {
  const name = `catalog search while a ${ids.length}-packet batch runs (core host)`;
  const dataDir = path.join(env.tmpDir, 'packet-host');
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  env.db.pragma('wal_checkpoint(TRUNCATE)');
  const linked = fs.statSync(env.dbFile).size > LINK_ABOVE_BYTES;
  // A copy, so the batch's audit entries land there; the national-scale file is linked (its audit gets them).
  if (linked) fs.symlinkSync(path.resolve(env.dbFile), file); else fs.copyFileSync(env.dbFile, file);
  const host = await startHostProcess(dataDir, env.today, path.join(env.tmpDir, 'keys'));
  try {
    const search = async (i: number) => {
      const t = performance.now();
      const r = await host.call('catalog:list', { query: TERMS[i % TERMS.length], limit: 100 });
      if (!r.ok) throw new Error(`catalog:list refused: ${JSON.stringify(r.error)}`);
      return performance.now() - t;
    };
    for (let i = 0; i < TERMS.length; i++) await search(i); // warm: statements, pages, JIT
    const quiet: number[] = [];
    for (let i = 0; i < TERMS.length * Math.max(3, env.runs); i++) quiet.push(await search(i));
    const memory = watchRss(() => [host.pid], 50);
    const t0 = performance.now();
    const started = await host.call('packets:startBatch', { contractIds: ids });
    if (!started.ok) throw new Error(`packets:startBatch refused: ${JSON.stringify(started.error)}`);
    const { jobId } = started.value as { jobId: string };
    const beside: number[] = [];
    let status: JobStatus = { jobId, done: 0, total: ids.length, state: 'running' };
    for (let i = 0; status.state === 'running'; i++) {
      const ms = await search(i);
      status = ((await host.call('packets:jobStatus', { jobId })) as { value: JobStatus }).value;
      if (status.state === 'running') beside.push(ms);
      await new Promise((r) => setTimeout(r, 10)); // a user types; the renderer polls progress
    }
    const batchMs = performance.now() - t0;
    if (status.state !== 'done') throw new Error(`the batch ended ${status.state}: ${status.error ?? ''}`);
    const result = await host.call('packets:jobResult', { jobId });
    if (!result.ok) throw new Error(`packets:jobResult refused: ${JSON.stringify(result.error)}`);
    const zipMb = Buffer.byteLength((result.value as { dataBase64: string }).dataBase64, 'base64') / 1024 ** 2;
    const peak = memory.stop();
    const s = statsOf(beside);
    const q = statsOf(quiet);
    return [
      {
        name, service: s, baseline: q, showP95: true, target: { metric: 'p95', maxMs: 20 },
        note: `${beside.length} searches during the batch (${(batchMs / 1000).toFixed(1)} s, ${zipMb.toFixed(1)} MB zip), max ${Math.max(...beside).toFixed(1)} ms; `
          + `baseline = the same searches on the quiet host (p95 ${q.p95.toFixed(1)} ms); ${linked ? 'desk file linked' : 'desk copied'}; load ${os.loadavg()[0].toFixed(2)}`,
      },
      rssRow(`server peak RSS, start-up to the end of the ${ids.length}-packet batch`, peak,
        'the host process alone (core host thread, packet worker, relay), /proc VmRSS every 50 ms and VmHWM'),
    ];
  } finally {
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true }); // a link is removed, never its target
  }
}

export const redemptionPacket: BenchOp = {
  id: 'packet',
  async run(env) {
    const found = await findServiceExport<PacketFn>('redemption', ['exportPacket']);
    if ('missing' in found) return [{ name: 'redemption packet, 1 contract', skipped: found.missing }];
    const ids = env.db.prepare(`SELECT c.id FROM contracts c JOIN redemptions r ON r.contract_id = c.id
      ORDER BY c.end_date DESC, c.id LIMIT ?`).pluck().all(BATCH) as number[];
    if (!ids.length) return [{ name: 'redemption packet, 1 contract', skipped: 'the database has no redemption to export' }];
    const reads = {
      contract: env.db.prepare(`SELECT c.*, a.name, a.credit_code, a.bank_name, a.bank_account FROM contracts c JOIN applicants a ON a.id = c.applicant_id WHERE c.id = ?`),
      vouchers: env.db.prepare(`SELECT v.number, v.face_value_fen, cv.amount_fen FROM contract_vouchers cv JOIN vouchers v ON v.id = cv.voucher_id WHERE cv.contract_id = ?`),
      invoices: env.db.prepare('SELECT * FROM invoices WHERE contract_id = ?'),
      attachments: env.db.prepare('SELECT * FROM attachments WHERE contract_id = ?'),
      redemption: env.db.prepare('SELECT * FROM redemptions WHERE contract_id = ?'),
      usage: env.db.prepare(`SELECT u.*, i.name_cn, i.inner_id FROM usage_logs u JOIN instruments i ON i.id = u.instrument_id WHERE u.contract_id = ? ORDER BY u.start_at`),
    };
    // The documents the service renders for each contract, captured from its own render (untimed).
    const docsOf = new Map<number, TDocumentDefinitions[]>();
    let size = 0;
    for (const id of ids) {
      const { value, docs } = await capturingDocs(() => found.fn(env.ctx, id));
      docsOf.set(id, docs);
      if (id === ids[0]) size = value.bytes.length;
    }
    const font = cjkFontBytes(env.ctx).bytes;
    const printer = new PdfPrinter({ [CJK_FAMILY]: { normal: font, bold: font, italics: font, bolditalics: font } });
    const pdf = (doc: TDocumentDefinitions) => new Promise<Buffer>((resolve, reject) => {
      const d = printer.createPdfKitDocument(copyDoc(doc));
      const chunks: Buffer[] = [];
      d.on('data', (c: Buffer) => chunks.push(c));
      d.on('end', () => resolve(Buffer.concat(chunks)));
      d.on('error', reject);
      d.end();
    });
    // Same work, no service: reads, the same PDFs, the same cells, hashes, the zip.
    const bare = async (id: number) => {
      for (const s of [reads.contract, reads.vouchers, reads.invoices, reads.attachments, reads.redemption]) s.all(id);
      const usage = reads.usage.all(id) as UsageRow[];
      const files: { path: string; bytes: Uint8Array }[] = [];
      for (const [i, doc] of (docsOf.get(id) ?? []).entries()) files.push({ path: `doc-${i}.pdf`, bytes: await pdf(doc) });
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('服务记录');
      ws.columns = RECORD_COLUMNS;
      usage.forEach((u, i) => ws.addRow([i + 1, u.inner_id, u.name_cn, u.start_at.replace('T', ' '), u.end_at.replace('T', ' '),
        Number(((Date.parse(u.end_at) - Date.parse(u.start_at)) / 3_600_000).toFixed(2)), u.service_way, u.direction, u.content,
        u.amount_fen / 100, u.user_name, u.user_unit, u.external ? '是' : '否', u.satisfaction ?? '']));
      ws.addRow(['合计', '', '', '', '', 0, '', '', '', usage.reduce((s, u) => s + u.amount_fen, 0) / 100]);
      files.push({ path: 'records.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) });
      files.push({ path: 'manifest.json', bytes: Buffer.from(JSON.stringify(files.map((f) => ({ path: f.path, sha256: sha256(f.bytes), size: f.bytes.length })), null, 2)) });
      const tree: Zippable = {};
      for (const f of files) tree[f.path] = [f.bytes, { level: f.path.endsWith('.pdf') ? 0 : 6 }];
      return zipSync(tree);
    };
    const batchRuns = Math.min(env.runs, MAX_BATCH_RUNS);
    const rows: OpResult[] = [
      {
        name: 'redemption packet, 1 contract',
        service: await measure(env.runs, (i) => found.fn(env.ctx, ids[i % ids.length])),
        baseline: await measure(env.runs, (i) => bare(ids[i % ids.length])),
        target: { metric: 'median', maxMs: 1000 },
        note: `${found.where}; ${(size / 1024).toFixed(0)} KB zip; baseline = bare SQL + pdfmake (same documents) + exceljs (same cells) + fflate zip`,
      },
      {
        name: `redemption packet, ${ids.length} contracts`,
        service: await measure(batchRuns, async () => { for (const id of ids) await found.fn(env.ctx, id); }, 0),
        baseline: await measure(batchRuns, async () => { for (const id of ids) await bare(id); }, 0),
        note: `${batchRuns} runs, one after another on this thread; baseline as above`,
      },
    ];
    try {
      rows.push(...await batchBesideSearch(env, ids));
    } catch (e) {
      rows.push({ name: `catalog search while a ${ids.length}-packet batch runs (core host)`, failed: (e as Error).message.split('\n')[0] });
    }
    return rows;
  },
};
