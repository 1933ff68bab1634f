// The due-soon dashboard (first page of the app): what must be registered, what expires, which
// redemption windows close within 30 days.
import { profileFor } from '../../../shared/policy';
import { addDays, addMonths } from '../../../shared/rules';
import type { ServiceContext } from '../../../electron/services/context';
import { findServiceExport } from '../service-lookup';
import { measure } from '../timing';
import type { BenchOp } from './types';

type DueFn = (ctx: ServiceContext, input: { withinDays: number }) => { items: unknown[] };

const WITHIN_DAYS = 30;

export const dueSoonDashboard: BenchOp = {
  id: 'dashboard',
  async run(env) {
    const name = `due-soon dashboard (${WITHIN_DAYS} days)`;
    const found = await findServiceExport<DueFn>('deals/dashboard.ts', ['dueSoon']);
    if ('missing' in found) return [{ name, skipped: found.missing }];
    const p = profileFor('beijing', env.today);
    if (!p || p.registerWithinDays === null || p.validityMonths === null || p.redemptionWithinMonths === null) {
      return [{ name, skipped: 'no Beijing profile with register/validity/redemption periods on the bench date' }];
    }
    const last = addDays(env.today, WITHIN_DAYS);
    // Bare SQL: the same three date windows, without the per-row rule evaluation.
    const toRegister = env.db.prepare(`SELECT v.id, v.number, v.claim_date, a.name FROM vouchers v JOIN applicants a ON a.id = v.applicant_id
      WHERE v.registered_date IS NULL AND v.voided_at IS NULL AND v.claim_date BETWEEN ? AND ?`);
    const expiring = env.db.prepare(`SELECT v.id, v.number, v.registered_date, a.name FROM vouchers v JOIN applicants a ON a.id = v.applicant_id
      WHERE v.registered_date IS NOT NULL AND v.voided_at IS NULL AND v.registered_date BETWEEN ? AND ?`);
    const toRedeem = env.db.prepare(`SELECT c.id, c.number, c.end_date, a.name FROM contracts c JOIN applicants a ON a.id = c.applicant_id
      WHERE c.status <> 'void' AND c.end_date BETWEEN ? AND ?
        AND EXISTS (SELECT 1 FROM contract_vouchers cv WHERE cv.contract_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.contract_id = c.id)`);
    const baseline = () => [
      ...toRegister.all(addDays(env.today, -p.registerWithinDays!), addDays(last, -p.registerWithinDays!)),
      ...expiring.all(addMonths(env.today, -p.validityMonths!), addMonths(last, -p.validityMonths!)),
      ...toRedeem.all(addMonths(env.today, -p.redemptionWithinMonths!), addMonths(last, -p.redemptionWithinMonths!)),
    ];
    const items = found.fn(env.ctx, { withinDays: WITHIN_DAYS }).items.length;
    return [{
      name,
      service: await measure(env.runs, () => found.fn(env.ctx, { withinDays: WITHIN_DAYS })),
      baseline: await measure(env.runs, baseline),
      target: { metric: 'median', maxMs: 50 },
      note: `${found.where}; ${items} items (bare SQL finds ${baseline().length} candidates)`,
    }];
  },
};
