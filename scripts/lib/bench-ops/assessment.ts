// The annual open-sharing assessment of the whole unit for the last complete year.
// - figures: computeAssessment beside the very statements it ran, bare (the same work in SQL:
//   year clipping, monthly, external users, contracts, orders, income from charges, payments);
// - the page: figures + data checks + subsidy in one call over one pass of the year's usage rows
//   (assessment:page), beside the very statements it ran, bare (the temporary table of the year's
//   rows, its index, every figure and check: the same-work SQL), and beside the same three
//   computed separately as the page asked before;
// - the page as the desk answers it: in its worker thread on a read-only connection (warm; the
//   first call's worker start is in the note), beside the same page on this thread, and catalog
//   pages answered on this thread while the worker computes;
// - the first whole-unit page of a year, which reads the year's records and writes the year's
//   summary (summary.ts), beside the same page read from the records without writing it. Every
//   figure above it reads the summary, as every page after the first does.
import { checksOfYear, dataChecks } from '../../../electron/services/assessment/checks';
import { assessYear, computeAssessment } from '../../../electron/services/assessment/compute';
import { assessmentPageOffThread, stopReadWorkers } from '../../../electron/services/assessment/off-thread';
import { assessmentPage } from '../../../electron/services/assessment/page';
import { listInstruments } from '../../../electron/services/catalog/instruments';
import { computeSubsidy } from '../../../electron/services/assessment/subsidy';
import { forgetSummary, summaryBuilt } from '../../../electron/services/assessment/summary';
import { withYearPass } from '../../../electron/services/assessment/year-pass';
import { captureStatements, type Executed } from '../sql-capture';
import { measure, statsOf } from '../timing';
import type { BenchOp } from './types';

export const annualAssessment: BenchOp = {
  id: 'assessment',
  async run(env) {
    const year = Number(env.today.slice(0, 4)) - 1;
    // The year's first page: its summary dropped before each run (not timed), so each run reads the records and writes it.
    const unit = { kind: 'unit' } as const;
    const firstTimes: number[] = [];
    for (let r = 0; r < env.runs; r++) {
      forgetSummary(env.db, year);
      const t = performance.now();
      JSON.stringify(assessmentPage(env.ctx, { year }));
      firstTimes.push(performance.now() - t);
    }
    if (!summaryBuilt(env.db, year)) throw new Error(`the first page of ${year} did not write its summary`);
    const fromRecords = () => withYearPass(env.ctx, year, unit, (src) => {
      const { result, idle } = assessYear(env.ctx, { year, scope: unit }, src);
      return { result, checks: checksOfYear(env.ctx, { year, scope: unit }, src, idle).checks, subsidy: computeSubsidy(env.ctx, year, undefined, result) };
    });
    const first = {
      name: `assessment page ${year}, the year's first: reads the records, writes the summary`,
      service: statsOf(firstTimes),
      baseline: await measure(env.runs, () => JSON.stringify(fromRecords())),
      // Once a year, and usually ahead of the user (the prepared page): its target is what writing the summary adds.
      target: { metric: 'median' as const, maxRatio: 1.3 },
      note: 'baseline: the same page from the records, writing nothing; every figure above reads the summary it wrote',
    };
    // The figures' own target at 10,000 instruments; at national scale (100,000) the target is the page's.
    const figuresMs = env.meta.totals.instruments >= 50_000 ? 3000 : 500;
    const { statements } = captureStatements(env.db, () => computeAssessment(env.ctx, { year }));
    const reads = statements.filter((s) => /^\s*(SELECT|WITH)/i.test(s.sql)).map((s) => ({ stmt: env.db.prepare(s.sql), params: s.params }));
    const figures = {
      name: `annual assessment ${year}, whole unit (figures)`,
      service: await measure(env.runs, () => JSON.stringify(computeAssessment(env.ctx, { year }))),
      baseline: await measure(env.runs, () => { for (const r of reads) r.stmt.all(...r.params); }),
      target: { metric: 'median' as const, maxMs: figuresMs, maxRatio: 1.3 },
      note: `baseline: the ${reads.length} statements it ran, bare`,
    };
    // The page's statements in order, bare, in one read transaction as the page runs them.
    const pageSteps = captureStatements(env.db, () => assessmentPage(env.ctx, { year }), { exec: true }).statements;
    const bareSteps = (steps: Executed[]) => env.db.transaction(() => {
      for (const st of steps) {
        if (st.exec) { env.db.exec(st.sql); continue; }
        const prepared = env.db.prepare(st.sql);
        if (prepared.reader) prepared.all(...st.params); else prepared.run(...st.params);
      }
    })();
    const pageService = await measure(env.runs, () => JSON.stringify(assessmentPage(env.ctx, { year })));
    const pageBare = {
      name: `assessment page ${year}: figures + checks + subsidy, one call (same-work SQL)`,
      service: pageService,
      baseline: await measure(env.runs, () => bareSteps(pageSteps)),
      target: { metric: 'median' as const, maxMs: 3000, maxRatio: 1.3 },
      note: `baseline: the ${pageSteps.length} statements it ran (every figure and check, from the year's summary), bare`,
    };
    const separate = await measure(env.runs, () => JSON.stringify([
      computeAssessment(env.ctx, { year }), dataChecks(env.ctx, { year }), computeSubsidy(env.ctx, year),
    ]));
    const page = {
      name: `assessment page ${year}: figures + checks + subsidy, one call`,
      service: pageService,
      baseline: separate,
      target: { metric: 'median' as const, maxMs: 3000 },
      note: 'baseline: the same three computed separately (the page before one pass), not bare SQL',
    };
    const src = { databaseFile: env.dbFile, key: undefined, dataDir: env.tmpDir, actor: 'bench', now: env.ctx.now };
    const t0 = performance.now();
    await assessmentPageOffThread(src, { year });
    const coldMs = performance.now() - t0;
    const worker = {
      name: `assessment page ${year} in its worker thread (warm)`,
      service: await measure(env.runs, async () => JSON.stringify(await assessmentPageOffThread(src, { year }))),
      baseline: page.service,
      target: { metric: 'median' as const, maxMs: 3000 },
      note: `baseline: the same page on the calling thread; first call with the worker's start ${Math.round(coldMs)} ms`,
    };
    // While the worker computes, this thread answers: catalog pages timed one after another.
    const beside: number[] = [];
    for (let r = 0; r < env.runs; r++) {
      let computing = true;
      const call = assessmentPageOffThread(src, { year }).finally(() => { computing = false; });
      while (computing) {
        const t = performance.now();
        listInstruments(env.ctx, { limit: 100 });
        beside.push(performance.now() - t);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await call;
    }
    stopReadWorkers();
    const during = {
      name: 'catalog page (100 rows) while the assessment page computes in its worker',
      service: statsOf(beside),
      showP95: true,
      // Peak resident memory of this process so far (the page on this thread and in its worker): the server's < 500 MB target.
      note: `${beside.length} pages during ${env.runs} assessment pages; peak RSS of the process ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    };
    return [figures, pageBare, page, worker, during, first];
  },
};
