import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dueSoon } from '../../electron/services/deals/dashboard';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { tempCore, type TempCore } from '../helpers/db';
import { captureStatements, costlyLines, planOf } from '../scale/plan';
import { claim, contract, firm, YUAN } from './helpers';

let core: TempCore; // today = 2025-06-16 (Shanghai)
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
    expect(r).toMatchObject({ ok: true, value: { items: [], today: '2025-06-16' } });
    const d = await invoke(handlers, core.ctx, 'dashboard:dueSoon', {});
    expect(d.ok && (d.value as { items: unknown[] }).items).toHaveLength(1); // default 30 days
  });

  it('sorts by urgency on 20k vouchers and 50k contracts, with indexes that serve the date windows', () => {
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
    // The statements dueSoon itself runs, with the values it binds, explained as they are.
    const { result, statements } = captureStatements(core.db, () => dueSoon(core.ctx, { withinDays: 30 }));
    const { items } = result;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((x, i) => i === 0 || items[i - 1].daysLeft <= x.daysLeft)).toBe(true);
    // Speed is measured by `npm run bench`; here: each date window is an index range search on the
    // window's date (not a scan of the table or of a whole index), and nothing is sorted in a temp B-tree.
    const windows: [string, RegExp][] = [
      ['vouchers_due_register', /^SEARCH v USING INDEX vouchers_due_register \(profile_id=\? AND claim_date>\? AND claim_date<\?\)/],
      ['vouchers_due_validity', /^SEARCH v USING INDEX vouchers_due_validity \(profile_id=\? AND registered_date>\? AND registered_date<\?\)/],
      ['contracts_due_redemption', /^SEARCH c USING INDEX contracts_due_redemption \(profile_id=\? AND end_date>\? AND end_date<\?\)/],
    ];
    for (const [index, search] of windows) {
      const ran = statements.filter((st) => st.sql.includes(`INDEXED BY ${index}`));
      expect(ran.length, `dueSoon ran no statement over ${index}`).toBeGreaterThan(0);
      for (const st of ran) {
        const plan = planOf(core.db, st);
        expect(plan.some((d) => search.test(d)), plan.join(' | ')).toBe(true);
        expect(costlyLines(plan)).toEqual([]);
        // The hint only pins what the planner picks by itself: without it the plan is the same search.
        expect(planOf(core.db, { ...st, sql: st.sql.replace(`INDEXED BY ${index}`, '') }).some((d) => search.test(d))).toBe(true);
      }
    }
  });
});
