// 创新券服务合同: parties, dates, amounts, instruments and the vouchers applied. Every policy
// refusal comes from the engine (share, validity, quota, double funding) and writes nothing.
import type { z } from 'zod';
import type { ContractDetail, ContractFields, ContractRow, contractListSchema } from '../../../shared/ipc/deals';
import type { PolicyProfile, ServiceKind } from '../../../shared/policy';
import { refuse, refuseAll, type FieldIssue, type Params } from '../../../shared/result';
import {
  articleFor, checkAnnualQuota, checkContractVoucherShare, checkNoDoubleFunding, checkServiceScope, civilDateInShanghai, diffDays,
  maxCivilDate, maxVoucherForContract, redemptionApplyBy, voucherState, yearOf, type HolidayCalendar,
} from '../../../shared/rules';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { loadHolidayCalendar } from '../holidays';
import { voucherKindOf } from './applicant-facts';
import { getApplicant } from './applicants';
import { appliedInYear } from './quota';
import { enforce, profileOn, storedProfile } from './refuse';
import { timelineProfile, VOUCHER_SELECT, type VoucherDbRow } from './voucher-status';
import { contractSearchWhere, walkSortIndex } from '../contract-search';

const ROW_SELECT = `SELECT c.id, c.number, c.title, c.applicant_id AS applicantId, a.name AS applicantName, l.name AS labName,
  c.signed_date AS signedDate, c.start_date AS startDate, c.end_date AS endDate, c.amount_fen AS amountFen,
  c.actual_amount_fen AS actualAmountFen, c.registration_date AS registrationDate, c.status, c.profile_id AS profileId,
  c.lab_id AS labId, c.services, c.service_kinds AS serviceKinds, c.city_funded AS cityFunded,
  (SELECT coalesce(sum(amount_fen), 0) FROM contract_vouchers WHERE contract_id = c.id) AS voucherTotalFen,
  (SELECT count(*) FROM contract_vouchers WHERE contract_id = c.id) AS voucherCount,
  (SELECT submitted_date FROM redemptions WHERE contract_id = c.id) AS redemptionApplied
  FROM contracts c JOIN applicants a ON a.id = c.applicant_id LEFT JOIN labs l ON l.id = c.lab_id`;

type DbRow = Omit<ContractRow, 'redemptionApplyBy' | 'redemptionDaysLeft'> & {
  labId: number | null; services: string; serviceKinds: string; cityFunded: number; redemptionApplied: string | null;
};

function toRow(r: DbRow, today: string, calendar: HolidayCalendar): ContractRow {
  const { labId: _l, services: _s, serviceKinds: _k, cityFunded: _c, redemptionApplied, ...row } = r;
  // Only voucher contracts are redeemed; the window is the engine's (end + the profile's months).
  const due = r.voucherCount > 0 ? redemptionApplyBy(r.endDate, storedProfile(r.profileId), calendar)?.due ?? null : null;
  const open = due !== null && !redemptionApplied && r.status !== 'void';
  return { ...row, redemptionApplyBy: due, redemptionDaysLeft: open ? diffDays(today, due) : null };
}

export function getContract(ctx: ServiceContext, id: number): ContractDetail {
  const r = ctx.db.prepare(`${ROW_SELECT} WHERE c.id = ?`).get(id) as DbRow | undefined;
  if (!r) refuse('NOT_FOUND', 'contract.notFound', { params: { id } });
  const row = toRow(r, civilDateInShanghai(ctx.now()), loadHolidayCalendar(ctx));
  const instruments = ctx.db.prepare(`SELECT i.id, i.inner_id AS innerId, i.name_cn AS nameCn FROM contract_instruments ci
    JOIN instruments i ON i.id = ci.instrument_id WHERE ci.contract_id = ? ORDER BY i.inner_id`).all(id) as ContractDetail['instruments'];
  const vouchers = ctx.db.prepare(`SELECT v.id AS voucherId, v.number, v.face_value_fen AS faceValueFen, cv.amount_fen AS amountFen
    FROM contract_vouchers cv JOIN vouchers v ON v.id = cv.voucher_id WHERE cv.contract_id = ? ORDER BY v.number`).all(id) as ContractDetail['vouchers'];
  return {
    ...row, labId: r.labId, services: r.services, serviceKinds: r.serviceKinds.split(',').filter(Boolean) as ServiceKind[],
    cityFunded: r.cityFunded === 1, instruments, vouchers,
    maxVoucherFen: maxVoucherForContract(r.actualAmountFen ?? r.amountFen, storedProfile(r.profileId)),
  };
}

const CONTRACT_SORT_SQL: Record<z.output<typeof contractListSchema>['sort'], string> = {
  signedDate: 'c.signed_date', endDate: 'c.end_date', number: 'c.number',
};

export function listContracts(ctx: ServiceContext, q: z.output<typeof contractListSchema>): { rows: ContractRow[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  const search = q.query ? contractSearchWhere(q.query, '?') : null;
  if (search) {
    where.push(search.sql);
    params.push(...Array.from({ length: search.uses }, () => search.like));
  }
  if (q.applicantId !== undefined) { where.push('c.applicant_id = ?'); params.push(q.applicantId); }
  if (q.status) { where.push('c.status = ?'); params.push(q.status); }
  if (q.year !== undefined) { where.push('c.signed_date BETWEEN ? AND ?'); params.push(`${q.year}-01-01`, `${q.year}-12-31`); }
  const w = where.length ? 'WHERE ' + where.join(' AND ') : '';
  const dir = q.dir === 'desc' ? 'DESC' : 'ASC';
  const fromSearch = search?.indexed ? 'INDEXED BY contracts_search' : '';
  const counted = () => Number(ctx.db.prepare(`SELECT count(*) FROM contracts c ${fromSearch} ${w}`).pluck().get(...params));
  const window = (searchIndex: boolean) => ctx.db.prepare(`${searchIndex ? ROW_SELECT.replace('FROM contracts c', 'FROM contracts c INDEXED BY contracts_search') : ROW_SELECT} ${w}
      ORDER BY ${CONTRACT_SORT_SQL[q.sort]} ${dir}, c.id ${dir} LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as DbRow[];
  let rows: DbRow[];
  let total: number;
  if (search) {
    // A search is counted first (from contracts_search, see contract-search.ts): no match reads no
    // row, and the count says whether the window is found sooner along the sort's index or among the matches.
    total = counted();
    const contracts = Number(ctx.db.prepare('SELECT max(id) FROM contracts').pluck().get() ?? 0);
    rows = total === 0 ? [] : window(search.indexed && !walkSortIndex(total, contracts, q.offset, q.limit));
  } else {
    rows = window(false);
    total = rows.length < q.limit && q.offset === 0 ? rows.length : counted();
  }
  const today = civilDateInShanghai(ctx.now());
  const calendar = loadHolidayCalendar(ctx);
  return { rows: rows.map((r) => toRow(r, today, calendar)), total };
}

/** Dates in order, references existing, number unused: every problem at once, each on its field. */
function checkReferences(ctx: ServiceContext, f: ContractFields, id: number | null): void {
  const issues: FieldIssue[] = [];
  if (f.endDate < f.startDate) issues.push({ field: 'endDate', reason: 'date.beforeOther', params: { other: 'startDate', otherValue: f.startDate } });
  if (f.registrationDate !== null && f.registrationDate < f.signedDate) {
    issues.push({ field: 'registrationDate', reason: 'date.beforeOther', params: { other: 'signedDate', otherValue: f.signedDate } });
  }
  if (f.labId !== null && !ctx.db.prepare('SELECT 1 FROM labs WHERE id = ?').get(f.labId)) {
    issues.push({ field: 'labId', reason: 'lab.notFound', params: { id: f.labId } });
  }
  const instrumentExists = ctx.db.prepare('SELECT 1 FROM instruments WHERE id = ?');
  f.instrumentIds.forEach((iid, i) => {
    if (!instrumentExists.get(iid)) issues.push({ field: `instrumentIds.${i}`, reason: 'rated.instrumentNotFound', params: { id: iid } });
  });
  const seen = new Set<number>();
  f.vouchers.forEach((v, i) => {
    if (seen.has(v.voucherId)) issues.push({ field: `vouchers.${i}.voucherId`, reason: 'contract.voucherTwice', row: i });
    seen.add(v.voucherId);
  });
  if (issues.length) refuseAll('VALIDATION', issues);
  const other = ctx.db.prepare('SELECT id FROM contracts WHERE number = ?').pluck().get(f.number) as number | undefined;
  if (other !== undefined && other !== id) {
    refuse('CONFLICT', 'contract.numberTaken', { field: 'number', rule: 'contract.numberUnique', params: { number: f.number } });
  }
}

/** A refusal about one voucher link (its table row), citing the profile's article for the rule. */
function refuseVoucher(profile: PolicyProfile, index: number, rule: string, reason: string, params: Params, code: 'RULE' | 'CONFLICT' = 'RULE'): never {
  refuse(code, reason, { field: `vouchers.${index}.voucherId`, row: index, rule, article: articleFor(profile, rule), document: profile.documentNumber, params });
}

/**
 * Each voucher must be the applicant's, unused elsewhere, within its face value, and valid on the
 * contract's registration date (or signing date while unregistered); the contract must end
 * within the voucher's validity.
 */
function checkVoucherLinks(ctx: ServiceContext, f: ContractFields, id: number | null, calendar: HolidayCalendar): void {
  const byId = ctx.db.prepare(`${VOUCHER_SELECT} WHERE v.id = ?`);
  f.vouchers.forEach((link, i) => {
    const v = byId.get(link.voucherId) as VoucherDbRow | undefined;
    if (!v) refuse('NOT_FOUND', 'voucher.notFound', { field: `vouchers.${i}.voucherId`, row: i, params: { id: link.voucherId } });
    const profile = storedProfile(v.profileId);
    const voucher = v.number;
    if (v.applicantId !== f.applicantId) {
      refuseVoucher(profile, i, 'voucher.holder', 'contract.voucherOtherHolder', { voucher, holder: v.applicantName });
    }
    if (v.contractId !== null && v.contractId !== id) {
      refuseVoucher(profile, i, 'voucher.singleContract', 'contract.voucherUsedElsewhere', { voucher, contract: v.contractNumber ?? '' }, 'CONFLICT');
    }
    if (link.amountFen > v.faceValueFen) {
      refuse('VALIDATION', 'contract.voucherOverFace', { field: `vouchers.${i}.amountFen`, row: i, rule: 'voucher.amountWithinFace', params: { voucher, amountFen: link.amountFen, faceValueFen: v.faceValueFen } });
    }
    if (v.cityFunded === 1) enforce(checkNoDoubleFunding(true, profile), `vouchers.${i}.voucherId`);
    const onDate = f.registrationDate ?? f.signedDate;
    if (v.claimDate > onDate) {
      refuse('VALIDATION', 'contract.voucherClaimedAfter', {
        field: `vouchers.${i}.voucherId`, row: i, params: { voucher, claimDate: v.claimDate, other: f.registrationDate ? 'registrationDate' : 'signedDate', otherValue: onDate },
      });
    }
    const dates = {
      claimedOn: v.claimDate,
      registeredOn: v.registeredDate ?? f.registrationDate,
      voidedOn: v.voidedAt ? civilDateInShanghai(new Date(v.voidedAt)) : null,
    };
    const timeline = timelineProfile(v);
    const s = voucherState(dates, onDate, timeline, calendar);
    if (v.voidedAt || s.state === 'void') refuseVoucher(profile, i, 'voucher.void', 'contract.voucherVoid', { voucher });
    if (s.state === 'expired_unregistered') {
      refuseVoucher(profile, i, 'voucher.registerWithin', 'contract.voucherNotRegistered', { voucher, due: s.deadlines.registerBy?.due ?? null });
    }
    if (s.state === 'expired') {
      refuseVoucher(profile, i, 'voucher.validity', 'contract.voucherExpired', { voucher, due: s.deadlines.validUntil?.due ?? null });
    }
    // The service must end within the voucher's validity.
    const atEnd = voucherState({ ...dates, contractEndedOn: f.endDate }, maxCivilDate(f.endDate, onDate), timeline, calendar);
    if (atEnd.state === 'expired' && atEnd.reason === 'contract_ended_after_validity') {
      refuseVoucher(profile, i, 'voucher.validity', 'contract.endsAfterVoucher', { voucher, endDate: f.endDate, due: atEnd.deadlines.validUntil?.due ?? null });
    }
  });
}

function checkPolicy(ctx: ServiceContext, f: ContractFields, id: number | null, profile: PolicyProfile, calendar: HolidayCalendar): void {
  // The scope check runs on every save, with or without vouchers (京 第五条 / 沪 第四条).
  enforce(checkServiceScope(f.serviceKinds, profile), 'serviceKinds');
  if (f.vouchers.length === 0) return;
  checkVoucherLinks(ctx, f, id, calendar);
  // Cross-region vouchers follow their issuing region's rules: not in the local share or quota.
  const crossRegion = new Set(ctx.db.prepare('SELECT id FROM vouchers WHERE cross_region IS NOT NULL AND id IN (SELECT value FROM json_each(?))')
    .pluck().all(JSON.stringify(f.vouchers.map((v) => v.voucherId))) as number[]);
  const local = f.vouchers.filter((v) => !crossRegion.has(v.voucherId));
  if (local.length === 0) return;
  const sum = local.reduce((s, v) => s + v.amountFen, 0);
  // 50% of the actual amount, or of the contract amount while the actual one is unknown.
  enforce(checkContractVoucherShare(f.actualAmountFen ?? f.amountFen, sum, profile), 'vouchers');
  enforce(checkNoDoubleFunding(f.cityFunded, profile), 'cityFunded');
  const applicant = getApplicant(ctx, f.applicantId);
  const today = civilDateInShanghai(ctx.now());
  const used = appliedInYear(ctx, applicant.id, yearOf(f.signedDate), today, calendar, id);
  enforce(checkAnnualQuota(voucherKindOf(applicant, profile, f.signedDate), used, sum, profile), 'vouchers');
}

function sameVouchers(before: ContractDetail, f: ContractFields): boolean {
  const key = (l: { voucherId: number; amountFen: number }[]) => l.map((v) => `${v.voucherId}:${v.amountFen}`).sort().join(',');
  return key(before.vouchers) === key(f.vouchers);
}

/** Saves the contract and all its links in one transaction; a refusal leaves the database untouched. */
export function saveContract(ctx: ServiceContext, f: ContractFields, id: number | null): ContractDetail {
  return ctx.db.transaction(() => {
    const applicant = getApplicant(ctx, f.applicantId);
    const before = id === null ? null : getContract(ctx, id);
    if (before && !sameVouchers(before, f)) {
      // The redemption packet was handed in with these vouchers; changing them would falsify it.
      const submitted = ctx.db.prepare('SELECT submitted_date FROM redemptions WHERE contract_id = ? AND submitted_date IS NOT NULL').pluck().get(id);
      if (submitted) {
        refuse('CONFLICT', 'contract.redemptionSubmitted', { field: 'vouchers', rule: 'contract.redemptionSubmitted', params: { date: String(submitted) } });
      }
    }
    checkReferences(ctx, f, id);
    const profile = profileOn(applicant.region, f.signedDate, 'signedDate');
    const calendar = loadHolidayCalendar(ctx);
    checkPolicy(ctx, f, id, profile, calendar);

    const now = ctx.now().toISOString();
    const params = {
      number: f.number, applicantId: f.applicantId, labId: f.labId, title: f.title, services: f.services,
      serviceKinds: [...new Set(f.serviceKinds)].join(','),
      signedDate: f.signedDate, startDate: f.startDate, endDate: f.endDate, amountFen: f.amountFen,
      actualAmountFen: f.actualAmountFen, registrationDate: f.registrationDate, profileId: profile.id,
      status: f.status, cityFunded: f.cityFunded ? 1 : 0, now,
    };
    let contractId = id;
    if (contractId === null) {
      contractId = Number(ctx.db.prepare(`INSERT INTO contracts(number, applicant_id, lab_id, title, services, service_kinds, signed_date, start_date,
          end_date, amount_fen, actual_amount_fen, registration_date, profile_id, status, city_funded, created_at, updated_at)
        VALUES (@number, @applicantId, @labId, @title, @services, @serviceKinds, @signedDate, @startDate, @endDate, @amountFen, @actualAmountFen,
          @registrationDate, @profileId, @status, @cityFunded, @now, @now)`).run(params).lastInsertRowid);
    } else {
      ctx.db.prepare(`UPDATE contracts SET number = @number, applicant_id = @applicantId, lab_id = @labId, title = @title,
          services = @services, service_kinds = @serviceKinds, signed_date = @signedDate, start_date = @startDate, end_date = @endDate, amount_fen = @amountFen,
          actual_amount_fen = @actualAmountFen, registration_date = @registrationDate, profile_id = @profileId, status = @status,
          city_funded = @cityFunded, updated_at = @now WHERE id = @id`).run({ ...params, id: contractId });
      ctx.db.prepare('DELETE FROM contract_vouchers WHERE contract_id = ?').run(contractId);
      ctx.db.prepare('DELETE FROM contract_instruments WHERE contract_id = ?').run(contractId);
    }
    const addInstrument = ctx.db.prepare('INSERT INTO contract_instruments(contract_id, instrument_id) VALUES (?, ?)');
    for (const iid of new Set(f.instrumentIds)) addInstrument.run(contractId, iid);
    const addVoucher = ctx.db.prepare('INSERT INTO contract_vouchers(contract_id, voucher_id, amount_fen) VALUES (?, ?, ?)');
    // Registering the contract (合同登记) registers the research activity of its vouchers.
    const registerVoucher = ctx.db.prepare('UPDATE vouchers SET registered_date = ?, updated_at = ? WHERE id = ? AND registered_date IS NULL');
    for (const v of f.vouchers) {
      addVoucher.run(contractId, v.voucherId, v.amountFen);
      if (f.registrationDate) registerVoucher.run(f.registrationDate, now, v.voucherId);
    }
    audit(ctx, id === null ? 'create' : 'update', 'contract', contractId, {
      number: f.number, applicantId: f.applicantId, amountFen: f.amountFen, actualAmountFen: f.actualAmountFen,
      serviceKinds: f.serviceKinds, vouchers: f.vouchers, instrumentIds: f.instrumentIds, before: before && { vouchers: before.vouchers, amountFen: before.amountFen },
    });
    return getContract(ctx, contractId);
  })();
}
