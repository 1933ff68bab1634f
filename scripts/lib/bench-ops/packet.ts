// Redemption packet export (summary PDF, service records .xlsx, attachments, manifest, zip) for one
// contract and for a batch of 100. The baseline is only the SQL reads of the same rows, so the ratio
// shows what rendering costs on top of the data access.
import type { ServiceContext } from '../../../electron/services/context';
import { findServiceExport } from '../service-lookup';
import { measure } from '../timing';
import type { BenchOp } from './types';

type PacketFn = (ctx: ServiceContext, contractId: number) => Promise<{ bytes: Uint8Array }>;

const BATCH = 100;
/** A batch run takes seconds: fewer repetitions keep the bench short. */
const MAX_BATCH_RUNS = 3;

export const redemptionPacket: BenchOp = {
  id: 'packet',
  async run(env) {
    const found = await findServiceExport<PacketFn>('redemption', ['exportPacket']);
    if ('missing' in found) return [{ name: 'redemption packet, 1 contract', skipped: found.missing }];
    const ids = env.db.prepare(`SELECT c.id FROM contracts c JOIN redemptions r ON r.contract_id = c.id
      ORDER BY c.end_date DESC, c.id LIMIT ?`).pluck().all(BATCH) as number[];
    if (!ids.length) return [{ name: 'redemption packet, 1 contract', skipped: 'the database has no redemption to export' }];
    const reads = [
      env.db.prepare(`SELECT c.*, a.name, a.credit_code, a.bank_name, a.bank_account FROM contracts c JOIN applicants a ON a.id = c.applicant_id WHERE c.id = ?`),
      env.db.prepare(`SELECT v.number, v.face_value_fen, cv.amount_fen FROM contract_vouchers cv JOIN vouchers v ON v.id = cv.voucher_id WHERE cv.contract_id = ?`),
      env.db.prepare('SELECT * FROM invoices WHERE contract_id = ?'),
      env.db.prepare('SELECT * FROM attachments WHERE contract_id = ?'),
      env.db.prepare('SELECT * FROM redemptions WHERE contract_id = ?'),
      env.db.prepare(`SELECT u.*, i.name_cn, i.inner_id FROM usage_logs u JOIN instruments i ON i.id = u.instrument_id WHERE u.contract_id = ? ORDER BY u.start_at`),
    ];
    const bare = (id: number) => reads.forEach((s) => s.all(id));
    const size = (await found.fn(env.ctx, ids[0])).bytes.length;
    const batchRuns = Math.min(env.runs, MAX_BATCH_RUNS);
    return [
      {
        name: 'redemption packet, 1 contract',
        service: await measure(env.runs, (i) => found.fn(env.ctx, ids[i % ids.length])),
        baseline: await measure(env.runs, (i) => bare(ids[i % ids.length])),
        target: { metric: 'median', maxMs: 1000 },
        note: `${found.where}; ${(size / 1024).toFixed(0)} KB zip; baseline = SQL reads only`,
      },
      {
        name: `redemption packet, ${ids.length} contracts`,
        service: await measure(batchRuns, async () => { for (const id of ids) await found.fn(env.ctx, id); }, 0),
        baseline: await measure(batchRuns, () => ids.forEach(bare), 0),
        note: `${batchRuns} runs, one after another as a batch export does`,
      },
    ];
  },
};
