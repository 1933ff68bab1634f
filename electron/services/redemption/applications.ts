// Redemption applications (redemptions + redemption_events): one per contract, moved through the
// allowed statuses only, each move dated and recorded in the history and the audit log.
import {
  REDEMPTION_STATUS_LABELS, REDEMPTION_TRANSITIONS, type RedemptionDetail, type RedemptionEvent, type RedemptionRow,
  type RedemptionListQuery, type RedemptionSort, type RedemptionStatus,
} from '../../../shared/ipc/redemption';
import type { Page } from '../../../shared/ipc/paging';
import { listProfiles } from '../../../shared/policy';
import { addDays } from '../../../shared/rules/civil-date';
import { earliestOpenStart, NEVER_LAPSES } from '../list-cutoffs';
import { contractSearchWhere, walkSortIndex } from '../contract-search';
import { refuse } from '../../../shared/result';
import { compareCivilDates, payoutTimeline } from '../../../shared/rules';
import { loadHolidayCalendar } from '../holidays';
import { audit } from '../audit';
import { nowIso, type ServiceContext } from '../context';
import { amountsOf, contractProfile, contractProfileIssue, deadlineOf, loadContract, today, type ContractFacts } from './contract-facts';

interface RedemptionRecord {
  id: number;
  status: RedemptionStatus;
  resultsText: string;
  submittedDate: string | null;
  approvedDate: string | null;
  paidDate: string | null;
  rejectedReason: string;
}

const RECORD_SQL = `SELECT id, status, results_text AS resultsText, submitted_date AS submittedDate,
  approved_date AS approvedDate, paid_date AS paidDate, rejected_reason AS rejectedReason FROM redemptions WHERE contract_id = ?`;

function record(ctx: ServiceContext, contractId: number): RedemptionRecord | null {
  return (ctx.db.prepare(RECORD_SQL).get(contractId) as RedemptionRecord | undefined) ?? null;
}

function rowOf(ctx: ServiceContext, c: ContractFacts, rec: RedemptionRecord | null): RedemptionRow {
  const profileIssue = contractProfileIssue(c);
  return {
    contractId: c.id, contractNumber: c.number, contractTitle: c.title, applicantName: c.applicant.name,
    startDate: c.startDate, endDate: c.endDate, redemptionId: rec?.id ?? null, status: rec?.status ?? null,
    deadline: profileIssue ? null : deadlineOf(ctx, c), amounts: amountsOf(c), profileIssue,
  };
}

/** Applications started but not handed in, or handed in and not yet settled: the desk follows them up. */
export const OPEN_APPLICATION_STATUSES = ['draft', 'rejected', 'submitted', 'under_review', 'approved'] as const satisfies readonly RedemptionStatus[];

/** `searchIndex`: the contracts are read from contracts_search (a search with few matches), not along the sort's index. */
const listSelect = (searchIndex: boolean) => `SELECT c.id AS contractId, c.number AS contractNumber, c.title AS contractTitle, a.name AS applicantName,
  a.region, c.start_date AS startDate, c.end_date AS endDate, c.amount_fen AS amountFen, c.actual_amount_fen AS actualAmountFen,
  c.profile_id AS profileId, r.id AS redemptionId, r.status,
  (SELECT coalesce(sum(cv.amount_fen), 0) FROM contract_vouchers cv WHERE cv.contract_id = c.id) AS voucherFen
  FROM contracts c ${searchIndex ? 'INDEXED BY contracts_search' : ''} JOIN applicants a ON a.id = c.applicant_id LEFT JOIN redemptions r ON r.contract_id = c.id`;

const SORT_SQL: Record<RedemptionSort, string> = { endDate: 'c.end_date', number: 'c.number' };

/**
 * The SQL of one list query: the needs-action view is the contracts with an open application,
 * plus the voucher contracts without one that ended (or end within `withinDays`) and whose
 * application deadline (the profile's months after the end) has not passed.
 */
export function redemptionListWhere(ctx: ServiceContext, q: RedemptionListQuery, use: 'walk' | 'count' | 'search' = 'walk'): { sql: string; params: Record<string, unknown> } {
  // The window walks the sort's index; the count reads contracts_status_end_profile (0047: with the
  // profile each deadline needs, no contract row is read), or contracts_search for a search (the
  // unary + keeps the window from taking the status index and sorting the result in a temporary
  // B-tree).
  const where = [`${use === 'walk' ? '+' : ''}c.status IN ('active', 'completed')`];
  const params: Record<string, unknown> = {};
  if (q.view === 'action') {
    const now = today(ctx);
    const cutoffs = listProfiles().map((p) => ({
      id: p.id, cut: p.redemptionWithinMonths === null ? NEVER_LAPSES : earliestOpenStart(now, p.redemptionWithinMonths),
    }));
    // A contract on an unknown profile id has no deadline the desk can compute: the earliest
    // cut-off of all keeps it in view, and its row shows why no deadline is given.
    const lapsing = cutoffs.filter((c) => c.cut !== NEVER_LAPSES);
    const loosest = lapsing.reduce((m, c) => (c.cut < m ? c.cut : m), now);
    const cases = cutoffs.map((c, i) => { params[`pid${i}`] = c.id; params[`cut${i}`] = c.cut; return `WHEN @pid${i} THEN @cut${i}`; });
    params.loosest = loosest;
    params.horizon = addDays(now, q.withinDays);
    const statuses = OPEN_APPLICATION_STATUSES.map((s) => `'${s}'`).join(', ');
    // The range on end_date lets page 1 walk contracts_end from the oldest row that can be in view:
    // the oldest open application, and under a profile without a deadline the oldest unstarted contract.
    const starts = [loosest, ctx.db.prepare(`SELECT min(c.end_date) FROM redemptions r JOIN contracts c ON c.id = r.contract_id
      WHERE r.status IN (${statuses})`).pluck().get() as string | null];
    const oldestUnstarted = ctx.db.prepare(`SELECT min(c.end_date) FROM contracts c WHERE c.profile_id = ? AND c.status <> 'void'
      AND NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.contract_id = c.id)`).pluck();
    for (const c of cutoffs) if (c.cut === NEVER_LAPSES) starts.push(oldestUnstarted.get(c.id) as string | null);
    params.from = starts.reduce<string>((m, d) => (d !== null && d < m ? d : m), loosest);
    where.push('c.end_date >= @from', `(r.status IN (${statuses}) OR (r.id IS NULL AND c.end_date <= @horizon
      AND c.end_date >= CASE c.profile_id ${cases.join(' ')} ELSE @loosest END
      AND EXISTS (SELECT 1 FROM contract_vouchers cv WHERE cv.contract_id = c.id)))`);
  }
  if (q.status === 'none') where.push('r.id IS NULL');
  else if (q.status) { where.push('r.status = @status'); params.status = q.status; }
  if (q.query) {
    const search = contractSearchWhere(q.query, '@like');
    where.push(search.sql);
    params.like = search.like;
  }
  return { sql: `WHERE ${where.join(' AND ')}`, params };
}

export function listRedemptions(ctx: ServiceContext, q: RedemptionListQuery): Page<RedemptionRow> {
  const dir = q.dir === 'desc' ? 'DESC' : 'ASC';
  // A search of all contracts reads contracts_search; the needs-action view is a range of end dates
  // (a few thousand contracts at most), read along its own indexes.
  const fromSearch = !!q.query && q.view !== 'action' && contractSearchWhere(q.query, '@like').indexed;
  const counted = () => {
    const c = redemptionListWhere(ctx, q, 'count');
    const searchIndex = fromSearch ? 'INDEXED BY contracts_search' : '';
    return Number(ctx.db.prepare(`SELECT count(*) FROM contracts c ${searchIndex}
      ${q.view === 'action' || q.status ? 'LEFT JOIN redemptions r ON r.contract_id = c.id' : ''} ${c.sql}`).pluck().get(c.params));
  };
  const window = (use: 'walk' | 'search') => {
    const { sql: where, params } = redemptionListWhere(ctx, q, use);
    return ctx.db.prepare(`${listSelect(use === 'search')} ${where} ORDER BY ${SORT_SQL[q.sort]} ${dir}, c.id ${dir} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.limit, offset: q.offset }) as ListDbRow[];
  };
  let rows: ListDbRow[];
  let total: number;
  if (q.query) {
    // A search is counted first (from contracts_search): no match reads no row, and the count says
    // whether the window is found sooner along the sort's index or among the matches.
    total = counted();
    const contracts = Number(ctx.db.prepare('SELECT max(id) FROM contracts').pluck().get() ?? 0);
    rows = total === 0 ? [] : window(!fromSearch || walkSortIndex(total, contracts, q.offset, q.limit) ? 'walk' : 'search');
  } else {
    rows = window('walk');
    total = rows.length < q.limit && q.offset === 0 ? rows.length : counted();
  }
  const holidays = loadHolidayCalendar(ctx);
  return {
    rows: rows.map((r) => {
      const facts = { profileId: r.profileId, endDate: r.endDate };
      // One row on an unknown profile shows its refusal; the rest of the page is computed as usual.
      const profileIssue = contractProfileIssue(facts);
      return {
        contractId: r.contractId, contractNumber: r.contractNumber, contractTitle: r.contractTitle, applicantName: r.applicantName,
        startDate: r.startDate, endDate: r.endDate, redemptionId: r.redemptionId, status: r.status,
        deadline: profileIssue ? null : deadlineOf(ctx, facts, holidays),
        amounts: amountsOf({ amountFen: r.amountFen, actualAmountFen: r.actualAmountFen, voucherFen: r.voucherFen }),
        profileIssue,
      };
    }),
    total,
  };
}

interface ListDbRow {
  contractId: number; contractNumber: string; contractTitle: string; applicantName: string; region: string;
  startDate: string; endDate: string; amountFen: number; actualAmountFen: number | null; profileId: string;
  redemptionId: number | null; status: RedemptionStatus | null; voucherFen: number;
}

export function getRedemption(ctx: ServiceContext, contractId: number): RedemptionDetail {
  const c = loadContract(ctx, contractId);
  const rec = record(ctx, contractId);
  const events = rec
    ? ctx.db.prepare(`SELECT id, status, date, note, created_at AS createdAt FROM redemption_events
        WHERE redemption_id = ? ORDER BY id`).all(rec.id) as RedemptionEvent[]
    : [];
  const row = rowOf(ctx, c, rec);
  return {
    ...row,
    profileId: c.profileId,
    resultsText: rec?.resultsText ?? '',
    submittedDate: rec?.submittedDate ?? null,
    approvedDate: rec?.approvedDate ?? null,
    paidDate: rec?.paidDate ?? null,
    rejectedReason: rec?.rejectedReason ?? '',
    voucherNumbers: c.vouchers.map((v) => v.number),
    events,
    nextStatuses: rec ? [...REDEMPTION_TRANSITIONS[rec.status]] : [],
    // The result is published on approval; the approval quarter sets the payment quarter.
    timeline: row.profileIssue ? null : payoutTimeline(contractProfile(c), { noticeStart: rec?.approvedDate ?? null, approvedOn: rec?.approvedDate ?? null }, loadHolidayCalendar(ctx)),
  };
}

function addEvent(ctx: ServiceContext, redemptionId: number, status: RedemptionStatus, date: string, note: string): void {
  ctx.db.prepare('INSERT INTO redemption_events(redemption_id, status, date, note, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(redemptionId, status, date, note, nowIso(ctx));
}

/** Starts the contract's application as a draft, with the amounts as they stand. */
export function openRedemption(ctx: ServiceContext, contractId: number): RedemptionDetail {
  const c = loadContract(ctx, contractId);
  if (c.status === 'void' || c.status === 'draft') {
    refuse('RULE', 'redemption.contractStatus', { field: 'contractId', rule: 'redemption.contractStatus', params: { number: c.number } });
  }
  if (record(ctx, contractId)) refuse('CONFLICT', 'redemption.exists', { field: 'contractId', params: { number: c.number } });
  const amounts = amountsOf(c);
  ctx.db.transaction(() => {
    const at = nowIso(ctx);
    const info = ctx.db.prepare(`INSERT INTO redemptions(contract_id, status, voucher_amount_fen, own_payment_fen, created_at, updated_at)
      VALUES (?, 'draft', ?, ?, ?, ?)`).run(contractId, amounts.voucherFen, Math.max(0, amounts.ownPaymentFen ?? 0), at, at);
    const rid = Number(info.lastInsertRowid);
    addEvent(ctx, rid, 'draft', today(ctx), '');
    audit(ctx, 'redemption.open', 'redemption', rid, { contractId });
  })();
  return getRedemption(ctx, contractId);
}

function existing(ctx: ServiceContext, contractId: number): RedemptionRecord {
  const rec = record(ctx, contractId);
  if (!rec) refuse('NOT_FOUND', 'redemption.notFound', { field: 'contractId', params: { contractId } });
  return rec;
}

/**
 * Moves the application to `to` on `date` (default today). Refuses moves outside the transition
 * table, dates in the future or before the previous event, and a submission after the deadline.
 */
export function transitionRedemption(
  ctx: ServiceContext,
  input: { contractId: number; to: RedemptionStatus; date?: string; note: string },
): RedemptionDetail {
  const c = loadContract(ctx, input.contractId);
  const rec = existing(ctx, input.contractId);
  const { to, note } = input;
  const date = input.date ?? today(ctx);
  if (!REDEMPTION_TRANSITIONS[rec.status].includes(to)) {
    const [from, next] = [REDEMPTION_STATUS_LABELS[rec.status], REDEMPTION_STATUS_LABELS[to]];
    refuse('CONFLICT', 'redemption.transition', {
      field: 'to', rule: 'redemption.transition', params: { fromZh: from.zh, fromEn: from.en, toZh: next.zh, toEn: next.en },
    });
  }
  if (compareCivilDates(date, today(ctx)) > 0) refuse('VALIDATION', 'date.future', { field: 'date', params: { today: today(ctx) } });
  const last = ctx.db.prepare('SELECT max(date) FROM redemption_events WHERE redemption_id = ?').pluck().get(rec.id) as string | null;
  if (last && compareCivilDates(date, last) < 0) {
    refuse('VALIDATION', 'redemption.dateBeforePrevious', { field: 'date', params: { date, last } });
  }
  if (to === 'rejected' && !note) refuse('VALIDATION', 'redemption.reasonRequired', { field: 'note' });
  if (to === 'submitted') {
    const deadline = deadlineOf(ctx, c);
    if (deadline && compareCivilDates(date, deadline.due) > 0) {
      refuse('RULE', 'redemption.late', {
        field: 'date', rule: 'voucher.redemptionWithin', article: deadline.article, document: contractProfile(c).documentNumber,
        params: { due: deadline.due, date },
      });
    }
  }
  const amounts = amountsOf(c);
  ctx.db.transaction(() => {
    const dateColumn = { submitted: 'submitted_date', approved: 'approved_date', paid: 'paid_date' } as Partial<Record<RedemptionStatus, string>>;
    const col = dateColumn[to];
    const sets = ['status = ?', 'updated_at = ?'];
    const params: unknown[] = [to, nowIso(ctx)];
    if (col) { sets.push(`${col} = ?`); params.push(date); }
    if (to === 'rejected') { sets.push('rejected_reason = ?'); params.push(note); }
    if (to === 'submitted') {
      // The amounts handed in are frozen with the submission.
      sets.push('voucher_amount_fen = ?', 'own_payment_fen = ?');
      params.push(amounts.voucherFen, Math.max(0, amounts.ownPaymentFen ?? 0));
    }
    if (to === 'draft') sets.push("submitted_date = NULL, approved_date = NULL, rejected_reason = ''");
    ctx.db.prepare(`UPDATE redemptions SET ${sets.join(', ')} WHERE id = ?`).run(...params, rec.id);
    addEvent(ctx, rec.id, to, date, note);
    audit(ctx, 'redemption.transition', 'redemption', rec.id, { from: rec.status, to, date, note });
  })();
  return getRedemption(ctx, input.contractId);
}

/**
 * What was handed in stays as handed in: once submitted (and until rejected), attachments cannot
 * be removed and invoices cannot change. Adding a file (say the bank receipt) stays possible.
 */
export function assertPacketEditable(ctx: ServiceContext, contractId: number, field: string): void {
  const rec = record(ctx, contractId);
  if (rec && rec.status !== 'draft' && rec.status !== 'rejected') {
    const s = REDEMPTION_STATUS_LABELS[rec.status];
    refuse('CONFLICT', 'redemption.locked', { field, rule: 'redemption.locked', params: { statusZh: s.zh, statusEn: s.en } });
  }
}

export function saveResultsText(ctx: ServiceContext, contractId: number, resultsText: string): RedemptionDetail {
  const rec = existing(ctx, contractId);
  if (rec.status !== 'draft' && rec.status !== 'rejected') {
    const s = REDEMPTION_STATUS_LABELS[rec.status];
    refuse('CONFLICT', 'redemption.resultsLocked', { field: 'resultsText', params: { statusZh: s.zh, statusEn: s.en } });
  }
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE redemptions SET results_text = ?, updated_at = ? WHERE id = ?').run(resultsText, nowIso(ctx), rec.id);
    audit(ctx, 'redemption.results', 'redemption', rec.id, { length: resultsText.length });
  })();
  return getRedemption(ctx, contractId);
}
