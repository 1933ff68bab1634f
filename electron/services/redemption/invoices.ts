// Invoices of a contract (code, number, date, amount), optionally linked to an invoice attachment.
import type { z } from 'zod';
import type { Invoice, invoiceInputSchema } from '../../../shared/ipc/redemption';
import { fail } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { assertPacketEditable } from './applications';
import { getAttachmentInfo } from './attachments';
import { loadContract } from './contract-facts';

type InvoiceFields = z.output<typeof invoiceInputSchema>;

const SELECT = `SELECT id, contract_id AS contractId, code, number, issue_date AS issueDate, amount_fen AS amountFen,
  attachment_id AS attachmentId FROM invoices`;

export function listInvoices(ctx: ServiceContext, contractId: number): Invoice[] {
  return ctx.db.prepare(`${SELECT} WHERE contract_id = ? ORDER BY issue_date, code, number`).all(contractId) as Invoice[];
}

function getInvoice(ctx: ServiceContext, id: number): Invoice {
  const row = ctx.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Invoice | undefined;
  if (!row) fail('NOT_FOUND', `发票 ${id} 不存在 (invoice not found)`, { field: 'id' });
  return row;
}

function validate(ctx: ServiceContext, contractId: number, f: InvoiceFields, selfId: number | null): void {
  assertPacketEditable(ctx, contractId, 'invoice');
  if (f.attachmentId !== null && getAttachmentInfo(ctx, f.attachmentId).contractId !== contractId) {
    fail('VALIDATION', '关联的附件不属于本合同 (attachment belongs to another contract)', { field: 'attachmentId' });
  }
  const dup = ctx.db.prepare('SELECT id FROM invoices WHERE code = ? AND number = ? AND id IS NOT ?').pluck().get(f.code, f.number, selfId);
  if (dup !== undefined) {
    fail('CONFLICT', `发票 ${f.code}/${f.number} 已登记 (duplicate invoice code and number)`, { field: 'number' });
  }
}

export function addInvoice(ctx: ServiceContext, contractId: number, f: InvoiceFields): Invoice {
  loadContract(ctx, contractId);
  validate(ctx, contractId, f, null);
  const id = ctx.db.transaction(() => {
    const info = ctx.db.prepare(`INSERT INTO invoices(contract_id, code, number, issue_date, amount_fen, attachment_id)
      VALUES (?, ?, ?, ?, ?, ?)`).run(contractId, f.code, f.number, f.issueDate, f.amountFen, f.attachmentId);
    const newId = Number(info.lastInsertRowid);
    audit(ctx, 'invoice.add', 'invoice', newId, { contractId, ...f });
    return newId;
  })();
  return getInvoice(ctx, id);
}

export function updateInvoice(ctx: ServiceContext, id: number, f: InvoiceFields): Invoice {
  const before = getInvoice(ctx, id);
  validate(ctx, before.contractId, f, id);
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE invoices SET code = ?, number = ?, issue_date = ?, amount_fen = ?, attachment_id = ? WHERE id = ?')
      .run(f.code, f.number, f.issueDate, f.amountFen, f.attachmentId, id);
    audit(ctx, 'invoice.update', 'invoice', id, { before, after: f });
  })();
  return getInvoice(ctx, id);
}

export function removeInvoice(ctx: ServiceContext, id: number): void {
  const before = getInvoice(ctx, id);
  assertPacketEditable(ctx, before.contractId, 'invoice');
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM invoices WHERE id = ?').run(id);
    audit(ctx, 'invoice.remove', 'invoice', id, before);
  })();
}
