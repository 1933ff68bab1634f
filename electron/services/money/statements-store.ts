// Statement (费用结算单) and payment rows of a contract or an order: issuing freezes the owner's
// charge lines; voiding (with a reason) releases them; payments received are recorded against it.
import type { z } from 'zod';
import type { OwnerRef, Payment, paymentFieldsSchema, Statement } from '../../../shared/ipc/money';
import { refuse } from '../../../shared/result';
import { ORDER_STATUS_LABELS, type OrderStatus } from '../../../shared/rules';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { ownerColumn, ownerHead, ownerOf, ownerRef, type ChargeOwner } from './owner';
import { stmt } from '../bookings/statements';

type Ctx = Pick<ServiceContext, 'db'>;

const STATEMENT_SELECT = `SELECT id, contract_id AS contractId, order_id AS orderId, number, issued_on AS issuedOn, total_fen AS totalFen,
  voucher_fen AS voucherFen, own_fen AS ownFen, voided_at AS voidedAt, void_reason AS voidReason FROM statements`;

export function currentStatement(ctx: Ctx, o: ChargeOwner): Statement | null {
  return (stmt(ctx.db, `${STATEMENT_SELECT} WHERE ${ownerColumn(o)} = ? AND voided_at IS NULL`).get(o.id) as Statement | undefined) ?? null;
}

/** JS-2025-0001: the year of issue and a running number within it (contracts and orders share the sequence). */
function nextNumber(ctx: Ctx, issuedOn: string): string {
  const year = issuedOn.slice(0, 4);
  const last = stmt(ctx.db, "SELECT number FROM statements WHERE number LIKE ? ORDER BY number DESC LIMIT 1").pluck().get(`JS-${year}-%`) as string | undefined;
  const n = last ? Number(last.slice(8)) + 1 : 1;
  return `JS-${year}-${String(n).padStart(4, '0')}`;
}

export interface IssueFacts {
  owner: ChargeOwner;
  totalFen: number;
  voucherFen: number;
  actualAmountFen: number | null;
  differenceConfirmed: boolean;
}

export function issueStatement(ctx: ServiceContext, f: IssueFacts, issuedOn: string): Statement {
  const o = f.owner;
  return ctx.db.transaction(() => {
    const existing = currentStatement(ctx, o);
    if (existing) refuse('CONFLICT', 'statement.exists', { field: 'contractId', rule: 'statement.exists', params: { number: existing.number } });
    const lines = Number(stmt(ctx.db, `SELECT count(*) FROM charges WHERE ${ownerColumn(o)} = ?`).pluck().get(o.id));
    if (lines === 0) refuse('RULE', 'statement.noCharges', { field: 'contractId', rule: 'statement.noCharges' });
    if (f.actualAmountFen !== f.totalFen && !f.differenceConfirmed) {
      refuse('RULE', 'statement.actualNotSettled', { field: 'actualAmountFen', rule: 'statement.actualNotSettled' });
    }
    const number = nextNumber(ctx, issuedOn);
    const ownFen = (f.actualAmountFen ?? f.totalFen) - f.voucherFen;
    const ids = ownerRef(o);
    const id = Number(stmt(ctx.db, `INSERT INTO statements(contract_id, order_id, number, issued_on, total_fen, voucher_fen, own_fen, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(ids.contractId, ids.orderId, number, issuedOn, f.totalFen, f.voucherFen, ownFen, ctx.now().toISOString()).lastInsertRowid);
    stmt(ctx.db, `UPDATE charges SET statement_id = ? WHERE ${ownerColumn(o)} = ?`).run(id, o.id);
    audit(ctx, 'issue', 'statement', id, { ...ids, number, totalFen: f.totalFen, voucherFen: f.voucherFen, ownFen });
    return currentStatement(ctx, o)!;
  })();
}

export function voidStatement(ctx: ServiceContext, ref: OwnerRef, reason: string): Statement {
  const o = ownerOf(ref);
  return ctx.db.transaction(() => {
    const s = currentStatement(ctx, o);
    if (!s) refuse('NOT_FOUND', 'statement.none', { field: 'contractId' });
    stmt(ctx.db, 'UPDATE statements SET voided_at = ?, void_reason = ? WHERE id = ?').run(ctx.now().toISOString(), reason, s.id);
    stmt(ctx.db, 'UPDATE charges SET statement_id = NULL WHERE statement_id = ?').run(s.id);
    audit(ctx, 'void', 'statement', s.id, { ...ownerRef(o), number: s.number, reason });
    return stmt(ctx.db, `${STATEMENT_SELECT} WHERE id = ?`).get(s.id) as Statement;
  })();
}

const PAYMENT_SELECT = `SELECT id, contract_id AS contractId, order_id AS orderId, statement_id AS statementId, receipt_number AS receiptNumber,
  paid_on AS paidOn, amount_fen AS amountFen, payer, note FROM payments`;

export function listPayments(ctx: Ctx, o: ChargeOwner): Payment[] {
  return stmt(ctx.db, `${PAYMENT_SELECT} WHERE ${ownerColumn(o)} = ? ORDER BY paid_on, id`).all(o.id) as Payment[];
}

/** The order's materials carry the proof of payment (沪 第十一条): once uploaded, its payments stand. */
const ORDER_PAYMENTS_FIXED: readonly string[] = ['uploaded', 'verified', 'notice', 'paid'];

export function addPayment(ctx: ServiceContext, f: z.output<typeof paymentFieldsSchema>): Payment {
  const o = ownerOf(f);
  return ctx.db.transaction(() => {
    const head = ownerHead(ctx, o);
    if (o.kind === 'order' && (head.status === 'cancelled' || head.status === 'rejected')) {
      const s = ORDER_STATUS_LABELS[head.status as OrderStatus];
      refuse('CONFLICT', 'payment.orderClosed', { field: 'orderId', rule: 'payment.orderClosed', params: { statusZh: s.zh, statusEn: s.en } });
    }
    if (stmt(ctx.db, 'SELECT 1 FROM payments WHERE receipt_number = ?').get(f.receiptNumber)) {
      refuse('CONFLICT', 'payment.receiptUnique', { field: 'receiptNumber', rule: 'payment.receiptUnique', params: { number: f.receiptNumber } });
    }
    const statement = currentStatement(ctx, o);
    const ids = ownerRef(o);
    const id = Number(stmt(ctx.db, `INSERT INTO payments(contract_id, order_id, statement_id, receipt_number, paid_on, amount_fen, payer, note, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(ids.contractId, ids.orderId, statement?.id ?? null, f.receiptNumber, f.paidOn, f.amountFen, f.payer, f.note,
      ctx.now().toISOString()).lastInsertRowid);
    audit(ctx, 'create', 'payment', id, f);
    return stmt(ctx.db, `${PAYMENT_SELECT} WHERE id = ?`).get(id) as Payment;
  })();
}

export function removePayment(ctx: ServiceContext, id: number, reason: string): void {
  ctx.db.transaction(() => {
    const p = stmt(ctx.db, `${PAYMENT_SELECT} WHERE id = ?`).get(id) as Payment | undefined;
    if (!p) refuse('NOT_FOUND', 'payment.notFound', { field: 'id', params: { id } });
    if (p.contractId !== null) {
      const submitted = stmt(ctx.db, 'SELECT submitted_date FROM redemptions WHERE contract_id = ? AND submitted_date IS NOT NULL').pluck().get(p.contractId);
      if (submitted) refuse('CONFLICT', 'payment.redemptionSubmitted', { field: 'id', rule: 'payment.redemptionSubmitted', params: { date: String(submitted) } });
    } else {
      const status = ownerHead(ctx, { kind: 'order', id: p.orderId! }).status;
      if (ORDER_PAYMENTS_FIXED.includes(status)) {
        const s = ORDER_STATUS_LABELS[status as OrderStatus];
        refuse('CONFLICT', 'payment.orderMaterialsUploaded', { field: 'id', rule: 'payment.orderMaterialsUploaded', params: { statusZh: s.zh, statusEn: s.en } });
      }
    }
    stmt(ctx.db, 'DELETE FROM payments WHERE id = ?').run(id);
    audit(ctx, 'delete', 'payment', id, { payment: p, reason });
  })();
}
