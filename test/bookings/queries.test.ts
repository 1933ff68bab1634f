import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingInputSchema, type BookingInput } from '../../shared/ipc/bookings';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { createBooking } from '../../electron/services/bookings/bookings';
import { dayBookings, weekBookings } from '../../electron/services/bookings/queries';
import { tempCore, type TempCore } from '../helpers/db';
import { addContract, addInstrument } from './seed';

let core: TempCore;
let a: number;
let b: number;
let contractId: number;

beforeAll(() => {
  core = tempCore();
  a = addInstrument(core, 'A');
  b = addInstrument(core, 'B');
  contractId = addContract(core, 'HT-2025-100', '2025-06-01', '2025-06-30');
  const rows: BookingInput[] = [
    { instrumentId: a, kind: 'internal', startAt: '2025-06-15T20:00', endAt: '2025-06-16T00:00', title: 'ends at Monday 00:00' },
    { instrumentId: b, kind: 'internal', startAt: '2025-06-15T22:00', endAt: '2025-06-16T02:00', title: 'crosses into Monday' },
    { instrumentId: a, kind: 'contract', contractId, startAt: '2025-06-17T09:00', endAt: '2025-06-17T12:00', title: 'contract' },
    { instrumentId: b, kind: 'maintenance', startAt: '2025-06-17T09:00', endAt: '2025-06-17T10:00', title: 'B maintenance' },
    { instrumentId: a, kind: 'internal', startAt: '2025-06-22T23:00', endAt: '2025-06-23T01:00', title: 'Sunday night' },
    { instrumentId: a, kind: 'internal', startAt: '2025-06-23T01:00', endAt: '2025-06-23T02:00', title: 'next week' },
  ];
  for (const r of rows) createBooking(core.ctx, bookingInputSchema.parse(r));
});
afterAll(() => core.cleanup());

describe('calendar queries', () => {
  it('a week of one instrument: overlapping bookings only, with contract number and applicant', () => {
    const w = weekBookings(core.ctx, '2025-06-16', [a]);
    expect(w.days).toEqual(['2025-06-16', '2025-06-17', '2025-06-18', '2025-06-19', '2025-06-20', '2025-06-21', '2025-06-22']);
    expect(w.bookings.map((x) => x.title)).toEqual(['contract', 'Sunday night']);
    expect(w.bookings[0]).toMatchObject({ contractNumber: 'HT-2025-100', applicantName: '北京测试科技有限公司', instrumentName: '仪器A', usageId: null });
  });

  it('a week of several instruments', () => {
    expect(weekBookings(core.ctx, '2025-06-16', [a, b]).bookings.map((x) => x.title))
      .toEqual(['crosses into Monday', 'contract', 'B maintenance', 'Sunday night']);
  });

  it('a day across all or some instruments', () => {
    expect(dayBookings(core.ctx, '2025-06-17').bookings.map((x) => x.title)).toEqual(['contract', 'B maintenance']);
    expect(dayBookings(core.ctx, '2025-06-17', [b]).bookings.map((x) => x.title)).toEqual(['B maintenance']);
    expect(dayBookings(core.ctx, '2025-06-17', []).bookings).toEqual([]);
  });

  it('the IPC contract refuses a week that does not start on Monday and bad slot times', async () => {
    const week = await invoke(handlers, core.ctx, 'bookings:week', { weekStart: '2025-06-17', instrumentIds: [a] });
    expect(week).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'weekStart' } });
    const bad = await invoke(handlers, core.ctx, 'bookings:create', { instrumentId: a, kind: 'internal', startAt: '2025-02-30T10:00', endAt: '2025-02-30T11:00' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'startAt' } });
    const hour24 = await invoke(handlers, core.ctx, 'bookings:create', { instrumentId: a, kind: 'internal', startAt: '2025-06-20T10:00', endAt: '2025-06-20T24:00' });
    expect(hour24).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'endAt' } });
    const good = await invoke(handlers, core.ctx, 'bookings:week', { weekStart: '2025-06-16', instrumentIds: [a] });
    expect(good.ok).toBe(true);
  });
});
