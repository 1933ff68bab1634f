// The year's statement batch as a job on temp SQLite desks: a cancelled batch keeps no workbook,
// a batch whose run breaks ends failed with a refusal code the renderer words, never prose.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractCharges } from '../../electron/services/money/charges';
import {
  cancelStatementBatch, startStatementBatch, statementBatchResult, statementBatchStatus,
} from '../../electron/services/money/statements';
import type { JobStatus } from '../../shared/ipc/redemption';
import { describeError } from '../../renderer/src/i18n-errors';
import { tempCore, type TempCore } from '../helpers/db';
import { failure } from '../helpers/failure';
import { insertContract } from '../redemption/fixtures';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

/** `n` contracts signed in 2025, each with one 500元 staff-time line. */
function contractsWithCharges(n: number): number[] {
  return core.db.transaction(() => Array.from({ length: n }, () => {
    const { contractId } = insertContract(core.db, { vouchersFen: [], usage: [], actualAmountFen: null });
    core.db.prepare(`INSERT INTO charges(contract_id, kind, category, service_date, description, unit, quantity_milli, unit_price_fen, amount_fen,
      created_at, created_by) VALUES (?, 'manual', 'staff', '2025-05-12', '制样', 'item', 1000, 50000, 50000, '2025-05-12T02:00:00.000Z', 'test')`).run(contractId);
    return contractId;
  }))();
}

/** Polls the job until it leaves 'running' or `ms` have passed. */
async function settled(jobId: string, ms = 20_000): Promise<JobStatus> {
  const until = Date.now() + ms;
  let s = statementBatchStatus(jobId);
  while (s.state === 'running' && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 10));
    s = statementBatchStatus(jobId);
  }
  return s;
}

/** Lets the job's remaining asynchronous steps (the workbook's commit) run out. */
const drain = () => new Promise((r) => setTimeout(r, 500));

describe('the statement batch', () => {
  it('finishes with one workbook for every contract with charges when left to run', async () => {
    contractsWithCharges(3);
    const { jobId } = startStatementBatch(core.ctx, 2025);
    const s = await settled(jobId);
    expect(s).toMatchObject({ state: 'done', done: 3, total: 3, fileName: '费用结算单-2025年-3份.xlsx' });
    expect(s.failure).toBeUndefined();
    expect(statementBatchResult(jobId).dataBase64.length).toBeGreaterThan(0);
  });

  it('stays cancelled with no workbook when cancelled right after it starts', async () => {
    const ids = contractsWithCharges(3);
    expect(ids.map((contractId) => contractCharges(core.ctx, { contractId }).totalFen)).toEqual([50_000, 50_000, 50_000]);
    const { jobId } = startStatementBatch(core.ctx, 2025);
    expect(cancelStatementBatch(jobId)).toMatchObject({ jobId, state: 'cancelled', total: 3 });
    await drain();
    const s = statementBatchStatus(jobId);
    expect(s.state).toBe('cancelled');
    expect(s.fileName).toBeUndefined();
    expect(s.failure).toBeUndefined();
    expect(failure(() => statementBatchResult(jobId)).error).toMatchObject({ code: 'CONFLICT', reason: 'job.noResult', params: { state: 'cancelled' } });
    // Cancelling a job that has ended changes nothing.
    expect(cancelStatementBatch(jobId).state).toBe('cancelled');
  });

  it('stays cancelled with no workbook when cancelled between two steps of a long batch', async () => {
    // More contracts than one step takes (250): the job yields to the event loop part-way.
    contractsWithCharges(260);
    const { jobId } = startStatementBatch(core.ctx, 2025);
    const mid = statementBatchStatus(jobId);
    expect(mid).toMatchObject({ state: 'running', done: 250, total: 260 });
    expect(cancelStatementBatch(jobId).state).toBe('cancelled');
    await drain();
    expect(statementBatchStatus(jobId)).toMatchObject({ state: 'cancelled', total: 260 });
    expect(failure(() => statementBatchResult(jobId)).error.reason).toBe('job.noResult');
  });

  it('ends failed with a reason code, not prose, when the desk closes mid-run', async () => {
    contractsWithCharges(260);
    const { jobId } = startStatementBatch(core.ctx, 2025);
    expect(statementBatchStatus(jobId).state).toBe('running');
    core.db.close();
    const s = await settled(jobId);
    expect(s.state).toBe('failed');
    expect(s.failure).toEqual({ code: 'INTERNAL', reason: 'internal.unexpected' });
    // The renderer words the failure from its catalog in either language.
    expect(describeError(s.failure!, 'zh')).toBe('内部错误，操作未完成，未作任何更改');
    expect(describeError(s.failure!, 'en')).toBe('Internal error; nothing was changed');
    expect(failure(() => statementBatchResult(jobId)).error).toMatchObject({ reason: 'job.noResult', params: { state: 'failed' } });
  });

  it('ends failed with a reason code when a contract of the batch disappears before its turn', async () => {
    const ids = contractsWithCharges(260);
    const { jobId } = startStatementBatch(core.ctx, 2025);
    expect(statementBatchStatus(jobId).done).toBe(250);
    // The last contract in number order goes before the job reaches it.
    const last = core.db.prepare(`SELECT id FROM contracts WHERE id IN (${ids.join(',')}) ORDER BY number DESC LIMIT 1`).pluck().get() as number;
    core.db.pragma('foreign_keys = OFF');
    core.db.prepare('DELETE FROM contracts WHERE id = ?').run(last);
    core.db.pragma('foreign_keys = ON');
    const s = await settled(jobId);
    expect(s).toMatchObject({ state: 'failed', failure: { code: 'INTERNAL', reason: 'internal.unexpected' } });
    expect(s.fileName).toBeUndefined();
  });
});
