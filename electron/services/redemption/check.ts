// 完整性检查: everything a redemption packet lacks or gets wrong, listed at once, each item with
// its rule (and article where a policy rule is involved).
import { ATTACHMENT_KIND_LABELS, type AttachmentKind, type CheckItem, type CheckResult } from '../../../shared/ipc/redemption';
import { checkContractVoucherShare, compareCivilDates, formatYuan } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { contractCharges } from '../money/charges';
import { listAttachments } from './attachments';
import { contractProfile, deadlineOf, loadContract } from './contract-facts';
import { listInvoices } from './invoices';
import { recordsOutsidePeriod, serviceRecords } from './service-records';

/** Attachment kinds a packet must contain (invoices are checked through the invoice table too). */
const REQUIRED_KINDS: readonly AttachmentKind[] = ['contract', 'review_form', 'invoice', 'bank_receipt', 'test_report'];

const yuan = (fen: number) => formatYuan(fen, { withUnit: true });

export function checkRedemption(ctx: ServiceContext, contractId: number): CheckResult {
  const c = loadContract(ctx, contractId);
  const profile = contractProfile(c);
  const items: CheckItem[] = [];
  const add = (code: string, zh: string, en: string, extra: Partial<CheckItem> = {}) =>
    items.push({ code, severity: 'error', message: { zh, en }, ...extra });

  const kinds = new Set(listAttachments(ctx, contractId).map((a) => a.kind));
  // Payments recorded against the contract are the proof of own payment when they cover it.
  const money = contractCharges(ctx, contractId);
  const ownFen = c.actualAmountFen === null ? null : c.actualAmountFen - c.voucherFen;
  const paidCovers = money.payments.length > 0 && ownFen !== null && money.paidFen >= ownFen;
  if (paidCovers) kinds.add('bank_receipt');
  if (money.payments.length > 0 && ownFen !== null && money.paidFen < ownFen) {
    add('payments.ownShort', `已登记到账 ${yuan(money.paidFen)}，少于申领单位自付部分 ${yuan(ownFen)}`,
      `Payments received ${yuan(money.paidFen)} are less than the own part ${yuan(ownFen)}`, { rule: 'packet.ownPayment' });
  }
  if (money.lines.length > 0 && money.differenceFen !== null && money.differenceFen !== 0 && !money.differenceConfirmed) {
    add('charges.difference', `实际发生金额与费用合计 ${yuan(money.totalFen)} 相差 ${yuan(money.differenceFen)}，尚未说明原因`,
      `The actual amount differs from the charges ${yuan(money.totalFen)} by ${yuan(money.differenceFen)} without a reason`, { rule: 'charges.actualEqualsCharges' });
  }
  for (const kind of REQUIRED_KINDS) {
    const l = ATTACHMENT_KIND_LABELS[kind];
    if (!kinds.has(kind)) add(`missing.${kind}`, `缺少附件：${l.zh}`, `Missing attachment: ${l.en}`, { rule: 'packet.attachments' });
  }

  const invoices = listInvoices(ctx, contractId);
  const invoiceFen = invoices.reduce((s, i) => s + i.amountFen, 0);
  if (invoices.length === 0) add('missing.invoiceRecords', '未登记发票（代码、号码、日期、金额）', 'No invoice recorded (code, number, date, amount)', { rule: 'packet.invoices' });
  if (c.actualAmountFen === null) {
    add('missing.actualAmount', '合同实际金额未填写', 'The contract\'s actual amount is not set', { rule: 'packet.amounts' });
  } else {
    if (invoices.length > 0 && invoiceFen !== c.actualAmountFen) {
      add('invoice.total', `发票合计 ${yuan(invoiceFen)} 与实际金额 ${yuan(c.actualAmountFen)} 不一致`,
        `Invoice total ${yuan(invoiceFen)} differs from the actual amount ${yuan(c.actualAmountFen)}`, { rule: 'packet.invoiceTotal' });
    }
    const share = checkContractVoucherShare(c.actualAmountFen, c.voucherFen, profile);
    if (!share.ok) {
      for (const v of share.violations) add(`rule.${v.rule}`, v.message.zh, v.message.en, { rule: v.rule, article: v.article });
    }
  }
  if (c.vouchers.length === 0) add('missing.vouchers', '合同未关联创新券', 'No voucher is linked to the contract', { rule: 'packet.vouchers' });
  if (!c.applicant.bankName || !c.applicant.bankAccount) {
    add('missing.bank', '申领单位开户行或账号未填写', 'Applicant bank name or account missing', { severity: 'warning', rule: 'packet.bank' });
  }

  const records = serviceRecords(ctx, contractId);
  if (records.length === 0) {
    add('records.none', '没有本合同的服务记录（机时）', 'No service records (machine hours) for this contract', { rule: 'packet.serviceRecords' });
  }
  const outside = recordsOutsidePeriod(records, c.startDate, c.endDate);
  if (outside.length > 0) {
    const first = outside[0];
    add('records.outsidePeriod',
      `${outside.length} 条服务记录不在合同期 ${c.startDate} 至 ${c.endDate} 内（如 ${first.startAt}～${first.endAt}）`,
      `${outside.length} service record(s) outside the contract period ${c.startDate} to ${c.endDate} (e.g. ${first.startAt}–${first.endAt})`,
      { rule: 'packet.serviceRecords' });
  }

  const deadline = deadlineOf(ctx, c);
  const submitted = ctx.db.prepare('SELECT submitted_date FROM redemptions WHERE contract_id = ?').pluck().get(contractId) as string | null | undefined;
  const handedIn = submitted ? compareCivilDates(submitted, deadline?.due ?? submitted) <= 0 : false;
  if (deadline && deadline.daysLeft < 0 && !handedIn) {
    add('deadline.passed', `申请兑现期限 ${deadline.due} 已过（逾期 ${-deadline.daysLeft} 天），创新券作废且不计入年度额度`,
      `The redemption deadline ${deadline.due} has passed (${-deadline.daysLeft} days ago): the voucher is void`,
      { rule: 'voucher.redemptionWithin', article: deadline.article });
  }
  return { complete: !items.some((i) => i.severity === 'error'), items };
}
