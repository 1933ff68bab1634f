// The redemption list pages, filters and sorts in SQL, and opens on the applications that need
// the desk; page 1 of each view and sort walks an index (no full scan, no temporary sort).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { listRedemptions, openRedemption, transitionRedemption } from '../../electron/services/redemption/applications';
import { redemptionListSchema, type RedemptionListQuery, type RedemptionStatus } from '../../shared/ipc/redemption';
import { tempCore, type TempCore } from '../helpers/db';
import { insertContract, type ContractOptions } from '../redemption/fixtures';
import { captureStatements, costlyLines, planOf } from './plan';

let core: TempCore;
// Today is 2025-06-16 (Shanghai); beijing-2023 gives one month after the contract end to apply.
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

const STEPS: Record<RedemptionStatus, RedemptionStatus[]> = {
  draft: [], submitted: ['submitted'], under_review: ['submitted', 'under_review'],
  approved: ['submitted', 'under_review', 'approved'], paid: ['submitted', 'under_review', 'approved', 'paid'],
  rejected: ['submitted', 'rejected'], void: ['void'],
};

/** A contract, and its application walked to `status` through the service (or stored as is, when `stored`). */
function contract(number: string, o: ContractOptions = {}, status?: RedemptionStatus, stored = false): number {
  const { contractId } = insertContract(core.db, { number, ...o });
  if (status && stored) {
    core.db.prepare(`INSERT INTO redemptions(contract_id, status, created_at, updated_at) VALUES (?, ?, '2025-04-20T00:00:00Z', '2025-04-20T00:00:00Z')`)
      .run(contractId, status);
  } else if (status) {
    openRedemption(core.ctx, contractId);
    for (const to of STEPS[status]) transitionRedemption(core.ctx, { contractId, to, note: to === 'rejected' ? '材料不全' : '' });
  }
  return contractId;
}

const list = (q: Partial<RedemptionListQuery> = {}) => listRedemptions(core.ctx, redemptionListSchema.parse(q));

describe('redemption list: needs-action view', () => {
  beforeEach(() => {
    contract('A-due', { endDate: '2025-06-10' });                          // ended, apply by 2025-07-10: due soon
    contract('A-lapsed', { endDate: '2025-05-10' });                       // apply-by 2025-06-10 has passed
    contract('A-lastday', { endDate: '2025-05-16' });                      // apply-by 2025-06-16 is today
    contract('A-ending', { startDate: '2025-06-01', endDate: '2025-06-26' }); // ends within 30 days
    contract('A-later', { startDate: '2025-06-01', endDate: '2025-09-30' });  // ends in more than 30 days
    contract('A-novoucher', { endDate: '2025-06-10', vouchersFen: [] });  // nothing to redeem
    contract('A-draft', { endDate: '2025-06-01' }, 'draft');
    // Handed in on time months ago and still under review: followed up although its deadline is behind.
    contract('A-review', { startDate: '2025-03-01', endDate: '2025-04-01' }, 'under_review', true);
    contract('A-oldpaid', { startDate: '2025-03-01', endDate: '2025-03-20' }, 'paid', true);
    contract('A-rejected', { endDate: '2025-06-01' }, 'rejected');
    contract('A-paid', { endDate: '2025-06-01' }, 'paid');
    contract('A-void', { endDate: '2025-06-01' }, 'void');
    contract('A-approved', { endDate: '2025-06-02' }, 'approved');
  });

  it('opens on open applications and unstarted contracts whose deadline is ahead, earliest end first', () => {
    const page = list();
    expect(page.rows.map((r) => r.contractNumber)).toEqual([
      'A-review', 'A-lastday', 'A-draft', 'A-rejected', 'A-approved', 'A-due', 'A-ending',
    ]);
    expect(page.total).toBe(7);
    const lastDay = page.rows.find((r) => r.contractNumber === 'A-lastday');
    expect(lastDay?.deadline).toMatchObject({ due: '2025-06-16', daysLeft: 0 });
  });

  it('shows the rest a search away: the all view has every active contract, filterable by status and text', () => {
    expect(list({ view: 'all' }).total).toBe(13);
    expect(list({ view: 'all', status: 'paid' }).rows.map((r) => r.contractNumber)).toEqual(['A-oldpaid', 'A-paid']);
    expect(list({ view: 'all', status: 'none' }).total).toBe(6);
    expect(list({ view: 'all', query: 'lapsed' }).rows.map((r) => r.contractNumber)).toEqual(['A-lapsed']);
    // A search term with LIKE wildcards matches them literally.
    expect(list({ view: 'all', query: '%' }).total).toBe(0);
  });

  it('widens the window of unstarted contracts with withinDays', () => {
    expect(list({ withinDays: 0 }).rows.map((r) => r.contractNumber)).not.toContain('A-ending');
    expect(list({ withinDays: 120 }).rows.map((r) => r.contractNumber)).toContain('A-later');
  });
});

describe('redemption list: windows and sorts', () => {
  beforeEach(() => {
    for (let i = 0; i < 25; i++) {
      const d = String(1 + (i % 28)).padStart(2, '0');
      contract(`W-${String(i).padStart(2, '0')}`, { startDate: '2024-01-01', endDate: `2024-${i < 12 ? '03' : '04'}-${d}` });
    }
  });

  it('answers disjoint windows that together are the whole sorted list, with the total', () => {
    const whole = list({ view: 'all', limit: 500 });
    expect(whole.total).toBe(25);
    const parts = [0, 10, 20].flatMap((offset) => {
      const p = list({ view: 'all', offset, limit: 10 });
      expect(p.total).toBe(25);
      return p.rows.map((r) => r.contractId);
    });
    expect(parts).toEqual(whole.rows.map((r) => r.contractId));
    const ends = whole.rows.map((r) => r.endDate);
    expect(ends).toEqual([...ends].sort());
  });

  it('sorts by number and descending', () => {
    const byNumber = list({ view: 'all', sort: 'number', dir: 'desc', limit: 5 }).rows.map((r) => r.contractNumber);
    expect(byNumber).toEqual(['W-24', 'W-23', 'W-22', 'W-21', 'W-20']);
    const latest = list({ view: 'all', dir: 'desc', limit: 1 }).rows[0];
    expect(latest.endDate).toBe('2024-04-25');
  });

  it('refuses windows larger than the page cap and unknown sorts at the IPC boundary', async () => {
    const big = await invoke(handlers, core.ctx, 'redemption:list', { limit: 5000 });
    expect(big).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'limit' } });
    const sort = await invoke(handlers, core.ctx, 'redemption:list', { sort: 'amount' });
    expect(sort).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'sort' } });
  });
});

describe('redemption list: query plans of page 1', () => {
  const cases: Partial<RedemptionListQuery>[] = [
    {}, { view: 'all' }, { view: 'all', dir: 'desc' }, { view: 'all', sort: 'number' }, { view: 'all', sort: 'number', dir: 'desc' },
  ];
  it.each(cases)('%o walks an index without a temporary sort', (q) => {
    contract('P-1', { endDate: '2025-06-10' });
    contract('P-2', { endDate: '2025-06-01' }, 'submitted');
    const { statements } = captureStatements(core.db, () => list({ ...q, limit: 1, offset: 1 }));
    const listing = statements.filter((s) => /FROM contracts c/.test(s.sql) && !/min\(c.end_date\)/.test(s.sql));
    expect(listing.length).toBeGreaterThanOrEqual(2); // the window and its count
    for (const s of listing) {
      const plan = planOf(core.db, s);
      expect(costlyLines(plan), `${s.sql}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});

describe('redemption list: the needs-action count', () => {
  it('reads the contracts of its end-date range from contracts_status_end_profile (0047) alone, never their rows', () => {
    contract('P-1', { endDate: '2025-06-10' });
    contract('P-2', { endDate: '2025-06-01' }, 'submitted');
    const { statements } = captureStatements(core.db, () => list({ limit: 1, offset: 1 }));
    const count = statements.find((s) => /SELECT count\(\*\) FROM contracts c/.test(s.sql))!;
    expect(planOf(core.db, count)).toContainEqual(expect.stringMatching(/^SEARCH c USING COVERING INDEX contracts_status_end_profile \(status=\? AND end_date>\?\)/));
  });
});

describe('contracts list: query plan of page 1', () => {
  it('walks contracts_signed_cover (0045) newest first, without a temporary sort', async () => {
    const { listContracts } = await import('../../electron/services/deals/contracts');
    const { contractListSchema } = await import('../../shared/ipc/deals');
    for (let i = 0; i < 3; i++) contract(`S-${i}`);
    const { statements } = captureStatements(core.db, () => listContracts(core.ctx, contractListSchema.parse({ limit: 2 })));
    const window = statements.find((s) => /LIMIT \? OFFSET \?/.test(s.sql));
    if (!window) throw new Error('no window statement');
    const plan = planOf(core.db, window);
    expect(plan.join('\n')).toContain('contracts_signed_cover');
    expect(costlyLines(plan), plan.join('\n')).toEqual([]);
  });
});
