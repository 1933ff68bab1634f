// Beijing performance subsidy (第十一条) of the open unit for one year: class by open-instrument
// value against the year's boundary, cap by class and grade, third-party exclusion, staff award floor.
import type { AssessmentResult, SubsidyResult, YearInputs } from '../../../shared/ipc/assessment';
import { formatRatio, staffAwardMinimum, subsidyCap, subsidyClass, articleFor } from '../../../shared/rules';
import type { SubsidyGrade } from '../../../shared/policy';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { violationParams } from '../deals/refuse';
import { getSettings, profileOn, profileRef } from '../settings';
import { computeAssessment } from './compute';

export function getYearInputs(ctx: ServiceContext, year: number): YearInputs {
  const row = ctx.db.prepare(`SELECT year, class_boundary_fen AS classBoundaryFen, published_grade AS publishedGrade,
    income_fen AS incomeFen, costs_fen AS costsFen FROM assessment_years WHERE year = ?`).get(year) as YearInputs | undefined;
  return row ?? { year, classBoundaryFen: null, publishedGrade: null, incomeFen: null, costsFen: 0 };
}

export function setYearInputs(ctx: ServiceContext, input: YearInputs): YearInputs {
  return ctx.db.transaction(() => {
    const before = getYearInputs(ctx, input.year);
    ctx.db.prepare(`INSERT INTO assessment_years(year, class_boundary_fen, published_grade, income_fen, costs_fen, updated_at)
      VALUES (@year, @classBoundaryFen, @publishedGrade, @incomeFen, @costsFen, @at)
      ON CONFLICT(year) DO UPDATE SET class_boundary_fen = excluded.class_boundary_fen, published_grade = excluded.published_grade,
        income_fen = excluded.income_fen, costs_fen = excluded.costs_fen, updated_at = excluded.updated_at`)
      .run({ ...input, at: ctx.now().toISOString() });
    audit(ctx, 'update', 'assessment_year', input.year, { before, after: input });
    return getYearInputs(ctx, input.year);
  })();
}

/**
 * The subsidy of the whole unit; `whatIfGrade` overrides the published grade to explore the table.
 * `unitFigures`: the unit's figures of the year when the caller has them already (the page's one pass).
 */
export function computeSubsidy(ctx: ServiceContext, year: number, whatIfGrade?: SubsidyGrade, unitFigures?: AssessmentResult): SubsidyResult {
  const figures = unitFigures?.scope.kind === 'unit' && unitFigures.year === year ? unitFigures : computeAssessment(ctx, { year, scope: { kind: 'unit' } });
  return subsidyFrom(ctx, year, figures, whatIfGrade);
}

/** The unit's figures the subsidy reads: its 外部共享 instruments and their value, and its service income. */
export type SubsidyFigures = Pick<AssessmentResult, 'openInstrumentCount' | 'openInstrumentValueFen' | 'serviceIncomeFen'>;

/** The subsidy of a year from the unit's figures, wherever they were computed (this desk's records, or the labs' at the office). */
export function subsidyFrom(ctx: ServiceContext, year: number, figures: SubsidyFigures, whatIfGrade?: SubsidyGrade): SubsidyResult {
  const settings = getSettings(ctx);
  const profile = profileOn(settings.region, `${year}-12-31`);
  const inputs = getYearInputs(ctx, year);
  const openValueFen = figures.openInstrumentValueFen;
  const cls = inputs.classBoundaryFen === null ? null : subsidyClass(openValueFen, inputs.classBoundaryFen);
  const grade = whatIfGrade ?? inputs.publishedGrade;
  const unit = { isThirdPartyTestingInstitution: settings.thirdPartyTesting };
  const cap = cls && grade ? subsidyCap(cls, grade, profile, unit) : null;
  const incomeFen = inputs.incomeFen ?? figures.serviceIncomeFen;
  const staff = staffAwardMinimum(incomeFen, inputs.costsFen, profile);
  const caps = cls && profile.subsidyCapsFen ? profile.subsidyCapsFen[cls] : null;
  return {
    year,
    profile: profileRef(profile),
    applicable: profile.subsidyCapsFen !== null,
    article: articleFor(profile, 'subsidy'),
    thirdPartyTesting: settings.thirdPartyTesting,
    openInstrumentCount: figures.openInstrumentCount,
    openValueFen,
    classBoundaryFen: inputs.classBoundaryFen,
    subsidyClass: cls,
    grade: grade ?? null,
    gradeSource: whatIfGrade ? 'whatIf' : inputs.publishedGrade ? 'published' : null,
    capFen: cap?.capFen ?? null,
    capReason: cap?.reason
      ? { rule: cap.reason.rule, reason: cap.reason.reason, article: cap.reason.article, document: cap.reason.document, params: violationParams(cap.reason) }
      : null,
    capsByGrade: caps ? { ...caps } : null,
    incomeFen,
    incomeSource: inputs.incomeFen === null ? 'usage' : 'entered',
    costsFen: inputs.costsFen,
    netFen: incomeFen - inputs.costsFen,
    staffAwardMinFen: staff,
    staffAwardShare: profile.staffAwardMinShare ? formatRatio(profile.staffAwardMinShare) : null,
    staffAwardArticle: profile.staffAwardMinShare ? articleFor(profile, 'subsidy.staffAward') : null,
  };
}
