// Invoices for completed contracts and redemption applications for completed voucher contracts,
// filed within the redemption period; older ones have moved on to approved and paid.

import { addDays, diffDays, redemptionApplyBy } from '../../../shared/rules';
import { policyOn, type DealTotals } from './deals';
import { instantOn, type World } from './world';

/** Share of completed voucher contracts whose holder never applied (void, not counted in the quota). */
const MISSED_SHARE = 0.04;
const REVIEW_DAYS = 30;
const PAYMENT_DAYS = 30;

export function generateRedemptions(w: World, deals: DealTotals): { redemptions: number; invoices: number } {
  const { rng, db } = w;
  const today = w.options.today;
  const insInvoice = db.prepare('INSERT INTO invoices(contract_id, code, number, issue_date, amount_fen) VALUES (?, ?, ?, ?, ?)');
  const insRedemption = db.prepare(`INSERT INTO redemptions(id, contract_id, status, voucher_amount_fen, own_payment_fen, results_text,
    submitted_date, approved_date, paid_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insEvent = db.prepare('INSERT INTO redemption_events(redemption_id, status, date, note, created_at) VALUES (?, ?, ?, ?, ?)');
  let invoices = 0;
  for (const c of deals.completed) {
    if (c.actualFen <= 0) continue;
    const issued = addDays(c.endDate, rng.int(0, 5));
    invoices++;
    insInvoice.run(c.id, `0110${issued.slice(0, 4)}${issued.slice(5, 7)}00`, String(invoices).padStart(8, '0'),
      issued > today ? today : issued, c.actualFen);
  }
  let redemptions = 0;
  for (const vc of deals.voucherContracts) {
    if (vc.actualFen === null || vc.voucherSumFen === 0 || rng.chance(MISSED_SHARE)) continue;
    const due = redemptionApplyBy(vc.endDate, policyOn(vc.endDate))!.due;
    const submitted = addDays(vc.endDate, rng.int(1, Math.max(1, diffDays(vc.endDate, due))));
    if (submitted > today) continue;
    const approved = addDays(submitted, rng.int(10, REVIEW_DAYS));
    const paid = addDays(approved, rng.int(10, PAYMENT_DAYS));
    const status = paid <= today ? 'paid' : approved <= today ? 'approved' : 'submitted';
    const id = ++redemptions;
    insRedemption.run(id, vc.contractId, status, vc.voucherSumFen, vc.actualFen - vc.voucherSumFen, '完成委托测试，数据已用于产品研发',
      submitted, status !== 'submitted' ? approved : null, status === 'paid' ? paid : null, instantOn(submitted), instantOn(today));
    insEvent.run(id, 'submitted', submitted, '', instantOn(submitted));
    if (status !== 'submitted') insEvent.run(id, 'approved', approved, '', instantOn(approved));
    if (status === 'paid') insEvent.run(id, 'paid', paid, '', instantOn(paid));
  }
  return { redemptions, invoices };
}
