// The year window and scope of an assessment as SQL fragments with bound parameters. Usage times
// are 'YYYY-MM-DDTHH:MM' Shanghai civil times, so text comparison is time comparison.
import type { AssessmentScope } from '../../../shared/ipc/assessment';
import { MAX_SLOT_DAYS } from '../../../shared/ipc/bookings';
import { refuse } from '../../../shared/result';
import type { ServiceContext } from '../context';

export interface YearWindow {
  year: number;
  /** First and last civil dates of the year. */
  firstDay: string;
  lastDay: string;
  /** 'YYYY-01-01T00:00' and the next year's, the half-open usage interval. */
  ys: string;
  ye: string;
  /** Earliest start a record can have and still reach into the year (ys − the longest allowed record). */
  lo: string;
  /** Retired before this instant (1 January 00:00 Shanghai, in UTC) = not in service that year. */
  retiredAfter: string;
  /** Calendar hours of the year. */
  calendarHours: number;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China keeps UTC+8 all year, no daylight saving

/** Civil time text arithmetic: the civil clock is read as if it were UTC, which keeps it exact. */
export function civilTimeMinusSeconds(civil: string, seconds: number): string {
  return new Date(Date.parse(`${civil}:00Z`) - seconds * 1000).toISOString().slice(0, 16);
}

export function civilNowInShanghai(ctx: ServiceContext): string {
  return new Date(ctx.now().getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
}

export function yearWindow(year: number): YearWindow {
  const ys = `${year}-01-01T00:00`;
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
  return {
    year,
    firstDay: `${year}-01-01`,
    lastDay: `${year}-12-31`,
    ys,
    ye: `${year + 1}-01-01T00:00`,
    lo: civilTimeMinusSeconds(ys, MAX_SLOT_DAYS * 86_400),
    retiredAfter: new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS).toISOString(),
    calendarHours: days * 24,
  };
}

export interface ScopeSql {
  label: string;
  /** Condition on instruments aliased i. */
  instruments: string;
  /** The usage table aliased u, with the index that suits the scope. */
  usageFrom: string;
  /** Condition on usage_logs aliased u. */
  usage: string;
  /** Condition on contracts aliased c: linked to the scope by lab, contract instruments or usage. */
  contracts: string;
  /** Condition on orders aliased o (Shanghai): linked to the scope by the product's lab or by usage. */
  orders: string;
  params: Record<string, number>;
}

/** SQL conditions for the scope; refuses a lab or instrument that does not exist. */
export function scopeSql(ctx: ServiceContext, scope: AssessmentScope): ScopeSql {
  if (scope.kind === 'lab') {
    const name = ctx.db.prepare('SELECT name FROM labs WHERE id = ?').pluck().get(scope.labId) as string | undefined;
    if (name === undefined) refuse('NOT_FOUND', 'lab.notFound', { field: 'scope.labId', params: { id: scope.labId } });
    return {
      label: name,
      instruments: 'i.lab_id = @scopeId',
      usageFrom: 'usage_logs u',
      usage: 'u.instrument_id IN (SELECT id FROM instruments WHERE lab_id = @scopeId)',
      // Sets computed once per statement (not a probe per contract): a contract or order of the
      // year is tested against them, and they are read from the scope's side (its instruments).
      contracts: `(c.lab_id = @scopeId
        OR c.id IN (SELECT ci.contract_id FROM contract_instruments ci JOIN instruments si ON si.id = ci.instrument_id WHERE si.lab_id = @scopeId)
        OR c.id IN (SELECT cu.contract_id FROM usage_logs cu WHERE cu.instrument_id IN (SELECT id FROM instruments WHERE lab_id = @scopeId) AND cu.contract_id IS NOT NULL))`,
      orders: `(EXISTS (SELECT 1 FROM service_products sp WHERE sp.id = o.product_id AND sp.lab_id = @scopeId)
        OR o.id IN (SELECT ou.order_id FROM usage_logs ou WHERE ou.instrument_id IN (SELECT id FROM instruments WHERE lab_id = @scopeId) AND ou.order_id IS NOT NULL))`,
      params: { scopeId: scope.labId },
    };
  }
  if (scope.kind === 'instrument') {
    const row = ctx.db.prepare('SELECT inner_id AS innerId, name_cn AS name FROM instruments WHERE id = ?').get(scope.instrumentId) as
      { innerId: string; name: string } | undefined;
    if (!row) refuse('NOT_FOUND', 'instrument.notFound', { field: 'scope.instrumentId', params: { id: scope.instrumentId } });
    return {
      label: `${row.innerId} ${row.name}`,
      instruments: 'i.id = @scopeId',
      usageFrom: 'usage_logs u',
      usage: 'u.instrument_id = @scopeId',
      contracts: `(c.id IN (SELECT ci.contract_id FROM contract_instruments ci WHERE ci.instrument_id = @scopeId)
        OR c.id IN (SELECT cu.contract_id FROM usage_logs cu WHERE cu.instrument_id = @scopeId AND cu.contract_id IS NOT NULL))`,
      orders: 'o.id IN (SELECT ou.order_id FROM usage_logs ou WHERE ou.instrument_id = @scopeId AND ou.order_id IS NOT NULL)',
      params: { scopeId: scope.instrumentId },
    };
  }
  // The whole unit reads the year's slice of the covering index; without statistics the planner
  // may otherwise pick a non-covering index and fetch every row from the table.
  return { label: '', instruments: '1', usageFrom: 'usage_logs u INDEXED BY usage_year_cover', usage: '1', contracts: '1', orders: '1', params: {} };
}

/** Usage records that reach into the year: an indexed range on start_at, bounded below by the longest allowed record. */
export const USAGE_IN_YEAR = 'u.start_at >= @lo AND u.start_at < @ye AND u.end_at > @ys';
/** Seconds of a record inside the year (records crossing 1 January are clipped). */
export const CLIPPED_SECONDS = '(unixepoch(min(u.end_at, @ye)) - unixepoch(max(u.start_at, @ys)))';
/** The month a record counts in (a record crossing a month counts in its first month inside the year). */
export const USAGE_MONTH = 'CAST(substr(max(u.start_at, @ys), 6, 2) AS INTEGER)';
/** Instruments in service during the year: not retired before it began. */
export const IN_SERVICE = '(i.retired_at IS NULL OR i.retired_at >= @retiredAfter)';

export function windowParams(w: YearWindow): Record<string, string> {
  return { lo: w.lo, ys: w.ys, ye: w.ye, retiredAfter: w.retiredAfter, firstDay: w.firstDay, lastDay: w.lastDay };
}
