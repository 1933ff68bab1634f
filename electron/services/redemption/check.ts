// 完整性检查: everything a redemption packet lacks or gets wrong, listed at once, each item with
// its rule (and article where a policy rule is involved).
import { ATTACHMENT_KIND_LABELS, type AttachmentKind, type CheckItem, type CheckResult } from '../../../shared/ipc/redemption';
import type { Params } from '../../../shared/result';
import { checkContractVoucherShare, compareCivilDates } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { violationParams } from '../deals/refuse';
import { contractCharges } from '../money/charges';
import { listAttachments } from './attachments';
import { contractProfile, deadlineOf, loadContract } from './contract-facts';
import { listInvoices } from './invoices';
import { recordsOutsidePeriod, serviceRecords } from './service-records';

/** Attachment kinds a packet must contain (invoices are checked through the invoice table too). */
const REQUIRED_KINDS: readonly AttachmentKind[] = ['contract', 'review_form', 'invoice', 'bank_receipt', 'test_report'];

export function checkRedemption(ctx: ServiceContext, contractId: number): CheckResult {
  const c = loadContract(ctx, contractId);
  const profile = contractProfile(c);
  const items: CheckItem[] = [];
  // Each item is a reason code of the renderer's catalog with its params, never prose.
  const add = (code: string, reason: string, params: Params, extra: Partial<CheckItem> = {}) =>
    items.push({ code, severity: 'error', reason, params, ...extra });

  const kinds = new Set(listAttachments(ctx, contractId).map((a) => a.kind));
  // Payments recorded against the contract are the proof of own payment when they cover it.
  const money = contractCharges(ctx, { contractId });
  const ownFen = c.actualAmountFen === null ? null : c.actualAmountFen - c.voucherFen;
  const paidCovers = money.payments.length > 0 && ownFen !== null && money.paidFen >= ownFen;
  if (paidCovers) kinds.add('bank_receipt');
  if (money.payments.length > 0 && ownFen !== null && money.paidFen < ownFen) {
    add('payments.ownShort', 'packet.ownPaymentShort', { paidFen: money.paidFen, ownFen }, { rule: 'packet.ownPayment' });
  }
  if (money.lines.length > 0 && money.differenceFen !== null && money.differenceFen !== 0 && !money.differenceConfirmed) {
    add('charges.difference', 'packet.chargesDifference', { totalFen: money.totalFen, differenceFen: money.differenceFen },
      { rule: 'charges.actualEqualsCharges' });
  }
  for (const kind of REQUIRED_KINDS) {
    const l = ATTACHMENT_KIND_LABELS[kind];
    if (!kinds.has(kind)) add(`missing.${kind}`, 'packet.missingAttachment', { kindZh: l.zh, kindEn: l.en }, { rule: 'packet.attachments' });
  }

  const invoices = listInvoices(ctx, contractId);
  const invoiceFen = invoices.reduce((s, i) => s + i.amountFen, 0);
  if (invoices.length === 0) add('missing.invoiceRecords', 'packet.noInvoices', {}, { rule: 'packet.invoices' });
  if (c.actualAmountFen === null) {
    add('missing.actualAmount', 'packet.noActualAmount', {}, { rule: 'packet.amounts' });
  } else {
    if (invoices.length > 0 && invoiceFen !== c.actualAmountFen) {
      add('invoice.total', 'packet.invoiceTotal', { invoiceFen, actualAmountFen: c.actualAmountFen }, { rule: 'packet.invoiceTotal' });
    }
    const share = checkContractVoucherShare(c.actualAmountFen, c.voucherFen, profile);
    if (!share.ok) {
      for (const v of share.violations) {
        add(`rule.${v.rule}`, v.reason, violationParams(v), { rule: v.rule, article: v.article, document: v.document });
      }
    }
  }
  if (c.vouchers.length === 0) add('missing.vouchers', 'packet.noVouchers', {}, { rule: 'packet.vouchers' });
  if (!c.applicant.bankName || !c.applicant.bankAccount) {
    add('missing.bank', 'packet.noBank', {}, { severity: 'warning', rule: 'packet.bank' });
  }

  const records = serviceRecords(ctx, contractId);
  if (records.length === 0) {
    add('records.none', 'packet.noServiceRecords', {}, { rule: 'packet.serviceRecords' });
  }
  const outside = recordsOutsidePeriod(records, c.startDate, c.endDate);
  if (outside.length > 0) {
    const first = outside[0];
    add('records.outsidePeriod', 'packet.recordsOutsidePeriod',
      { count: outside.length, startDate: c.startDate, endDate: c.endDate, firstStart: first.startAt, firstEnd: first.endAt },
      { rule: 'packet.serviceRecords' });
  }

  const deadline = deadlineOf(ctx, c);
  const submitted = ctx.db.prepare('SELECT submitted_date FROM redemptions WHERE contract_id = ?').pluck().get(contractId) as string | null | undefined;
  const handedIn = submitted ? compareCivilDates(submitted, deadline?.due ?? submitted) <= 0 : false;
  if (deadline && deadline.daysLeft < 0 && !handedIn) {
    add('deadline.passed', 'packet.deadlinePassed', { due: deadline.due, days: -deadline.daysLeft },
      { rule: 'voucher.redemptionWithin', article: deadline.article, document: profile.documentNumber });
  }
  return { complete: !items.some((i) => i.severity === 'error'), items };
}
