// The overlap check run before every booking write, timed per check over a mix of free and taken
// slots on busy instruments around today.
import { MAX_SLOT_DAYS } from '../../../shared/ipc/bookings';
import { addDays } from '../../../shared/rules';
import type { ServiceContext } from '../../../electron/services/context';
import { createRng } from '../prng';
import { findServiceExport } from '../service-lookup';
import { measure } from '../timing';
import type { BenchOp } from './types';
import { busiestInstruments, mondayOf } from './week-calendar';

type ConflictFn = (ctx: Pick<ServiceContext, 'db'>, instrumentId: number, startAt: string, endAt: string, excludeId?: number) => unknown[];

const CHECKS_PER_RUN = 100;

export const conflictCheck: BenchOp = {
  id: 'conflict',
  async run(env) {
    const name = 'conflict check (per check)';
    const found = await findServiceExport<ConflictFn>('bookings', ['findConflicts']);
    if ('missing' in found) return [{ name, skipped: found.missing }];
    const weekStart = mondayOf(env.today);
    const ids = busiestInstruments(env, weekStart, addDays(weekStart, 7), 200);
    const rng = createRng(1);
    // Half the probes copy an existing booking's span (a conflict), half move it to 19:00 (free).
    const probes = Array.from({ length: env.runs * CHECKS_PER_RUN }, () => {
      const id = rng.pick(ids);
      const b = env.db.prepare(`SELECT start_at AS s, end_at AS e FROM bookings WHERE instrument_id = ? AND start_at >= ?
        ORDER BY start_at LIMIT 1 OFFSET ?`).get(id, `${weekStart}T00:00`, rng.int(0, 3)) as { s: string; e: string } | undefined;
      const day = b ? b.s.slice(0, 10) : weekStart;
      return rng.chance(0.5) && b ? { id, s: b.s, e: b.e } : { id, s: `${day}T19:00`, e: `${day}T20:00` };
    });
    const bare = env.db.prepare(`SELECT id FROM bookings WHERE instrument_id = ? AND start_at >= ? AND start_at < ? AND end_at > ?`);
    const lowest = (s: string) => `${addDays(s.slice(0, 10), -MAX_SLOT_DAYS)}${s.slice(10)}`;
    const hits = probes.filter((p) => found.fn(env.ctx, p.id, p.s, p.e).length > 0).length;
    return [{
      name,
      service: await measure(probes.length, (i) => found.fn(env.ctx, probes[i].id, probes[i].s, probes[i].e), 0),
      baseline: await measure(probes.length, (i) => bare.all(probes[i].id, lowest(probes[i].s), probes[i].e, probes[i].s), 0),
      showP95: true,
      target: { metric: 'median', maxMs: 1 },
      note: `${found.where}; ${probes.length} probes, ${hits} conflicting`,
    }];
  },
};
