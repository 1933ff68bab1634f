// 发票 by their standard: the schema refuses what is not an invoice number; the service refuses a
// date after today or before the contract, and a total above the actual amount without confirmation,
// writing nothing when it refuses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addInvoice, listInvoices, updateInvoice } from '../../electron/services/redemption/invoices';
import { invoiceInputSchema } from '../../shared/ipc/redemption';
import { issuesOfZod } from '../../shared/issues';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { refusal } from '../deals/helpers';
import { insertContract } from '../redemption/fixtures';

let core: TempCore;
beforeEach(() => { core = tempCore(); }); // today: 2025-06-16 Shanghai
afterEach(() => core.cleanup());

const base = { code: '', number: '25112000000012345678', issueDate: '2025-06-10', amountFen: 100 };

describe('invoice schema', () => {
  it.each([
    ['数电发票 20 digits', {}, { code: '', number: '25112000000012345678' }],
    ['税控 10-digit code + 8', { code: '1100231130', number: '01234567' }, { code: '1100231130', number: '01234567' }],
    ['税控 12-digit code + 8', { code: '011002300111', number: '12345678' }, { code: '011002300111', number: '12345678' }],
    ['full-width digits and a zero-width space', { code: '０１１００２３００１１１', number: '1234\u200B5678' }, { code: '011002300111', number: '12345678' }],
  ])('accepts %s', (_n, patch, expected) => {
    expect(invoiceInputSchema.parse({ ...base, ...patch })).toMatchObject(expected);
  });

  it.each([
    ['code abc', { code: 'abc', number: '12345678' }, 'code', 'invoice.codeFormat'],
    ['number 😀😀', { number: '😀😀' }, 'number', 'invoice.numberFormat'],
    ['8-digit number without a code', { number: '12345678' }, 'code', 'invoice.codeRequired'],
    ['20-digit number with a code', { code: '011002300111', number: '25112000000012345678' }, 'number', 'invoice.numberWithCode'],
    ['11-digit code', { code: '01100230011', number: '12345678' }, 'code', 'invoice.codeFormat'],
    ['impossible date', { issueDate: '2025-02-30' }, 'issueDate', null],
    ['zero amount', { amountFen: 0 }, 'amountFen', 'money.positive'],
    ['negative amount', { amountFen: -100 }, 'amountFen', null],
    ['fractional fen', { amountFen: 1.5 }, 'amountFen', null],
  ])('refuses %s', (_n, patch, field, reason) => {
    const r = invoiceInputSchema.safeParse({ ...base, ...patch });
    expect(r.success).toBe(false);
    const issues = issuesOfZod(r.error!);
    expect(issues[0].field).toBe(field);
    if (reason) expect(issues[0].reason).toBe(reason);
  });
});

describe('invoice service', () => {
  const parse = (patch: object) => invoiceInputSchema.parse({ ...base, ...patch });

  it('refuses a date after today and before the signing, both by reason, and writes nothing', () => {
    const { contractId } = insertContract(core.db, { startDate: '2025-05-01' });
    const before = contentHash(core);
    expect(refusal(() => addInvoice(core.ctx, contractId, parse({ issueDate: '2025-06-17' }))))
      .toMatchObject({ code: 'VALIDATION', reason: 'invoice.futureDate', field: 'issueDate', params: { today: '2025-06-16' } });
    expect(refusal(() => addInvoice(core.ctx, contractId, parse({ issueDate: '2025-04-30' }))))
      .toMatchObject({ reason: 'invoice.beforeContract', field: 'issueDate', params: { signedDate: '2025-05-01' } });
    expect(contentHash(core)).toBe(before);
    expect(addInvoice(core.ctx, contractId, parse({ issueDate: '2025-06-16' })).issueDate).toBe('2025-06-16');
    expect(addInvoice(core.ctx, contractId, parse({ number: '25112000000012345679', issueDate: '2025-05-01' })).issueDate).toBe('2025-05-01');
  });

  it('999,999,999,999.00 on a 6万 contract is refused unless confirmed; the confirmation is audited', () => {
    const { contractId } = insertContract(core.db, { amountFen: 6_000_000, actualAmountFen: 6_000_000 });
    addInvoice(core.ctx, contractId, parse({ amountFen: 5_000_000 }));
    const before = contentHash(core);
    const e = refusal(() => addInvoice(core.ctx, contractId, parse({ number: '25112000000000000002', amountFen: 99_999_999_999_900 })));
    expect(e).toMatchObject({ reason: 'invoice.overActual', field: 'amountFen', params: { totalFen: 99_999_999_999_900 + 5_000_000, actualFen: 6_000_000 } });
    expect(contentHash(core)).toBe(before);
    // Exactly the actual amount needs no confirmation.
    const second = addInvoice(core.ctx, contractId, parse({ number: '25112000000000000002', amountFen: 1_000_000 }));
    expect(refusal(() => updateInvoice(core.ctx, second.id, parse({ number: '25112000000000000002', amountFen: 1_000_001 }))).reason).toBe('invoice.overActual');
    updateInvoice(core.ctx, second.id, parse({ number: '25112000000000000002', amountFen: 1_000_001, confirmOverActual: true }));
    expect(listInvoices(core.ctx, contractId).map((i) => i.amountFen).sort()).toEqual([1_000_001, 5_000_000]);
    const details = core.db.prepare("SELECT detail FROM audit_log WHERE action = 'invoice.update' ORDER BY id DESC").pluck().get() as string;
    expect(JSON.parse(details)).toMatchObject({ confirmedOverActual: true });
  });
});
