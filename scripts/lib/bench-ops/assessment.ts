// The annual open-sharing assessment of the whole unit for the last complete year.
// - figures: computeAssessment beside the very statements it ran, bare (the same work in SQL:
//   year clipping, monthly, external users, contracts, orders, income from charges, payments);
// - the page: figures + data checks + subsidy in one call over one pass of the year's usage rows
//   (assessment:page), beside the same three computed separately as the page asked before.
import { dataChecks } from '../../../electron/services/assessment/checks';
import { computeAssessment } from '../../../electron/services/assessment/compute';
import { assessmentPage } from '../../../electron/services/assessment/page';
import { computeSubsidy } from '../../../electron/services/assessment/subsidy';
import { captureStatements } from '../sql-capture';
import { measure } from '../timing';
import type { BenchOp } from './types';

export const annualAssessment: BenchOp = {
  id: 'assessment',
  async run(env) {
    const year = Number(env.today.slice(0, 4)) - 1;
    const { statements } = captureStatements(env.db, () => computeAssessment(env.ctx, { year }));
    const reads = statements.filter((s) => /^\s*(SELECT|WITH)/i.test(s.sql)).map((s) => ({ stmt: env.db.prepare(s.sql), params: s.params }));
    const figures = {
      name: `annual assessment ${year}, whole unit (figures)`,
      service: await measure(env.runs, () => JSON.stringify(computeAssessment(env.ctx, { year }))),
      baseline: await measure(env.runs, () => { for (const r of reads) r.stmt.all(...r.params); }),
      target: { metric: 'median' as const, maxMs: 500, maxRatio: 1.3 },
      note: `baseline: the ${reads.length} statements it ran, bare`,
    };
    const separate = await measure(env.runs, () => JSON.stringify([
      computeAssessment(env.ctx, { year }), dataChecks(env.ctx, { year }), computeSubsidy(env.ctx, year),
    ]));
    const page = {
      name: `assessment page ${year}: figures + checks + subsidy, one call`,
      service: await measure(env.runs, () => JSON.stringify(assessmentPage(env.ctx, { year }))),
      baseline: separate,
      target: { metric: 'median' as const, maxMs: 3000 },
      note: 'baseline: the same three computed separately (the page before one pass), not bare SQL',
    };
    return [figures, page];
  },
};
