// Applicants, vouchers, contracts and the catalog page in SQL: windows that tile the sorted list,
// the total the filter matches, the page cap at the IPC boundary, and page 1 of each offered sort
// walking an index (EXPLAIN QUERY PLAN on the statements the services really run).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { listInstruments } from '../../electron/services/catalog/instruments';
import { listApplicants } from '../../electron/services/deals/applicants';
import { listContracts } from '../../electron/services/deals/contracts';
import { listVouchers } from '../../electron/services/deals/vouchers';
import { INSTRUMENT_SORT_FIELDS } from '../../shared/catalog/instrument';
import {
  applicantListSchema, CONTRACT_SORTS, contractListSchema, VOUCHER_SORTS, voucherListSchema,
} from '../../shared/ipc/deals';
import { MAX_PAGE_SIZE } from '../../shared/ipc/paging';
import { tempCore, type TempCore } from '../helpers/db';
import { insertContract } from '../redemption/fixtures';
import { captureStatements, costlyLines, planOf, type Executed } from './plan';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

/** The window statement (the one with LIMIT) of what `fn` ran, and its plan's costly lines. */
function windowPlan(fn: () => unknown): { plan: string[]; costly: string[]; statement: Executed } {
  const { statements } = captureStatements(core.db, fn);
  const statement = statements.find((s) => /LIMIT \?/.test(s.sql));
  if (!statement) throw new Error(`no window statement among:\n${statements.map((s) => s.sql).join('\n')}`);
  const plan = planOf(core.db, statement);
  return { plan, costly: costlyLines(plan), statement };
}

/** 30 contracts, each with its own applicant and voucher; 10 more vouchers never registered. */
function fill(): void {
  for (let i = 0; i < 30; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    insertContract(core.db, { number: `L-${String(i).padStart(2, '0')}`, applicantName: `列表单位${String(29 - i).padStart(2, '0')}`, startDate: `2025-0${1 + (i % 5)}-${day}`, endDate: '2025-06-10' });
  }
  const applicant = core.db.prepare('SELECT min(id) FROM applicants').pluck().get() as number;
  for (let i = 0; i < 10; i++) {
    core.db.prepare(`INSERT INTO vouchers(number, applicant_id, face_value_fen, claim_date, profile_id, created_at, updated_at)
      VALUES (?, ?, 1000000, ?, 'beijing-2023', '2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z')`)
      .run(`KJQ-NEW-${i}`, applicant, i < 5 ? '2025-06-12' : '2024-01-05');
  }
  // Registered long ago (validity over) and registered this spring (still inside its 3 months).
  for (const [n, claimed, registered] of [['KJQ-OLD', '2023-01-05', '2023-01-10'], ['KJQ-YEAR', '2025-04-01', '2025-04-10']]) {
    core.db.prepare(`INSERT INTO vouchers(number, applicant_id, face_value_fen, claim_date, registered_date, profile_id, created_at, updated_at)
      VALUES (?, ?, 1000000, ?, ?, 'beijing-2023', '2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z')`).run(n, applicant, claimed, registered);
  }
}

describe('applicants list', () => {
  beforeEach(fill);

  it('tiles the name-sorted list with windows and counts the whole filter', () => {
    const whole = listApplicants(core.ctx, applicantListSchema.parse({ limit: MAX_PAGE_SIZE }));
    expect(whole.total).toBe(30);
    const names = whole.rows.map((a) => a.name);
    expect(names).toEqual([...names].sort());
    const windows = [0, 12, 24].flatMap((offset) => listApplicants(core.ctx, applicantListSchema.parse({ offset, limit: 12 })).rows.map((a) => a.id));
    expect(windows).toEqual(whole.rows.map((a) => a.id));
    const page = listApplicants(core.ctx, applicantListSchema.parse({ query: '列表单位0', limit: 3 }));
    expect(page).toMatchObject({ total: 10 });
    expect(page.rows).toHaveLength(3);
    expect(listApplicants(core.ctx, applicantListSchema.parse({ dir: 'desc', limit: 1 })).rows[0].name).toBe('列表单位29');
  });

  it.each(['asc', 'desc'] as const)('page 1 by name %s walks applicants_name', (dir) => {
    const { plan, costly } = windowPlan(() => listApplicants(core.ctx, applicantListSchema.parse({ dir, limit: 5, offset: 5 })));
    expect(plan.join('\n')).toContain('applicants_name');
    expect(costly, plan.join('\n')).toEqual([]);
  });
});

describe('vouchers list', () => {
  beforeEach(fill);

  it('tiles the claim-date list, and a state filter answers the same rows as filtering the whole list', () => {
    const whole = listVouchers(core.ctx, voucherListSchema.parse({ limit: MAX_PAGE_SIZE }));
    expect(whole.total).toBe(42);
    const dates = whole.rows.map((v) => v.claimDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const windows = [0, 15, 30].flatMap((offset) => listVouchers(core.ctx, voucherListSchema.parse({ offset, limit: 15 })).rows.map((v) => v.id));
    expect(windows).toEqual(whole.rows.map((v) => v.id));
    expect(whole.rows.find((v) => v.number === 'KJQ-OLD')?.state).toBe('expired');
    expect(whole.rows.find((v) => v.number === 'KJQ-YEAR')?.state).toBe('registered');
    for (const state of ['claimed', 'expired_unregistered', 'registered', 'redeemed', 'expired', 'void'] as const) {
      const expected = whole.rows.filter((v) => v.state === state).map((v) => v.id);
      const first = listVouchers(core.ctx, voucherListSchema.parse({ state, limit: 3 }));
      const rest = listVouchers(core.ctx, voucherListSchema.parse({ state, offset: 3, limit: MAX_PAGE_SIZE }));
      expect(first.total, state).toBe(expected.length);
      expect([...first.rows, ...rest.rows].map((v) => v.id), state).toEqual(expected);
    }
    expect(listVouchers(core.ctx, voucherListSchema.parse({ state: 'claimed' })).total).toBe(5);
    expect(listVouchers(core.ctx, voucherListSchema.parse({ state: 'expired_unregistered' })).total).toBe(5);
  });

  it.each(VOUCHER_SORTS.flatMap((sort) => (['asc', 'desc'] as const).map((dir) => ({ sort, dir }))))('page 1 by $sort $dir walks an index', ({ sort, dir }) => {
    const { plan, costly } = windowPlan(() => listVouchers(core.ctx, voucherListSchema.parse({ sort, dir, limit: 5, offset: 5 })));
    expect(costly, plan.join('\n')).toEqual([]);
  });
  it('a state filter reads the registered vouchers one range per profile, cross-region ones beside them, the same rows as the whole list', () => {
    const applicant = core.db.prepare('SELECT min(id) FROM applicants').pluck().get() as number;
    for (const [n, registered, cross] of [['KJQ-CR-OLD', '2020-03-01', 'jingjinji'], ['KJQ-CR-NEW', '2025-06-01', 'jingjinji'], ['KJQ-SH', '2025-06-02', null]] as const) {
      core.db.prepare(`INSERT INTO vouchers(number, applicant_id, face_value_fen, claim_date, registered_date, profile_id, cross_region, issuing_region, created_at, updated_at)
        VALUES (?, ?, 1000000, ?, ?, ?, ?, ?, '2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z')`)
        .run(n, applicant, registered, registered, cross ? 'beijing-2023' : 'shanghai-2025', cross, cross ? 'tianjin' : null);
    }
    const whole = listVouchers(core.ctx, voucherListSchema.parse({ limit: MAX_PAGE_SIZE }));
    for (const sort of VOUCHER_SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        const all = listVouchers(core.ctx, voucherListSchema.parse({ sort, dir, limit: MAX_PAGE_SIZE }));
        const { result, statements } = captureStatements(core.db, () => listVouchers(core.ctx, voucherListSchema.parse({ state: 'registered', sort, dir, limit: MAX_PAGE_SIZE })));
        // The same rows, whole (the filtered list judges each candidate once and builds the page's rows from that).
        expect(result.rows).toEqual(all.rows.filter((v) => v.state === 'registered'));
        const plan = planOf(core.db, statements.find((s) => /registered_date/.test(s.sql) && !/count\(\*\)/.test(s.sql))!).join('\n');
        expect(plan).toContain('vouchers_profile_registered');
        expect(plan).not.toMatch(/SCAN v( |$)/m);
      }
    }
    const registered = whole.rows.filter((v) => v.state === 'registered').map((v) => v.number);
    expect(registered).toEqual(expect.arrayContaining(['KJQ-CR-NEW', 'KJQ-CR-OLD', 'KJQ-SH', 'KJQ-YEAR']));
    expect(registered).not.toContain('KJQ-OLD');
  });

  it('counts vouchers without the contract link unless the filter reads it, the same totals as the joined count', () => {
    const joined = (usable: boolean) => Number(core.db.prepare(`SELECT count(*) FROM vouchers v LEFT JOIN contract_vouchers cv ON cv.voucher_id = v.id
      ${usable ? 'WHERE v.voided_at IS NULL AND (cv.contract_id IS NULL OR cv.contract_id IS NULL)' : ''}`).pluck().get());
    const { result, statements } = captureStatements(core.db, () => listVouchers(core.ctx, voucherListSchema.parse({ limit: 5 })));
    expect(result.total).toBe(joined(false));
    const count = statements.find((s) => /count\(\*\)/.test(s.sql))!;
    expect(count.sql).not.toContain('contract_vouchers');
    const usable = captureStatements(core.db, () => listVouchers(core.ctx, voucherListSchema.parse({ usableOnly: true, limit: 5 })));
    expect(usable.result.total).toBe(joined(true));
    expect(usable.statements.find((s) => /count\(\*\)/.test(s.sql))!.sql).toContain('contract_vouchers');
  });
});

describe('contracts list', () => {
  beforeEach(fill);

  it('sorts by each offered column in both directions', () => {
    const numbers = listContracts(core.ctx, contractListSchema.parse({ sort: 'number', dir: 'asc', limit: 3 })).rows.map((c) => c.number);
    expect(numbers).toEqual(['L-00', 'L-01', 'L-02']);
    const signed = listContracts(core.ctx, contractListSchema.parse({ limit: MAX_PAGE_SIZE })).rows.map((c) => c.signedDate);
    expect(signed).toEqual([...signed].sort().reverse());
  });

  it.each(CONTRACT_SORTS.flatMap((sort) => (['asc', 'desc'] as const).map((dir) => ({ sort, dir }))))('page 1 by $sort $dir walks an index', ({ sort, dir }) => {
    const { plan, costly } = windowPlan(() => listContracts(core.ctx, contractListSchema.parse({ sort, dir, limit: 5, offset: 5 })));
    expect(costly, plan.join('\n')).toEqual([]);
  });
});

describe('catalog list', () => {
  it.each(INSTRUMENT_SORT_FIELDS.flatMap((sortBy) => (['asc', 'desc'] as const).map((sortDir) => ({ sortBy, sortDir }))))(
    'page 1 by $sortBy $sortDir walks an index', ({ sortBy, sortDir }) => {
      insertContract(core.db);
      const { plan, costly } = windowPlan(() => listInstruments(core.ctx, { sortBy, sortDir, limit: 5, offset: 5 }));
      expect(costly, plan.join('\n')).toEqual([]);
    });

  it('counts the instruments in service from their partial index, not by reading every instrument row', () => {
    insertContract(core.db);
    for (let k = 0; k < 8; k++) core.db.prepare(`INSERT INTO instruments(inner_id, name_cn, category_code, original_value_fen, retired_at, created_at, updated_at)
      VALUES (?, '计数仪器', '010102', 100, ?, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`).run(`CNT-${k}`, k < 2 ? '2025-02-01T00:00:00.000Z' : null);
    const inService = Number(core.db.prepare('SELECT count(*) FROM instruments WHERE retired_at IS NULL').pluck().get());
    const { statements } = captureStatements(core.db, () => expect(listInstruments(core.ctx, { limit: 2 }).total).toBe(inService));
    const count = statements.find((s) => /count\(\*\)/.test(s.sql))!;
    const plan = planOf(core.db, count);
    expect(plan.join(' | ')).toContain('instruments_in_service');
    expect(costlyLines(plan)).toEqual([]);
  });
});

describe('the page cap at the IPC boundary', () => {
  it.each(['catalog:list', 'applicants:list', 'vouchers:list', 'contracts:list', 'redemption:list'])('%s refuses a window above the cap', async (channel) => {
    const r = await invoke(handlers, core.ctx, channel, { limit: MAX_PAGE_SIZE + 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'limit' } });
    const ok = await invoke(handlers, core.ctx, channel, { limit: MAX_PAGE_SIZE });
    expect(ok.ok).toBe(true);
  });
});
