// Actual use (service records): the source of effective and external machine hours for the assessment.
import { MAX_SLOT_DAYS, type UsageFields, type UsageListQuery, type UsageLog, type UsageTotals, usageListSchema } from '../../../shared/ipc/bookings';
import { civilDateInShanghai } from '../../../shared/rules';
import { refuse } from '../../../shared/result';
import { ORDER_STATES_WITHOUT_SERVICE, type OrderStatus } from '../../../shared/rules/orders';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { getBooking } from './bookings';
import { checkSpan, loadInstrument } from './checks';
import { endOfDay, formatSpan, shiftSlotDays, startOfDay } from './slot-time';
import { stmt } from './statements';

const MINUTES = `CAST(round((julianday(u.end_at) - julianday(u.start_at)) * 1440) AS INTEGER)`;

const SELECT_USAGE = `SELECT u.id, u.instrument_id AS instrumentId, i.name_cn AS instrumentName, u.booking_id AS bookingId,
  u.contract_id AS contractId, c.number AS contractNumber, u.order_id AS orderId, o.number AS orderNumber, u.start_at AS startAt, u.end_at AS endAt, u.operator,
  u.external, u.service_way AS serviceWay, u.direction, u.content, u.amount_fen AS amountFen, u.user_name AS userName,
  u.user_unit AS userUnit, u.satisfaction, ${MINUTES} AS minutes, u.created_at AS createdAt
  FROM usage_logs u JOIN instruments i ON i.id = u.instrument_id LEFT JOIN contracts c ON c.id = u.contract_id
  LEFT JOIN orders o ON o.id = u.order_id`;

type UsageRow = Omit<UsageLog, 'external'> & { external: number };

function toUsage(r: UsageRow): UsageLog {
  return { ...r, external: r.external === 1 };
}

export function getUsage(ctx: ServiceContext, id: number): UsageLog {
  const row = stmt(ctx.db, `${SELECT_USAGE} WHERE u.id = ?`).get(id) as UsageRow | undefined;
  if (!row) refuse('NOT_FOUND', 'usage.notFound', { params: { id } });
  return toUsage(row);
}

/** Usage records on the instrument overlapping [startAt, endAt); bounded like findConflicts. */
export function findUsageOverlaps(ctx: Pick<ServiceContext, 'db'>, instrumentId: number, startAt: string, endAt: string, excludeId?: number) {
  return stmt(ctx.db, `SELECT id, start_at AS startAt, end_at AS endAt, user_name AS userName FROM usage_logs
    WHERE instrument_id = ? AND start_at >= ? AND start_at < ? AND end_at > ? AND id <> ? ORDER BY start_at LIMIT 20`)
    .all(instrumentId, shiftSlotDays(startAt, -MAX_SLOT_DAYS), endAt, startAt, excludeId ?? 0) as { id: number; startAt: string; endAt: string; userName: string }[];
}

function validateUsage(ctx: ServiceContext, f: UsageFields, excludeId?: number): void {
  checkSpan(f.startAt, f.endAt);
  loadInstrument(ctx, f.instrumentId);
  const today = civilDateInShanghai(ctx.now());
  if (f.endAt > endOfDay(today)) {
    const end = f.endAt.replace('T', ' ');
    refuse('RULE', 'usage.notFuture', { field: 'endAt', rule: 'usage.notFuture', params: { today, end } });
  }
  if (f.bookingId !== null) {
    const b = getBooking(ctx, f.bookingId);
    if (b.instrumentId !== f.instrumentId) {
      refuse('VALIDATION', 'usage.bookingInstrument', { field: 'bookingId', rule: 'usage.bookingInstrument', params: { id: b.id, name: b.instrumentName } });
    }
    if (b.kind === 'maintenance') {
      refuse('RULE', 'usage.notMaintenance', { field: 'bookingId', rule: 'usage.notMaintenance' });
    }
    const other = stmt(ctx.db, 'SELECT id FROM usage_logs WHERE booking_id = ? AND id <> ?').pluck().get(b.id, excludeId ?? 0) as number | undefined;
    if (other !== undefined) {
      refuse('CONFLICT', 'usage.bookingLogged', { field: 'bookingId', rule: 'usage.bookingLogged', params: { record: other } });
    }
  }
  if (f.contractId !== null && !stmt(ctx.db, 'SELECT 1 FROM contracts WHERE id = ?').get(f.contractId)) {
    refuse('NOT_FOUND', 'contract.notFound', { field: 'contractId', params: { id: f.contractId } });
  }
  if (f.orderId !== null) {
    if (f.contractId !== null) refuse('VALIDATION', 'usage.contractOrOrder', { field: 'orderId' });
    const status = stmt(ctx.db, 'SELECT status FROM orders WHERE id = ?').pluck().get(f.orderId) as string | undefined;
    if (status === undefined) refuse('NOT_FOUND', 'order.notFound', { field: 'orderId', params: { id: f.orderId } });
    // Service is given between acceptance and payment; a placed, cancelled or refused order has none.
    if (ORDER_STATES_WITHOUT_SERVICE.includes(status as OrderStatus)) {
      refuse('RULE', 'order.usageState', { field: 'orderId', rule: 'order.usageState' });
    }
  }
  const overlaps = findUsageOverlaps(ctx, f.instrumentId, f.startAt, f.endAt, excludeId);
  if (overlaps.length) {
    const span = formatSpan(f.startAt, f.endAt);
    const records = overlaps.map((o) => (o.userName ? `${formatSpan(o.startAt, o.endAt)} ${o.userName}` : formatSpan(o.startAt, o.endAt)));
    refuse('CONFLICT', 'usage.overlap', { field: 'startAt', rule: 'usage.overlap', params: { span, records } });
  }
}

function row(f: UsageFields) {
  return { ...f, external: f.external ? 1 : 0 };
}

export function createUsage(ctx: ServiceContext, f: UsageFields): UsageLog {
  return ctx.db.transaction(() => {
    validateUsage(ctx, f);
    const info = stmt(ctx.db, `INSERT INTO usage_logs(instrument_id, booking_id, contract_id, order_id, start_at, end_at, operator, external,
        service_way, direction, content, amount_fen, user_name, user_unit, satisfaction, created_at)
      VALUES (@instrumentId, @bookingId, @contractId, @orderId, @startAt, @endAt, @operator, @external, @serviceWay, @direction, @content,
        @amountFen, @userName, @userUnit, @satisfaction, @now)`).run({ ...row(f), now: ctx.now().toISOString() });
    const id = Number(info.lastInsertRowid);
    audit(ctx, 'create', 'usage', id, f);
    return getUsage(ctx, id);
  })();
}

export function updateUsage(ctx: ServiceContext, id: number, f: UsageFields): UsageLog {
  return ctx.db.transaction(() => {
    const before = getUsage(ctx, id);
    validateUsage(ctx, f, id);
    stmt(ctx.db, `UPDATE usage_logs SET instrument_id = @instrumentId, booking_id = @bookingId, contract_id = @contractId, order_id = @orderId,
      start_at = @startAt, end_at = @endAt, operator = @operator, external = @external, service_way = @serviceWay,
      direction = @direction, content = @content, amount_fen = @amountFen, user_name = @userName, user_unit = @userUnit,
      satisfaction = @satisfaction WHERE id = @id`).run({ ...row(f), id });
    const { instrumentName: _n, contractNumber: _c, orderNumber: _o, minutes: _m, createdAt: _a, id: _i, ...from } = before;
    audit(ctx, 'update', 'usage', id, { from, to: f });
    return getUsage(ctx, id);
  })();
}

export function deleteUsage(ctx: ServiceContext, id: number): void {
  ctx.db.transaction(() => {
    const before = getUsage(ctx, id);
    stmt(ctx.db, 'DELETE FROM usage_logs WHERE id = ?').run(id);
    audit(ctx, 'delete', 'usage', id, { instrumentId: before.instrumentId, startAt: before.startAt, endAt: before.endAt, bookingId: before.bookingId });
  })();
}

/** The form's starting values when actual use is logged from a booking. */
export function usageDraft(ctx: ServiceContext, bookingId: number): UsageFields {
  const b = getBooking(ctx, bookingId);
  if (b.kind === 'maintenance') {
    refuse('RULE', 'usage.notMaintenance', { field: 'bookingId', rule: 'usage.notMaintenance' });
  }
  const contract = b.kind === 'contract' || b.kind === 'order';
  return {
    instrumentId: b.instrumentId, bookingId: b.id, contractId: b.contractId, orderId: b.orderId, startAt: b.startAt, endAt: b.endAt,
    operator: '', external: contract, serviceWay: contract ? '委托' : '占用', direction: contract ? '科技开发' : '科学研究',
    content: b.title, amountFen: 0, userName: '', userUnit: b.applicantName ?? '', satisfaction: null,
  };
}

function usageWhere(q: { instrumentId?: number; contractId?: number; orderId?: number; from?: string; to?: string; external?: boolean }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.instrumentId !== undefined) { where.push('u.instrument_id = ?'); params.push(q.instrumentId); }
  if (q.contractId !== undefined) { where.push('u.contract_id = ?'); params.push(q.contractId); }
  if (q.orderId !== undefined) { where.push('u.order_id = ?'); params.push(q.orderId); }
  if (q.from) { where.push('u.start_at >= ?'); params.push(startOfDay(q.from)); }
  if (q.to) { where.push('u.start_at < ?'); params.push(endOfDay(q.to)); }
  if (q.external !== undefined) { where.push('u.external = ?'); params.push(q.external ? 1 : 0); }
  return { sql: where.length ? 'WHERE ' + where.join(' AND ') : '', params };
}

/** Machine minutes (all and external) and income of the matching records; periods count by record start. */
export function usageTotals(ctx: ServiceContext, q: Omit<UsageListQuery, 'offset' | 'limit'>): UsageTotals {
  const { sql, params } = usageWhere(q);
  const r = ctx.db.prepare(`SELECT count(*) AS count, coalesce(sum(${MINUTES}), 0) AS minutes,
      coalesce(sum(CASE WHEN u.external = 1 THEN ${MINUTES} ELSE 0 END), 0) AS externalMinutes, coalesce(sum(u.amount_fen), 0) AS amountFen
    FROM usage_logs u ${sql}`).get(...params) as UsageTotals;
  return r;
}

export function listUsage(ctx: ServiceContext, input: UsageListQuery): { rows: UsageLog[]; total: number; totals: UsageTotals } {
  const q = usageListSchema.parse(input);
  const { sql, params } = usageWhere(q);
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  // One window in SQL; the tie-break runs in the sort's direction so the start index is walked, never sorted.
  const rows = (ctx.db.prepare(`${SELECT_USAGE} ${sql} ORDER BY u.start_at ${dir}, u.id ${dir} LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as UsageRow[]).map(toUsage);
  const totals = usageTotals(ctx, q);
  return { rows, total: totals.count, totals };
}
