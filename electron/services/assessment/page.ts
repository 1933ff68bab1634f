// Everything the assessment page shows for a year and scope, in one call over one pass of the
// year's usage rows: the figures, the data checks and the unit's subsidy reuse the same rows, and
// the subsidy reuses the figures themselves when the page shows the whole unit.
import type { AssessmentPage, AssessmentScope } from '../../../shared/ipc/assessment';
import type { SubsidyGrade } from '../../../shared/policy';
import type { ServiceContext } from '../context';
import { dataChecks } from './checks';
import { assessYear } from './compute';
import { computeSubsidy } from './subsidy';
import { withYearPass } from './year-pass';

export function assessmentPage(ctx: ServiceContext, input: { year: number; scope?: AssessmentScope; whatIfGrade?: SubsidyGrade }): AssessmentPage {
  const scope = input.scope ?? { kind: 'unit' };
  return withYearPass(ctx, input.year, scope, (src) => {
    const { result, idle } = assessYear(ctx, { year: input.year, scope }, src);
    const checks = dataChecks(ctx, { year: input.year, scope }, src, idle);
    // The subsidy is the unit's: a lab or instrument page computes the unit's figures for it.
    const subsidy = computeSubsidy(ctx, input.year, input.whatIfGrade, scope.kind === 'unit' ? result : undefined);
    return { result, checks, subsidy };
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
