// The booking calendar's week view for 50 instruments (the busiest ones that week).
import { MAX_SLOT_DAYS } from '../../../shared/ipc/bookings';
import { addDays, dayOfWeek } from '../../../shared/rules';
import type { ServiceContext } from '../../../electron/services/context';
import { findServiceExport } from '../service-lookup';
import { measure } from '../timing';
import type { BenchEnv, BenchOp } from './types';

type WeekFn = (ctx: ServiceContext, weekStart: string, instrumentIds: number[]) => unknown;

export function mondayOf(date: string): string {
  return addDays(date, 1 - dayOfWeek(date));
}

export function busiestInstruments(env: BenchEnv, from: string, to: string, n: number): number[] {
  return env.db.prepare(`SELECT instrument_id FROM bookings WHERE start_at >= ? AND start_at < ?
    GROUP BY instrument_id ORDER BY count(*) DESC, instrument_id LIMIT ?`).pluck().all(from, to, n) as number[];
}

export const weekCalendar: BenchOp = {
  id: 'week',
  async run(env) {
    const name = 'week calendar, 50 instruments';
    const found = await findServiceExport<WeekFn>('bookings', ['weekBookings']);
    if ('missing' in found) return [{ name, skipped: found.missing }];
    const weekStart = mondayOf(env.today);
    const weekEnd = addDays(weekStart, 7);
    const ids = busiestInstruments(env, weekStart, weekEnd, 50);
    const baseline = env.db.prepare(`SELECT b.id, b.instrument_id, b.contract_id, b.kind, b.start_at, b.end_at, b.title
      FROM bookings b WHERE b.start_at >= ? AND b.start_at < ? AND b.end_at > ?
        AND b.instrument_id IN (${ids.map(() => '?').join(',')}) ORDER BY b.start_at, b.instrument_id`);
    const from = `${weekStart}T00:00`;
    const to = `${weekEnd}T00:00`;
    const lowest = `${addDays(weekStart, -MAX_SLOT_DAYS)}T00:00`;
    const rows = baseline.all(lowest, to, from, ...ids).length;
    return [{
      name,
      service: await measure(env.runs, () => found.fn(env.ctx, weekStart, ids)),
      baseline: await measure(env.runs, () => baseline.all(lowest, to, from, ...ids)),
      target: { metric: 'median', maxMs: 30 },
      note: `${found.where}; week of ${weekStart}, ${rows} bookings`,
    }];
  },
};
