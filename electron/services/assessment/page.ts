// Everything the assessment page shows for a year and scope, in one call over one pass of the
// year's usage rows: the figures, the data checks and the unit's subsidy reuse the same rows, and
// the subsidy reuses the figures themselves when the page shows the whole unit. The whole unit's
// page reads the year's kept summary once it exists (summary.ts); the first one of a year reads the
// records and builds the summary from them.
import type { AssessmentPage, AssessmentScope } from '../../../shared/ipc/assessment';
import type { SubsidyGrade } from '../../../shared/policy';
import type { ServiceContext } from '../context';
import { checksOfYear, dataChecks } from './checks';
import { assessYear } from './compute';
import { computeSubsidy } from './subsidy';
import { recordSummary, summaryBuilt } from './summary';
import { withYearPass, yearSource } from './year-pass';
import { scopeSql } from './window';

/** `seen.wrote` is set when this page wrote its year's summary (a commit the caller's data version will show). */
export function assessmentPage(ctx: ServiceContext, input: { year: number; scope?: AssessmentScope; whatIfGrade?: SubsidyGrade }, seen?: { wrote: boolean }): AssessmentPage {
  const scope = input.scope ?? { kind: 'unit' };
  const { year } = input;
  const page = (src: Parameters<typeof assessYear>[2]) => {
    const { result, idle } = assessYear(ctx, { year, scope }, src);
    const { checks, overlapping } = checksOfYear(ctx, { year, scope }, src, idle);
    // The subsidy is the unit's: a lab or instrument page computes the unit's figures for it.
    const subsidy = computeSubsidy(ctx, year, input.whatIfGrade, scope.kind === 'unit' ? result : undefined);
    return { page: { result, checks, subsidy }, overlapping };
  };
  // Figures and checks from one snapshot, whichever they read.
  if (scope.kind === 'unit' && summaryBuilt(ctx.db, year)) {
    return ctx.db.transaction(() => page(yearSource(ctx, year, scopeSql(ctx, scope), scope)).page)();
  }
  return withYearPass(ctx, year, scope, (src) => {
    const { page: answer, overlapping } = page(src);
    if (scope.kind === 'unit' && src.pass && recordSummary(ctx, year, src.pass, overlapping) && seen) seen.wrote = true;
    return answer;
  });
}

/**
 * The page worker's pre-start: the page's figures and checks for one instrument's year, so the
 * worker's first real page finds its code compiled and its statements' tables read once. The
 * answer is thrown away; a desk without instruments warms nothing.
 */
export function warmAssessmentPage(ctx: ServiceContext, year: number): { instruments: number } {
  const first = ctx.db.prepare('SELECT id FROM instruments ORDER BY id LIMIT 1').get() as { id: number } | undefined;
  if (!first) return { instruments: 0 };
  const scope: AssessmentScope = { kind: 'instrument', instrumentId: first.id };
  withYearPass(ctx, year, scope, (src) => {
    const { idle } = assessYear(ctx, { year, scope }, src);
    dataChecks(ctx, { year, scope }, src, idle);
  });
  return { instruments: 1 };
}
