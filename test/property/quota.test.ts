// Property: whatever sequence of claims, voids, contracts and orders a user tries through the IPC,
// what is saved never breaks the profile's money rules. Beijing: the face values an applicant holds
// in a year stay within the quota of its kind; a contract's vouchers stay within the share of its
// amount; no voucher is used for more than its face value. Shanghai: an order's voucher amount stays
// within the share of its total, and an applicant's orders of a year within its annual quota.
// The limits are read from the profile in force (shared/policy), never written here.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import type { Channel } from '../../shared/ipc';
import { profileFor } from '../../shared/policy/registry';
import type { PolicyProfile } from '../../shared/policy';
import { annualQuotaFor, ORDER_RELEASED_STATES } from '../../shared/rules';
import type { Result } from '../../shared/result';
import { tempCore, type TempCore } from '../helpers/db';

const TODAY = '2025-12-16';
/** What each call answered, for the run's summary (a property that is never refused proves little). */
const outcomes = new Map<string, number>();
afterAll(() => console.log([...outcomes].sort().map(([k, n]) => `${k} ×${n}`).join('\n')));
const YUAN = 100;

async function call<T>(core: TempCore, name: Channel, input: unknown): Promise<Result<T>> {
  const res = await invoke(handlers, core.ctx, name, input);
  if (!res.ok) {
    expect(res.error.code, `${name}: ${res.error.reason}`).not.toBe('INTERNAL');
    const k = `${name} ${res.error.reason}`;
    outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
  } else outcomes.set(`${name} ok`, (outcomes.get(`${name} ok`) ?? 0) + 1);
  return res as Result<T>;
}
async function must<T>(core: TempCore, name: Channel, input: unknown): Promise<T> {
  const res = await call<T>(core, name, input);
  if (!res.ok) throw new Error(`${name} refused: ${res.error.reason} ${JSON.stringify(res.error.params ?? {})}`);
  return res.value;
}

/** Share rule: part ≤ num/den × whole, in integers. */
const withinShare = (part: number, whole: number, p: PolicyProfile) =>
  part * p.contractVoucherShareMax.den <= whole * p.contractVoucherShareMax.num;

const dateIn = (from: string, to: string) => {
  const a = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - a) / 86_400_000);
  return fc.integer({ min: 0, max: days }).map((d) => new Date(a + d * 86_400_000).toISOString().slice(0, 10));
};

let seq = 0;
const validity = { highTechValidFrom: '2020-01-01', highTechValidTo: '2030-12-31', smeValidFrom: '2020-01-01', smeValidTo: '2030-12-31' };
const applicantFlags = fc.record({ highTech: fc.boolean(), smeListed: fc.boolean(), specializedSme: fc.boolean() });

const BJ = profileFor('beijing', TODAY)!;
const SH = profileFor('shanghai', TODAY)!;
/** Face values around the single-voucher limit: enough claims reach the annual quota within a run. */
const single = BJ.singleVoucherMaxFen!;
const faceFen = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: single / 2, max: single }) },
  { weight: 2, arbitrary: fc.constant(single) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: single * 2 }) },
);
const useFen = fc.integer({ min: 1, max: single });
/**
 * Claims within the validity window before today: a registered voucher stops counting toward the
 * quota once its validity has elapsed (expired ones release it), so within the window every
 * voucher that is not void counts, and their sum is what the quota bounds.
 */
const validFrom = (() => {
  const d = new Date(`${TODAY}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - (BJ.validityMonths ?? 0));
  d.setUTCDate(d.getUTCDate() + 2);
  return d.toISOString().slice(0, 10);
})();

describe('Beijing: claims, voids and contracts keep to the quota and the share', () => {
  let core: TempCore;
  beforeAll(() => { core = tempCore(`${TODAY}T02:00:00.000Z`); });
  afterAll(() => core.cleanup());

  const action = fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('claim' as const), faceValueFen: faceFen, claimDate: dateIn(validFrom, TODAY) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }) },
    { weight: 3, arbitrary: fc.record({
      kind: fc.constant('contract' as const), amountFen: fc.integer({ min: 1, max: 4 * single }), actual: fc.option(fc.integer({ min: 1, max: 4 * single }), { freq: 3 }),
      uses: fc.array(fc.record({ pick: fc.nat(), amountFen: useFen }), { maxLength: 3 }), update: fc.option(fc.nat(), { freq: 3 }),
    }) },
  );

  it('what is saved never exceeds the quota of the applicant\'s kind or the voucher share of a contract', async () => {
    const profile = BJ;
    let refused = 0;
    let saved = 0;
    await fc.assert(fc.asyncProperty(applicantFlags, fc.array(action, { minLength: 1, maxLength: 16 }), async (flags, actions) => {
      const applicant = await must<{ id: number }>(core, 'applicants:create', {
        kind: 'enterprise', name: `北京测试企业${++seq}`, region: 'beijing', registeredDate: '2022-03-01', staffCount: 50,
        revenueFen: 1_000_000 * YUAN, assetsFen: 800_000 * YUAN, fields: ['智能制造'], ...flags, smeListedYear: flags.smeListed ? 2024 : null, ...validity,
      });
      const vouchers: number[] = [];
      const contracts: number[] = [];
      for (const a of actions) {
        let res: Result<{ id: number }>;
        if (a.kind === 'claim') {
          res = await call(core, 'vouchers:claim', {
            number: `BJ${++seq}`, applicantId: applicant.id, faceValueFen: a.faceValueFen, claimDate: a.claimDate, registeredDate: a.claimDate,
          });
          if (res.ok) vouchers.push(res.value.id);
        } else if (a.kind === 'void') {
          if (!vouchers.length) continue;
          res = await call(core, 'vouchers:void', { id: vouchers[a.pick % vouchers.length], reason: '申请人撤回' });
        } else {
          const fields = {
            number: `HT${++seq}`, applicantId: applicant.id, signedDate: TODAY, startDate: TODAY, endDate: '2025-12-31',
            amountFen: a.amountFen, actualAmountFen: a.actual, serviceKinds: ['testing'],
            vouchers: vouchers.length ? [...new Map(a.uses.map((u) => [vouchers[u.pick % vouchers.length], u.amountFen]))].map(([voucherId, amount]) => ({ voucherId, amountFen: amount })) : [],
          };
          const target = a.update !== null && contracts.length ? contracts[a.update % contracts.length] : null;
          res = target === null ? await call(core, 'contracts:create', fields) : await call(core, 'contracts:update', { id: target, fields });
          if (res.ok && target === null) contracts.push(res.value.id);
        }
        if (res.ok) saved++; else refused++;
        // The invariants, read from the database after every step.
        const kind = (await must<{ voucherKind: Parameters<typeof annualQuotaFor>[0] }>(core, 'applicants:get', { id: applicant.id })).voucherKind;
        const quota = annualQuotaFor(kind, profile);
        const held = core.db.prepare(`SELECT coalesce(sum(face_value_fen), 0) FROM vouchers WHERE applicant_id = ? AND voided_at IS NULL
          AND cross_region IS NULL AND claim_date BETWEEN '2025-01-01' AND '2025-12-31'`).pluck().get(applicant.id) as number;
        expect(held, `quota of ${kind}`).toBeLessThanOrEqual(quota ?? 0);
        for (const c of core.db.prepare(`SELECT c.id, coalesce(c.actual_amount_fen, c.amount_fen) AS base, coalesce(sum(cv.amount_fen), 0) AS used
            FROM contracts c LEFT JOIN contract_vouchers cv ON cv.contract_id = c.id WHERE c.applicant_id = ? GROUP BY c.id`).all(applicant.id) as { base: number; used: number }[]) {
          expect(withinShare(c.used, c.base, profile), `contract share ${c.used} of ${c.base}`).toBe(true);
        }
        const overUsed = core.db.prepare(`SELECT count(*) FROM vouchers v WHERE v.applicant_id = ? AND v.face_value_fen <
          (SELECT coalesce(sum(amount_fen), 0) FROM contract_vouchers WHERE voucher_id = v.id)`).pluck().get(applicant.id);
        expect(overUsed).toBe(0);
        expect(core.db.prepare(`SELECT count(*) FROM contract_vouchers WHERE amount_fen <= 0`).pluck().get()).toBe(0);
      }
    }), { numRuns: 40, seed: 2025 });
    // Both answers occurred, so the property says something about each.
    expect(saved).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  }, 60_000);
});

describe('Shanghai: orders keep to the share of the total and the annual quota', () => {
  let core: TempCore;
  let productId = 0;
  beforeAll(async () => {
    core = tempCore(`${TODAY}T02:00:00.000Z`);
    await must(core, 'settings:set', { region: 'shanghai' });
    productId = (await must<{ id: number }>(core, 'products:save', { fields: { code: 'P-01', name: '材料成分检验检测', serviceKind: 'inspection' } })).id;
  });
  afterAll(() => core.cleanup());

  const action = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('order' as const), totalFen: fc.integer({ min: 1, max: 60_000_000 }), share: fc.oneof(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(0.5)), orderDate: dateIn('2025-09-01', TODAY), update: fc.option(fc.nat(), { freq: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  );

  it('no saved order holds more voucher than its share, no applicant more than its quota in a year', async () => {
    const profile = SH;
    let refused = 0;
    let saved = 0;
    await fc.assert(fc.asyncProperty(applicantFlags, fc.array(action, { minLength: 1, maxLength: 14 }), async (flags, actions) => {
      const applicant = await must<{ id: number }>(core, 'applicants:create', {
        kind: 'enterprise', name: `上海测试企业${++seq}`, region: 'shanghai', registeredDate: '2022-03-01', staffCount: 50,
        revenueFen: 1_000_000 * YUAN, assetsFen: 800_000 * YUAN, fields: ['智能制造'], ...flags, smeListed: true, smeListedYear: 2025, ...validity,
      });
      const orders: number[] = [];
      for (const a of actions) {
        let res: Result<{ id: number }>;
        if (a.kind === 'order') {
          const fields = {
            number: `DD${++seq}`, applicantId: applicant.id, productId, orderDate: a.orderDate, totalFen: a.totalFen, voucherFen: Math.round(a.totalFen * a.share),
            payoutParty: 'institution',
          };
          const target = a.update !== null && orders.length ? orders[a.update % orders.length] : null;
          res = target === null ? await call(core, 'orders:create', fields) : await call(core, 'orders:update', { id: target, fields });
          if (res.ok && target === null) orders.push(res.value.id);
        } else {
          if (!orders.length) continue;
          res = await call(core, 'orders:transition', { id: orders[a.pick % orders.length], to: 'cancelled', note: '企业取消' });
        }
        if (res.ok) saved++; else refused++;
        const kind = (await must<{ voucherKind: Parameters<typeof annualQuotaFor>[0] }>(core, 'applicants:get', { id: applicant.id })).voucherKind;
        const quota = annualQuotaFor(kind, profile);
        const rows = core.db.prepare(`SELECT total_fen AS total, voucher_fen AS voucher, status FROM orders WHERE applicant_id = ?`).all(applicant.id) as { total: number; voucher: number; status: string }[];
        for (const o of rows) {
          expect(o.voucher).toBeGreaterThanOrEqual(0);
          expect(withinShare(o.voucher, o.total, profile), `order share ${o.voucher} of ${o.total}`).toBe(true);
        }
        const held = rows.filter((o) => !(ORDER_RELEASED_STATES as readonly string[]).includes(o.status)).reduce((s, o) => s + o.voucher, 0);
        expect(held, `annual quota of ${kind}`).toBeLessThanOrEqual(quota ?? 0);
      }
    }), { numRuns: 60, seed: 2026 });
    expect(saved).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  }, 60_000);
});
