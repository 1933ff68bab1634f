// Shanghai orders: placed by an enterprise or team on a service product, accepted by the
// institution, completed, evaluated, materials uploaded, verified, noticed for 7 days, paid (or
// refused / cancelled). Every refusal comes from the policy engine with its article and writes
// nothing; every state change is dated, kept in order_events and audited.
import type { z } from 'zod';
import type { OrderDetail, OrderEvent, OrderFields, OrderQuota, OrderRow, orderListSchema } from '../../../shared/ipc/orders';
import type { PolicyProfile } from '../../../shared/policy';
import { refuse } from '../../../shared/result';
import {
  addDays, crossRegionUncheckedRules, ORDER_RELEASED_STATES, ORDER_STATUS_LABELS, ORDER_TRANSITIONS, articleFor, checkApplicantEligibility,
  checkNoDoubleFunding, checkOrderAnnualQuota, checkOrderDealings, checkOrderVoucherShare, checkServiceScope, civilDateInShanghai,
  compareCivilDates, isOrderStep, maxVoucherForOrder, payoutTimeline, publicNoticeEnd, remainingQuota, yearOf, type OrderEventNoteCode, type OrderStatus, type Violation,
} from '../../../shared/rules';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { applicantFacts, voucherKindOf } from '../deals/applicant-facts';
import { getApplicant } from '../deals/applicants';
import { enforce, refuseViolations, storedProfile } from '../deals/refuse';
import { checkCrossRegion } from '../deals/vouchers';
import { loadHolidayCalendar } from '../holidays';
import { likeContains } from '../sql';
import { getProduct } from './products';
import { orderProfile } from './profile';

const SELECT = `SELECT o.id, o.number, o.applicant_id AS applicantId, a.name AS applicantName, a.kind AS applicantKind,
  o.product_id AS productId, p.name AS productName, p.service_kind AS serviceKind, o.order_date AS orderDate,
  o.total_fen AS totalFen, o.voucher_fen AS voucherFen, o.payout_party AS payoutParty, o.status, o.profile_id AS profileId,
  o.cross_region AS crossRegion, o.issuing_region AS issuingRegion, o.notice_start AS noticeStart,
  o.city_funded AS cityFunded, o.related_party AS relatedParty, o.subcontracted, o.note
  FROM orders o JOIN applicants a ON a.id = o.applicant_id JOIN service_products p ON p.id = o.product_id`;

type DbRow = Omit<OrderRow, 'maxVoucherFen' | 'noticeEnd'> & { cityFunded: number; relatedParty: number; subcontracted: number; note: string };

function toRow(ctx: ServiceContext, r: DbRow): OrderRow {
  const { cityFunded: _c, relatedParty: _r, subcontracted: _s, note: _n, ...row } = r;
  const profile = storedProfile(r.profileId);
  const noticeEnd = r.noticeStart ? publicNoticeEnd(r.noticeStart, profile, loadHolidayCalendar(ctx))?.lastDay ?? null : null;
  return { ...row, maxVoucherFen: maxVoucherForOrder(r.totalFen, profile), noticeEnd };
}

export function getOrder(ctx: ServiceContext, id: number): OrderDetail {
  const r = ctx.db.prepare(`${SELECT} WHERE o.id = ?`).get(id) as DbRow | undefined;
  if (!r) refuse('NOT_FOUND', 'order.notFound', { field: 'id', params: { id } });
  const events = (ctx.db.prepare(`SELECT id, status, date, note, note_code AS noteCode, note_params AS noteParams, created_at AS createdAt
    FROM order_events WHERE order_id = ? ORDER BY id`).all(id) as (Omit<OrderEvent, 'noteParams'> & { noteParams: string })[])
    .map((e) => ({ ...e, noteParams: JSON.parse(e.noteParams) as OrderEvent['noteParams'] }));
  const usage = ctx.db.prepare(`SELECT count(*) AS n, coalesce(sum(CAST(round((julianday(end_at) - julianday(start_at)) * 1440) AS INTEGER)), 0) AS m
    FROM usage_logs WHERE order_id = ?`).get(id) as { n: number; m: number };
  const profile = storedProfile(r.profileId);
  const verified = events.find((e) => e.status === 'verified')?.date ?? null;
  const row = toRow(ctx, r);
  return {
    ...row, cityFunded: r.cityFunded === 1, relatedParty: r.relatedParty === 1, subcontracted: r.subcontracted === 1, note: r.note,
    events, nextStatuses: [...ORDER_TRANSITIONS[r.status]],
    timeline: payoutTimeline(profile, { noticeStart: r.noticeStart, approvedOn: verified }, loadHolidayCalendar(ctx)),
    payment: {
      earliestOn: row.noticeEnd ? addDays(row.noticeEnd, 1) : null,
      paidOn: events.find((e) => e.status === 'paid')?.date ?? null,
      refusedOn: events.find((e) => e.status === 'rejected')?.date ?? null,
    },
    usageMinutes: usage.m, usageCount: usage.n,
    uncheckedRules: r.crossRegion === null ? [] : crossRegionUncheckedRules(profile, 'order'),
  };
}

export function listOrders(ctx: ServiceContext, q: z.output<typeof orderListSchema>): { rows: OrderRow[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.query) {
    const like = likeContains(q.query);
    where.push(`(o.number LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\')`);
    params.push(like, like, like);
  }
  if (q.status) { where.push('o.status = ?'); params.push(q.status); }
  if (q.applicantId !== undefined) { where.push('o.applicant_id = ?'); params.push(q.applicantId); }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = ctx.db.prepare(`${SELECT} ${w} ORDER BY o.order_date DESC, o.id DESC LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as DbRow[];
  const total = Number(ctx.db.prepare(`SELECT count(*) FROM orders o JOIN applicants a ON a.id = o.applicant_id
    JOIN service_products p ON p.id = o.product_id ${w}`).pluck().get(...params));
  return { rows: rows.map((r) => toRow(ctx, r)), total };
}

/** Voucher amounts of the applicant's local orders dated in `year` that still use quota. */
export function usedInYear(ctx: ServiceContext, applicantId: number, year: number, exceptId: number | null): number {
  return Number(ctx.db.prepare(`SELECT coalesce(sum(voucher_fen), 0) FROM orders WHERE applicant_id = ? AND order_date BETWEEN ? AND ?
    AND cross_region IS NULL AND status NOT IN (${ORDER_RELEASED_STATES.map(() => '?').join(', ')}) AND id IS NOT ?`)
    .pluck().get(applicantId, `${year}-01-01`, `${year}-12-31`, ...ORDER_RELEASED_STATES, exceptId));
}

export function orderQuota(ctx: ServiceContext, input: { applicantId: number; year?: number }): OrderQuota {
  const applicant = getApplicant(ctx, input.applicantId);
  const today = civilDateInShanghai(ctx.now());
  const year = input.year ?? yearOf(today);
  const asOf = year === yearOf(today) ? today : `${year}-12-31`;
  const profile = orderProfile(ctx, asOf, 'year');
  const used = usedInYear(ctx, applicant.id, year, null);
  const q = remainingQuota(voucherKindOf(applicant, profile, asOf), used, profile);
  return { applicantId: applicant.id, year, profileId: profile.id, quotaFen: q?.quotaFen ?? null, usedFen: used, remainingFen: q?.remainingFen ?? null };
}

/** Every policy check of the order under its profile; refuses with all violations of the first failing article group. */
function checkOrder(ctx: ServiceContext, f: OrderFields, id: number | null, profile: PolicyProfile): void {
  const applicant = getApplicant(ctx, f.applicantId);
  const product = getProduct(ctx, f.productId);
  if (f.crossRegion !== null) {
    // 长三角 vouchers follow their own rules (第十五条): recorded, not judged by the local profile.
    checkCrossRegion(profile, f.crossRegion, f.issuingRegion);
    if (f.voucherFen > f.totalFen) refuse('VALIDATION', 'order.voucherAboveTotal', { field: 'voucherFen', params: { voucherFen: f.voucherFen, totalFen: f.totalFen } });
    return;
  }
  if (applicant.region !== profile.region) {
    const article = articleFor(profile, 'crossRegion');
    refuse('RULE', 'order.region', {
      field: 'crossRegion', rule: 'order.region', article, document: profile.documentNumber, params: { name: applicant.name, region: applicant.region },
    });
  }
  const eligibility = checkApplicantEligibility(applicantFacts(applicant, f.orderDate, profile), f.orderDate, profile);
  if (!eligibility.ok) refuseViolations(eligibility.violations, 'applicantId');
  const scope: Violation[] = [];
  const s = checkServiceScope([product.serviceKind], profile);
  if (!s.ok) scope.push(...s.violations.map((v) => ({ ...v, field: 'productId' })));
  const d = checkNoDoubleFunding(f.cityFunded, profile);
  if (!d.ok) scope.push(...d.violations.map((v) => ({ ...v, field: 'cityFunded' })));
  if (scope.length) refuseViolations(scope);
  enforce(checkOrderDealings(f, profile));
  enforce(checkOrderVoucherShare(f.totalFen, f.voucherFen, profile), 'voucherFen');
  const used = usedInYear(ctx, applicant.id, yearOf(f.orderDate), id);
  enforce(checkOrderAnnualQuota(voucherKindOf(applicant, profile, f.orderDate), used, f.voucherFen, profile), 'voucherFen');
}

/** One dated row of the order's history (a step, or an amount event with its code). */
export function addOrderEvent(ctx: Pick<ServiceContext, 'db' | 'now'>, orderId: number, status: OrderStatus, date: string, note: string,
  code: { noteCode: OrderEventNoteCode; noteParams: Record<string, string | number> } | null = null): void {
  ctx.db.prepare('INSERT INTO order_events(order_id, status, date, note, note_code, note_params, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(orderId, status, date, note, code?.noteCode ?? null, JSON.stringify(code?.noteParams ?? {}), ctx.now().toISOString());
}

export function saveOrder(ctx: ServiceContext, id: number | null, f: OrderFields): OrderDetail {
  return ctx.db.transaction(() => {
    const today = civilDateInShanghai(ctx.now());
    if (f.orderDate > today) refuse('VALIDATION', 'date.future', { field: 'orderDate', params: { today } });
    const before = id === null ? null : getOrder(ctx, id);
    // The amounts are set at ordering and acceptance (第十条); after the service they are evidence.
    if (before && before.status !== 'placed' && before.status !== 'accepted') {
      const s = ORDER_STATUS_LABELS[before.status];
      refuse('CONFLICT', 'order.locked', { field: 'number', rule: 'order.locked', params: { statusZh: s.zh, statusEn: s.en } });
    }
    const other = ctx.db.prepare('SELECT id FROM orders WHERE number = ?').pluck().get(f.number) as number | undefined;
    if (other !== undefined && other !== id) refuse('CONFLICT', 'order.numberUnique', { field: 'number', rule: 'order.numberUnique', params: { number: f.number } });
    if (before && before.applicantId !== f.applicantId) {
      // An order, and the vouchers on it, cannot pass to another enterprise or team.
      const p = storedProfile(before.profileId);
      refuse('RULE', 'voucher.transfer', { field: 'applicantId', rule: 'voucher.transfer', article: articleFor(p, 'voucher.transfer'), document: p.documentNumber });
    }
    const profile = orderProfile(ctx, f.orderDate, 'orderDate');
    checkOrder(ctx, f, id, profile);
    const now = ctx.now().toISOString();
    const p = {
      number: f.number, applicantId: f.applicantId, productId: f.productId, orderDate: f.orderDate, totalFen: f.totalFen,
      voucherFen: f.voucherFen, payoutParty: f.payoutParty, profileId: profile.id, cityFunded: f.cityFunded ? 1 : 0,
      relatedParty: f.relatedParty ? 1 : 0, subcontracted: f.subcontracted ? 1 : 0, crossRegion: f.crossRegion,
      issuingRegion: f.crossRegion ? f.issuingRegion : null, note: f.note, now,
    };
    let oid = id;
    if (oid === null) {
      oid = Number(ctx.db.prepare(`INSERT INTO orders(number, applicant_id, product_id, order_date, total_fen, voucher_fen, payout_party,
          status, profile_id, city_funded, related_party, subcontracted, cross_region, issuing_region, note, created_at, updated_at)
        VALUES (@number, @applicantId, @productId, @orderDate, @totalFen, @voucherFen, @payoutParty, 'placed', @profileId, @cityFunded,
          @relatedParty, @subcontracted, @crossRegion, @issuingRegion, @note, @now, @now)`).run(p).lastInsertRowid);
      addOrderEvent(ctx, oid, 'placed', f.orderDate, '');
    } else {
      ctx.db.prepare(`UPDATE orders SET number = @number, product_id = @productId, order_date = @orderDate, total_fen = @totalFen,
          voucher_fen = @voucherFen, payout_party = @payoutParty, profile_id = @profileId, city_funded = @cityFunded,
          related_party = @relatedParty, subcontracted = @subcontracted, cross_region = @crossRegion, issuing_region = @issuingRegion,
          note = @note, updated_at = @now WHERE id = @id`).run({ ...p, id: oid });
    }
    audit(ctx, id === null ? 'create' : 'update', 'order', oid, {
      ...f, before: before && { totalFen: before.totalFen, voucherFen: before.voucherFen, productId: before.productId },
    });
    return getOrder(ctx, oid);
  })();
}

/**
 * Moves the order to `to` on `date` (default today): only along ORDER_TRANSITIONS, never into the
 * future or before the previous step; payment only after the 7-day notice has ended (第十一条).
 */
export function transitionOrder(ctx: ServiceContext, input: { id: number; to: OrderStatus; date?: string; note: string }): OrderDetail {
  return ctx.db.transaction(() => {
    const o = getOrder(ctx, input.id);
    const profile = storedProfile(o.profileId);
    const today = civilDateInShanghai(ctx.now());
    const date = input.date ?? today;
    if (!ORDER_TRANSITIONS[o.status].includes(input.to)) {
      const [from, to] = [ORDER_STATUS_LABELS[o.status], ORDER_STATUS_LABELS[input.to]];
      refuse('CONFLICT', 'order.transition', {
        field: 'to', rule: 'order.transition', article: articleFor(profile, 'order.transition'), document: profile.documentNumber,
        params: { fromZh: from.zh, fromEn: from.en, toZh: to.zh, toEn: to.en },
      });
    }
    if (compareCivilDates(date, today) > 0) refuse('VALIDATION', 'date.future', { field: 'date', params: { today } });
    // The previous step, not an amount event (charges or a quote adopted as the total) recorded since.
    const last = o.events.filter(isOrderStep).at(-1)?.date ?? o.orderDate;
    if (compareCivilDates(date, last) < 0) refuse('VALIDATION', 'order.dateBeforePrevious', { field: 'date', params: { date, last } });
    if ((input.to === 'rejected' || input.to === 'cancelled') && !input.note) {
      refuse('VALIDATION', 'order.reasonRequired', { field: 'note' });
    }
    if (input.to === 'uploaded' && Number(ctx.db.prepare('SELECT count(*) FROM order_materials WHERE order_id = ?').pluck().get(o.id)) === 0) {
      // 材料已上传 means the materials are on the order (第十一条): at least one file first.
      refuse('RULE', 'order.materialsRequired', {
        field: 'to', rule: 'order.materials', article: articleFor(profile, 'order.materials'), document: profile.documentNumber,
      });
    }
    if (input.to === 'completed' && o.usageCount === 0) {
      refuse('RULE', 'order.usageRequired', { field: 'to', rule: 'order.usageRequired' });
    }
    if (input.to === 'paid') {
      const end = o.noticeStart ? publicNoticeEnd(o.noticeStart, profile, loadHolidayCalendar(ctx)) : null;
      if (!end || compareCivilDates(date, end.lastDay) <= 0) {
        refuse('RULE', 'order.publicNotice', {
          field: 'date', rule: 'order.publicNotice', article: articleFor(profile, 'order.publicNotice'), document: profile.documentNumber,
          params: { lastDay: end?.lastDay ?? null, days: profile.publicNotice?.count ?? null },
        });
      }
    }
    // Who uploads the materials follows the chosen 兑付方式 (第十一条): noted as a code, worded where shown.
    const code = input.to === 'uploaded' ? { noteCode: 'orderEvent.uploadedBy' as const, noteParams: { party: o.payoutParty } } : null;
    const note = input.note;
    const sets = ['status = ?', 'updated_at = ?'];
    const params: unknown[] = [input.to, ctx.now().toISOString()];
    if (input.to === 'notice') { sets.push('notice_start = ?'); params.push(date); }
    ctx.db.prepare(`UPDATE orders SET ${sets.join(', ')} WHERE id = ?`).run(...params, o.id);
    addOrderEvent(ctx, o.id, input.to, date, note, code);
    audit(ctx, 'order.transition', 'order', o.id, { from: o.status, to: input.to, date, note, ...code });
    return getOrder(ctx, o.id);
  })();
}
