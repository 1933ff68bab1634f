// What the redemption services need to know about one contract, read straight from the 0001
// tables: parties, vouchers, amounts, the policy profile and the application deadline.
import { profileById } from '../../../shared/policy';
import type { PolicyProfile } from '../../../shared/policy/profile';
import { civilDateInShanghai, diffDays, redemptionApplyBy, type HolidayCalendar } from '../../../shared/rules';
import type { RedemptionAmounts, RedemptionDeadline } from '../../../shared/ipc/redemption';
import { AppFailure, refuse, type FieldIssue } from '../../../shared/result';
import type { OpenUnit } from '../../../shared/ipc/unit';
import type { ServiceContext } from '../context';
import { getUnit } from '../unit/unit';
import { loadHolidayCalendar } from '../holidays';

export interface ContractFacts {
  id: number;
  number: string;
  title: string;
  services: string;
  signedDate: string;
  startDate: string;
  endDate: string;
  amountFen: number;
  actualAmountFen: number | null;
  profileId: string;
  status: string;
  applicant: {
    id: number; name: string; kind: string; creditCode: string | null; region: string;
    contactName: string; contactPhone: string; bankName: string; bankAccount: string;
  };
  /** The open unit that signs the contract: every document names it from here. */
  unit: OpenUnit;
  lab: { name: string; head: string; contact: string; contactPhone: string; location: string } | null;
  vouchers: { number: string; amountFen: number }[];
  voucherFen: number;
}

const CONTRACT_SQL = `SELECT c.id, c.number, c.title, c.services, c.signed_date AS signedDate, c.start_date AS startDate,
  c.end_date AS endDate, c.amount_fen AS amountFen, c.actual_amount_fen AS actualAmountFen, c.profile_id AS profileId,
  c.status, a.id AS aId, a.name AS aName, a.kind AS aKind, a.credit_code AS aCredit, a.region AS aRegion,
  a.contact_name AS aContact, a.contact_phone AS aPhone, a.bank_name AS aBank, a.bank_account AS aAccount,
  l.name AS lName, l.head AS lHead, l.contact AS lContact, l.contact_phone AS lPhone, l.location AS lLocation
  FROM contracts c JOIN applicants a ON a.id = c.applicant_id LEFT JOIN labs l ON l.id = c.lab_id WHERE c.id = ?`;

type ContractRow = Omit<ContractFacts, 'applicant' | 'unit' | 'lab' | 'vouchers' | 'voucherFen'> & Record<string, unknown>;

export function loadContract(ctx: ServiceContext, contractId: number): ContractFacts {
  const r = ctx.db.prepare(CONTRACT_SQL).get(contractId) as ContractRow | undefined;
  if (!r) refuse('NOT_FOUND', 'contract.notFound', { field: 'contractId', params: { id: contractId } });
  const vouchers = ctx.db.prepare(`SELECT v.number, cv.amount_fen AS amountFen FROM contract_vouchers cv
    JOIN vouchers v ON v.id = cv.voucher_id WHERE cv.contract_id = ? ORDER BY v.number`).all(contractId) as ContractFacts['vouchers'];
  return {
    id: r.id, number: r.number, title: r.title, services: r.services, signedDate: r.signedDate, startDate: r.startDate,
    endDate: r.endDate, amountFen: r.amountFen, actualAmountFen: r.actualAmountFen, profileId: r.profileId, status: r.status,
    applicant: {
      id: r.aId as number, name: r.aName as string, kind: r.aKind as string, creditCode: r.aCredit as string | null,
      region: r.aRegion as string, contactName: r.aContact as string, contactPhone: r.aPhone as string,
      bankName: r.aBank as string, bankAccount: r.aAccount as string,
    },
    unit: getUnit(ctx),
    lab: r.lName == null ? null : {
      name: r.lName as string, head: r.lHead as string, contact: r.lContact as string,
      contactPhone: r.lPhone as string, location: r.lLocation as string,
    },
    vouchers,
    voucherFen: vouchers.reduce((s, v) => s + v.amountFen, 0),
  };
}

/**
 * The profile the contract was stored under. An id the desk does not hold is refused (never
 * replaced by the region's current profile): no figure of the contract is computed by another one.
 */
export function contractProfile(c: Pick<ContractFacts, 'profileId'>): PolicyProfile {
  const profile = profileById(c.profileId);
  if (!profile) {
    refuse('RULE', 'policy.storedProfileUnknown', { field: 'profileId', rule: 'policy.storedProfileUnknown', params: { profileId: c.profileId } });
  }
  return profile;
}

/** The refusal of a contract whose stored profile is unknown, as a row's issue; null when the profile is known. */
export function contractProfileIssue(c: Pick<ContractFacts, 'profileId'>): FieldIssue | null {
  try {
    contractProfile(c);
    return null;
  } catch (e) {
    if (!(e instanceof AppFailure)) throw e;
    const { field = 'profileId', reason, params, rule } = e.error;
    return { field, reason, params, rule };
  }
}

export function amountsOf(c: Pick<ContractFacts, 'amountFen' | 'actualAmountFen' | 'voucherFen'>): RedemptionAmounts {
  return {
    contractFen: c.amountFen,
    actualFen: c.actualAmountFen,
    voucherFen: c.voucherFen,
    ownPaymentFen: c.actualAmountFen === null ? null : c.actualAmountFen - c.voucherFen,
  };
}

export function today(ctx: ServiceContext): string {
  return civilDateInShanghai(ctx.now());
}

/** 申请兑现 deadline: the profile's months after the contract end (strict calendar date). */
export function deadlineOf(
  ctx: ServiceContext,
  c: Pick<ContractFacts, 'profileId' | 'endDate'>,
  /** A list passes the calendar it loaded once for all of its rows. */
  holidays?: HolidayCalendar,
): RedemptionDeadline | null {
  const profile = contractProfile(c);
  const calendar = profile.extendDeadlineToWorkingDay ? holidays ?? loadHolidayCalendar(ctx) : undefined;
  const d = redemptionApplyBy(c.endDate, profile, calendar);
  if (!d) return null;
  const deadline: RedemptionDeadline = { due: d.due, daysLeft: diffDays(today(ctx), d.due), article: d.article, document: d.document };
  if (d.extended?.moved) deadline.extendedDue = d.extended.date;
  return deadline;
}
