// Due soon: vouchers to register, vouchers about to expire, contracts whose redemption window
// closes. Candidates come from indexed date windows in SQL (per profile, since periods differ);
// the policy engine then decides each candidate's exact deadline.
import type { DueItem, DueKind } from '../../../shared/ipc/deals';
import { listProfiles, type PolicyProfile } from '../../../shared/policy';
import { addDays, addMonths, civilDateInShanghai, diffDays, redemptionApplyBy, type HolidayCalendar } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { loadHolidayCalendar } from '../holidays';
import { statusOf, voucherSelect, type VoucherDbRow } from './voucher-status';

// Month-end clamping (11-29, 11-30 → 02-28) lets a few days earlier map onto the same due date.
const MONTH_CLAMP_SLACK_DAYS = 3;

/** Event dates whose `months` period ends within [from, to], widened for month-end clamping. */
function monthWindow(from: string, to: string, months: number): [string, string] {
  return [addDays(addMonths(from, -months), -MONTH_CLAMP_SLACK_DAYS), addDays(addMonths(to, -months), MONTH_CLAMP_SLACK_DAYS)];
}

const VOUCHER_KIND: Record<string, DueKind> = {
  'voucher.registerWithin': 'voucher_register',
  'voucher.validity': 'voucher_expiry',
};

const TITLES: Record<DueKind, (n: string) => DueItem['title']> = {
  voucher_register: (n) => ({ zh: `创新券 ${n} 须登记`, en: `Register voucher ${n}` }),
  voucher_expiry: (n) => ({ zh: `创新券 ${n} 即将到期`, en: `Voucher ${n} expires` }),
  contract_redemption: (n) => ({ zh: `合同 ${n} 须申请兑现`, en: `Apply for redemption of contract ${n}` }),
};

function voucherItems(ctx: ServiceContext, p: PolicyProfile, today: string, last: string, cal: HolidayCalendar): DueItem[] {
  const rows: VoucherDbRow[] = [];
  if (p.registerWithinDays !== null) {
    // registerBy = claim + n days ∈ [today, last]  ⇔  claim ∈ [today − n, last − n]
    rows.push(...(ctx.db.prepare(`${voucherSelect('vouchers_due_register')}
        WHERE v.profile_id = ? AND v.registered_date IS NULL AND v.voided_at IS NULL AND v.claim_date BETWEEN ? AND ?`)
      .all(p.id, addDays(today, -p.registerWithinDays), addDays(last, -p.registerWithinDays)) as VoucherDbRow[]));
  }
  if (p.validityMonths !== null) {
    rows.push(...(ctx.db.prepare(`${voucherSelect('vouchers_due_validity')}
        WHERE v.profile_id = ? AND v.registered_date IS NOT NULL AND v.voided_at IS NULL AND v.registered_date BETWEEN ? AND ?`)
      .all(p.id, ...monthWindow(today, last, p.validityMonths)) as VoucherDbRow[]));
  }
  const items: DueItem[] = [];
  for (const row of rows) {
    const s = statusOf(row, today, cal);
    const kind = s.next ? VOUCHER_KIND[s.next.rule] : undefined;
    if (!s.next || !kind || s.daysRemaining === null || s.daysRemaining < 0 || s.next.due > last) continue;
    items.push({
      kind, title: TITLES[kind](row.number), number: row.number, deadline: s.next.due, daysLeft: s.daysRemaining, rule: s.next.rule,
      article: s.next.article, applicantName: row.applicantName, link: { page: 'vouchers', id: row.id },
    });
  }
  return items;
}

interface ContractCandidate { id: number; number: string; endDate: string; applicantName: string }

function contractItems(ctx: ServiceContext, p: PolicyProfile, today: string, last: string, cal: HolidayCalendar): DueItem[] {
  if (p.redemptionWithinMonths === null) return [];
  // Voucher contracts not yet applied for; the rule's window is computed by the engine below.
  const rows = ctx.db.prepare(`SELECT c.id, c.number, c.end_date AS endDate, a.name AS applicantName
      FROM contracts c INDEXED BY contracts_due_redemption JOIN applicants a ON a.id = c.applicant_id
      WHERE c.profile_id = ? AND c.status <> 'void' AND c.end_date BETWEEN ? AND ?
        AND EXISTS (SELECT 1 FROM contract_vouchers cv WHERE cv.contract_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.contract_id = c.id AND r.submitted_date IS NOT NULL)`)
    .all(p.id, ...monthWindow(today, last, p.redemptionWithinMonths)) as ContractCandidate[];
  const items: DueItem[] = [];
  for (const c of rows) {
    const d = redemptionApplyBy(c.endDate, p, cal);
    if (!d || d.due < today || d.due > last) continue;
    items.push({
      kind: 'contract_redemption', title: TITLES.contract_redemption(c.number), number: c.number, deadline: d.due, daysLeft: diffDays(today, d.due),
      rule: d.rule, article: d.article, applicantName: c.applicantName, link: { page: 'contracts', id: c.id },
    });
  }
  return items;
}

/** Everything due within `withinDays` of today (today itself = 0 days left), most urgent first. */
export function dueSoon(ctx: ServiceContext, input: { withinDays: number }): { items: DueItem[]; today: string } {
  const today = civilDateInShanghai(ctx.now());
  const last = addDays(today, input.withinDays);
  const cal = loadHolidayCalendar(ctx);
  const items = listProfiles().flatMap((p) => [...voucherItems(ctx, p, today, last, cal), ...contractItems(ctx, p, today, last, cal)]);
  items.sort((a, b) => a.daysLeft - b.daysLeft || a.kind.localeCompare(b.kind) || a.title.zh.localeCompare(b.title.zh));
  return { items, today };
}
