// The national self-assessment (实施细则 2026) over the labs' consolidated data at the office: the
// nine second-level indicators with the figures the data supports, the office's text, evidence and
// scores for each, the weighted score under the configured weights and the grade.
import path from 'node:path';
import { MAJOR_CATEGORIES } from '../../../shared/catalog/categories';
import { NATIONAL_EVALUATION_2026 as NATIONAL } from '../../../shared/evaluation/national-2026';
import { gradeOf, rankWithTieBreak, scoreAgainst, weightedScore } from '../../../shared/evaluation/scoring';
import type { ComparisonResult, DragRow, EvaluationResult, EvaluationScope, IndicatorFigure, IndicatorResult } from '../../../shared/ipc/evaluation';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { acceptUpload } from '../redemption/attachments';
import { readSealedFile, removeSealedFile, storeSealedFile, type SealedFileRef } from '../sealed-store';
import type { SubsidyResult } from '../../../shared/ipc/assessment';
import type { SubsidyGrade } from '../../../shared/policy';
import { subsidyFrom } from '../assessment/subsidy';
import { getEvaluationSettings } from './evaluation-settings';
import { DESK_IN_SCOPE, officeFiguresForYears, scopeParams, type OfficeScope, type YearFigures } from './office-figures';

const DRAG_LIMIT = 50;

export function assertPeriod(scope: EvaluationScope): void {
  const span = scope.toYear - scope.fromYear + 1;
  if (span < 1 || span > NATIONAL.cycleYears) {
    refuse('VALIDATION', 'evaluation.period', { field: 'toYear', params: { fromYear: scope.fromYear, toYear: scope.toYear } });
  }
}

const officeScope = (scope: EvaluationScope, minValueFen = 0): OfficeScope => ({ deskIds: scope.deskIds?.length ? scope.deskIds : null, minValueFen });

function years(scope: EvaluationScope): number[] {
  return Array.from({ length: scope.toYear - scope.fromYear + 1 }, (_, i) => scope.fromYear + i);
}

function labsOf(ctx: ServiceContext, scope: EvaluationScope) {
  return ctx.db.prepare(`SELECT desk_id AS deskId, lab_name AS labName FROM office_labs WHERE ${DESK_IN_SCOPE('desk_id')} ORDER BY lab_name`)
    .all(scopeParams(officeScope(scope))) as { deskId: string; labName: string }[];
}

interface Sums { instrumentYears: number; sec: number; ext: number; rated: number; open: number }
const sumYears = (ys: YearFigures[]): Sums => ys.reduce((a, y) => ({
  instrumentYears: a.instrumentYears + y.instrumentCount, sec: a.sec + y.effectiveSeconds, ext: a.ext + y.externalSeconds,
  rated: a.rated + y.ratedHoursTotal, open: a.open + y.openInstruments,
}), { instrumentYears: 0, sec: 0, ext: 0, rated: 0, open: 0 });

const round2 = (x: number) => Math.round(x * 100) / 100;
/** Hours over the period's years; null when any year does not know them. */
const hoursOrNull = (secs: (number | null)[]) => (secs.some((x) => x === null) ? null : round2(secs.reduce<number>((a, x) => a + (x ?? 0), 0) / 3600));
const per = (sec: number, n: number) => (n > 0 ? round2(sec / 3600 / n) : null);

function entries(ctx: ServiceContext, scope: EvaluationScope) {
  const rows = ctx.db.prepare('SELECT indicator, text, score FROM evaluation_entries WHERE from_year = ? AND to_year = ?').all(scope.fromYear, scope.toYear) as
    { indicator: string; text: string; score: number | null }[];
  const evidence = ctx.db.prepare(`SELECT id, indicator, original_name AS originalName, sha256, size_bytes AS sizeBytes FROM evaluation_evidence
    WHERE from_year = ? AND to_year = ? ORDER BY id`).all(scope.fromYear, scope.toYear) as { id: number; indicator: string; originalName: string; sha256: string; sizeBytes: number }[];
  return { byId: new Map(rows.map((r) => [r.indicator, r])), evidence };
}

/**
 * The suggested scores of the 共享服务 indicators the data supports: 共享机时 (yearly shared hours per
 * instrument against the national average) and 对外服务成效及用户评价 (the users' mean satisfaction
 * of 5). 服务科技基础条件自主保障 has no figures (text and an entered score only).
 */
function sharingSuggestions(avgShared: number | null, satAvg: number | null): { sharedHours: number | null; externalService: number | null } {
  return {
    sharedHours: scoreAgainst(avgShared, NATIONAL.nationalAverages.externalHours, NATIONAL.suggestedFullScoreAtAverage),
    externalService: satAvg === null ? null : round2((satAvg / 5) * 100),
  };
}

export function computeEvaluation(ctx: ServiceContext, scope: EvaluationScope): EvaluationResult {
  assertPeriod(scope);
  const min = NATIONAL.minUnitValueFen;
  const avg = NATIONAL.nationalAverages;
  // External users are counted once over the whole period below, not per year.
  const { national, all } = officeFiguresForYears(ctx, years(scope), officeScope(scope), min, { users: false });
  const n = sumYears(national);
  const usersInPeriod = ctx.db.prepare(`SELECT COUNT(DISTINCT user_unit) FROM office_external_users WHERE year BETWEEN @from AND @to AND ${DESK_IN_SCOPE('desk_id')}`)
    .pluck().get({ from: scope.fromYear, to: scope.toYear, ...scopeParams(officeScope(scope)) }) as number;
  const total = <K extends keyof YearFigures>(k: K) => all.reduce((a, y) => a + (y[k] as number), 0);
  const satN = total('satisfactionRecords');
  const satAvg = satN > 0 ? round2(total('satisfactionSum') / satN) : null;
  const avgRun = per(n.sec, n.instrumentYears);
  const avgShared = per(n.ext, n.instrumentYears);
  const openRate = n.instrumentYears > 0 ? n.open / n.instrumentYears : null;
  const utilisation = n.rated > 0 ? n.sec / 3600 / n.rated : null;
  const shareRate = n.sec > 0 ? n.ext / n.sec : null;

  const figures: Record<string, IndicatorFigure[]> = {
    openRate: [{ key: 'openRate', value: openRate, unit: 'ratio' }, { key: 'instrumentYears', value: n.instrumentYears, unit: 'count' }],
    runHours: [{ key: 'avgEffectiveHours', value: avgRun, unit: 'h', benchmark: avg.effectiveHours }, { key: 'utilisation', value: utilisation, unit: 'ratio' }],
    useOutcomes: [{ key: 'utilisation', value: utilisation, unit: 'ratio' }, { key: 'usageRecords', value: total('usageRecords'), unit: 'count' },
      { key: 'effectiveHours', value: round2(n.sec / 3600), unit: 'h' }],
    sharedHours: [{ key: 'avgExternalHours', value: avgShared, unit: 'h', benchmark: avg.externalHours }, { key: 'shareRate', value: shareRate, unit: 'ratio' }],
    externalService: [
      { key: 'externalUsers', value: usersInPeriod, unit: 'count' }, { key: 'contracts', value: total('contracts'), unit: 'count' },
      { key: 'voucherContracts', value: total('voucherContracts'), unit: 'count' }, { key: 'contractAmountFen', value: total('contractAmountFen'), unit: 'fen' },
      { key: 'voucherAmountFen', value: total('voucherAmountFen'), unit: 'fen' }, { key: 'serviceIncomeFen', value: total('serviceIncomeFen'), unit: 'fen' },
      { key: 'avgSatisfaction', value: satAvg, unit: 'score5' }, { key: 'satisfactionRecords', value: satN, unit: 'count' },
      { key: 'contractHours', value: hoursOrNull(national.map((y) => y.contractSeconds)), unit: 'h' },
      { key: 'orderHours', value: hoursOrNull(national.map((y) => y.orderSeconds)), unit: 'h' },
    ],
  };
  const suggested: Record<string, number | null> = {
    openRate: openRate === null ? null : round2(openRate * 100),
    runHours: scoreAgainst(avgRun, avg.effectiveHours, NATIONAL.suggestedFullScoreAtAverage),
    useOutcomes: utilisation === null ? null : Math.min(100, round2(utilisation * 100)),
    ...sharingSuggestions(avgShared, satAvg),
  };
  const settings = getEvaluationSettings(ctx);
  const { byId, evidence } = entries(ctx, scope);
  const indicators: IndicatorResult[] = NATIONAL.indicators.map((ind) => {
    const e = byId.get(ind.id);
    const sug = suggested[ind.id] ?? null;
    const entered = e?.score ?? null;
    return {
      id: ind.id, first: ind.first, zh: ind.zh, en: ind.en, kind: ind.kind, figures: figures[ind.id] ?? [],
      suggestedScore: sug, enteredScore: entered, score: entered ?? sug, scoreSource: entered !== null ? 'entered' : sug !== null ? 'suggested' : null,
      weight: settings.weights[ind.id] ?? 0, text: e?.text ?? '',
      evidence: evidence.filter((x) => x.indicator === ind.id).map(({ indicator: _i, ...rest }) => rest),
    };
  });
  const score = weightedScore(indicators.map((i) => ({ id: i.id, first: i.first, weight: i.weight, score: i.score })));
  return {
    scope, labs: labsOf(ctx, scope),
    profile: { id: NATIONAL.id, title: NATIONAL.title, publishedOn: NATIONAL.publishedOn, effectiveFrom: NATIONAL.effectiveFrom },
    nationalAverages: avg, minUnitValueFen: min,
    years: national.map((y) => ({ year: y.year, instruments: y.instrumentCount, effectiveHours: y.effectiveHours, externalHours: y.externalHours, utilisation: y.utilisation, shareRate: y.shareRate })),
    indicators, score, grade: gradeOf(score.total, settings.gradeFloors), weightsConfigured: settings.configured, gradeFloors: settings.gradeFloors,
  };
}

/**
 * The Beijing performance subsidy (第十一条) of the unit for a year over the labs' consolidated data:
 * the open-instrument value and service income of every registered lab (or the chosen ones), with
 * the class boundary, published grade, income and costs entered at the office (its year inputs).
 */
export function officeSubsidy(ctx: ServiceContext, input: { year: number; deskIds?: string[]; whatIfGrade?: SubsidyGrade }): SubsidyResult {
  const f = officeFiguresForYears(ctx, [input.year], { deskIds: input.deskIds?.length ? input.deskIds : null }, 0).all[0];
  return subsidyFrom(ctx, input.year, { openInstrumentCount: f.externalOpenInstruments, openInstrumentValueFen: f.externalOpenValueFen, serviceIncomeFen: f.serviceIncomeFen }, input.whatIfGrade);
}

const known = new Set(NATIONAL.indicators.map((i) => i.id));
function assertIndicator(indicator: string) {
  if (!known.has(indicator)) refuse('VALIDATION', 'evaluation.unknownIndicator', { field: 'indicator', params: { indicator } });
}

export function setEntry(ctx: ServiceContext, input: { fromYear: number; toYear: number; indicator: string; text: string; score: number | null }): { saved: true } {
  assertPeriod(input);
  assertIndicator(input.indicator);
  ctx.db.transaction(() => {
    ctx.db.prepare(`INSERT INTO evaluation_entries(from_year, to_year, indicator, text, score, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(from_year, to_year, indicator) DO UPDATE SET text = excluded.text, score = excluded.score, updated_at = excluded.updated_at`)
      .run(input.fromYear, input.toYear, input.indicator, input.text, input.score, ctx.now().toISOString());
    audit(ctx, 'update', 'evaluation_entry', `${input.fromYear}-${input.toYear}:${input.indicator}`, { score: input.score, textLength: input.text.length });
  })();
  return { saved: true };
}

function evidenceRef(ctx: ServiceContext, storedName: string): SealedFileRef {
  return { dir: path.join(ctx.dataDir, 'evaluation'), storedName };
}

/**
 * Evidence files go through the sealed store, like contract attachments: the file is written
 * sealed beside its place and renamed in only when its row (and audit entry) commits, so a failed
 * insert leaves no file and a crash leaves at most a `.part` the store cleans away.
 */
export function addEvidence(ctx: ServiceContext, input: { fromYear: number; toYear: number; indicator: string; fileName: string; dataBase64: string }): { id: number } {
  assertPeriod(input);
  assertIndicator(input.indicator);
  // The same checks as every upload: size, and a document or image type judged by content and name.
  const { bytes, originalName, storedName, sha256 } = acceptUpload(input);
  return storeSealedFile(ctx, evidenceRef(ctx, storedName), bytes, () => {
    const id = Number(ctx.db.prepare(`INSERT INTO evaluation_evidence(from_year, to_year, indicator, original_name, stored_name, sha256, size_bytes, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(input.fromYear, input.toYear, input.indicator, originalName, storedName, sha256, bytes.length, ctx.now().toISOString()).lastInsertRowid);
    audit(ctx, 'create', 'evaluation_evidence', id, { indicator: input.indicator, sha256 });
    return { id };
  });
}

/** The plain bytes of an evidence file, checked against its recorded hash. */
export function readEvidence(ctx: ServiceContext, id: number): { originalName: string; bytes: Buffer } {
  const row = ctx.db.prepare('SELECT original_name AS originalName, stored_name AS stored, sha256 FROM evaluation_evidence WHERE id = ?').get(id) as
    { originalName: string; stored: string; sha256: string } | undefined;
  if (!row) refuse('NOT_FOUND', 'field.invalid', { field: 'id' });
  return { originalName: row.originalName, bytes: readSealedFile(ctx, evidenceRef(ctx, row.stored), { sha256: row.sha256, name: row.originalName }) };
}

/** Deletes the row and its audit entry in one transaction, then the sealed file. */
export function deleteEvidence(ctx: ServiceContext, id: number): void {
  const row = ctx.db.prepare('SELECT stored_name AS stored FROM evaluation_evidence WHERE id = ?').get(id) as { stored: string } | undefined;
  if (!row) refuse('NOT_FOUND', 'field.invalid', { field: 'id' });
  removeSealedFile(ctx, evidenceRef(ctx, row.stored), () => {
    ctx.db.prepare('DELETE FROM evaluation_evidence WHERE id = ?').run(id);
    audit(ctx, 'delete', 'evaluation_evidence', id);
  });
}

/** Utilisation and sharing per lab and per category (national-evaluation instruments), rankings, and the instruments that pull the figures down. */
export function compareLabs(ctx: ServiceContext, scope: EvaluationScope): ComparisonResult {
  assertPeriod(scope);
  const p = { from: scope.fromYear, to: scope.toYear, ...scopeParams(officeScope(scope, NATIONAL.minUnitValueFen)) };
  // One row per counted instrument-year: in service that year (not retired before 1 January, Shanghai).
  const base = `FROM office_instrument_years y JOIN office_instruments i ON i.desk_id = y.desk_id AND i.iid = y.iid
    WHERE y.year BETWEEN @from AND @to AND ${DESK_IN_SCOPE('y.desk_id')} AND i.value_fen >= @minValue
      AND (i.retired_at IS NULL OR i.retired_at >= strftime('%Y-%m-%dT%H:%M:%fZ', y.year || '-01-01', '-8 hours'))`;
  const labRows = ctx.db.prepare(`SELECT y.desk_id AS deskId, l.lab_name AS labName, COUNT(DISTINCT y.iid) AS instruments, COUNT(*) AS iy,
      SUM(y.sec) AS sec, SUM(y.ext_sec) AS ext, SUM(y.rated_hours) AS rated, SUM(i.share_mode <> '不共享') AS open
    ${base.replace('WHERE', 'JOIN office_labs l ON l.desk_id = y.desk_id WHERE')} GROUP BY y.desk_id`).all(p) as
    { deskId: string; labName: string; instruments: number; iy: number; sec: number; ext: number; rated: number; open: number }[];
  // Users' satisfaction per lab over all its instruments of the period, as the unit's 对外服务成效及用户评价 counts it.
  const sat = new Map((ctx.db.prepare(`SELECT desk_id AS deskId, TOTAL(sat_sum) AS satSum, TOTAL(sat_n) AS satN FROM office_instrument_years
      WHERE year BETWEEN @from AND @to AND ${DESK_IN_SCOPE('desk_id')} GROUP BY desk_id`).all(p) as { deskId: string; satSum: number; satN: number }[])
    .map((r) => [r.deskId, r.satN > 0 ? round2(r.satSum / r.satN) : null]));
  // The tie-breaker's score per lab (共享服务): the weighted score of its indicators the data
  // supports, under the configured weights. An indicator with no figures (自主保障) is the unit's
  // own and the same for every lab, so it cannot order labs and is left out.
  const weights = getEvaluationSettings(ctx).weights;
  const unranked = labRows.map((r) => {
    const avgExternalHours = per(r.ext, r.iy);
    const avgSatisfaction = sat.get(r.deskId) ?? null;
    const sug = sharingSuggestions(avgExternalHours, avgSatisfaction);
    const tieScore = weightedScore(NATIONAL.indicators.filter((i) => i.first === NATIONAL.tieBreaker && i.id in sug)
      .map((i) => ({ id: i.id, first: i.first, weight: weights[i.id] ?? 0, score: sug[i.id as keyof typeof sug] }))).byFirst[NATIONAL.tieBreaker] ?? null;
    return {
      deskId: r.deskId, labName: r.labName, instruments: r.instruments, instrumentYears: r.iy, avgEffectiveHours: per(r.sec, r.iy), avgExternalHours,
      utilisation: r.rated > 0 ? r.sec / 3600 / r.rated : null, shareRate: r.sec > 0 ? r.ext / r.sec : null, openRate: r.iy > 0 ? r.open / r.iy : null,
      avgSatisfaction, sharedHoursScore: sug.sharedHours, externalServiceScore: sug.externalService, sharingScore: tieScore, rank: 0,
    };
  });
  // Ranked by utilisation; equal utilisation is decided by the 共享服务 score, as the national rules
  // rank ties by the profile's tie-breaker; a lab without that score loses the tie.
  const labs = rankWithTieBreak(unranked, (l) => l.utilisation, (l) => l.sharingScore, (l) => l.labName)
    .map(({ item, rank }) => ({ ...item, rank }));
  const catRows = ctx.db.prepare(`SELECT substr(i.category_code, 1, 2) AS code, COUNT(DISTINCT y.desk_id || ':' || y.iid) AS instruments, COUNT(*) AS iy,
      SUM(y.sec) AS sec, SUM(y.ext_sec) AS ext, SUM(y.rated_hours) AS rated ${base} GROUP BY code ORDER BY code`).all(p) as
    { code: string; instruments: number; iy: number; sec: number; ext: number; rated: number }[];
  const categories = catRows.map((r) => ({
    code: r.code, name: MAJOR_CATEGORIES.find((c) => c.code === r.code)?.name ?? r.code, instruments: r.instruments,
    avgEffectiveHours: per(r.sec, r.iy), avgExternalHours: per(r.ext, r.iy), utilisation: r.rated > 0 ? r.sec / 3600 / r.rated : null, shareRate: r.sec > 0 ? r.ext / r.sec : null,
  })).sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1));
  const avgH = NATIONAL.nationalAverages.effectiveHours;
  const drag = (ctx.db.prepare(`SELECT y.desk_id AS deskId, l.lab_name AS labName, i.inner_id AS innerId, i.name_cn AS nameCn, i.category_code AS categoryCode,
      SUM(y.sec) / 3600.0 / COUNT(*) AS avgH, SUM(y.ext_sec) / 3600.0 / COUNT(*) AS avgX, SUM(y.rated_hours) AS rated, SUM(y.sec) AS sec
    ${base.replace('WHERE', 'JOIN office_labs l ON l.desk_id = y.desk_id WHERE')} GROUP BY y.desk_id, y.iid
    HAVING avgH < @avgH ORDER BY avgH, i.inner_id LIMIT @limit`).all({ ...p, avgH, limit: DRAG_LIMIT }) as
    { deskId: string; labName: string; innerId: string; nameCn: string; categoryCode: string; avgH: number; avgX: number; rated: number; sec: number }[])
    .map((r): DragRow => ({
      deskId: r.deskId, labName: r.labName, innerId: r.innerId, nameCn: r.nameCn, categoryCode: r.categoryCode, avgEffectiveHours: round2(r.avgH),
      avgExternalHours: round2(r.avgX), utilisation: r.rated > 0 ? r.sec / 3600 / r.rated : null, shortfallHours: round2(avgH - r.avgH),
    }));
  const t = labRows.reduce((a, r) => ({ iy: a.iy + r.iy, sec: a.sec + r.sec, ext: a.ext + r.ext, rated: a.rated + r.rated }), { iy: 0, sec: 0, ext: 0, rated: 0 });
  return {
    scope, labs, categories, drag,
    unit: { avgEffectiveHours: per(t.sec, t.iy), avgExternalHours: per(t.ext, t.iy), utilisation: t.rated > 0 ? t.sec / 3600 / t.rated : null, shareRate: t.sec > 0 ? t.ext / t.sec : null },
  };
}
