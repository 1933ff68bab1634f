// Service records (usage_logs) billed to a contract, with machine hours from civil slot times.
import { addDays } from '../../../shared/rules';
import type { ServiceContext } from '../context';

export interface ServiceRecord {
  id: number;
  instrumentInnerId: string;
  instrumentName: string;
  startAt: string;
  endAt: string;
  minutes: number;
  serviceWay: string;
  direction: string;
  content: string;
  amountFen: number;
  userName: string;
  userUnit: string;
  external: boolean;
  satisfaction: number | null;
}

/** Minutes between two 'YYYY-MM-DDTHH:MM' civil times (no zone: both are Shanghai wall time). */
export function minutesBetween(startAt: string, endAt: string): number {
  const t = (s: string) => Date.parse(`${s.slice(0, 16)}:00Z`);
  return Math.round((t(endAt) - t(startAt)) / 60_000);
}

export function hoursText(minutes: number): string {
  return (minutes / 60).toFixed(2);
}

export function serviceRecords(ctx: ServiceContext, contractId: number): ServiceRecord[] {
  return recordsOf(ctx, 'contract_id', contractId);
}

/** Service records of a Shanghai order (usage_logs.order_id, 0018). */
export function orderServiceRecords(ctx: ServiceContext, orderId: number): ServiceRecord[] {
  return recordsOf(ctx, 'order_id', orderId);
}

function recordsOf(ctx: ServiceContext, column: 'contract_id' | 'order_id', id: number): ServiceRecord[] {
  const rows = ctx.db.prepare(`SELECT u.id, i.inner_id AS instrumentInnerId, i.name_cn AS instrumentName, u.start_at AS startAt,
      u.end_at AS endAt, u.service_way AS serviceWay, u.direction, u.content, u.amount_fen AS amountFen,
      u.user_name AS userName, u.user_unit AS userUnit, u.external, u.satisfaction
    FROM usage_logs u JOIN instruments i ON i.id = u.instrument_id WHERE u.${column} = ? ORDER BY u.start_at, u.id`)
    .all(id) as (Omit<ServiceRecord, 'minutes' | 'external'> & { external: number })[];
  return rows.map((r) => ({ ...r, external: r.external === 1, minutes: minutesBetween(r.startAt, r.endAt) }));
}

/** Records that start before the contract starts or end after 24:00 of its last day. */
export function recordsOutsidePeriod(records: readonly ServiceRecord[], startDate: string, endDate: string): ServiceRecord[] {
  const from = `${startDate}T00:00`;
  const until = `${addDays(endDate, 1)}T00:00`; // text order is time order
  return records.filter((r) => r.startAt < from || r.endAt > until);
}
