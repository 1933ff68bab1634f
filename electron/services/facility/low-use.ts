// Instruments whose effective hours in a year stay under a chosen threshold (default from the
// national evaluation profile), fewest hours first, paged in SQL.
import { NATIONAL_EVALUATION_2026 as NATIONAL } from '../../../shared/evaluation/national-2026';
import type { AssessmentScope } from '../../../shared/ipc/assessment';
import type { LowUseRow } from '../../../shared/ipc/facility';
import { hoursOf } from '../assessment/compute';
import { CLIPPED_SECONDS, IN_SERVICE, scopeSql, USAGE_IN_YEAR, windowParams, yearWindow } from '../assessment/window';
import type { ServiceContext } from '../context';
import { ratedResolver } from './rated-hours';

export function listLowUse(ctx: ServiceContext, input: { year: number; scope: AssessmentScope; thresholdHours?: number; offset: number; limit: number }):
  { total: number; thresholdHours: number; rows: LowUseRow[] } {
  const thresholdHours = input.thresholdHours ?? NATIONAL.lowUseThresholdHoursDefault;
  const w = yearWindow(input.year);
  const s = scopeSql(ctx, input.scope);
  const params = { ...windowParams(w), ...s.params, limitSec: thresholdHours * 3600 };
  const base = `WITH agg AS (SELECT u.instrument_id AS id, SUM(${CLIPPED_SECONDS}) AS sec, SUM(u.external * ${CLIPPED_SECONDS}) AS ext
      FROM ${s.usageFrom} WHERE ${USAGE_IN_YEAR} AND ${s.usage} GROUP BY u.instrument_id)
    SELECT i.id, i.inner_id AS innerId, i.name_cn AS nameCn, l.name AS labName, i.category_code AS categoryCode, i.usage_kind AS usageKind,
      COALESCE(a.sec, 0) AS sec, COALESCE(a.ext, 0) AS ext
    FROM instruments i LEFT JOIN agg a ON a.id = i.id LEFT JOIN labs l ON l.id = i.lab_id
    WHERE ${IN_SERVICE} AND ${s.instruments} AND COALESCE(a.sec, 0) < @limitSec`;
  const total = ctx.db.prepare(`SELECT COUNT(*) FROM (${base})`).pluck().get(params) as number;
  const rows = ctx.db.prepare(`${base} ORDER BY sec, i.inner_id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: input.limit, offset: input.offset }) as
    { id: number; innerId: string; nameCn: string; labName: string | null; categoryCode: string; usageKind: string; sec: number; ext: number }[];
  const resolver = ratedResolver(ctx, input.year);
  return {
    total,
    thresholdHours,
    rows: rows.map((r) => {
      const rated = resolver.of(r.id, r.usageKind).hours;
      return { id: r.id, innerId: r.innerId, nameCn: r.nameCn, labName: r.labName, categoryCode: r.categoryCode,
        effectiveHours: hoursOf(r.sec), externalHours: hoursOf(r.ext), ratedHours: rated, utilisation: rated > 0 ? r.sec / 3600 / rated : null };
    }),
  };
}
