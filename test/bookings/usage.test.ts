import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookingInputSchema, usageInputSchema, type UsageInput } from '../../shared/ipc/bookings';
import { createBooking, deleteBooking } from '../../electron/services/bookings/bookings';
import { createUsage, deleteUsage, listUsage, updateUsage, usageDraft } from '../../electron/services/bookings/usage';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { outcome } from './outcome';
import { addContract, addInstrument } from './seed';

let core: TempCore;
let inst: number;
let inst2: number;
let contractId: number;

// Clock: 2025-06-16 10:00 Shanghai.
beforeEach(() => {
  core = tempCore();
  inst = addInstrument(core, 'ICP-01');
  inst2 = addInstrument(core, 'ICP-02');
  contractId = addContract(core, 'HT-2025-009', '2025-06-01', '2025-06-30');
});
afterEach(() => core.cleanup());

const usage = (over: Partial<UsageInput> = {}) => usageInputSchema.parse({
  instrumentId: inst, startAt: '2025-06-13T09:00', endAt: '2025-06-13T11:00', userName: '张三', ...over,
});

describe('usage records', () => {
  it('prefills from a contract booking and logs it', () => {
    const b = createBooking(core.ctx, bookingInputSchema.parse({ instrumentId: inst, kind: 'contract', contractId, startAt: '2025-06-12T09:00', endAt: '2025-06-12T12:30', title: '元素分析' }));
    const draft = usageDraft(core.ctx, b.id);
    expect(draft).toMatchObject({ instrumentId: inst, bookingId: b.id, contractId, startAt: '2025-06-12T09:00', endAt: '2025-06-12T12:30',
      external: true, serviceWay: '委托', content: '元素分析', userUnit: '北京测试科技有限公司' });
    const log = createUsage(core.ctx, { ...draft, satisfaction: 5, amountFen: 150_000 });
    expect(log).toMatchObject({ minutes: 210, external: true, contractNumber: 'HT-2025-009', satisfaction: 5 });
    expect(outcome(() => createUsage(core.ctx, { ...draft, startAt: '2025-06-12T13:00', endAt: '2025-06-12T14:00' })))
      .toMatchObject({ ok: false, code: 'CONFLICT', rule: 'usage.bookingLogged' });
    // A booking with logged use is history: it cannot be deleted.
    expect(outcome(() => deleteBooking(core.ctx, b.id, false))).toMatchObject({ ok: false, code: 'RULE', rule: 'booking.hasUsage' });
  });

  it('does not log maintenance as use', () => {
    const b = createBooking(core.ctx, bookingInputSchema.parse({ instrumentId: inst, kind: 'maintenance', startAt: '2025-06-12T09:00', endAt: '2025-06-12T10:00' }));
    expect(outcome(() => usageDraft(core.ctx, b.id))).toMatchObject({ ok: false, rule: 'usage.notMaintenance' });
    expect(outcome(() => createUsage(core.ctx, usage({ bookingId: b.id, startAt: '2025-06-12T09:00', endAt: '2025-06-12T10:00' }))))
      .toMatchObject({ ok: false, rule: 'usage.notMaintenance' });
  });

  const refusals: [string, Partial<UsageInput>, { code: string; rule?: string }][] = [
    ['end equal to start', { endAt: '2025-06-13T09:00' }, { code: 'VALIDATION', rule: 'slot.endAfterStart' }],
    ['end before start', { endAt: '2025-06-13T08:00' }, { code: 'VALIDATION', rule: 'slot.endAfterStart' }],
    ['overlaps by one minute', { startAt: '2025-06-13T10:59', endAt: '2025-06-13T12:00' }, { code: 'CONFLICT', rule: 'usage.overlap' }],
    ['contains another record', { startAt: '2025-06-13T08:00', endAt: '2025-06-13T12:00' }, { code: 'CONFLICT', rule: 'usage.overlap' }],
    ['tomorrow', { startAt: '2025-06-17T09:00', endAt: '2025-06-17T10:00' }, { code: 'RULE', rule: 'usage.notFuture' }],
    ['ending after midnight tonight', { startAt: '2025-06-16T23:00', endAt: '2025-06-17T00:30' }, { code: 'RULE', rule: 'usage.notFuture' }],
    ['unknown instrument', { instrumentId: 9999 }, { code: 'NOT_FOUND' }],
    ['unknown contract', { startAt: '2025-06-14T09:00', endAt: '2025-06-14T10:00', contractId: 9999 }, { code: 'NOT_FOUND' }],
  ];

  it.each(refusals)('refuses %s, writing nothing', (_n, over, expected) => {
    createUsage(core.ctx, usage());
    const before = contentHash(core);
    expect(outcome(() => createUsage(core.ctx, usage(over)))).toMatchObject({ ok: false, ...expected });
    expect(contentHash(core)).toBe(before);
  });

  it.each([
    ['touching the previous record', { startAt: '2025-06-13T11:00', endAt: '2025-06-13T12:00' }],
    ['same time on another instrument', { instrumentId: -2 }],
    ['today until midnight', { startAt: '2025-06-16T20:00', endAt: '2025-06-17T00:00' }],
  ] as [string, Partial<UsageInput>][])('accepts %s', (_n, over) => {
    createUsage(core.ctx, usage());
    const fixed = over.instrumentId === -2 ? { ...over, instrumentId: inst2 } : over;
    expect(outcome(() => createUsage(core.ctx, usage(fixed)))).toEqual({ ok: true });
  });

  it('lists by instrument, contract and period with machine-hour totals', () => {
    createUsage(core.ctx, usage());
    createUsage(core.ctx, usage({ startAt: '2025-06-10T09:00', endAt: '2025-06-10T09:30', external: true, contractId, amountFen: 50_000 }));
    createUsage(core.ctx, usage({ instrumentId: inst2, startAt: '2025-05-31T22:00', endAt: '2025-06-01T02:00', external: true }));
    const all = listUsage(core.ctx, {});
    expect(all.total).toBe(3);
    expect(all.totals).toEqual({ count: 3, minutes: 120 + 30 + 240, externalMinutes: 30 + 240, amountFen: 50_000 });
    expect(all.rows.map((r) => r.startAt)).toEqual(['2025-06-13T09:00', '2025-06-10T09:00', '2025-05-31T22:00']);
    expect(listUsage(core.ctx, { instrumentId: inst }).totals.minutes).toBe(150);
    expect(listUsage(core.ctx, { contractId }).rows).toHaveLength(1);
    // Periods count records by their start date.
    expect(listUsage(core.ctx, { from: '2025-06-01', to: '2025-06-30' }).totals.count).toBe(2);
    expect(listUsage(core.ctx, { from: '2025-05-31', to: '2025-05-31' }).rows[0].instrumentId).toBe(inst2);
    expect(listUsage(core.ctx, { external: false }).totals).toMatchObject({ count: 1, externalMinutes: 0 });
  });

  it('updates and deletes with an audit trail', () => {
    const log = createUsage(core.ctx, usage());
    createUsage(core.ctx, usage({ startAt: '2025-06-13T12:00', endAt: '2025-06-13T13:00' }));
    const updated = updateUsage(core.ctx, log.id, usage({ endAt: '2025-06-13T11:30', satisfaction: 4 }));
    expect(updated).toMatchObject({ minutes: 150, satisfaction: 4 });
    expect(outcome(() => updateUsage(core.ctx, log.id, usage({ endAt: '2025-06-13T12:30' })))).toMatchObject({ ok: false, rule: 'usage.overlap' });
    deleteUsage(core.ctx, log.id);
    expect(listUsage(core.ctx, {}).total).toBe(1);
    const actions = core.db.prepare("SELECT action FROM audit_log WHERE entity = 'usage' ORDER BY id").pluck().all();
    expect(actions).toEqual(['create', 'create', 'update', 'delete']);
  });
});
