import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeIssue } from '../../renderer/src/i18n-errors';
import { MESSAGES } from '../../renderer/src/i18n-messages';
import { openRedemption, transitionRedemption } from '../../electron/services/redemption/applications';
import { addAttachment } from '../../electron/services/redemption/attachments';
import { checkRedemption } from '../../electron/services/redemption/check';
import { addInvoice } from '../../electron/services/redemption/invoices';
import { ATTACHMENT_KINDS } from '../../shared/ipc/redemption';
import { tempCore, type TempCore } from '../helpers/db';
import { insertContract, type ContractOptions } from './fixtures';
import { pdfDocument } from '../fixtures/documents';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

/** A contract with every attachment and an invoice matching the actual amount: complete. */
function completeContract(o: ContractOptions = {}): number {
  const { contractId } = insertContract(core.db, o);
  for (const kind of ATTACHMENT_KINDS) {
    addAttachment(core.ctx, { contractId, kind, fileName: `${kind}.pdf`, dataBase64: pdfDocument(kind).toString('base64') });
  }
  const actual = o.actualAmountFen === undefined ? 6_000_000 : o.actualAmountFen ?? 1;
  addInvoice(core.ctx, contractId, { code: '0110023001', number: String(contractId).padStart(8, '0'), issueDate: '2025-06-10', amountFen: actual, attachmentId: null });
  return contractId;
}

const codes = (contractId: number) => checkRedemption(core.ctx, contractId).items.map((i) => i.code).sort();

describe('redemption:check', () => {
  it('passes a complete packet', () => {
    const id = completeContract();
    expect(checkRedemption(core.ctx, id)).toEqual({ complete: true, items: [] });
  });

  it('lists every missing item of an empty contract at once', () => {
    const { contractId } = insertContract(core.db, { usage: [], vouchersFen: [], bank: false });
    expect(codes(contractId)).toEqual([
      'missing.bank', 'missing.bank_receipt', 'missing.contract', 'missing.invoice', 'missing.invoiceRecords',
      'missing.review_form', 'missing.test_report', 'missing.vouchers', 'records.none',
    ]);
    const bank = checkRedemption(core.ctx, contractId).items.find((i) => i.code === 'missing.bank');
    expect(bank?.severity).toBe('warning');
  });

  it.each([
    { name: 'invoice total differs from the actual amount', setup: (id: number) => addInvoice(core.ctx, id, { code: '9', number: '9', issueDate: '2025-06-10', amountFen: 1, attachmentId: null, confirmOverActual: true }), opts: {}, code: 'invoice.total' },
    { name: 'voucher above half of the actual amount (one fen over)', setup: () => undefined, opts: { actualAmountFen: 5_999_998, vouchersFen: [3_000_000] }, code: 'rule.voucher.contractShare', article: '第十二条' },
    { name: 'service record before the contract start', setup: () => undefined, opts: { usage: [['2025-04-30T09:00', '2025-04-30T10:00']] as [string, string][] }, code: 'records.outsidePeriod' },
    { name: 'service record past 24:00 of the last day', setup: () => undefined, opts: { usage: [['2025-06-10T22:00', '2025-06-11T01:00']] as [string, string][] }, code: 'records.outsidePeriod' },
    { name: 'no service records', setup: () => undefined, opts: { usage: [] as [string, string][] }, code: 'records.none' },
    { name: 'actual amount missing', setup: () => undefined, opts: { actualAmountFen: null }, code: 'missing.actualAmount' },
    { name: 'redemption deadline passed', setup: () => undefined, opts: { startDate: '2025-04-01', endDate: '2025-05-10' }, code: 'deadline.passed', article: '第十五条' },
  ])('reports $name', ({ setup, opts, code, article }) => {
    const id = completeContract(opts);
    setup(id);
    const { complete, items } = checkRedemption(core.ctx, id);
    expect(complete).toBe(false);
    const item = items.find((i) => i.code === code);
    expect(item, JSON.stringify(items)).toBeDefined();
    // A reason code of the catalog with its params, worded in both languages (no Chinese in English).
    expect(MESSAGES[item?.reason ?? '']?.zh, item?.reason).toBeTruthy();
    expect(describeIssue(item ?? {}, 'en')).not.toMatch(/\p{Script=Han}/u);
    if (article) expect(item?.article).toBe(article);
  });

  it('accepts exactly half and a slot ending at 24:00 of the last day', () => {
    const id = completeContract({ actualAmountFen: 6_000_000, vouchersFen: [3_000_000], usage: [['2025-06-10T20:00', '2025-06-11T00:00']] });
    expect(checkRedemption(core.ctx, id).items).toEqual([]);
  });

  it('does not flag the deadline once the application was submitted in time', () => {
    core.setNow('2025-06-20T02:00:00.000Z');
    const id = completeContract({ endDate: '2025-06-10' });
    openRedemption(core.ctx, id);
    transitionRedemption(core.ctx, { contractId: id, to: 'submitted', note: '' });
    core.setNow('2025-08-01T02:00:00.000Z');
    expect(codes(id)).toEqual([]);
  });
});
