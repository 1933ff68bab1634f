import { describeError } from '../../renderer/src/i18n-errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookingInputSchema, seriesInputSchema, type SeriesInput } from '../../shared/ipc/bookings';
import { createBooking, deleteBooking } from '../../electron/services/bookings/bookings';
import { createSeries } from '../../electron/services/bookings/series';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { outcome } from './outcome';
import { addContract, addInstrument } from './seed';

let core: TempCore;
let inst: number;

beforeEach(() => {
  core = tempCore();
  inst = addInstrument(core, 'GC-01');
});
afterEach(() => core.cleanup());

const weeklyMaintenance = (over: Partial<SeriesInput> = {}) => seriesInputSchema.parse({
  instrumentId: inst, kind: 'maintenance', title: '周一保养', firstDate: '2025-06-16', startTime: '09:00', endTime: '12:00', count: 4, ...over,
});

const book = (startAt: string, endAt: string) =>
  createBooking(core.ctx, bookingInputSchema.parse({ instrumentId: inst, kind: 'internal', startAt, endAt }));

describe('recurring blocks', () => {
  it('creates every Monday 9–12 for N weeks under one series id', () => {
    const { seriesId, bookings } = createSeries(core.ctx, weeklyMaintenance());
    expect(bookings.map((b) => b.startAt)).toEqual(['2025-06-16T09:00', '2025-06-23T09:00', '2025-06-30T09:00', '2025-07-07T09:00']);
    expect(bookings.every((b) => b.seriesId === seriesId && b.endAt.endsWith('T12:00') && b.kind === 'maintenance')).toBe(true);
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'booking' AND action = 'createSeries'").pluck().get()).toBe(1);
  });

  it('honours everyWeeks', () => {
    const { bookings } = createSeries(core.ctx, weeklyMaintenance({ everyWeeks: 2, count: 3 }));
    expect(bookings.map((b) => b.startAt.slice(0, 10))).toEqual(['2025-06-16', '2025-06-30', '2025-07-14']);
  });

  it('is all-or-nothing: one conflicting week writes nothing and lists every conflicting date', () => {
    book('2025-06-30T11:30', '2025-06-30T13:00');
    book('2025-07-07T08:00', '2025-07-07T09:01');
    book('2025-06-23T12:00', '2025-06-23T13:00'); // touches the block: no conflict
    const before = contentHash(core);
    const r = outcome(() => createSeries(core.ctx, weeklyMaintenance()));
    expect(r).toMatchObject({ ok: false, code: 'CONFLICT', rule: 'booking.overlap' });
    if (!r.ok) {
      expect(r).toMatchObject({ reason: 'booking.seriesOverlap', field: 'firstDate', params: { dates: ['2025-06-30', '2025-07-07'] } });
      const zh = describeError(r, 'zh');
      expect(zh).toContain('2025-06-30、2025-07-07');
      expect(zh).not.toContain('2025-06-23');
      expect(zh).toContain('未创建任何预约');
      expect(describeError(r, 'en')).toMatch(/^These dates overlap existing bookings; no booking was created: 2025-06-30, 2025-07-07 \(/);
    }
    expect(contentHash(core)).toBe(before);
  });

  it('refuses contract occurrences outside the contract period, listing them, writing nothing', () => {
    const contractId = addContract(core, 'HT-1', '2025-06-01', '2025-06-30');
    const before = contentHash(core);
    const r = outcome(() => createSeries(core.ctx, weeklyMaintenance({ kind: 'contract', contractId })));
    expect(r).toMatchObject({ ok: false, code: 'RULE', rule: 'booking.contractPeriod' });
    if (!r.ok) {
      expect(r).toMatchObject({ reason: 'booking.seriesOutsideContract', params: { number: 'HT-1', dates: ['2025-07-07'] } });
      expect(describeError(r, 'zh')).toContain('2025-07-07');
      expect(describeError(r, 'en')).toContain('outside the service period of contract HT-1 (2025-06-01 to 2025-06-30)');
    }
    expect(contentHash(core)).toBe(before);
  });

  it('refuses end time not after start time', () => {
    expect(outcome(() => createSeries(core.ctx, weeklyMaintenance({ startTime: '12:00', endTime: '09:00' }))))
      .toMatchObject({ ok: false, code: 'VALIDATION', rule: 'slot.endAfterStart' });
  });

  it('deletes one occurrence or the whole series', () => {
    const { bookings } = createSeries(core.ctx, weeklyMaintenance());
    expect(deleteBooking(core.ctx, bookings[1].id, false)).toEqual({ deleted: 1 });
    expect(deleteBooking(core.ctx, bookings[0].id, true)).toEqual({ deleted: 3 });
    expect(core.db.prepare('SELECT count(*) FROM bookings').pluck().get()).toBe(0);
  });
});
