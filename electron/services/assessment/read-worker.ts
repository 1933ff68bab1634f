// The worker thread that computes the assessment page off the core host's thread, on a connection
// of its own to the desk's file, read-only but for the summary the whole unit's page builds (the
// report worker runs its jobs the same way). The passphrase of an encrypted desk arrives with each
// job, in memory only, and is dropped with the connection when the job ends; temporary tables stay
// in memory, so no plain copy of the year's rows reaches disk.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppFailure } from '../../../shared/result';
import { applyConnectionPragmas, applyKey } from '../../db/connection';
import type { ServiceContext } from '../context';
import type { PageAnswer, ReadAnswer, ReadJob, ReadTask } from './off-thread';
import { assessmentPage, warmAssessmentPage } from './page';

/** The report writers (exceljs, pdfmake: seconds to load) are in the report worker only (report-worker.ts). */
let reportWriter: ((ctx: ServiceContext, task: Extract<ReadTask, { kind: 'xlsx' | 'pdf' }>) => Promise<unknown>) | null = null;
export function useReportWriter(writer: typeof reportWriter): void { reportWriter = writer; }

/**
 * Runs one job on a fresh connection (a restored or re-keyed file is always the current one),
 * read-only but for the whole unit's page: the first one of a year writes the year's summary from
 * the records it read (summary.ts), and only that.
 */
export async function runReadJob(job: ReadJob): Promise<unknown> {
  const readonly = !(job.task.kind === 'page' && (job.task.input.scope?.kind ?? 'unit') === 'unit');
  const db = new Database(job.file, { readonly, fileMustExist: true });
  try {
    if (job.key !== undefined) applyKey(db, job.key);
    applyConnectionPragmas(db, { readonly }); // the one set of connection settings (temporary storage in memory included)
    const now = new Date(job.nowIso);
    const ctx: ServiceContext = { db, dataDir: job.dataDir, actor: job.actor, now: () => now };
    switch (job.task.kind) {
      case 'page': {
        const seen = { wrote: false };
        const page = assessmentPage(ctx, job.task.input, seen);
        return { page, wroteSummary: seen.wrote } satisfies PageAnswer;
      }
      case 'warm': return warmAssessmentPage(ctx, job.task.input.year);
      default: {
        const report = reportWriter;
        if (!report) throw new Error('the report writers run in the report worker');
        return await report(ctx, job.task);
      }
    }
  } finally {
    db.close();
  }
}

/** Answers the jobs the parent posts, one message per job. */
export function serveReadJobs(): void {
  if (!parentPort) return;
  const port = parentPort;
  port.on('message', (job: ReadJob) => {
    void runReadJob(job).then(
      (value): ReadAnswer => ({ id: job.id, ok: true, value }),
      (e: unknown): ReadAnswer => (e instanceof AppFailure
        ? { id: job.id, ok: false, error: e.error }
        : { id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) }),
    ).then((answer) => port.postMessage(answer));
  });
}

// The page worker's entry (the report worker imports this module and serves itself). The page
// prepared ahead runs here at a lower priority (Linux: the nice value is this thread's own).
const data = workerData as { assessmentWorker?: string; lowPriority?: boolean } | null;
if (data?.lowPriority && process.platform === 'linux') {
  try { os.setPriority(0, Math.max(os.getPriority(0), 10)); } catch { /* stays at the desk's priority */ }
}
if (data?.assessmentWorker === 'page') serveReadJobs();
