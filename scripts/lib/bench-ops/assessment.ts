// The annual open-sharing assessment of the whole unit for the last complete year.
import type { ServiceContext } from '../../../electron/services/context';
import { findServiceExport } from '../service-lookup';
import { measure } from '../timing';
import type { BenchOp } from './types';

type ComputeFn = (ctx: ServiceContext, input: { year: number }) => unknown;

export const annualAssessment: BenchOp = {
  id: 'assessment',
  async run(env) {
    const year = Number(env.today.slice(0, 4)) - 1;
    const name = `annual assessment ${year}, whole unit`;
    const found = await findServiceExport<ComputeFn>('assessment', ['computeAssessment']);
    if ('missing' in found) return [{ name, skipped: found.missing }];
    // Bare SQL doing the core work: the year's machine hours per instrument, external hours,
    // records, income, plus the instrument list they are folded into.
    const perInstrument = env.db.prepare(`SELECT instrument_id, count(*) AS n,
        sum(unixepoch(end_at) - unixepoch(start_at)) AS sec, sum(external * (unixepoch(end_at) - unixepoch(start_at))) AS ext,
        sum(amount_fen) AS fen, count(DISTINCT contract_id) AS contracts
      FROM usage_logs WHERE start_at >= ? AND start_at < ? GROUP BY instrument_id`);
    const instruments = env.db.prepare(`SELECT id, category_code, original_value_fen, share_mode FROM instruments WHERE retired_at IS NULL`);
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    return [{
      name,
      service: await measure(env.runs, () => found.fn(env.ctx, { year })),
      baseline: await measure(env.runs, () => { perInstrument.all(from, to); instruments.all(); }),
      target: { metric: 'median', maxMs: 500, maxRatio: 2 },
      note: found.where,
    }];
  },
};
