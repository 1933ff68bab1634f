// Invoices of a contract (code, number, date, amount), optionally linked to an invoice attachment.
import type { z } from 'zod';
import type { Invoice, invoiceInputSchema } from '../../../shared/ipc/redemption';
import { refuse, refuseAll, type FieldIssue } from '../../../shared/result';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { assertPacketEditable } from './applications';
import { getAttachmentInfo } from './attachments';
import { loadContract } from './contract-facts';

/** The confirmation is optional for callers inside the main process (imports, tests). */
type InvoiceFields = Omit<z.output<typeof invoiceInputSchema>, 'confirmOverActual'> & { confirmOverActual?: boolean };

const SELECT = `SELECT id, contract_id AS contractId, code, number, issue_date AS issueDate, amount_fen AS amountFen,
  attachment_id AS attachmentId FROM invoices`;

export function listInvoices(ctx: ServiceContext, contractId: number): Invoice[] {
  return ctx.db.prepare(`${SELECT} WHERE contract_id = ? ORDER BY issue_date, code, number`).all(contractId) as Invoice[];
}

function getInvoice(ctx: ServiceContext, id: number): Invoice {
  const row = ctx.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Invoice | undefined;
  if (!row) refuse('NOT_FOUND', 'invoice.notFound', { field: 'id', params: { id } });
  return row;
}

/**
 * Every problem of the invoice at once: issued between the contract's signing and today (Shanghai),
 * not a duplicate, and the contract's invoices not above its actual amount unless the user confirmed.
 */
function validate(ctx: ServiceContext, contractId: number, f: InvoiceFields, selfId: number | null): void {
  assertPacketEditable(ctx, contractId, 'invoice');
  const contract = loadContract(ctx, contractId);
  const issues: FieldIssue[] = [];
  const today = civilDateInShanghai(ctx.now());
  if (f.issueDate > today) issues.push({ field: 'issueDate', reason: 'invoice.futureDate', params: { today } });
  else if (f.issueDate < contract.signedDate) issues.push({ field: 'issueDate', reason: 'invoice.beforeContract', params: { date: f.issueDate, signedDate: contract.signedDate } });
  if (f.attachmentId !== null && getAttachmentInfo(ctx, f.attachmentId).contractId !== contractId) {
    issues.push({ field: 'attachmentId', reason: 'invoice.attachmentOtherContract' });
  }
  const dup = ctx.db.prepare('SELECT id FROM invoices WHERE code = ? AND number = ? AND id IS NOT ?').pluck().get(f.code, f.number, selfId);
  if (dup !== undefined) issues.push({ field: 'number', reason: 'invoice.duplicate', params: { code: f.code ? `${f.code}/` : '', number: f.number } });
  if (issues.length) refuseAll(issues.some((i) => i.reason === 'invoice.duplicate') && issues.length === 1 ? 'CONFLICT' : 'VALIDATION', issues);
  const actualFen = contract.actualAmountFen ?? contract.amountFen;
  const othersFen = Number(ctx.db.prepare('SELECT coalesce(sum(amount_fen), 0) FROM invoices WHERE contract_id = ? AND id IS NOT ?').pluck().get(contractId, selfId));
  if (othersFen + f.amountFen > actualFen && !f.confirmOverActual) {
    refuse('VALIDATION', 'invoice.overActual', {
      field: 'amountFen', rule: 'invoice.overActual', params: { totalFen: othersFen + f.amountFen, actualFen, needsConfirm: true },
    });
  }
}

export function addInvoice(ctx: ServiceContext, contractId: number, f: InvoiceFields): Invoice {
  loadContract(ctx, contractId);
  const id = ctx.db.transaction(() => {
    validate(ctx, contractId, f, null);
    const info = ctx.db.prepare(`INSERT INTO invoices(contract_id, code, number, issue_date, amount_fen, attachment_id)
      VALUES (?, ?, ?, ?, ?, ?)`).run(contractId, f.code, f.number, f.issueDate, f.amountFen, f.attachmentId);
    const newId = Number(info.lastInsertRowid);
    const { confirmOverActual, ...fields } = f;
    audit(ctx, 'invoice.add', 'invoice', newId, { contractId, ...fields, ...(confirmOverActual ? { confirmedOverActual: true } : {}) });
    return newId;
  })();
  return getInvoice(ctx, id);
}

export function updateInvoice(ctx: ServiceContext, id: number, f: InvoiceFields): Invoice {
  const before = getInvoice(ctx, id);
  ctx.db.transaction(() => {
    validate(ctx, before.contractId, f, id);
    ctx.db.prepare('UPDATE invoices SET code = ?, number = ?, issue_date = ?, amount_fen = ?, attachment_id = ? WHERE id = ?')
      .run(f.code, f.number, f.issueDate, f.amountFen, f.attachmentId, id);
    const { confirmOverActual, ...after } = f;
    audit(ctx, 'invoice.update', 'invoice', id, { before, after, ...(confirmOverActual ? { confirmedOverActual: true } : {}) });
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
