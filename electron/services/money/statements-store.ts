// Statement (费用结算单) and payment rows: issuing freezes the contract's charge lines; voiding
// (with a reason) releases them; payments received are recorded against the contract.
import type { z } from 'zod';
import type { Payment, paymentFieldsSchema, Statement } from '../../../shared/ipc/money';
import { fail } from '../../../shared/result';
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
    if (existing) fail('CONFLICT', `已出具费用结算单 ${existing.number} (a statement already stands)`, { field: 'contractId', rule: 'statement.exists' });
    const lines = Number(ctx.db.prepare('SELECT count(*) FROM charges WHERE contract_id = ?').pluck().get(f.contractId));
    if (lines === 0) fail('RULE', '合同还没有费用，不能出具结算单 (no charges to state)', { field: 'contractId', rule: 'statement.noCharges' });
    if (f.actualAmountFen !== f.totalFen && !f.differenceConfirmed) {
      fail('RULE', '实际发生金额与费用合计不一致：请先采用费用合计作为实际发生金额，或说明差额原因 (settle the actual amount first)',
        { field: 'actualAmountFen', rule: 'statement.actualNotSettled' });
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
    if (!s) fail('NOT_FOUND', '该合同没有有效的费用结算单 (no statement stands)', { field: 'contractId' });
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
    if (!ctx.db.prepare('SELECT 1 FROM contracts WHERE id = ?').get(f.contractId)) fail('NOT_FOUND', `合同 ${f.contractId} 不存在 (contract not found)`, { field: 'contractId' });
    if (ctx.db.prepare('SELECT 1 FROM payments WHERE receipt_number = ?').get(f.receiptNumber)) {
      fail('CONFLICT', `银行回单号 ${f.receiptNumber} 已登记 (receipt already recorded)`, { field: 'receiptNumber', rule: 'payment.receiptUnique' });
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
    if (!p) fail('NOT_FOUND', `到账记录 ${id} 不存在 (payment not found)`, { field: 'id' });
    const submitted = ctx.db.prepare('SELECT submitted_date FROM redemptions WHERE contract_id = ? AND submitted_date IS NOT NULL').pluck().get(p.contractId);
    if (submitted) fail('CONFLICT', `该合同已于 ${String(submitted)} 申请兑现，到账记录不能删除 (redemption applied for)`, { field: 'id', rule: 'payment.redemptionSubmitted' });
    ctx.db.prepare('DELETE FROM payments WHERE id = ?').run(id);
    audit(ctx, 'delete', 'payment', id, { payment: p, reason });
  })();
}
