// Due soon: vouchers to register, vouchers about to expire, contracts whose redemption window
// closes, a window at a time. Each (profile, kind) is one stream read from its partial index in
// date order: a deadline is the event date plus the profile's period (strict calendar dates), so
// the date window whose deadlines fall in [today, today + n] is exact and the event's order is
// the deadline's order. The streams are counted in SQL and merged here by (deadline, kind);
// only the rows of the window asked for are read in full and judged by the policy engine.
import type { DueItem, DueKind, DueSoonPage, DueSoonQuery } from '../../../shared/ipc/deals';
import { listProfiles, type PolicyProfile } from '../../../shared/policy';
import { addDays, addMonths, civilDateInShanghai, compareCivilDates, diffDays, redemptionApplyBy, type CivilDate, type HolidayCalendar } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { loadHolidayCalendar } from '../holidays';
import { statusOf, voucherSelect, type VoucherDbRow } from './voucher-status';

// Month-end clamping (11-29, 11-30 → 02-28) maps a few event days onto the same due date.
const MONTH_CLAMP_SLACK_DAYS = 3;

/** The event dates whose `months` period ends within [from, to] (addMonths is monotone). */
export function monthWindow(from: CivilDate, to: CivilDate, months: number): [CivilDate, CivilDate] {
  let lo = addDays(addMonths(from, -months), -MONTH_CLAMP_SLACK_DAYS);
  while (compareCivilDates(addMonths(lo, months), from) < 0) lo = addDays(lo, 1);
  let hi = addDays(addMonths(to, -months), MONTH_CLAMP_SLACK_DAYS);
  while (compareCivilDates(addMonths(hi, months), to) > 0) hi = addDays(hi, -1);
  return [lo, hi];
}

const TITLES: Record<DueKind, (n: string) => DueItem['title']> = {
  voucher_register: (n) => ({ zh: `创新券 ${n} 须登记`, en: `Register voucher ${n}` }),
  voucher_expiry: (n) => ({ zh: `创新券 ${n} 即将到期`, en: `Voucher ${n} expires` }),
  contract_redemption: (n) => ({ zh: `合同 ${n} 须申请兑现`, en: `Apply for redemption of contract ${n}` }),
};
const VOUCHER_RULE: Partial<Record<DueKind, string>> = { voucher_register: 'voucher.registerWithin', voucher_expiry: 'voucher.validity' };
/** Kinds in the order items of the same deadline are listed. */
const KIND_RANK: Record<DueKind, number> = { contract_redemption: 0, voucher_expiry: 1, voucher_register: 2 };

/** One (profile, kind) stream: its FROM … WHERE over a partial index, its date column and bindings. */
interface Stream {
  kind: DueKind;
  profile: PolicyProfile;
  /** `FROM … WHERE …` of the stream; `e` is the event date column whose order is the deadline's. */
  from: string;
  e: string;
  id: string;
  params: unknown[];
  due(event: CivilDate): CivilDate;
}

function streams(p: PolicyProfile, today: CivilDate, last: CivilDate): Stream[] {
  const out: Stream[] = [];
  // A cross-region voucher follows the windows of the region that issued it (none held here).
  if (p.registerWithinDays !== null) {
    const n = p.registerWithinDays;
    // registerBy = claim + n ∈ [today, last]  ⇔  claim ∈ [today − n, last − n]
    out.push({
      kind: 'voucher_register', profile: p, e: 'v.claim_date', id: 'v.id', due: (e) => addDays(e, n),
      from: `FROM vouchers v INDEXED BY vouchers_due_register
        WHERE v.profile_id = ? AND v.registered_date IS NULL AND v.voided_at IS NULL AND v.claim_date BETWEEN ? AND ?
          AND v.cross_region IS NULL`,
      params: [p.id, addDays(today, -n), addDays(last, -n)],
    });
  }
  if (p.validityMonths !== null) {
    const m = p.validityMonths;
    // Registered in time and not yet used up: no contract of it has ended (its next deadline is then
    // the redemption's) and no redemption of it is applied for (redeemed).
    out.push({
      kind: 'voucher_expiry', profile: p, e: 'v.registered_date', id: 'v.id', due: (e) => addMonths(e, m),
      from: `FROM vouchers v INDEXED BY vouchers_due_validity
        WHERE v.profile_id = ? AND v.registered_date IS NOT NULL AND v.voided_at IS NULL AND v.registered_date BETWEEN ? AND ?
          AND v.registered_date <= ? AND v.cross_region IS NULL
          ${p.registerWithinDays !== null ? `AND v.registered_date <= date(v.claim_date, '+${p.registerWithinDays} days')` : ''}
          AND NOT EXISTS (SELECT 1 FROM contract_vouchers cv JOIN contracts c ON c.id = cv.contract_id
            WHERE cv.voucher_id = v.id AND c.status <> 'void' AND c.end_date <= ?)
          AND NOT EXISTS (SELECT 1 FROM contract_vouchers cv JOIN redemptions r ON r.contract_id = cv.contract_id
            WHERE cv.voucher_id = v.id AND r.submitted_date <= ?)`,
      params: [p.id, ...monthWindow(today, last, m), today, today, today],
    });
  }
  if (p.redemptionWithinMonths !== null) {
    const m = p.redemptionWithinMonths;
    // Voucher contracts not yet applied for.
    out.push({
      kind: 'contract_redemption', profile: p, e: 'c.end_date', id: 'c.id', due: (e) => addMonths(e, m),
      from: `FROM contracts c INDEXED BY contracts_due_redemption
        WHERE c.profile_id = ? AND c.status <> 'void' AND c.end_date BETWEEN ? AND ?
          AND EXISTS (SELECT 1 FROM contract_vouchers cv WHERE cv.contract_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.contract_id = c.id AND r.submitted_date IS NOT NULL)`,
      params: [p.id, ...monthWindow(today, last, m)],
    });
  }
  return out;
}

interface Head { stream: number; id: number; e: CivilDate; due: CivilDate }

function compareHeads(a: Head, b: Head, all: Stream[]): number {
  return compareCivilDates(a.due, b.due) || KIND_RANK[all[a.stream].kind] - KIND_RANK[all[b.stream].kind]
    || a.stream - b.stream || compareCivilDates(a.e, b.e) || a.id - b.id;
}

function voucherItem(row: VoucherDbRow, kind: DueKind, today: CivilDate, cal: HolidayCalendar): DueItem {
  const s = statusOf(row, today, cal);
  // The stream's SQL and the engine decide the same set; a difference is a defect, not a row to drop.
  if (!s.next || s.next.rule !== VOUCHER_RULE[kind] || s.daysRemaining === null) {
    throw new Error(`due soon: voucher ${row.id} is not ${kind} by the engine`);
  }
  return {
    kind, title: TITLES[kind](row.number), number: row.number, deadline: s.next.due, daysLeft: s.daysRemaining, rule: s.next.rule,
    article: s.next.article, applicantName: row.applicantName, link: { page: 'vouchers', id: row.id },
  };
}

interface ContractRow { id: number; number: string; endDate: string; applicantName: string }

function contractItem(c: ContractRow, p: PolicyProfile, today: CivilDate, cal: HolidayCalendar): DueItem {
  const d = redemptionApplyBy(c.endDate, p, cal);
  if (!d) throw new Error(`due soon: contract ${c.id} has no redemption deadline`);
  return {
    kind: 'contract_redemption', title: TITLES.contract_redemption(c.number), number: c.number, deadline: d.due, daysLeft: diffDays(today, d.due),
    rule: d.rule, article: d.article, applicantName: c.applicantName, link: { page: 'contracts', id: c.id },
  };
}

/**
 * A window of everything due within `withinDays` of today (today itself = 0 days left), most
 * urgent first (`dir: 'desc'`: latest first), and how many items there are in all.
 */
export function dueSoon(ctx: ServiceContext, input: DueSoonQuery): DueSoonPage {
  const today = civilDateInShanghai(ctx.now());
  const last = addDays(today, input.withinDays);
  const desc = input.dir === 'desc';
  const all = listProfiles().flatMap((p) => streams(p, today, last));
  let total = 0;
  const runs: Head[][] = [];
  const need = input.offset + input.limit;
  all.forEach((s, i) => {
    total += (ctx.db.prepare(`SELECT count(*) AS n ${s.from}`).get(...s.params) as { n: number }).n;
    const order = desc ? 'DESC' : 'ASC';
    const rows = ctx.db.prepare(`SELECT ${s.id} AS id, ${s.e} AS e ${s.from} ORDER BY ${s.e} ${order}, ${s.id} ${order} LIMIT ?`)
      .all(...s.params, need) as { id: number; e: string }[];
    runs.push(rows.map((r) => ({ stream: i, id: r.id, e: r.e, due: s.due(r.e) })));
  });
  // Merge the streams (each already in its order) and keep the window.
  const sign = desc ? -1 : 1;
  const pos = runs.map(() => 0);
  const window: Head[] = [];
  for (let k = 0; k < need; k++) {
    let best = -1;
    for (let i = 0; i < runs.length; i++) {
      if (pos[i] < runs[i].length && (best < 0 || sign * compareHeads(runs[i][pos[i]], runs[best][pos[best]], all) < 0)) best = i;
    }
    if (best < 0) break;
    const h = runs[best][pos[best]++];
    if (k >= input.offset) window.push(h);
  }
  // Read the window's rows in full, one statement per stream, and word them in the window's order.
  const cal = loadHolidayCalendar(ctx);
  const byStream = new Map<number, number[]>();
  for (const h of window) byStream.set(h.stream, [...(byStream.get(h.stream) ?? []), h.id]);
  const items = new Map<string, DueItem>();
  for (const [i, ids] of byStream) {
    const s = all[i];
    const marks = ids.map(() => '?').join(', ');
    if (s.kind === 'contract_redemption') {
      const rows = ctx.db.prepare(`SELECT c.id, c.number, c.end_date AS endDate, a.name AS applicantName
          FROM contracts c JOIN applicants a ON a.id = c.applicant_id WHERE c.id IN (${marks})`).all(...ids) as ContractRow[];
      for (const r of rows) items.set(`${i}:${r.id}`, contractItem(r, s.profile, today, cal));
    } else {
      const rows = ctx.db.prepare(`${voucherSelect()} WHERE v.id IN (${marks})`).all(...ids) as VoucherDbRow[];
      for (const r of rows) items.set(`${i}:${r.id}`, voucherItem(r, s.kind, today, cal));
    }
  }
  return { rows: window.map((h) => items.get(`${h.stream}:${h.id}`)!), total, today };
}
