// Shanghai orders (沪科规〔2025〕6号): the states of 第十条/第十一条 and the per-order and annual
// voucher limits of 第二条. Every refusal names its rule; the article comes from the profile.

import type { PolicyProfile } from '../policy/profile';
import type { ApplicantKind } from '../policy/vocabulary';
import { formatYuan, type Fen } from './money';
import { floorShare, formatRatio, isWithinShare } from './ratio';
import type { LocalizedText } from './text';
import { invalidAmount, OK, resultOf, violation, type RuleResult, type Violation } from './violations';
import { checkAnnualQuota } from './voucher-checks';

export const ORDER_STATUSES = [
  'placed', 'accepted', 'completed', 'evaluated', 'uploaded', 'verified', 'notice', 'paid', 'rejected', 'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * States in which no service is given on an order (第十条: service follows the institution's
 * acceptance; a cancelled or refused order has none). Bookings and usage records are refused on them.
 */
export const ORDER_STATES_WITHOUT_SERVICE: readonly OrderStatus[] = ['placed', 'cancelled', 'rejected'];

export const ORDER_STATUS_LABELS: Readonly<Record<OrderStatus, LocalizedText>> = {
  placed: { zh: '已下单', en: 'Ordered' },
  accepted: { zh: '已接单', en: 'Accepted' },
  completed: { zh: '服务完成', en: 'Service completed' },
  evaluated: { zh: '已评价', en: 'Evaluated' },
  uploaded: { zh: '材料已上传', en: 'Materials uploaded' },
  verified: { zh: '核验通过', en: 'Verified' },
  notice: { zh: '公示中', en: 'In public notice' },
  paid: { zh: '已兑付', en: 'Paid' },
  rejected: { zh: '不予兑付', en: 'Refused' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

/** The one path of 第十条 and 第十一条, with the two ways out. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  placed: ['accepted', 'cancelled'],
  accepted: ['completed', 'cancelled'],
  completed: ['evaluated'],
  evaluated: ['uploaded'],
  uploaded: ['verified', 'rejected'],
  verified: ['notice'],
  notice: ['paid', 'rejected'],
  paid: [],
  rejected: [],
  cancelled: [],
};

/** Orders in these states no longer use quota. */
export const ORDER_RELEASED_STATES: readonly OrderStatus[] = ['rejected', 'cancelled'];

export const PAYOUT_PARTIES = ['enterprise', 'institution'] as const;
export type PayoutParty = (typeof PAYOUT_PARTIES)[number];
export const PAYOUT_PARTY_LABELS: Readonly<Record<PayoutParty, LocalizedText>> = {
  enterprise: { zh: '企业（团队）兑付', en: 'Paid to the enterprise (team)' },
  institution: { zh: '服务机构兑付', en: 'Paid to the service institution' },
};

/** The two parties of an order by name (who uploads the materials, 第十一条). */
export const ORDER_PARTY_NAMES: Readonly<Record<PayoutParty, LocalizedText>> = {
  enterprise: { zh: '企业（团队）', en: 'the enterprise (team)' },
  institution: { zh: '服务机构', en: 'the service institution' },
};

/** Notes the desk writes on an order step itself: a code and its params, worded where shown. */
export const ORDER_EVENT_NOTE_CODES = ['orderEvent.uploadedBy', 'orderEvent.chargesAdopted', 'orderEvent.quoteAdopted'] as const;
export type OrderEventNoteCode = (typeof ORDER_EVENT_NOTE_CODES)[number];

/**
 * Events that change the order's total without moving it to another state (the charges or a quote
 * adopted as the total): they are in the history, but the next step's date is not held to theirs.
 */
export const ORDER_AMOUNT_EVENT_CODES: readonly OrderEventNoteCode[] = ['orderEvent.chargesAdopted', 'orderEvent.quoteAdopted'];

/** True for an event that is a step of the order (a state change), false for an amount event. */
export const isOrderStep = (e: { noteCode: OrderEventNoteCode | null }): boolean => e.noteCode === null || !ORDER_AMOUNT_EVENT_CODES.includes(e.noteCode);

const yuanText = (fen: unknown) => (typeof fen === 'number' ? formatYuan(fen) : '');

/** The Chinese wording of a desk note, for the documents (the renderer words it in either language). */
export function orderEventNoteZh(code: OrderEventNoteCode, params: Record<string, string | number>): string {
  switch (code) {
    case 'orderEvent.uploadedBy': return `${ORDER_PARTY_NAMES[params.party as PayoutParty]?.zh ?? ''}上传兑付材料`;
    case 'orderEvent.chargesAdopted': return `订单总额按费用合计确定：${yuanText(params.beforeFen)} 元 → ${yuanText(params.afterFen)} 元`;
    case 'orderEvent.quoteAdopted': return `订单总额采用报价单 ${params.number ?? ''}：${yuanText(params.beforeFen)} 元 → ${yuanText(params.afterFen)} 元`;
  }
}

/** The largest voucher amount of an order of this total: the share, rounded down to the fen. */
export function maxVoucherForOrder(totalFen: Fen, profile: PolicyProfile): Fen {
  return floorShare(totalFen, profile.contractVoucherShareMax);
}

/** Voucher amount ≤ share × order total, exactly (10,000.01元 allows 5,000.00元, never 5,000.01元). */
export function checkOrderVoucherShare(totalFen: Fen, voucherFen: Fen, profile: PolicyProfile): RuleResult {
  const bad = [invalidAmount(profile, 'totalFen', totalFen), invalidAmount(profile, 'voucherFen', voucherFen)]
    .filter((v): v is Violation => v !== null);
  if (bad.length > 0) return resultOf(bad);
  const share = profile.contractVoucherShareMax;
  if (isWithinShare(voucherFen, totalFen, share)) return OK;
  const maxFen = maxVoucherForOrder(totalFen, profile);
  return resultOf([
    violation(profile, 'order.voucherShare', { field: 'voucherFen', params: { totalFen, voucherFen, maxFen, share: formatRatio(share) } }),
  ]);
}

/** used + this order's voucher amount ≤ the annual quota (enterprise 30万, team 10万), 第二条. */
export function checkOrderAnnualQuota(kind: ApplicantKind, usedFen: Fen, voucherFen: Fen, profile: PolicyProfile): RuleResult {
  const r = checkAnnualQuota(kind, usedFen, voucherFen, profile);
  if (r.ok) return r;
  return resultOf(r.violations.map((v) => (v.rule === 'voucher.annualQuota'
    ? violation(profile, 'order.annualQuota', { field: 'voucherFen', params: v.params })
    : { ...v, field: 'voucherFen' })));
}

/** 第十二条: no 关联交易 and no 转包; both are declared on the order and refused when set. */
export function checkOrderDealings(f: { relatedParty: boolean; subcontracted: boolean }, profile: PolicyProfile): RuleResult {
  const out: Violation[] = [];
  if (f.relatedParty) {
    out.push(violation(profile, 'order.relatedParty', { field: 'relatedParty' }));
  }
  if (f.subcontracted) {
    out.push(violation(profile, 'order.subcontract', { field: 'subcontracted' }));
  }
  return resultOf(out);
}
