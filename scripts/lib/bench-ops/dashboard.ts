// The due-soon dashboard: what must be registered, what expires, which redemption windows close
// within 30 days, a window at a time (page 1 as the page opens it, and the last window of the
// list as a scroll to its end asks for it), beside the very statements the service ran, bare.
import type { ServiceContext } from '../../../electron/services/context';
import { captureStatements } from '../sql-capture';
import { findServiceExport } from '../service-lookup';
import { measure } from '../timing';
import type { BenchOp, OpResult } from './types';

type DueFn = (ctx: ServiceContext, input: { withinDays: number; offset: number; limit: number; sort: 'deadline'; dir: 'asc' | 'desc' }) => { rows: unknown[]; total: number };

const WITHIN_DAYS = 30;
const LIMIT = 100;

export const dueSoonDashboard: BenchOp = {
  id: 'dashboard',
  async run(env) {
    const name = `due-soon dashboard (${WITHIN_DAYS} days)`;
    const found = await findServiceExport<DueFn>('deals/dashboard.ts', ['dueSoon']);
    if ('missing' in found) return [{ name, skipped: found.missing }];
    const input = (offset: number) => ({ withinDays: WITHIN_DAYS, offset, limit: LIMIT, sort: 'deadline' as const, dir: 'asc' as const });
    const { total } = found.fn(env.ctx, input(0));
    const out: OpResult[] = [];
    for (const [label, offset] of [['page 1', 0], ['last window', Math.max(0, total - LIMIT)]] as const) {
      const call = () => JSON.stringify(found.fn(env.ctx, input(offset)));
      const { result, statements } = captureStatements(env.db, call);
      const prepared = statements.map((s) => ({ stmt: env.db.prepare(s.sql), params: s.params }));
      const page = JSON.parse(result) as { rows: unknown[]; total: number };
      out.push({
        name: `${name}, ${label}`,
        service: await measure(env.runs, call),
        baseline: await measure(env.runs, () => { for (const p of prepared) p.stmt.all(...p.params); }),
        target: { metric: 'median', maxMs: 50 },
        note: `${found.where}; ${page.rows.length} of ${page.total.toLocaleString('en')} items, ${(result.length / 1024).toFixed(0)} KB JSON; baseline: the ${statements.length} statements it ran, bare`,
      });
    }
    return out;
  },
};
