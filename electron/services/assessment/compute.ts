// Annual open-sharing figures for the unit, a lab or one instrument. All aggregation over usage
// records happens in SQL (indexed range on usage_logs.start_at); JS only folds per-instrument rows.
//
// Definitions (the national formulas come from shared/rules, the numbers from the profile):
// - instruments counted: in scope and not retired before 1 January of the year;
// - effective hours: usage durations clipped to the year; external hours: those with external = 1;
// - 利用率 = effective hours per counted instrument / rated hours; 共享率 = external / effective;
// - open rate = instruments 内部共享 or 外部共享 / counted; external open rate and the subsidy's
//   open-instrument value use 外部共享 only (open to outside users);
// - income counts in the year a record starts; a record crossing a month counts in its first month;
//   服务收入 is each record's charge line (else its typed amount) plus the year's other charges;
// - payments received: receipts (payments) dated in the year, of contracts and orders linked to the scope;
// - contracts: signed in the year (so each counts in exactly one year), not draft or void, linked to
//   the scope by lab, contract instruments or usage; amount = actual amount when known, else signed.
//   A Shanghai order is the service agreement of its region and counts as a contract: dated by its
//   order date, once the institution has accepted it (not placed, cancelled or refused), amount =
//   the order total, voucher amount = the amount the platform set for it.
import { MAJOR_CATEGORIES } from '../../../shared/catalog/categories';
import type { AssessmentResult, AssessmentScope, CategoryFigures, InstrumentFigures } from '../../../shared/ipc/assessment';
import { isNationalEvaluationInstrument, shareRate, utilisationRate } from '../../../shared/rules';
import { ORDER_STATES_WITHOUT_SERVICE } from '../../../shared/rules/orders';
import type { ServiceContext } from '../context';
import { otherChargesFen } from '../money/service-amount';
import { ratedResolver, type RatedResolver } from '../facility/rated-hours';
import { getSettings, profileOn, profileRef } from '../settings';
import { IN_SERVICE, scopeSql, USAGE_MONTH, windowParams, yearWindow, type ScopeSql } from './window';
import { summaryUsage } from './summary';
import { yearSource, type UsageSource } from './year-pass';

const TOP_N = 10;

interface InstrumentRow {
  id: number;
  categoryCode: string;
  valueFen: number;
  shareMode: string;
  usageKind: string;
}

export interface UsageAgg {
  id: number;
  sec: number;
  extSec: number;
}

type Aggregate = { k: 'i' | 'm' | 't'; a: number; b: number; c: number; d: number | null };

/** The rows of the WITH w statement above, from the page's pass table (year-pass.ts): the same sums, per instrument, month and in all. */
function passAggregates(ctx: ServiceContext, table: string): Aggregate[] {
  const perInstrument = ctx.db.prepare(`SELECT 'i' AS k, instrument_id AS a, SUM(sec) AS b, SUM(external * sec) AS c, NULL AS d
    FROM ${table} GROUP BY instrument_id ORDER BY instrument_id`).all() as Aggregate[];
  // The months group on their own (a sort of one small key) and the totals are one plain scan:
  // twelve conditional sums per row in one statement cost more than both together.
  const monthRows = ctx.db.prepare(`SELECT 'm' AS k, month AS a, SUM(sec) AS b, SUM(external * sec) AS c, NULL AS d
    FROM ${table} GROUP BY month ORDER BY month`).all() as Aggregate[];
  const t = ctx.db.prepare(`SELECT COUNT(*) AS n, COUNT(DISTINCT CASE WHEN external = 1 AND user_unit <> '' THEN user_unit END) AS users,
      COALESCE(SUM(fen), 0) AS fen, AVG(satisfaction) AS sat FROM ${table}`).get() as { n: number; users: number; fen: number; sat: number | null };
  return [...perInstrument, ...monthRows, { k: 't', a: t.n, b: t.users, c: t.fen, d: t.sat }];
}

/**
 * The instruments the figures count, in groups of one major category and usage kind (one rated-hours
 * value each), an instrument with a rated-hours override of its own alone in its group (own = its id).
 */
export interface InstrumentGroup {
  major: string;
  usageKind: string;
  own: number | null;
  n: number;
  valueFen: number;
  sec: number;
  extSec: number;
  nationalN: number;
  nationalFen: number;
  shared: number;
  externalShared: number;
  openFen: number;
}

/** What the figures fold: the year's usage of the scope, from its records (recordsUsage) or its kept summary (summary.ts). */
export interface YearUsage {
  groups: InstrumentGroup[];
  months: { month: number; sec: number; extSec: number }[];
  records: number;
  externalUsers: number;
  /** The records' service amounts counted in the year. */
  fen: number;
  satisfaction: number | null;
  /** Seconds and external seconds of every record in the year, whatever its instrument's state. */
  sec: number;
  extSec: number;
  /** The TOP_N instruments with the most seconds (ties by id). */
  top: UsageAgg[];
  /** Every instrument's seconds in the year, by id (the report's instrument sheet). */
  perInstrument(): UsageAgg[];
  /** The instruments counted that have no record in the year. */
  idle(): number[];
}

/**
 * The year's usage from its records: the instruments counted, read row by row, and one pass over the
 * records (materialised once, clipped seconds computed once), then the aggregates over it; reading
 * the rows is the costly part. The page's shared pass has the rows in a table already: the sums per
 * instrument stream along its index and the months and totals are one scan, without copying the
 * rows again or sorting them.
 */
function recordsUsage(ctx: ServiceContext, src: UsageSource, params: Record<string, unknown>, s: ScopeSql, resolver: RatedResolver,
  national: (fen: number) => boolean): YearUsage {
  const db = ctx.db;
  const instruments = db.prepare(`SELECT i.id, i.category_code AS categoryCode, i.original_value_fen AS valueFen, i.share_mode AS shareMode, i.usage_kind AS usageKind
    FROM instruments i WHERE ${IN_SERVICE} AND ${s.instruments} ORDER BY i.id`).all(params) as InstrumentRow[];
  const aggregates = src.pass ? passAggregates(ctx, src.pass) : db.prepare(`WITH w AS MATERIALIZED (
        SELECT u.instrument_id AS id, u.external AS ext, ${src.sec} AS sec, u.user_unit AS userUnit, u.satisfaction AS sat,
          ${src.fen} AS fen, ${USAGE_MONTH} AS month
        FROM ${src.from} WHERE ${src.where})
      SELECT 'i' AS k, id AS a, SUM(sec) AS b, SUM(ext * sec) AS c, NULL AS d FROM w GROUP BY id
      UNION ALL SELECT 'm', month, SUM(sec), SUM(ext * sec), NULL FROM w GROUP BY month
      UNION ALL SELECT 't', COUNT(*), COUNT(DISTINCT CASE WHEN ext = 1 AND userUnit <> '' THEN userUnit END), COALESCE(SUM(fen), 0), AVG(sat) FROM w`)
    .all(params) as Aggregate[];
  const perInstrument: UsageAgg[] = aggregates.filter((r) => r.k === 'i').map((r) => ({ id: r.a, sec: r.b, extSec: r.c }));
  const t = aggregates.find((r) => r.k === 't')!;
  const usageById = new Map(perInstrument.map((r) => [r.id, r]));
  return {
    groups: groupInstruments(instruments, usageById, resolver, national),
    months: aggregates.filter((r) => r.k === 'm').map((r) => ({ month: r.a, sec: r.b, extSec: r.c })),
    records: t.a,
    externalUsers: t.b,
    fen: t.c,
    satisfaction: t.d,
    sec: perInstrument.reduce((a, r) => a + r.sec, 0),
    extSec: perInstrument.reduce((a, r) => a + r.extSec, 0),
    top: topBySeconds(perInstrument, TOP_N),
    perInstrument: () => perInstrument,
    idle: () => instruments.filter((i) => !usageById.has(i.id)).map((i) => i.id),
  };
}

/** The instruments' rows in the groups the figures fold (summary.ts groups the kept summary's the same way in SQL). */
function groupInstruments(rows: InstrumentRow[], usage: Map<number, UsageAgg>, resolver: RatedResolver, national: (fen: number) => boolean): InstrumentGroup[] {
  const groups = new Map<string, InstrumentGroup>();
  for (const r of rows) {
    const major = r.categoryCode.slice(0, 2);
    const own = resolver.overridden(r.id) ? r.id : null;
    const key = `${major}\u0000${r.usageKind}\u0000${own ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { major, usageKind: r.usageKind, own, n: 0, valueFen: 0, sec: 0, extSec: 0, nationalN: 0, nationalFen: 0, shared: 0, externalShared: 0, openFen: 0 };
      groups.set(key, g);
    }
    const u = usage.get(r.id);
    g.n++;
    g.valueFen += r.valueFen;
    g.sec += u?.sec ?? 0;
    g.extSec += u?.extSec ?? 0;
    if (national(r.valueFen)) { g.nationalN++; g.nationalFen += r.valueFen; }
    if (r.shareMode !== '不共享') g.shared++;
    if (r.shareMode === '外部共享') { g.externalShared++; g.openFen += r.valueFen; }
  }
  return [...groups.values()];
}

/** The n rows with the most seconds (ties by id), in that order: one walk, not a sort of every instrument. */
function topBySeconds(rows: UsageAgg[], n: number): UsageAgg[] {
  const before = (a: UsageAgg, b: UsageAgg) => b.sec < a.sec || (b.sec === a.sec && a.id < b.id);
  const top: UsageAgg[] = [];
  for (const r of rows) {
    if (top.length === n && !before(r, top[n - 1])) continue;
    let i = Math.min(top.length, n - 1);
    while (i > 0 && before(r, top[i - 1])) i--;
    top.splice(i, 0, r);
    if (top.length > n) top.pop();
  }
  return top;
}

export const hoursOf = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

export interface ComputeInput {
  year: number;
  scope?: AssessmentScope;
}

export function computeAssessment(ctx: ServiceContext, input: ComputeInput): AssessmentResult {
  return assessYear(ctx, input).result;
}

/**
 * The figures plus the per-instrument usage seconds they were folded from (the export lists them),
 * and the instruments counted that have no usage record in the year (the "no hours" check's rows).
 */
export function assessYear(ctx: ServiceContext, input: ComputeInput, source?: UsageSource): { result: AssessmentResult; perInstrument: () => UsageAgg[]; idle: number[] } {
  const { year } = input;
  const scope = input.scope ?? { kind: 'unit' };
  const settings = getSettings(ctx);
  const w = yearWindow(year);
  const profile = profileOn(settings.region, w.lastDay);
  // 额定机时 per instrument and year (override → unit default of the year → setting → profile).
  const resolver = ratedResolver(ctx, year);
  const rated = resolver.unit('通用');
  const s = scopeSql(ctx, scope);
  const params = { ...windowParams(w), ...s.params };
  const db = ctx.db;
  // The year's usage rows: read here, or the page's shared pass (year-pass.ts) already read them,
  // or the whole unit's sums kept for the year (summary.ts).
  const src = source ?? yearSource(ctx, year, s, scope);

  // The year's usage as the figures fold it: from the records, or from the whole unit's kept sums,
  // where the instruments are grouped in SQL (no row per instrument reaches JS).
  const usage = src.summary !== undefined
    ? summaryUsage(db, src.summary, params, s.instruments, profile.nationalEvaluationMinUnitValueFen, TOP_N)
    : recordsUsage(ctx, src, params, s, resolver, (fen) => isNationalEvaluationInstrument(fen, profile));
  // Service income: each record's charged amount (or its typed one), plus the year's other charges.
  const totals = { records: usage.records, externalUsers: usage.externalUsers, incomeFen: usage.fen + otherChargesFen(ctx, w.firstDay, w.lastDay, s.contracts, s.params, s.orders), satisfaction: usage.satisfaction };

  const contracts = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(COALESCE(c.actual_amount_fen, c.amount_fen)), 0) AS amountFen,
        COALESCE(SUM(EXISTS (SELECT 1 FROM contract_vouchers cv WHERE cv.contract_id = c.id)), 0) AS voucherContracts,
        COALESCE(SUM((SELECT SUM(cv.amount_fen) FROM contract_vouchers cv WHERE cv.contract_id = c.id)), 0) AS voucherFen
      FROM contracts c WHERE c.signed_date BETWEEN @firstDay AND @lastDay AND c.status NOT IN ('draft', 'void') AND ${s.contracts}`)
    .get(params) as { n: number; amountFen: number; voucherContracts: number; voucherFen: number };
  const orders = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(o.total_fen), 0) AS amountFen,
        COALESCE(SUM(o.voucher_fen > 0), 0) AS voucherContracts, COALESCE(SUM(o.voucher_fen), 0) AS voucherFen
      FROM orders o WHERE o.order_date BETWEEN @firstDay AND @lastDay AND o.status NOT IN (${ORDER_STATES_WITHOUT_SERVICE.map((x) => `'${x}'`).join(', ')}) AND ${s.orders}`)
    .get(params) as { n: number; amountFen: number; voucherContracts: number; voucherFen: number };
  // Payments received: receipts dated in the year, of contracts and orders linked to the scope (money/statements-store).
  const payments = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(p.amount_fen), 0) AS fen FROM payments p
      LEFT JOIN contracts c ON c.id = p.contract_id LEFT JOIN orders o ON o.id = p.order_id
      WHERE p.paid_on BETWEEN @firstDay AND @lastDay AND ((p.contract_id IS NOT NULL AND ${s.contracts}) OR (p.order_id IS NOT NULL AND ${s.orders}))`).get(params) as { n: number; fen: number };
  contracts.n += orders.n;
  contracts.amountFen += orders.amountFen;
  contracts.voucherContracts += orders.voucherContracts;
  contracts.voucherFen += orders.voucherFen;

  const totalSec = usage.sec;
  const totalExtSec = usage.extSec;
  const groups = usage.groups;
  // 利用率 of a group = its effective hours / the sum of its instruments' rated hours.
  const perRated = (sec: number, ratedSum: number) => (ratedSum > 0 ? utilisationRate(sec / 3600, ratedSum, profile) : null);

  const categories: CategoryFigures[] = MAJOR_CATEGORIES.map((c) => ({
    code: c.code, name: c.name, nameEn: c.nameEn, instruments: 0, valueFen: 0, effectiveHours: 0, externalHours: 0, utilisation: null,
  }));
  const categoryIndex = new Map(categories.map((c, k) => [c.code, k]));
  const indexOf = (major: string) => categoryIndex.get(major) ?? categories.length - 1;
  // In one order whichever way the groups came (the rated hours are summed in it): category, its
  // code (codes outside the 15 share the last), usage kind, then the overridden instruments by id.
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  groups.sort((a, b) => indexOf(a.major) - indexOf(b.major) || text(a.major, b.major) || text(a.usageKind, b.usageKind) || (a.own ?? 0) - (b.own ?? 0));
  const catSec = categories.map(() => ({ sec: 0, extSec: 0, rated: 0, used: false }));
  let n = 0;
  let nationalCount = 0;
  let nationalValue = 0;
  let shared = 0;
  let externalShared = 0;
  let openValue = 0;
  let totalValue = 0;
  for (const g of groups) {
    const k = indexOf(g.major);
    const cat = categories[k];
    cat.instruments += g.n;
    cat.valueFen += g.valueFen;
    const acc = catSec[k];
    acc.used = true;
    acc.sec += g.sec;
    acc.extSec += g.extSec;
    acc.rated += g.n * (g.own === null ? resolver.unit(g.usageKind) : resolver.of(g.own, g.usageKind).hours);
    n += g.n;
    totalValue += g.valueFen;
    nationalCount += g.nationalN;
    nationalValue += g.nationalFen;
    shared += g.shared;
    externalShared += g.externalShared;
    openValue += g.openFen;
  }
  let ratedTotal = 0;
  categories.forEach((cat, k) => {
    const acc = catSec[k];
    if (!acc.used) return;
    ratedTotal += acc.rated;
    cat.effectiveHours = hoursOf(acc.sec);
    cat.externalHours = hoursOf(acc.extSec);
    cat.utilisation = perRated(acc.sec, acc.rated);
  });

  const nameOf = db.prepare('SELECT inner_id AS innerId, name_cn AS name, category_code AS categoryCode, usage_kind AS usageKind FROM instruments WHERE id = ?');
  const topInstruments: InstrumentFigures[] = usage.top
    .map((r) => {
      const { usageKind, ...named } = nameOf.get(r.id) as { innerId: string; name: string; categoryCode: string; usageKind: string };
      const own = resolver.of(r.id, usageKind).hours;
      return { id: r.id, ...named, effectiveHours: hoursOf(r.sec), externalHours: hoursOf(r.extSec), utilisation: utilisationRate(r.sec / 3600, own, profile) };
    });

  const monthly = Array.from({ length: 12 }, (_, i) => {
    const m = usage.months.find((r) => r.month === i + 1);
    return { month: i + 1, effectiveHours: hoursOf(m?.sec ?? 0), externalHours: hoursOf(m?.extSec ?? 0) };
  });

  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const result: AssessmentResult = {
    year,
    scope,
    scopeLabel: s.label || settings.unitName,
    profile: profileRef(profile),
    ratedHours: rated,
    ratedHoursTotal: ratedTotal,
    instrumentCount: n,
    totalValueFen: totalValue,
    usageRecords: totals.records,
    effectiveHours: hoursOf(totalSec),
    externalHours: hoursOf(totalExtSec),
    utilisation: perRated(totalSec, ratedTotal),
    shareRate: shareRate(totalExtSec, totalSec),
    avgEffectiveHours: n > 0 ? hoursOf(totalSec / n) : null,
    avgExternalHours: n > 0 ? hoursOf(totalExtSec / n) : null,
    nationalAverages: profile.nationalAverages,
    externalUsers: totals.externalUsers,
    contracts: contracts.n,
    voucherContracts: contracts.voucherContracts,
    contractAmountFen: contracts.amountFen,
    voucherAmountFen: contracts.voucherFen,
    serviceIncomeFen: totals.incomeFen,
    payments: payments.n,
    paymentsReceivedFen: payments.fen,
    avgSatisfaction: totals.satisfaction === null ? null : Math.round(totals.satisfaction * 100) / 100,
    national: { thresholdFen: profile.nationalEvaluationMinUnitValueFen, count: nationalCount, valueFen: nationalValue },
    openRate: ratio(shared, n),
    externalOpenRate: ratio(externalShared, n),
    openInstrumentCount: externalShared,
    openInstrumentValueFen: openValue,
    categories,
    monthly,
    topInstruments,
  };
  return { result, perInstrument: usage.perInstrument, idle: usage.idle() };
}
