// Statement (费用结算单) and payment rows: issuing freezes the contract's charge lines; voiding
// (with a reason) releases them; payments received are recorded against the contract.
import type { z } from 'zod';
import type { Payment, paymentFieldsSchema, Statement } from '../../../shared/ipc/money';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';

type Ctx = Pick<ServiceContext, 'db'>;

const STATEMENT_SELECT = `SELECT id, contract_id AS contractId, number, issued_on AS issuedOn, total_fen AS totalFen, voucher_fen AS voucherFen,
  own_fen AS ownFen, voided_at AS voidedAt, void_reason AS voidReason FROM statements`;

export function currentStatement(ctx: Ctx, contractId: number): Statement | null {
  return (ctx.db.prepare(`${STATEMENT_SELECT} WHERE contract_id = ? AND voided_at IS NULL`).get(contractId) as Statement | undefined) ?? null;
}

/** JS-2025-0001: the year of issue and a running number within it. */
function nextNumber(ctx: Ctx, issuedOn: string): string {
  const year = issuedOn.slice(0, 4);
  const last = ctx.db.prepare("SELECT number FROM statements WHERE number LIKE ? ORDER BY number DESC LIMIT 1").pluck().get(`JS-${year}-%`) as string | undefined;
  const n = last ? Number(last.slice(8)) + 1 : 1;
  return `JS-${year}-${String(n).padStart(4, '0')}`;
}

export interface IssueFacts {
  contractId: number;
  totalFen: number;
  voucherFen: number;
  actualAmountFen: number | null;
  differenceConfirmed: boolean;
}

export function issueStatement(ctx: ServiceContext, f: IssueFacts, issuedOn: string): Statement {
  return ctx.db.transaction(() => {
    const existing = currentStatement(ctx, f.contractId);
    if (existing) refuse('CONFLICT', 'statement.exists', { field: 'contractId', rule: 'statement.exists', params: { number: existing.number } });
    const lines = Number(ctx.db.prepare('SELECT count(*) FROM charges WHERE contract_id = ?').pluck().get(f.contractId));
    if (lines === 0) refuse('RULE', 'statement.noCharges', { field: 'contractId', rule: 'statement.noCharges' });
    if (f.actualAmountFen !== f.totalFen && !f.differenceConfirmed) {
      refuse('RULE', 'statement.actualNotSettled', { field: 'actualAmountFen', rule: 'statement.actualNotSettled' });
    }
    const number = nextNumber(ctx, issuedOn);
    const ownFen = (f.actualAmountFen ?? f.totalFen) - f.voucherFen;
    const id = Number(ctx.db.prepare(`INSERT INTO statements(contract_id, number, issued_on, total_fen, voucher_fen, own_fen, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(f.contractId, number, issuedOn, f.totalFen, f.voucherFen, ownFen, ctx.now().toISOString()).lastInsertRowid);
    ctx.db.prepare('UPDATE charges SET statement_id = ? WHERE contract_id = ?').run(id, f.contractId);
    audit(ctx, 'issue', 'statement', id, { contractId: f.contractId, number, totalFen: f.totalFen, voucherFen: f.voucherFen, ownFen });
    return currentStatement(ctx, f.contractId)!;
  })();
}

export function voidStatement(ctx: ServiceContext, contractId: number, reason: string): Statement {
  return ctx.db.transaction(() => {
    const s = currentStatement(ctx, contractId);
    if (!s) refuse('NOT_FOUND', 'statement.none', { field: 'contractId' });
    ctx.db.prepare('UPDATE statements SET voided_at = ?, void_reason = ? WHERE id = ?').run(ctx.now().toISOString(), reason, s.id);
    ctx.db.prepare('UPDATE charges SET statement_id = NULL WHERE statement_id = ?').run(s.id);
    audit(ctx, 'void', 'statement', s.id, { number: s.number, reason });
    return ctx.db.prepare(`${STATEMENT_SELECT} WHERE id = ?`).get(s.id) as Statement;
  })();
}

const PAYMENT_SELECT = `SELECT id, contract_id AS contractId, statement_id AS statementId, receipt_number AS receiptNumber, paid_on AS paidOn,
  amount_fen AS amountFen, payer, note FROM payments`;

export function listPayments(ctx: Ctx, contractId: number): Payment[] {
  return ctx.db.prepare(`${PAYMENT_SELECT} WHERE contract_id = ? ORDER BY paid_on, id`).all(contractId) as Payment[];
}

export function addPayment(ctx: ServiceContext, f: z.output<typeof paymentFieldsSchema>): Payment {
  return ctx.db.transaction(() => {
    if (!ctx.db.prepare('SELECT 1 FROM contracts WHERE id = ?').get(f.contractId)) refuse('NOT_FOUND', 'contract.notFound', { field: 'contractId', params: { id: f.contractId } });
    if (ctx.db.prepare('SELECT 1 FROM payments WHERE receipt_number = ?').get(f.receiptNumber)) {
      refuse('CONFLICT', 'payment.receiptUnique', { field: 'receiptNumber', rule: 'payment.receiptUnique', params: { number: f.receiptNumber } });
    }
    const statement = currentStatement(ctx, f.contractId);
    const id = Number(ctx.db.prepare(`INSERT INTO payments(contract_id, statement_id, receipt_number, paid_on, amount_fen, payer, note, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(f.contractId, statement?.id ?? null, f.receiptNumber, f.paidOn, f.amountFen, f.payer, f.note, ctx.now().toISOString()).lastInsertRowid);
    audit(ctx, 'create', 'payment', id, f);
    return ctx.db.prepare(`${PAYMENT_SELECT} WHERE id = ?`).get(id) as Payment;
  })();
}

export function removePayment(ctx: ServiceContext, id: number, reason: string): void {
  ctx.db.transaction(() => {
    const p = ctx.db.prepare(`${PAYMENT_SELECT} WHERE id = ?`).get(id) as Payment | undefined;
    if (!p) refuse('NOT_FOUND', 'payment.notFound', { field: 'id', params: { id } });
    const submitted = ctx.db.prepare('SELECT submitted_date FROM redemptions WHERE contract_id = ? AND submitted_date IS NOT NULL').pluck().get(p.contractId);
    if (submitted) refuse('CONFLICT', 'payment.redemptionSubmitted', { field: 'id', rule: 'payment.redemptionSubmitted', params: { date: String(submitted) } });
    ctx.db.prepare('DELETE FROM payments WHERE id = ?').run(id);
    audit(ctx, 'delete', 'payment', id, { payment: p, reason });
  })();
}
