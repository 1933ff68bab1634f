// The record charges, statements and payments belong to: a Beijing contract or a Shanghai order.
// An order's total plays the part of a contract's 实际发生金额; the voucher share is checked by the
// rule of the owner's kind (京 第十二条 on the contract, 沪 第二条 on the order).
import type { OwnerRef } from '../../../shared/ipc/money';
import type { PolicyProfile } from '../../../shared/policy';
import { refuse } from '../../../shared/result';
import {
  checkContractVoucherShare, checkOrderVoucherShare, maxVoucherForContract, maxVoucherForOrder, ORDER_STATUS_LABELS, type OrderStatus, type RuleResult,
} from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { storedProfile } from '../deals/refuse';
import { stmt } from '../bookings/statements';

type Ctx = Pick<ServiceContext, 'db'>;

export type ChargeOwner = { kind: 'contract'; id: number } | { kind: 'order'; id: number };

export function ownerOf(ref: OwnerRef): ChargeOwner {
  if (ref.contractId !== undefined && ref.orderId === undefined) return { kind: 'contract', id: ref.contractId };
  if (ref.orderId !== undefined && ref.contractId === undefined) return { kind: 'order', id: ref.orderId };
  refuse('VALIDATION', 'charges.oneOwner', { field: 'contractId' });
}

/** The owner's column in charges, statements, payments, amount_confirmations and usage_logs (a fixed name, never input). */
export function ownerColumn(o: ChargeOwner): 'contract_id' | 'order_id' {
  return o.kind === 'contract' ? 'contract_id' : 'order_id';
}

/** The IPC form of an owner: the one id set. */
export function ownerRef(o: ChargeOwner): { contractId: number | null; orderId: number | null } {
  return o.kind === 'contract' ? { contractId: o.id, orderId: null } : { contractId: null, orderId: o.id };
}

export interface OwnerHead {
  owner: ChargeOwner;
  number: string;
  applicantId: number;
  applicantName: string;
  /** 实际发生金额 of a contract (null while not set); the total of an order. */
  actualAmountFen: number | null;
  amountFen: number;
  profileId: string;
  status: string;
  voucherFen: number;
  /** 长三角 / 京津冀 orders are not judged by the local profile. */
  crossRegion: boolean;
  payoutParty: 'enterprise' | 'institution' | null;
}

export function ownerHead(ctx: Ctx, o: ChargeOwner): OwnerHead {
  if (o.kind === 'contract') {
    const c = stmt(ctx.db, `SELECT c.number, c.applicant_id AS applicantId, a.name AS applicantName, c.actual_amount_fen AS actualAmountFen,
        c.amount_fen AS amountFen, c.profile_id AS profileId, c.status,
        (SELECT coalesce(sum(amount_fen), 0) FROM contract_vouchers WHERE contract_id = c.id) AS voucherFen
      FROM contracts c JOIN applicants a ON a.id = c.applicant_id WHERE c.id = ?`).get(o.id) as Omit<OwnerHead, 'owner' | 'crossRegion' | 'payoutParty'> | undefined;
    if (!c) refuse('NOT_FOUND', 'contract.notFound', { field: 'contractId', params: { id: o.id } });
    return { ...c, owner: o, crossRegion: false, payoutParty: null };
  }
  const r = stmt(ctx.db, `SELECT o.number, o.applicant_id AS applicantId, a.name AS applicantName, o.total_fen AS amountFen, o.profile_id AS profileId,
      o.status, o.voucher_fen AS voucherFen, o.cross_region AS crossRegion, o.payout_party AS payoutParty
    FROM orders o JOIN applicants a ON a.id = o.applicant_id WHERE o.id = ?`).get(o.id) as
    (Omit<OwnerHead, 'owner' | 'crossRegion' | 'actualAmountFen'> & { crossRegion: string | null }) | undefined;
  if (!r) refuse('NOT_FOUND', 'order.notFound', { field: 'orderId', params: { id: o.id } });
  return { ...r, owner: o, actualAmountFen: r.amountFen, crossRegion: r.crossRegion !== null };
}

/** The voucher share rule of the owner's kind for a settled amount. */
export function checkOwnerVoucherShare(h: OwnerHead, settledFen: number, profile: PolicyProfile = storedProfile(h.profileId)): RuleResult {
  if (h.owner.kind === 'contract') return checkContractVoucherShare(settledFen, h.voucherFen, profile);
  if (h.crossRegion) return { ok: true };
  return checkOrderVoucherShare(settledFen, h.voucherFen, profile);
}

export function maxVoucherOf(h: OwnerHead, settledFen: number): number {
  const profile = storedProfile(h.profileId);
  return h.owner.kind === 'contract' ? maxVoucherForContract(settledFen, profile) : maxVoucherForOrder(settledFen, profile);
}

/** An order's amounts are set while placed or accepted (第十条); later they are evidence. */
export function refuseOrderAmountLocked(h: OwnerHead): void {
  if (h.owner.kind !== 'order' || h.status === 'placed' || h.status === 'accepted') return;
  const s = ORDER_STATUS_LABELS[h.status as OrderStatus];
  refuse('CONFLICT', 'order.locked', { field: 'orderId', rule: 'order.locked', params: { statusZh: s.zh, statusEn: s.en } });
}
