import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dueSoon as dueSoonWindow } from '../../electron/services/deals/dashboard';
import { statusOf, VOUCHER_SELECT, type VoucherDbRow } from '../../electron/services/deals/voucher-status';
import { loadHolidayCalendar } from '../../electron/services/holidays';
import { dueSoonSchema, type DueItem } from '../../shared/ipc/deals';
import { listProfiles } from '../../shared/policy';
import { addDays, civilDateInShanghai, redemptionApplyBy } from '../../shared/rules';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { tempCore, type TempCore } from '../helpers/db';
import { captureStatements, costlyLines, planOf } from '../scale/plan';
import { claim, contract, firm, YUAN } from './helpers';

let core: TempCore; // today = 2025-06-16 (Shanghai)

type Ctx = TempCore['ctx'];
/** One window as the channel parses its input (defaults: offset 0, 100 rows, by deadline ascending). */
function dueSoon(ctx: Ctx, input: Record<string, unknown>) {
  const page = dueSoonWindow(ctx, dueSoonSchema.parse(input));
  return { ...page, items: page.rows };
}

/** Every item, window by window of `limit`, checking each window's total. */
function allWindows(ctx: Ctx, input: Record<string, unknown>, limit: number): DueItem[] {
  const out: DueItem[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = dueSoonWindow(ctx, dueSoonSchema.parse({ ...input, offset, limit }));
    out.push(...page.rows);
    if (page.rows.length < limit) {
      expect(out).toHaveLength(page.total);
      return out;
    }
  }
}

/** The engine's judgement of every voucher and voucher contract of the desk, read whole (the page before windows). */
function everyItemByTheEngine(ctx: Ctx, withinDays: number): DueItem[] {
  const today = civilDateInShanghai(ctx.now());
  const last = addDays(today, withinDays);
  const cal = loadHolidayCalendar(ctx);
  const kinds: Record<string, DueItem['kind']> = { 'voucher.registerWithin': 'voucher_register', 'voucher.validity': 'voucher_expiry' };
  const items: DueItem[] = [];
  for (const row of ctx.db.prepare(VOUCHER_SELECT).all() as VoucherDbRow[]) {
    const s = statusOf(row, today, cal);
    const kind = s.next ? kinds[s.next.rule] : undefined;
    if (!s.next || !kind || s.daysRemaining === null || s.daysRemaining < 0 || s.next.due > last) continue;
    items.push({ kind, title: { zh: '', en: '' }, number: row.number, deadline: s.next.due, daysLeft: s.daysRemaining, rule: s.next.rule,
      article: s.next.article, applicantName: row.applicantName, link: { page: 'vouchers', id: row.id } });
  }
  const contracts = ctx.db.prepare(`SELECT c.id, c.number, c.end_date AS endDate, c.profile_id AS profileId, a.name AS applicantName
    FROM contracts c JOIN applicants a ON a.id = c.applicant_id WHERE c.status <> 'void'
      AND EXISTS (SELECT 1 FROM contract_vouchers cv WHERE cv.contract_id = c.id)
      AND NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.contract_id = c.id AND r.submitted_date IS NOT NULL)`).all() as
    { id: number; number: string; endDate: string; profileId: string; applicantName: string }[];
  for (const c of contracts) {
    const p = listProfiles().find((x) => x.id === c.profileId)!;
    const d = redemptionApplyBy(c.endDate, p, cal);
    if (!d || d.due < today || d.due > last) continue;
    items.push({ kind: 'contract_redemption', title: { zh: '', en: '' }, number: c.number, deadline: d.due, daysLeft: d.due === today ? 0 : Math.round((Date.parse(d.due) - Date.parse(today)) / 86_400_000),
      rule: d.rule, article: d.article, applicantName: c.applicantName, link: { page: 'contracts', id: c.id } });
  }
  return items;
}

const KIND_RANK = { contract_redemption: 0, voucher_expiry: 1, voucher_register: 2 } as const;
const byDeadline = (a: DueItem, b: DueItem) => a.deadline.localeCompare(b.deadline) || KIND_RANK[a.kind] - KIND_RANK[b.kind];
const key = (i: DueItem) => `${i.kind}:${i.link.id}:${i.deadline}:${i.daysLeft}:${i.rule}:${i.article}:${i.number}:${i.applicantName}`;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

describe('dashboard:dueSoon', () => {
  it('lists register-by, validity and redemption deadlines within N days, most urgent first', () => {
    const a = firm(core.ctx, { name: '提醒企业', highTech: true });
    const today = claim(core.ctx, a.id, { number: 'R-TODAY', claimDate: '2025-06-01' }); // register by 06-16: 0 days
    claim(core.ctx, a.id, { number: 'R-10', claimDate: '2025-06-11' }); // register by 06-26: 10 days
    claim(core.ctx, a.id, { number: 'R-LATE', claimDate: '2025-05-31' }); // already void: not listed
    const exp = claim(core.ctx, a.id, { number: 'E-5', claimDate: '2025-03-10', registeredDate: '2025-03-21' }); // valid to 06-21: 5 days
    claim(core.ctx, a.id, { number: 'E-FAR', claimDate: '2025-06-02', registeredDate: '2025-06-03' }); // valid to 09-03
    const used = claim(core.ctx, a.id, { number: 'V-USED', claimDate: '2025-05-10', registeredDate: '2025-05-12' });
    const c = contract(core.ctx, {
      applicantId: a.id, number: 'HT-END', signedDate: '2025-05-12', startDate: '2025-05-12', endDate: '2025-05-20',
      vouchers: [{ voucherId: used.id, amountFen: 10_000 * YUAN }],
    }); // apply by 06-20: 4 days; its voucher's next deadline is the same redemption, shown once (as the contract)
    contract(core.ctx, { applicantId: a.id, number: 'HT-PLAIN', endDate: '2025-05-20', signedDate: '2025-05-12', startDate: '2025-05-12' }); // no vouchers

    const { items } = dueSoon(core.ctx, { withinDays: 10 });
    expect(items.map((i) => [i.kind, i.daysLeft, i.deadline])).toEqual([
      ['voucher_register', 0, '2025-06-16'],
      ['contract_redemption', 4, '2025-06-20'],
      ['voucher_expiry', 5, '2025-06-21'],
      ['voucher_register', 10, '2025-06-26'],
    ]);
    expect(items[0]).toMatchObject({ link: { page: 'vouchers', id: today.id }, applicantName: '提醒企业', article: '第十五条' });
    expect(items[1].link).toEqual({ page: 'contracts', id: c.id });
    expect(items[2].link).toEqual({ page: 'vouchers', id: exp.id });
    expect(dueSoon(core.ctx, { withinDays: 10 }).total).toBe(4);
    expect(dueSoon(core.ctx, { withinDays: 10, offset: 1, limit: 2 }).items.map((i) => i.deadline)).toEqual(['2025-06-20', '2025-06-21']);
    expect(dueSoon(core.ctx, { withinDays: 9 }).items).toHaveLength(3);
    expect(dueSoon(core.ctx, { withinDays: 0 }).items).toHaveLength(1);
  });

  it('drops a contract once its redemption was applied for', () => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id, { claimDate: '2025-05-10', registeredDate: '2025-05-12' });
    const c = contract(core.ctx, { applicantId: a.id, signedDate: '2025-05-12', startDate: '2025-05-12', endDate: '2025-05-20', vouchers: [{ voucherId: v.id, amountFen: 100 }] });
    expect(dueSoon(core.ctx, { withinDays: 30 }).items.map((i) => i.kind)).toEqual(['contract_redemption']);
    core.db.prepare("INSERT INTO redemptions(contract_id, status, submitted_date, created_at, updated_at) VALUES (?, 'submitted', '2025-06-15', 'x', 'x')").run(c.id);
    expect(dueSoon(core.ctx, { withinDays: 30 }).items).toEqual([]);
  });

  it('keeps the input shape the daily notification uses, through the IPC wrapper', async () => {
    const a = firm(core.ctx);
    claim(core.ctx, a.id, { claimDate: '2025-06-14' });
    const r = await invoke(handlers, core.ctx, 'dashboard:dueSoon', { withinDays: 3 });
    expect(r).toMatchObject({ ok: true, value: { rows: [], total: 0, today: '2025-06-16' } });
    const d = await invoke(handlers, core.ctx, 'dashboard:dueSoon', {});
    expect(d.ok && (d.value as { rows: unknown[]; total: number })).toMatchObject({ total: 1, rows: [{ kind: 'voucher_register' }] }); // default 30 days
    // The daily notification asks for one row and announces the total.
    const n = await invoke(handlers, core.ctx, 'dashboard:dueSoon', { withinDays: 30, limit: 1 });
    expect(n.ok && (n.value as { rows: unknown[]; total: number })).toMatchObject({ total: 1 });
    expect((await invoke(handlers, core.ctx, 'dashboard:dueSoon', { withinDays: 30, limit: 501 })).ok).toBe(false);
  });

  it('pages exactly the items the engine finds over every record, in deadline order, both directions', () => {
    // Vouchers and contracts of every profile around today: month ends, late registrations, voids,
    // cross-region vouchers, contracts ended or not, redemptions applied, pending or dated later.
    const a = firm(core.ctx);
    const profiles = listProfiles().map((p) => p.id);
    let x = 7;
    const rnd = (n: number) => { x = (x * 1_103_515_245 + 12_345) % 2_147_483_648; return x % n; };
    const day = (offset: number) => addDays('2025-06-16', offset);
    const now = '2025-06-16T00:00:00.000Z';
    core.db.transaction(() => {
      const v = core.db.prepare(`INSERT INTO vouchers(number, applicant_id, face_value_fen, claim_date, registered_date, profile_id, voided_at, cross_region, created_at, updated_at)
        VALUES (?, ?, 100, ?, ?, ?, ?, ?, ?, ?)`);
      const c = core.db.prepare(`INSERT INTO contracts(number, applicant_id, signed_date, start_date, end_date, amount_fen, profile_id, status, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 1000, ?, ?, ?, ?)`);
      const cv = core.db.prepare('INSERT INTO contract_vouchers(contract_id, voucher_id, amount_fen) VALUES (?, ?, 100)');
      const r = core.db.prepare("INSERT INTO redemptions(contract_id, status, submitted_date, created_at, updated_at) VALUES (?, 'submitted', ?, 'x', 'x')");
      for (let i = 0; i < 3_000; i++) {
        const claimDate = rnd(5) === 0 ? `${2024 + rnd(2)}-${String(1 + rnd(12)).padStart(2, '0')}-${28 + rnd(4) > 30 ? '30' : String(28 + rnd(3))}` : day(-700 + rnd(720));
        const registered = rnd(3) === 0 ? null : addDays(claimDate, rnd(4) === 0 ? 14 + rnd(5) : rnd(14));
        const reg = registered && registered > '2025-06-16' ? null : registered;
        const id = Number(v.run(`V${i}`, a.id, claimDate, reg, profiles[rnd(profiles.length)], rnd(25) === 0 ? now : null,
          rnd(30) === 0 ? 'jingjinji' : null, now, now).lastInsertRowid);
        if (reg && rnd(2) === 0) {
          const end = addDays(reg, rnd(400));
          const contractId = Number(c.run(`C${i}`, a.id, reg, reg, end, profiles[rnd(profiles.length)], rnd(15) === 0 ? 'void' : 'active', now, now).lastInsertRowid);
          cv.run(contractId, id);
          const k = rnd(4);
          if (k === 0) r.run(contractId, null);
          else if (k === 1) r.run(contractId, addDays(end, rnd(60)) > '2025-06-16' ? '2025-06-16' : addDays(end, rnd(60)));
          else if (k === 2) r.run(contractId, '2025-06-20');
        }
      }
    })();
    for (const withinDays of [0, 7, 30, 90, 366]) {
      const expected = everyItemByTheEngine(core.ctx, withinDays).sort(byDeadline);
      const paged = allWindows(core.ctx, { withinDays }, 37);
      expect(paged.map(key).sort()).toEqual(expected.map(key).sort());
      expect(new Set(paged.map((i) => `${i.kind}:${i.link.id}`)).size).toBe(paged.length);
      for (let i = 1; i < paged.length; i++) expect(byDeadline(paged[i - 1], paged[i]), `${withinDays} days, item ${i}`).toBeLessThanOrEqual(0);
      const desc = allWindows(core.ctx, { withinDays, dir: 'desc' }, 53);
      expect(desc.map(key)).toEqual([...paged].reverse().map(key));
      if (withinDays === 90) expect(paged.length).toBeGreaterThan(100);
    }
  });

  it('answers a window from index range searches of the date windows: no scan, no temp B-tree, on 20k vouchers and 50k contracts', () => {
    const a = firm(core.ctx);
    const now = '2025-06-16T00:00:00.000Z';
    core.db.transaction(() => {
      const v = core.db.prepare(`INSERT INTO vouchers(number, applicant_id, face_value_fen, claim_date, registered_date, profile_id, created_at, updated_at)
        VALUES (?, ?, 100, ?, ?, 'beijing-2023', ?, ?)`);
      for (let i = 0; i < 20_000; i++) {
        const claimDate = new Date(Date.UTC(2023, 10, 1) + (i % 900) * 86_400_000).toISOString().slice(0, 10);
        v.run(`B${i}`, a.id, claimDate, i % 2 ? claimDate : null, now, now);
      }
      const c = core.db.prepare(`INSERT INTO contracts(number, applicant_id, signed_date, start_date, end_date, amount_fen, profile_id, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 1000, 'beijing-2023', ?, ?)`);
      const cv = core.db.prepare('INSERT INTO contract_vouchers(contract_id, voucher_id, amount_fen) VALUES (?, ?, 100)');
      for (let i = 0; i < 50_000; i++) {
        const end = new Date(Date.UTC(2023, 10, 1) + (i % 900) * 86_400_000).toISOString().slice(0, 10);
        const id = Number(c.run(`C${i}`, a.id, end, end, end, now, now).lastInsertRowid);
        if (i < 20_000 && i % 3 === 0) cv.run(id, i + 2); // some voucher contracts
      }
    })();
    const first = dueSoon(core.ctx, { withinDays: 90, limit: 50 });
    expect(first.total).toBeGreaterThan(100);
    expect(first.items).toHaveLength(50);
    // Page 1 and the last window, both directions: the statements dueSoon itself runs, with the values it binds.
    for (const input of [{ offset: 0 }, { offset: first.total - 50 }, { offset: 0, dir: 'desc' }, { offset: first.total - 50, dir: 'desc' }]) {
      const { result, statements } = captureStatements(core.db, () => dueSoon(core.ctx, { withinDays: 90, limit: 50, ...input }));
      expect(result.items).toHaveLength(50);
      expect(result.items.every((x, i) => i === 0 || (input.dir === 'desc' ? result.items[i - 1].daysLeft >= x.daysLeft : result.items[i - 1].daysLeft <= x.daysLeft))).toBe(true);
      // Each stream's count and window is an index range search on its date (not a scan of the table
      // or of a whole index), read in the index's order; the window's rows are read by id.
      const windows: [string, RegExp][] = [
        ['vouchers_due_register', /^SEARCH v USING INDEX vouchers_due_register \(profile_id=\? AND claim_date>\? AND claim_date<\?\)/],
        ['vouchers_due_validity', /^SEARCH v USING INDEX vouchers_due_validity \(profile_id=\? AND registered_date>\? AND registered_date<\?\)/],
        ['contracts_due_redemption', /^SEARCH c USING INDEX contracts_due_redemption \(profile_id=\? AND end_date>\? AND end_date<\?\)/],
      ];
      for (const [index, search] of windows) {
        const ran = statements.filter((st) => st.sql.includes(`INDEXED BY ${index}`));
        expect(ran.filter((st) => /^SELECT count\(\*\)/.test(st.sql)).length, `count over ${index}`).toBeGreaterThan(0);
        expect(ran.filter((st) => /ORDER BY .* LIMIT \?$/.test(st.sql)).length, `window over ${index}`).toBeGreaterThan(0);
        for (const st of ran) {
          const plan = planOf(core.db, st);
          expect(plan.some((d) => search.test(d)), plan.join(' | ')).toBe(true);
          // The hint only pins what the planner picks by itself: without it the plan is the same search.
          expect(planOf(core.db, { ...st, sql: st.sql.replace(`INDEXED BY ${index}`, '') }).some((d) => search.test(d))).toBe(true);
        }
      }
      for (const st of statements) expect(costlyLines(planOf(core.db, st)), st.sql).toEqual([]);
      const byId = statements.filter((st) => / IN \(\?/.test(st.sql));
      expect(byId.length).toBeGreaterThan(0);
    }
  });
});
