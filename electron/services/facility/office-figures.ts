// Yearly figures over the labs' consolidated data at the office, defined exactly as a lab desk's
// own assessment defines them (compute.ts), so a lab's package gives the office the lab's figures:
// instruments counted = not retired before 1 January; effective hours = usage clipped to the year
// (any instrument); 利用率 = effective / the counted instruments' own 额定机时; contracts signed in
// the year, neither draft nor void, and Shanghai orders dated in it, accepted (not placed,
// cancelled or refused); usage under a contract and under an order, by each usage record's link. `minValueFen` restricts instrument figures to the national
// evaluation's instruments (unit value ≥ 50万元) when asked.
import type { ServiceContext } from '../context';
import { hoursOf } from '../assessment/compute';
import { ORDER_STATES_WITHOUT_SERVICE } from '../../../shared/rules/orders';

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
  /** Counted instruments in 外部共享 (open to outside users) and their value: the Beijing subsidy's open-instrument value. */
  externalOpenInstruments: number;
  externalOpenValueFen: number;
  /** Hours of usage under a contract, and under a Shanghai order; null when a package in scope did not carry the link. */
  contractHours: number | null;
  orderHours: number | null;
  contractSeconds: number | null;
  orderSeconds: number | null;
}

const retiredAfter = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();

export function scopeParams(scope: OfficeScope) {
  return { desks: scope.deskIds ? JSON.stringify(scope.deskIds) : null, minValue: scope.minValueFen ?? 0 };
}
export const DESK_IN_SCOPE = (col: string) => `(@desks IS NULL OR ${col} IN (SELECT value FROM json_each(@desks)))`;

/** Figures of one year (every instrument, or those of at least `scope.minValueFen`). */
export function officeYearFigures(ctx: ServiceContext, year: number, scope: OfficeScope): YearFigures {
  const r = officeFiguresForYears(ctx, [year], { deskIds: scope.deskIds }, scope.minValueFen ?? 0);
  return (scope.minValueFen ?? 0) > 0 ? r.national[0] : r.all[0];
}

interface YearRow {
  year: number; n: number; value: number; rated: number; open: number; sec: number; ext: number; records: number; income: number; satSum: number; satN: number;
  nN: number; nValue: number; nRated: number; nOpen: number; nSec: number; nExt: number; nRecords: number; nIncome: number; nSatSum: number; nSatN: number;
  xOpen: number; xValue: number; nXOpen: number; nXValue: number;
  con: number; ord: number; conUnknown: number; ordUnknown: number; nCon: number; nOrd: number; nConUnknown: number; nOrdUnknown: number;
}

/**
 * The figures of several years in one pass over the instrument-years: for every instrument in
 * scope (`all`) and for those of at least `minValueFen` (`national`), side by side. Without
 * `users` the yearly external users are not counted (0): a caller counting them over its own period.
 */
export function officeFiguresForYears(ctx: ServiceContext, years: number[], scope: OfficeScope, minValueFen: number,
  options: { users: boolean } = { users: true }): { all: YearFigures[]; national: YearFigures[] } {
  const db = ctx.db;
  const sp = scopeParams({ deskIds: scope.deskIds });
  // counted: in service on 1 January (Shanghai); nat: of the national evaluation's value.
  // Every instrument a lab's package sent has a row for each year of its period (its 额定机时), so
  // the pass runs over the instrument-years of the period, with the year's retirement cut-off.
  const cut = years.map((y, k) => `WHEN ${Number(y)} THEN @ra${k}`).join(' ');
  const ras = Object.fromEntries(years.map((y, k) => [`ra${k}`, retiredAfter(y)]));
  // MATERIALIZED: each row's flags (counted, nat, open …) are worked out once; a flattened CTE
  // would repeat each flag's expression in every sum that reads it (about a third of the time).
  const rows = db.prepare(`WITH x AS MATERIALIZED (SELECT y.year, (i.retired_at IS NULL OR i.retired_at >= CASE y.year ${cut} END) AS counted, (i.value_fen >= @min) AS nat,
        i.value_fen AS value, (i.share_mode <> '不共享') AS open, (i.share_mode = '外部共享') AS xopen, y.rated_hours AS rated, y.sec, y.ext_sec AS ext, y.records, y.income_fen AS income,
        y.sat_sum AS satSum, y.sat_n AS satN, y.contract_sec AS con, y.order_sec AS ord
      FROM office_instrument_years y JOIN office_instruments i ON i.desk_id = y.desk_id AND i.iid = y.iid
      WHERE y.year BETWEEN @from AND @to AND y.year IN (SELECT value FROM json_each(@years)) AND ${DESK_IN_SCOPE('y.desk_id')})
    SELECT year, SUM(counted) AS n, TOTAL(counted * value) AS value, TOTAL(counted * rated) AS rated, SUM(counted * open) AS open,
      TOTAL(sec) AS sec, TOTAL(ext) AS ext, TOTAL(records) AS records, TOTAL(income) AS income, TOTAL(satSum) AS satSum, TOTAL(satN) AS satN,
      SUM(counted * nat) AS nN, TOTAL(counted * nat * value) AS nValue, TOTAL(counted * nat * rated) AS nRated, SUM(counted * nat * open) AS nOpen,
      TOTAL(nat * sec) AS nSec, TOTAL(nat * ext) AS nExt, TOTAL(nat * records) AS nRecords, TOTAL(nat * income) AS nIncome, TOTAL(nat * satSum) AS nSatSum, TOTAL(nat * satN) AS nSatN,
      SUM(counted * xopen) AS xOpen, TOTAL(counted * xopen * value) AS xValue, SUM(counted * nat * xopen) AS nXOpen, TOTAL(counted * nat * xopen * value) AS nXValue,
      TOTAL(con) AS con, TOTAL(ord) AS ord, SUM(con IS NULL) AS conUnknown, SUM(ord IS NULL) AS ordUnknown,
      TOTAL(nat * con) AS nCon, TOTAL(nat * ord) AS nOrd, SUM(nat AND con IS NULL) AS nConUnknown, SUM(nat AND ord IS NULL) AS nOrdUnknown
    FROM x GROUP BY year`).all({ years: JSON.stringify(years), from: Math.min(...years), to: Math.max(...years), min: minValueFen, ...ras, ...sp }) as YearRow[];
  const byYear = new Map(rows.map((r) => [r.year, r]));
  const users = !options.users ? new Map<number, number>() : new Map((db.prepare(`SELECT year, COUNT(DISTINCT user_unit) AS n FROM office_external_users
      WHERE year IN (SELECT value FROM json_each(@years)) AND ${DESK_IN_SCOPE('desk_id')} GROUP BY year`)
    .all({ years: JSON.stringify(years), ...sp }) as { year: number; n: number }[]).map((r) => [r.year, r.n]));
  // Contracts signed in the year and Shanghai orders dated in it once accepted, as the lab's assessment counts them.
  const cons = new Map((db.prepare(`SELECT CAST(substr(d, 1, 4) AS INTEGER) AS year, COUNT(*) AS n, COALESCE(SUM(amount_fen), 0) AS amount,
      COALESCE(SUM(voucher_fen), 0) AS voucher, COALESCE(SUM(voucher_fen > 0), 0) AS withVoucher
    FROM (SELECT signed_date AS d, amount_fen, voucher_fen FROM office_contracts
        WHERE signed_date BETWEEN @first AND @last AND status NOT IN ('draft', 'void') AND ${DESK_IN_SCOPE('desk_id')}
      UNION ALL SELECT order_date, total_fen, voucher_fen FROM office_orders
        WHERE order_date BETWEEN @first AND @last AND status NOT IN (${ORDER_STATES_WITHOUT_SERVICE.map((x) => `'${x}'`).join(', ')}) AND ${DESK_IN_SCOPE('desk_id')})
    GROUP BY year`)
    .all({ first: `${Math.min(...years)}-01-01`, last: `${Math.max(...years)}-12-31`, ...sp }) as { year: number; n: number; amount: number; voucher: number; withVoucher: number }[])
    .map((r) => [r.year, r]));
  // Charges of each lab tied to no usage record (service items, consumables, adjustments): service
  // income of the year, belonging to no instrument (so not to the national evaluation's instruments).
  const other = new Map((db.prepare(`SELECT year, TOTAL(other_income_fen) AS fen FROM office_lab_years
      WHERE year IN (SELECT value FROM json_each(@years)) AND ${DESK_IN_SCOPE('desk_id')} GROUP BY year`)
    .all({ years: JSON.stringify(years), ...sp }) as { year: number; fen: number }[]).map((r) => [r.year, r.fen]));
  const figures = (year: number, national: boolean): YearFigures => {
    const r = byYear.get(year);
    const g = (all: keyof YearRow, nat: keyof YearRow) => Number((r?.[national ? nat : all]) ?? 0);
    const n = g('n', 'nN');
    const rated = g('rated', 'nRated');
    const sec = g('sec', 'nSec');
    const ext = g('ext', 'nExt');
    const open = g('open', 'nOpen');
    const satN = g('satN', 'nSatN');
    const satSum = g('satSum', 'nSatSum');
    const con = cons.get(year);
    // Usage under agreements: unknown (null) when any instrument-year in scope came without the link.
    const conSec = g('conUnknown', 'nConUnknown') > 0 ? null : g('con', 'nCon');
    const ordSec = g('ordUnknown', 'nOrdUnknown') > 0 ? null : g('ord', 'nOrd');
    return {
      year,
      instrumentCount: n,
      totalValueFen: g('value', 'nValue'),
      ratedHoursTotal: rated,
      usageRecords: g('records', 'nRecords'),
      effectiveSeconds: sec,
      externalSeconds: ext,
      effectiveHours: hoursOf(sec),
      externalHours: hoursOf(ext),
      utilisation: rated > 0 ? sec / 3600 / rated : null,
      shareRate: sec > 0 ? ext / sec : null,
      externalUsers: users.get(year) ?? 0,
      contracts: con?.n ?? 0,
      voucherContracts: con?.withVoucher ?? 0,
      contractAmountFen: con?.amount ?? 0,
      voucherAmountFen: con?.voucher ?? 0,
      serviceIncomeFen: g('income', 'nIncome') + (national ? 0 : other.get(year) ?? 0),
      avgSatisfaction: satN > 0 ? Math.round((satSum / satN) * 100) / 100 : null,
      satisfactionRecords: satN,
      satisfactionSum: satSum,
      openRate: n > 0 ? open / n : null,
      openInstruments: open,
      externalOpenInstruments: g('xOpen', 'nXOpen'),
      externalOpenValueFen: g('xValue', 'nXValue'),
      contractSeconds: conSec,
      orderSeconds: ordSec,
      contractHours: conSec === null ? null : hoursOf(conSec),
      orderHours: ordSec === null ? null : hoursOf(ordSec),
    };
  };
  return { all: years.map((y) => figures(y, false)), national: years.map((y) => figures(y, true)) };
}
