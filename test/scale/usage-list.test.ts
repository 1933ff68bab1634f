// Usage records page in SQL: windows that tile the newest-first list, the total and totals of the
// whole filter, the page cap at the IPC boundary, and each window walking a start_at index.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { listUsage } from '../../electron/services/bookings/usage';
import { usageListSchema } from '../../shared/ipc/bookings';
import { MAX_PAGE_SIZE } from '../../shared/ipc/paging';
import { tempCore, type TempCore } from '../helpers/db';
import { insertInstrument, insertUsage } from '../assessment/fixtures';
import { captureStatements, costlyLines, planOf } from './plan';

let core: TempCore;
let ids: number[];
beforeEach(() => {
  core = tempCore();
  ids = [insertInstrument(core.db, { innerId: 'U1', valueFen: 1_000_000 }), insertInstrument(core.db, { innerId: 'U2', valueFen: 1_000_000 })];
  // 40 records over May and June, two per day on alternating instruments; equal starts tie-break by id.
  for (let i = 0; i < 40; i++) {
    const day = `2025-0${5 + Math.floor(i / 20)}-${String(1 + (i % 20)).padStart(2, '0')}`;
    insertUsage(core.db, { instrumentId: ids[i % 2], start: `${day}T09:00`, end: `${day}T10:30`, external: i % 3 === 0, amountFen: 100 * i });
  }
  insertUsage(core.db, { instrumentId: ids[0], start: '2025-06-20T09:00', end: '2025-06-20T09:30' }); // same start as record 40
});
afterEach(() => core.cleanup());

describe('usage records list', () => {
  it('tiles the newest-first list with windows; the totals cover the whole filter', () => {
    const whole = listUsage(core.ctx, { limit: MAX_PAGE_SIZE });
    expect(whole.total).toBe(41);
    const keys = whole.rows.map((r) => `${r.startAt}|${String(r.id).padStart(4, '0')}`);
    expect(keys).toEqual([...keys].sort().reverse());
    const windows = [0, 15, 30].flatMap((offset) => listUsage(core.ctx, { offset, limit: 15 }).rows.map((r) => r.id));
    expect(windows).toEqual(whole.rows.map((r) => r.id));
    const page = listUsage(core.ctx, { offset: 0, limit: 5, from: '2025-06-01', to: '2025-06-30' });
    expect(page.rows).toHaveLength(5);
    expect(page.total).toBe(21);
    expect(page.totals).toMatchObject({ count: 21, minutes: 20 * 90 + 30 });
    const asc = listUsage(core.ctx, { limit: 3, dir: 'asc' }).rows.map((r) => r.startAt);
    expect(asc).toEqual(['2025-05-01T09:00', '2025-05-02T09:00', '2025-05-03T09:00']);
  });

  it('refuses a window above the page cap at the IPC boundary', async () => {
    const r = await invoke(handlers, core.ctx, 'usage:list', { limit: MAX_PAGE_SIZE + 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(usageListSchema.parse({}).limit).toBeLessThanOrEqual(MAX_PAGE_SIZE);
  });

  it.each([
    { name: 'all, newest first', q: {} },
    { name: 'all, oldest first', q: { dir: 'asc' as const } },
    { name: 'one instrument in a month', q: { instrumentIdIndex: 0, from: '2025-06-01', to: '2025-06-30' } },
    { name: 'a month, external only', q: { from: '2025-06-01', to: '2025-06-30', external: true } },
  ])('the window walks an index, never sorts in a temporary B-tree: $name', ({ q }) => {
    const { instrumentIdIndex, ...rest } = q as { instrumentIdIndex?: number };
    const input = { ...rest, ...(instrumentIdIndex === undefined ? {} : { instrumentId: ids[instrumentIdIndex] }), limit: 20 };
    const { statements } = captureStatements(core.db, () => listUsage(core.ctx, input));
    const window = statements.find((s) => /LIMIT \?/.test(s.sql))!;
    const plan = planOf(core.db, window);
    expect(costlyLines(plan), plan.join('\n')).toEqual([]);
  });
});
