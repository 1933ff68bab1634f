// 创新券: claim, register the research activity (合同登记), void; states and deadlines come from
// the policy engine for today, never from stored flags.
import type { VoucherListQuery, VoucherRow, voucherClaimSchema } from '../../../shared/ipc/deals';
import type { Page } from '../../../shared/ipc/paging';
import type { PolicyProfile } from '../../../shared/policy';
import { refuseAll, refuse, type FieldIssue } from '../../../shared/result';
import {
  addDays, articleFor, checkAnnualQuota, checkApplicantEligibility, checkVoucherFaceValue, civilDateInShanghai, voucherState, yearOf, type Deadline,
  type HolidayCalendar,
} from '../../../shared/rules';
import type { z } from 'zod';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { loadHolidayCalendar } from '../holidays';
import { earliestOpenStart, NEVER_LAPSES, perProfileBound, perProfileRanges } from '../list-cutoffs';
import { applicantFacts, voucherKindOf } from './applicant-facts';
import { getApplicant } from './applicants';
import { claimedInYear } from './quota';
import { enforce, profileOn, violationIssue } from './refuse';
import { statusOf, timelineProfile, toVoucherRow, VOUCHER_SELECT, type VoucherDbRow } from './voucher-status';

export function getVoucher(ctx: ServiceContext, id: number, calendar = loadHolidayCalendar(ctx)): VoucherRow {
  const row = ctx.db.prepare(`${VOUCHER_SELECT} WHERE v.id = ?`).get(id) as VoucherDbRow | undefined;
  if (!row) refuse('NOT_FOUND', 'voucher.notFound', { field: 'voucherId', params: { id } });
  return toVoucherRow(row, civilDateInShanghai(ctx.now()), calendar);
}

const VOUCHER_SORT_SQL: Record<VoucherListQuery['sort'], string> = { claimDate: 'v.claim_date', number: 'v.number' };

/**
 * One window of vouchers, filtered and sorted in SQL. A voucher's state is the policy engine's
 * (dates against the profile's periods), so a state filter walks the same sorted rows, judges
 * each with the engine and keeps the window's matches, counting the rest; the SQL first leaves
 * out rows that cannot have the state (registered or not).
 */
export function listVouchers(ctx: ServiceContext, q: VoucherListQuery): Page<VoucherRow> {
  const where: string[] = [];
  const params: unknown[] = [];
  const today = civilDateInShanghai(ctx.now());
  if (q.applicantId !== undefined) { where.push('v.applicant_id = ?'); params.push(q.applicantId); }
  if (q.year !== undefined) { where.push('v.claim_date BETWEEN ? AND ?'); params.push(`${q.year}-01-01`, `${q.year}-12-31`); }
  if (q.usableOnly) {
    where.push('v.voided_at IS NULL AND (cv.contract_id IS NULL OR cv.contract_id IS ?)');
    params.push(q.contractId ?? null);
  }
  // The engine ignores a registration dated after today: such a voucher is still unregistered.
  if (q.state === 'claimed') {
    // Still claimable only within the register period after the claim date.
    const b = perProfileBound('v.profile_id', (p) => (p.registerWithinDays === null ? NEVER_LAPSES : addDays(today, -p.registerWithinDays)));
    where.push(`(v.registered_date IS NULL OR v.registered_date > ?) AND (v.cross_region IS NOT NULL OR v.claim_date >= ${b.sql})`);
    params.push(today, ...b.params);
  }
  if (q.state === 'registered') {
    // Registered and usable: inside its validity, or its contract ended inside the validity and the
    // redemption window is still open; either way registered no earlier than these bounds.
    const b = perProfileRanges('vouchers', 'vouchers_profile_registered', 'profile_id', 'registered_date', today, (p) => {
      if (p.validityMonths === null || p.redemptionWithinMonths === null) return NEVER_LAPSES;
      const open = earliestOpenStart(today, p.validityMonths);
      const ended = earliestOpenStart(earliestOpenStart(today, p.redemptionWithinMonths), p.validityMonths);
      return open < ended ? open : ended;
    });
    // A cross-region voucher has no local window: registered by today is enough.
    where.push(`v.id IN (SELECT rowid FROM vouchers INDEXED BY vouchers_cross_region WHERE cross_region IS NOT NULL AND registered_date <= ? UNION ALL ${b.sql})`);
    params.push(today, ...b.params);
  }
  if (q.state === 'redeemed' || q.state === 'expired') { where.push('v.registered_date <= ?'); params.push(today); }
  const w = where.length ? 'WHERE ' + where.join(' AND ') : '';
  const dir = q.dir === 'desc' ? 'DESC' : 'ASC';
  // 已登记 reads its per-profile ranges and sorts the few matches (the unary + keeps SQLite from
  // walking every voucher along the sort's index instead); the other lists walk the sort's index.
  const unary = q.state === 'registered' ? '+' : '';
  const order = `ORDER BY ${unary}${VOUCHER_SORT_SQL[q.sort]} ${dir}, ${unary}v.id ${dir}`;
  const calendar = loadHolidayCalendar(ctx);
  if (!q.state) {
    const rows = ctx.db.prepare(`${VOUCHER_SELECT} ${w} ${order} LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as VoucherDbRow[];
    const total = rows.length < q.limit && q.offset === 0
      ? rows.length
      // A voucher is in at most one contract (contract_vouchers.voucher_id is unique), so the join
      // never adds rows: it is left out of the count unless the filter reads the contract link.
      : Number(ctx.db.prepare(`SELECT count(*) FROM vouchers v ${q.usableOnly ? 'LEFT JOIN contract_vouchers cv ON cv.voucher_id = v.id' : ''} ${w}`).pluck().get(...params));
    return { rows: rows.map((r) => toVoucherRow(r, today, calendar)), total };
  }
  const out: VoucherRow[] = [];
  let total = 0;
  // Every candidate is judged by the engine; only the page's rows are built in full.
  for (const r of ctx.db.prepare(`${VOUCHER_SELECT} ${w} ${order}`).iterate(...params) as IterableIterator<VoucherDbRow>) {
    const s = statusOf(r, today, calendar);
    if (s.state !== q.state) continue;
    if (total >= q.offset && out.length < q.limit) out.push(toVoucherRow(r, today, calendar, s));
    total++;
  }
  return { rows: out, total };
}

/** Refusal for a missed deadline, citing the deadline's own rule and article. */
function refuseDeadline(deadline: Deadline, reason: string, field: string): never {
  refuse('RULE', reason, { field, rule: deadline.rule, article: deadline.article, document: deadline.document, params: { due: deadline.due } });
}

/** Registration must fall between claim and today and within the profile's register-by period. */
function checkRegistration(claimDate: string, registeredDate: string, today: string, profile: PolicyProfile, calendar: HolidayCalendar): void {
  if (registeredDate < claimDate) refuse('VALIDATION', 'date.beforeOther', { field: 'registeredDate', params: { other: 'claimDate', otherValue: claimDate } });
  if (registeredDate > today) refuse('VALIDATION', 'date.future', { field: 'registeredDate', params: { today } });
  const s = voucherState({ claimedOn: claimDate, registeredOn: registeredDate }, registeredDate, profile, calendar);
  if (s.state === 'expired_unregistered' && s.deadlines.registerBy) {
    refuseDeadline(s.deadlines.registerBy, 'voucher.registerLate', 'registeredDate');
  }
}

/** A cross-region voucher must be of the scheme the local profile recognises, from one of its regions. */
export function checkCrossRegion(profile: PolicyProfile, scheme: string, issuingRegion: string | null): void {
  const known = profile.crossRegion;
  const article = articleFor(profile, 'crossRegion');
  if (!known || known.id !== scheme) {
    refuse('RULE', 'crossRegion.scheme', { field: 'crossRegion', rule: 'crossRegion.scheme', article, document: profile.documentNumber, params: { scheme } });
  }
  if (issuingRegion === null || !known.issuingRegions.some((r) => r.id === issuingRegion)) {
    refuse('VALIDATION', 'crossRegion.issuingRegion', {
      field: 'issuingRegion', rule: 'crossRegion.issuingRegion', article, document: profile.documentNumber,
      params: { regionsZh: known.issuingRegions.map((r) => r.label.zh), regionsEn: known.issuingRegions.map((r) => r.label.en) },
    });
  }
}

/**
 * The conditions the applicant fails under the profile on the claim date. A claim for such an
 * applicant is refused with every failed condition unless the user overrides with a reason.
 */
function eligibilityFailures(applicant: ReturnType<typeof getApplicant>, date: string, profile: PolicyProfile) {
  const result = checkApplicantEligibility(applicantFacts(applicant, date, profile), date, profile);
  return result.ok ? [] : result.violations;
}

/** Refuses a claim for an ineligible applicant without an override: the headline, then each failed condition. */
function refuseIneligible(failed: ReturnType<typeof eligibilityFailures>): never {
  const issues: FieldIssue[] = [
    { field: 'eligibilityOverride', reason: 'voucher.ineligible', params: { count: failed.length } },
    ...failed.map((v) => violationIssue(v, 'applicantId')),
  ];
  refuseAll('RULE', issues);
}

export function claimVoucher(ctx: ServiceContext, input: z.output<typeof voucherClaimSchema>): VoucherRow {
  return ctx.db.transaction(() => {
    const applicant = getApplicant(ctx, input.applicantId);
    const today = civilDateInShanghai(ctx.now());
    if (input.claimDate > today) refuse('VALIDATION', 'date.future', { field: 'claimDate', params: { today } });
    const profile = profileOn(applicant.region, input.claimDate, 'claimDate');
    const calendar = loadHolidayCalendar(ctx);
    if (input.crossRegion !== null) {
      checkCrossRegion(profile, input.crossRegion, input.issuingRegion);
    } else {
      if (profile.flow === 'order') {
        // 免申即享: Shanghai vouchers are not claimed; they are used on orders (第二条).
        refuse('RULE', 'voucher.flow', { field: 'claimDate', rule: 'voucher.flow', article: articleFor(profile, 'voucher.flow'), document: profile.documentNumber });
      }
      enforce(checkVoucherFaceValue(input.faceValueFen, profile), 'faceValueFen');
    }
    const failed = input.crossRegion === null ? eligibilityFailures(applicant, input.claimDate, profile) : [];
    if (ctx.db.prepare('SELECT 1 FROM vouchers WHERE number = ?').get(input.number)) {
      refuse('CONFLICT', 'voucher.numberTaken', { field: 'number', rule: 'voucher.numberUnique', params: { number: input.number } });
    }
    if (input.crossRegion === null) {
      const used = claimedInYear(ctx, applicant.id, yearOf(input.claimDate), today, calendar);
      enforce(checkAnnualQuota(voucherKindOf(applicant, profile, input.claimDate), used, input.faceValueFen, profile), 'faceValueFen');
      if (input.registeredDate) checkRegistration(input.claimDate, input.registeredDate, today, profile, calendar);
    } else if (input.registeredDate && input.registeredDate < input.claimDate) {
      refuse('VALIDATION', 'date.beforeOther', { field: 'registeredDate', params: { other: 'claimDate', otherValue: input.claimDate } });
    }
    if (failed.length && input.eligibilityOverride === null) refuseIneligible(failed);
    const now = ctx.now().toISOString();
    const id = Number(ctx.db.prepare(`INSERT INTO vouchers(number, applicant_id, face_value_fen, claim_date, registered_date,
        profile_id, city_funded, cross_region, issuing_region, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(input.number, applicant.id, input.faceValueFen, input.claimDate, input.registeredDate, profile.id, input.cityFunded ? 1 : 0,
        input.crossRegion, input.issuingRegion, now, now)
      .lastInsertRowid);
    audit(ctx, 'claim', 'voucher', id, {
      number: input.number, applicantId: applicant.id, faceValueFen: input.faceValueFen, profileId: profile.id,
      crossRegion: input.crossRegion, issuingRegion: input.issuingRegion,
    });
    if (failed.length) {
      audit(ctx, 'eligibility.override', 'voucher', id, {
        number: input.number, applicantId: applicant.id, applicantName: applicant.name, reason: input.eligibilityOverride,
        rules: failed.map((v) => v.rule), articles: failed.map((v) => v.article), profileId: profile.id,
      });
    }
    return getVoucher(ctx, id, calendar);
  })();
}

export function registerVoucher(ctx: ServiceContext, id: number, registeredDate: string): VoucherRow {
  return ctx.db.transaction(() => {
    const calendar = loadHolidayCalendar(ctx);
    const v = getVoucher(ctx, id, calendar);
    if (v.voidedAt) refuse('CONFLICT', 'voucher.isVoid', { field: 'registeredDate', params: { voucher: v.number } });
    if (v.registeredDate) refuse('CONFLICT', 'voucher.alreadyRegistered', { field: 'registeredDate', params: { voucher: v.number, date: v.registeredDate } });
    checkRegistration(v.claimDate, registeredDate, civilDateInShanghai(ctx.now()), timelineProfile(v), calendar);
    ctx.db.prepare('UPDATE vouchers SET registered_date = ?, updated_at = ? WHERE id = ?').run(registeredDate, ctx.now().toISOString(), id);
    audit(ctx, 'register', 'voucher', id, { registeredDate });
    return getVoucher(ctx, id, calendar);
  })();
}

export function voidVoucher(ctx: ServiceContext, id: number, reason: string): VoucherRow {
  return ctx.db.transaction(() => {
    const v = getVoucher(ctx, id);
    if (v.voidedAt) refuse('CONFLICT', 'voucher.isVoid', { params: { voucher: v.number } });
    if (v.contractId !== null) {
      refuse('CONFLICT', 'voucher.inContract', { rule: 'voucher.inContract', params: { voucher: v.number, contract: v.contractNumber ?? '' } });
    }
    ctx.db.prepare('UPDATE vouchers SET voided_at = ?, void_reason = ?, updated_at = ? WHERE id = ?')
      .run(ctx.now().toISOString(), reason, ctx.now().toISOString(), id);
    audit(ctx, 'void', 'voucher', id, { reason });
    return getVoucher(ctx, id);
  })();
}

