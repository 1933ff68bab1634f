// Page 1 of each list as its channel answers it (filter, sort and window in SQL, rows mapped,
// JSON as sent), beside the same statements run bare (the window and its count, captured from
// the service itself), so the ratio is what the service adds to the SQL.
import { handlers } from '../../../electron/handlers';
import type { HandlerContext } from '../../../electron/handlers/types';
import { contract } from '../../../shared/ipc';
import { captureStatements, type Executed } from '../sql-capture';
import { measure } from '../timing';
import type { BenchEnv, BenchOp, OpResult } from './types';

const CASES: { name: string; channel: string; input: Record<string, unknown> }[] = [
  { name: 'redemption page 1, needs action', channel: 'redemption:list', input: {} },
  { name: 'redemption page 1, all contracts', channel: 'redemption:list', input: { view: 'all' } },
  { name: 'redemption search "北京" (all)', channel: 'redemption:list', input: { view: 'all', query: '北京' } },
  { name: 'vouchers page 1', channel: 'vouchers:list', input: {} },
  { name: 'vouchers page 1, state registered', channel: 'vouchers:list', input: { state: 'registered' } },
  { name: 'applicants page 1', channel: 'applicants:list', input: {} },
  { name: 'contracts page 1', channel: 'contracts:list', input: {} },
  { name: 'catalog page 1 by name', channel: 'catalog:list', input: { sortBy: 'nameCn' } },
  { name: 'instrument picker, 2 characters', channel: 'catalog:list', input: { query: '色谱', limit: 50 } },
];

function bare(env: BenchEnv, statements: Executed[]): () => void {
  const prepared = statements.map((s) => ({ stmt: env.db.prepare(s.sql), params: s.params }));
  return () => { for (const p of prepared) p.stmt.all(...p.params); };
}

export const listPages: BenchOp = {
  id: 'lists',
  async run(env) {
    const ctx = { ...env.ctx, mode: 'browser', databaseFile: env.dbFile, encrypted: false } as HandlerContext;
    const table = handlers as unknown as Record<string, (input: unknown, c: HandlerContext) => unknown>;
    const parsers = contract as unknown as Record<string, { input: { parse(x: unknown): unknown } }>;
    const out: OpResult[] = [];
    for (const c of CASES) {
      const call = () => JSON.stringify(table[c.channel](parsers[c.channel].input.parse(c.input), ctx));
      const { result, statements } = captureStatements(env.db, call);
      const reads = statements.filter((s) => /^\s*SELECT/i.test(s.sql));
      const service = await measure(env.runs, call);
      const baseline = await measure(env.runs, bare(env, reads));
      const page = JSON.parse(result) as { rows: unknown[]; total: number };
      out.push({
        name: c.name, service, baseline, target: { metric: 'median', maxMs: 100 },
        note: `${page.rows.length} of ${page.total.toLocaleString('en')} rows, ${(result.length / 1024).toFixed(0)} KB JSON; baseline: the ${reads.length} statements it ran, bare`,
      });
    }
    return out;
  },
};
