// The batch builds its packets in a worker thread on a read-only connection: the bundle holds the
// same packets the host's own thread builds (same files, same bytes but for the PDFs' and
// workbooks' creation times), sealed attachments open there with the data key, an encrypted desk
// works with its passphrase in memory, cancel ends the work at once, and a lock drops it.
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { addAttachment } from '../../electron/services/redemption/attachments';
import { openRedemption, saveResultsText } from '../../electron/services/redemption/applications';
import { addInvoice } from '../../electron/services/redemption/invoices';
import { cancelJob, jobResult, jobStatus, startBatch } from '../../electron/services/redemption/jobs';
import { buildPacket, MANIFEST } from '../../electron/services/redemption/packet';
import type { JobStatus } from '../../shared/ipc/redemption';
import { tempCore, type TempCore } from '../helpers/db';
import { pdfDocument, pngImage } from '../fixtures/documents';
import { insertContract } from './fixtures';

const PASSPHRASE = 'batch worker passphrase';
let core: TempCore | undefined;
afterEach(() => { core?.cleanup(); core = undefined; });

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

async function until(jobId: string, done: (s: JobStatus) => boolean): Promise<JobStatus> {
  for (let i = 0; i < 1500; i++) {
    const s = jobStatus(jobId);
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('job did not finish');
}

/** A contract with sealed attachments, an invoice and an open redemption. */
function packetContract(c: TempCore, n: number): number {
  const { contractId } = insertContract(c.db, { number: `HT-W-${n}`, applicantName: '北京新材科技有限公司' });
  addAttachment(c.ctx, { contractId, kind: 'contract', fileName: '签字合同.pdf', dataBase64: b64(pdfDocument(`contract-${n}`)) });
  addAttachment(c.ctx, { contractId, kind: 'bank_receipt', fileName: '回单.png', dataBase64: b64(pngImage()) });
  addInvoice(c.ctx, contractId, { code: '011002300111', number: `1234567${n}`, issueDate: '2025-06-10', amountFen: 6_000_000, attachmentId: null });
  openRedemption(c.ctx, contractId);
  saveResultsText(c.ctx, contractId, '完成了新型合金样品的微观形貌表征，支撑了产品工艺改进。');
  return contractId;
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
/** A PDF with its creation time and the file id derived from it blanked (pdfkit stamps the real time). */
const pdfWithoutTimes = (b: Uint8Array) => latin1(b)
  .replace(/\(D:\d{14}Z\)/g, '(D:)')
  .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/gi, '/ID []');
/** A workbook's parts but the one holding its creation and modification times. */
function xlsxWithoutTimes(b: Uint8Array): Record<string, string> {
  const parts = unzipSync(b);
  delete parts['docProps/core.xml'];
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, latin1(v)]));
}
/** Every file of a packet, times blanked; the manifest without the hashes of the time-stamped files. */
function comparable(packet: Uint8Array): Record<string, unknown> {
  const files = unzipSync(packet);
  const out: Record<string, unknown> = {};
  for (const [name, bytes] of Object.entries(files)) {
    if (name === MANIFEST) {
      const m = JSON.parse(Buffer.from(bytes).toString('utf8')) as { files: { path: string; sha256: string; size: number }[] };
      out[name] = { ...m, files: m.files.map((f) => (/\.(pdf|xlsx)$/.test(f.path) && !f.path.includes('/') ? { path: f.path } : f)) };
    } else if (name.endsWith('.xlsx')) out[name] = xlsxWithoutTimes(bytes);
    else if (name.endsWith('.pdf') && !name.includes('/')) out[name] = pdfWithoutTimes(bytes);
    else out[name] = latin1(bytes); // attachments: byte for byte
  }
  return out;
}

const auditRows = (c: TempCore) => c.ctx.db.prepare(`SELECT COUNT(*) FROM audit_log WHERE action = 'packet.export'`).pluck().get() as number;

async function expectSameAsOnThread(c: TempCore, ids: number[]): Promise<void> {
  const { jobId } = startBatch(c.ctx, ids);
  const s = await until(jobId, (x) => x.state !== 'running');
  expect(s).toMatchObject({ state: 'done', done: ids.length, total: ids.length });
  expect(auditRows(c)).toBe(ids.length); // the host wrote each packet's audit entry as it arrived
  const outer = unzipSync(Buffer.from(jobResult(jobId).dataBase64, 'base64'));
  const expected: Record<string, unknown> = {};
  for (const id of ids) {
    const { packet } = await buildPacket(c.ctx, id);
    expected[`兑现材料/${packet.fileName}`] = comparable(packet.bytes);
  }
  const got = Object.fromEntries(Object.entries(outer).map(([k, v]) => [k, comparable(v)]));
  expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
  expect(got).toEqual(expected);
  // The attachments were opened in the worker with the data key: the plain bytes are in the packet.
  const first = unzipSync(Object.values(outer)[0]);
  expect(Object.keys(first).some((f) => f.endsWith('签字合同.pdf'))).toBe(true);
}

describe('batch packets built in a worker thread', () => {
  it('bundles the same packets the host thread builds, attachments unsealed, audit entries written', async () => {
    core = tempCore();
    const ids = [1, 2, 3].map((n) => packetContract(core!, n));
    await expectSameAsOnThread(core, ids);
  }, 120_000);

  it('works on an encrypted desk, the passphrase in memory only', async () => {
    core = tempCore(undefined, { key: PASSPHRASE });
    const ids = [1, 2].map((n) => packetContract(core!, n));
    await expectSameAsOnThread(core, ids);
  }, 120_000);

  it('stops at once on cancel: no packet is built or put on the record after it', async () => {
    core = tempCore();
    const ids = Array.from({ length: 12 }, (_, n) => packetContract(core!, n));
    const { jobId } = startBatch(core.ctx, ids);
    await until(jobId, (x) => x.done >= 1);
    const cancelled = cancelJob(jobId);
    expect(cancelled.state).toBe('cancelled');
    const audited = auditRows(core);
    expect(audited).toBe(cancelled.done);
    await new Promise((r) => setTimeout(r, 1500));
    expect(jobStatus(jobId)).toMatchObject({ state: 'cancelled', done: cancelled.done });
    expect(auditRows(core)).toBe(audited);
    expect(() => jobResult(jobId)).toThrow(/packetJob\.noResult/);
  }, 120_000);

  it('drops a running batch and a finished one when the desk locks', async () => {
    core = tempCore(undefined, { key: PASSPHRASE });
    const few = [packetContract(core, 1)];
    const finished = startBatch(core.ctx, few).jobId;
    await until(finished, (x) => x.state !== 'running');
    const ids = Array.from({ length: 12 }, (_, n) => packetContract(core!, n + 10));
    const running = startBatch(core.ctx, ids).jobId;
    await until(running, (x) => x.done >= 1);
    core.lock();
    expect(() => jobStatus(running)).toThrow(/packetJob\.notFound/);
    expect(() => jobStatus(finished)).toThrow(/packetJob\.notFound/);
    await new Promise((r) => setTimeout(r, 1500));
    core.unlock(PASSPHRASE);
    // The worker ended with the lock: nothing more was built or audited after it.
    const audited = auditRows(core);
    expect(audited).toBeLessThan(1 + ids.length);
    await new Promise((r) => setTimeout(r, 500));
    expect(auditRows(core)).toBe(audited);
  }, 120_000);

  it('a refusal raised in the worker travels as its code and reason', async () => {
    core = tempCore();
    const ids = [packetContract(core, 1)];
    // The contract vanishes between the up-front check and the worker's read.
    const { jobId } = startBatch(core.ctx, ids);
    core.db.prepare('PRAGMA foreign_keys = OFF').run();
    core.db.prepare('DELETE FROM contracts WHERE id = ?').run(ids[0]);
    const s = await until(jobId, (x) => x.state !== 'running');
    expect(s.state).toBe('failed');
    expect(s.failure).toMatchObject({ code: 'NOT_FOUND' });
  }, 120_000);
});
