// Yearly figures over the labs' consolidated data at the office, defined exactly as a lab desk's
// own assessment defines them (compute.ts), so a lab's package gives the office the lab's figures:
// instruments counted = not retired before 1 January; effective hours = usage clipped to the year
// (any instrument); 利用率 = effective / the counted instruments' own 额定机时; contracts signed in
// the year, neither draft nor void. `minValueFen` restricts instrument figures to the national
// evaluation's instruments (unit value ≥ 50万元) when asked.
import type { ServiceContext } from '../context';
import { hoursOf } from '../assessment/compute';

export interface OfficeScope {
  /** null = every registered lab. */
  deskIds: string[] | null;
  minValueFen?: number;
}

export interface YearFigures {
  year: number;
  instrumentCount: number;
  totalValueFen: number;
  ratedHoursTotal: number;
  usageRecords: number;
  effectiveSeconds: number;
  externalSeconds: number;
  effectiveHours: number;
  externalHours: number;
  utilisation: number | null;
  shareRate: number | null;
  externalUsers: number;
  contracts: number;
  voucherContracts: number;
  contractAmountFen: number;
  voucherAmountFen: number;
  serviceIncomeFen: number;
  avgSatisfaction: number | null;
  satisfactionRecords: number;
  satisfactionSum: number;
  openRate: number | null;
  openInstruments: number;
}

const retiredAfter = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();

export function scopeParams(scope: OfficeScope) {
  return { desks: scope.deskIds ? JSON.stringify(scope.deskIds) : null, minValue: scope.minValueFen ?? 0 };
}
export const DESK_IN_SCOPE = (col: string) => `(@desks IS NULL OR ${col} IN (SELECT value FROM json_each(@desks)))`;

export function officeYearFigures(ctx: ServiceContext, year: number, scope: OfficeScope): YearFigures {
  const db = ctx.db;
  const p = { year, ra: retiredAfter(year), ...scopeParams(scope), first: `${year}-01-01`, last: `${year}-12-31` };
  // Instruments counted and their rated hours; usage sums over every instrument in scope (as the lab does).
  const inst = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(i.value_fen), 0) AS value, COALESCE(SUM(y.rated_hours), 0) AS rated,
      COALESCE(SUM(i.share_mode <> '不共享'), 0) AS open
    FROM office_instruments i LEFT JOIN office_instrument_years y ON y.desk_id = i.desk_id AND y.iid = i.iid AND y.year = @year
    WHERE ${DESK_IN_SCOPE('i.desk_id')} AND i.value_fen >= @minValue AND (i.retired_at IS NULL OR i.retired_at >= @ra)`).get(p) as
    { n: number; value: number; rated: number; open: number };
  const use = db.prepare(`SELECT COALESCE(SUM(y.sec), 0) AS sec, COALESCE(SUM(y.ext_sec), 0) AS ext, COALESCE(SUM(y.records), 0) AS records,
      COALESCE(SUM(y.income_fen), 0) AS income, COALESCE(SUM(y.sat_sum), 0) AS satSum, COALESCE(SUM(y.sat_n), 0) AS satN
    FROM office_instrument_years y ${p.minValue > 0 ? 'JOIN office_instruments i ON i.desk_id = y.desk_id AND i.iid = y.iid AND i.value_fen >= @minValue' : ''}
    WHERE y.year = @year AND ${DESK_IN_SCOPE('y.desk_id')}`).get(p) as { sec: number; ext: number; records: number; income: number; satSum: number; satN: number };
  const users = db.prepare(`SELECT COUNT(DISTINCT user_unit) FROM office_external_users WHERE year = @year AND ${DESK_IN_SCOPE('desk_id')}`).pluck().get(p) as number;
  const con = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(amount_fen), 0) AS amount, COALESCE(SUM(voucher_fen), 0) AS voucher, COALESCE(SUM(voucher_fen > 0), 0) AS withVoucher
    FROM office_contracts WHERE signed_date BETWEEN @first AND @last AND status NOT IN ('draft', 'void') AND ${DESK_IN_SCOPE('desk_id')}`).get(p) as
    { n: number; amount: number; voucher: number; withVoucher: number };
  return {
    year,
    instrumentCount: inst.n,
    totalValueFen: inst.value,
    ratedHoursTotal: inst.rated,
    usageRecords: use.records,
    effectiveSeconds: use.sec,
    externalSeconds: use.ext,
    effectiveHours: hoursOf(use.sec),
    externalHours: hoursOf(use.ext),
    utilisation: inst.rated > 0 ? use.sec / 3600 / inst.rated : null,
    shareRate: use.sec > 0 ? use.ext / use.sec : null,
    externalUsers: users,
    contracts: con.n,
    voucherContracts: con.withVoucher,
    contractAmountFen: con.amount,
    voucherAmountFen: con.voucher,
    serviceIncomeFen: use.income,
    avgSatisfaction: use.satN > 0 ? Math.round((use.satSum / use.satN) * 100) / 100 : null,
    satisfactionRecords: use.satN,
    satisfactionSum: use.satSum,
    openRate: inst.n > 0 ? inst.open / inst.n : null,
    openInstruments: inst.open,
  };
}
