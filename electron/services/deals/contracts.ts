// 创新券服务合同: parties, dates, amounts, instruments and the vouchers applied. Every policy
// refusal comes from the engine (share, validity, quota, double funding) and writes nothing.
import type { z } from 'zod';
import type { ContractDetail, ContractFields, ContractRow, contractListSchema } from '../../../shared/ipc/deals';
import type { PolicyProfile, ServiceKind } from '../../../shared/policy';
import { fail } from '../../../shared/result';
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
import { likeContains } from '../sql';

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
  if (!r) fail('NOT_FOUND', `合同 ${id} 不存在 (contract ${id} not found)`);
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
  if (q.query) {
    const like = likeContains(q.query);
    where.push(`(c.number LIKE ? ESCAPE '\\' OR c.title LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\')`);
    params.push(like, like, like);
  }
  if (q.applicantId !== undefined) { where.push('c.applicant_id = ?'); params.push(q.applicantId); }
  if (q.status) { where.push('c.status = ?'); params.push(q.status); }
  if (q.year !== undefined) { where.push('c.signed_date BETWEEN ? AND ?'); params.push(`${q.year}-01-01`, `${q.year}-12-31`); }
  const w = where.length ? 'WHERE ' + where.join(' AND ') : '';
  const dir = q.dir === 'desc' ? 'DESC' : 'ASC';
  const rows = ctx.db.prepare(`${ROW_SELECT} ${w} ORDER BY ${CONTRACT_SORT_SQL[q.sort]} ${dir}, c.id ${dir} LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as DbRow[];
  const total = rows.length < q.limit && q.offset === 0
    ? rows.length
    : Number(ctx.db.prepare(`SELECT count(*) FROM contracts c JOIN applicants a ON a.id = c.applicant_id ${w}`).pluck().get(...params));
  const today = civilDateInShanghai(ctx.now());
  const calendar = loadHolidayCalendar(ctx);
  return { rows: rows.map((r) => toRow(r, today, calendar)), total };
}

function checkReferences(ctx: ServiceContext, f: ContractFields, id: number | null): void {
  if (f.endDate < f.startDate) fail('VALIDATION', '结束日期早于开始日期 (end date before start date)', { field: 'endDate' });
  if (f.registrationDate !== null && f.registrationDate < f.signedDate) {
    fail('VALIDATION', '合同登记日期早于签订日期 (registered before signed)', { field: 'registrationDate' });
  }
  if (f.labId !== null && !ctx.db.prepare('SELECT 1 FROM labs WHERE id = ?').get(f.labId)) {
    fail('VALIDATION', `开放单位/实验室 ${f.labId} 不存在 (lab not found)`, { field: 'labId' });
  }
  const instrumentExists = ctx.db.prepare('SELECT 1 FROM instruments WHERE id = ?');
  f.instrumentIds.forEach((iid, i) => {
    if (!instrumentExists.get(iid)) fail('VALIDATION', `仪器 ${iid} 不存在 (instrument not found)`, { field: `instrumentIds.${i}` });
  });
  const other = ctx.db.prepare('SELECT id FROM contracts WHERE number = ?').pluck().get(f.number) as number | undefined;
  if (other !== undefined && other !== id) {
    fail('CONFLICT', `合同编号 ${f.number} 已存在 (contract number already used)`, { field: 'number', rule: 'contract.numberUnique' });
  }
  if (new Set(f.vouchers.map((v) => v.voucherId)).size !== f.vouchers.length) {
    fail('VALIDATION', '同一张创新券重复列入 (a voucher is listed twice)', { field: 'vouchers' });
  }
}

/** A refusal about one voucher link, citing the profile's article for the rule. */
function refuseVoucher(profile: PolicyProfile, index: number, rule: string, zh: string, en: string, code: 'RULE' | 'CONFLICT' = 'RULE'): never {
  const article = articleFor(profile, rule);
  fail(code, `${zh} (${en})【${profile.documentNumber} ${article}】`, { field: `vouchers.${index}.voucherId`, rule, article });
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
    if (!v) fail('NOT_FOUND', `创新券 ${link.voucherId} 不存在 (voucher not found)`, { field: `vouchers.${i}.voucherId` });
    const profile = storedProfile(v.profileId);
    const tag = `创新券 ${v.number}`;
    if (v.applicantId !== f.applicantId) {
      refuseVoucher(profile, i, 'voucher.holder', `${tag} 属于其他申领单位（${v.applicantName}），创新券不得转让、出售或赠与`, `voucher ${v.number} belongs to another applicant; vouchers cannot be transferred, sold or given`);
    }
    if (v.contractId !== null && v.contractId !== id) {
      refuseVoucher(profile, i, 'voucher.singleContract', `${tag} 已用于合同 ${v.contractNumber}，不得重复使用`, `voucher ${v.number} is already used by contract ${v.contractNumber} and cannot be reused`, 'CONFLICT');
    }
    if (link.amountFen > v.faceValueFen) {
      fail('VALIDATION', `${tag} 用券金额超过面额 (amount exceeds the face value)`, { field: `vouchers.${i}.amountFen`, rule: 'voucher.amountWithinFace' });
    }
    if (v.cityFunded === 1) enforce(checkNoDoubleFunding(true, profile), `vouchers.${i}.voucherId`);
    const onDate = f.registrationDate ?? f.signedDate;
    if (v.claimDate > onDate) {
      fail('VALIDATION', `${tag} 申领日期 ${v.claimDate} 晚于合同${f.registrationDate ? '登记' : '签订'}日期 ${onDate} (claimed after the contract date)`, { field: `vouchers.${i}.voucherId` });
    }
    const dates = {
      claimedOn: v.claimDate,
      registeredOn: v.registeredDate ?? f.registrationDate,
      voidedOn: v.voidedAt ? civilDateInShanghai(new Date(v.voidedAt)) : null,
    };
    const timeline = timelineProfile(v);
    const s = voucherState(dates, onDate, timeline, calendar);
    if (v.voidedAt || s.state === 'void') refuseVoucher(profile, i, 'voucher.void', `${tag} 已作废`, `voucher ${v.number} is void`);
    if (s.state === 'expired_unregistered') {
      const due = s.deadlines.registerBy?.due;
      refuseVoucher(profile, i, 'voucher.registerWithin', `${tag} 未在申领后规定期限内登记（截止 ${due}），已失效`, `voucher ${v.number} was not registered in time (due ${due})`);
    }
    if (s.state === 'expired') {
      const due = s.deadlines.validUntil?.due;
      refuseVoucher(profile, i, 'voucher.validity', `${tag} 已过有效期（至 ${due}）`, `voucher ${v.number} expired on ${due}`);
    }
    // The service must end within the voucher's validity.
    const atEnd = voucherState({ ...dates, contractEndedOn: f.endDate }, maxCivilDate(f.endDate, onDate), timeline, calendar);
    if (atEnd.state === 'expired' && atEnd.reason === 'contract_ended_after_validity') {
      const due = atEnd.deadlines.validUntil?.due;
      refuseVoucher(profile, i, 'voucher.validity', `合同结束日期 ${f.endDate} 晚于${tag}有效期（至 ${due}）`, `the contract ends after voucher ${v.number} expires (${due})`);
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
        fail('CONFLICT', `该合同已于 ${String(submitted)} 申请兑现，不能再更改所用创新券 (redemption already applied for; vouchers cannot change)`, { field: 'vouchers', rule: 'contract.redemptionSubmitted' });
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
