// Property: every channel of the IPC contract, fed valid-shaped inputs (built from its own zod schema,
// ids drawn from rows that exist), through the real invoke() against a seeded temp database.
// For every input that parses: no throw, never INTERNAL, a refused call writes nothing (content hash
// unchanged), and no money column holds a negative amount afterwards. The test counts the channels
// whose handler really ran (past parsing) and fails when that count drops.
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { dispatch } from '../../electron/security/gate';
import type { HandlerTable } from '../../electron/handlers/types';
import { contract, type Channel } from '../../shared/ipc';
import type { Result } from '../../shared/result';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { coreAt, tempDir } from '../security/helpers';
import { arbitraryOf, type Hints } from './arbitrary';

const TYPED = new Set(['VALIDATION', 'RULE', 'NOT_FOUND', 'CONFLICT', 'DB_NEWER', 'LOCKED', 'FORBIDDEN', 'CANCELLED']);
/** Runs per channel and desk. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 10);
/** Create channels run first, until each has made MAX_ID rows, so later ids refer to real rows. */
const MAX_ID = 3;
const SEED_ORDER: Channel[] = [
  'labs:create', 'catalog:create', 'applicants:create', 'vouchers:claim', 'contracts:create', 'products:save', 'orders:create',
  'bookings:create', 'usage:create', 'redemption:open', 'redemption:invoiceAdd', 'money:priceGroupSave', 'money:rateItemSave',
  'money:quoteSave', 'unit:labSave', 'rated:presetSave', 'holidays:upsert', 'evaluation:addEvidence',
];
/** Channels that lock, re-key or replace the database under the run; security tests drive them. */
const SEPARATE = new Set<Channel>(['security:lock', 'security:setup', 'security:changePassphrase', 'security:unlock', 'backup:restore']);

/** Inputs chosen by path where a field's name alone says too little. */
const PATHS: Partial<Record<Channel, Hints['paths']>> = {
  'redemption:invoiceAdd': { 'fields.code': fc.constant(''), 'fields.number': fc.stringMatching(/^\d{20}$/) },
  'redemption:invoiceUpdate': { 'fields.code': fc.constant(''), 'fields.number': fc.stringMatching(/^\d{20}$/) },
};

/** Export and report channels that render files: fewer runs keep the whole property test well under a minute. */
const HEAVY = /export|Pdf|Xlsx|packets:|batchStart|assessment:compute|evaluation:compute|evaluation:compare|importCommit|importValidate|importParse/;

/**
 * A write counter: temporary triggers on every user table count committed inserts, updates and
 * deletes (a rolled-back transaction rolls its counts back too). Cheap enough to read around every
 * call; the full content hash of helpers/db cross-checks it on every REHASH-th refusal.
 */
function installWriteCounter(core: TempCore): () => number {
  core.db.exec('CREATE TEMP TABLE IF NOT EXISTS property_writes(n INTEGER NOT NULL); INSERT INTO property_writes VALUES (0)');
  const tables = core.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
    AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%_fts%'`).pluck().all() as string[];
  tables.forEach((t, i) => {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      // Table names come from sqlite_master; identifiers cannot be bound parameters.
      core.db.prepare(`CREATE TEMP TRIGGER property_w${i}_${op} AFTER ${op} ON main."${t.replace(/"/g, '""')}" BEGIN UPDATE property_writes SET n = n + 1; END`).run();
    }
  });
  const read = core.db.prepare('SELECT n FROM temp.property_writes').pluck();
  return () => read.get() as number;
}
const REHASH = 10;

function arbitraryFor(name: Channel): fc.Arbitrary<unknown> {
  return arbitraryOf(contract[name].input as z.ZodType, { maxId: MAX_ID, paths: PATHS[name] });
}

/** Every money column (…_fen) and the tables it is in. */
function moneyColumns(core: TempCore): { table: string; column: string }[] {
  const tables = core.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'`).pluck().all() as string[];
  return tables.flatMap((t) => (core.db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[])
    .filter((c) => c.endsWith('_fen')).map((column) => ({ table: t, column })));
}

// Counted over both desks.
const reached = new Set<string>();
const okCount = new Map<string, number>();
const refusals = new Map<string, Map<string, number>>();
const problems: string[] = [];
const spent = new Map<string, number>();
// The handler table with a mark set when a handler is entered: that is "past parsing".
const tracked = Object.fromEntries(Object.entries(handlers).map(([k, h]) => [k, (input: unknown, ctx: unknown) => {
  reached.add(k);
  return (h as (i: unknown, c: unknown) => unknown)(input, ctx);
}])) as unknown as HandlerTable;

// A Beijing desk (contracts and claimed vouchers) and a Shanghai desk (products and orders).
describe.each(['beijing', 'shanghai'] as const)('every channel with valid-shaped inputs, %s desk', (region) => {
  let core: TempCore;
  const ok = new Map<string, number>();
  let refusedSeen = 0;
  let writes: () => number = () => 0;
  let signed = new Set<string>();
  let money: { table: string; column: string }[] = [];

  async function call(name: Channel, input: unknown): Promise<Result<unknown> | null> {
    const schema = contract[name].input as z.ZodType;
    if (!schema.safeParse(input ?? {}).success) return null;
    const started = performance.now();
    const before = writes();
    const hashed = refusedSeen % REHASH === 0 ? contentHash(core) : null;
    let res: Result<unknown>;
    try {
      res = await invoke(tracked, core.ctx, name, input);
    } catch (e) {
      problems.push(`${name} threw ${String(e)} for ${JSON.stringify(input)}`);
      return null;
    }
    spent.set(name, (spent.get(name) ?? 0) + performance.now() - started);
    if (!res.ok) {
      const why = refusals.get(name) ?? new Map<string, number>();
      const reason = res.error.reason ?? 'legacy';
      why.set(reason, (why.get(reason) ?? 0) + 1);
      refusals.set(name, why);
    }
    if (res.ok) {
      okCount.set(name, (okCount.get(name) ?? 0) + 1);
      ok.set(name, (ok.get(name) ?? 0) + 1);
    }
    else if (!TYPED.has(res.error.code)) problems.push(`${name} → ${res.error.code} ${res.error.reason} for ${JSON.stringify(input)}`);
    else {
      refusedSeen++;
      if (writes() !== before || (hashed !== null && contentHash(core) !== hashed)) problems.push(`${name} refused (${res.error.reason}) but wrote for ${JSON.stringify(input)}`);
    }
    for (const { table, column } of money) {
      if (signed.has(`${table}.${column}`)) continue;
      // An adjustment line (discount, waiver, correction) is signed; every other charge line is not.
      const signedRows = table === 'charges' && column === 'amount_fen' ? ` AND kind <> 'adjustment'` : '';
      const n = core.db.prepare(`SELECT count(*) FROM "${table}" WHERE "${column}" < 0${signedRows}`).pluck().get() as number;
      if (n > 0) problems.push(`${name} left a negative ${table}.${column} for ${JSON.stringify(input)}`);
    }
    return res;
  }

  beforeAll(async () => {
    // After 2025-09-01, so both the Beijing and the Shanghai profile are in force.
    core = tempCore('2025-12-16T02:00:00.000Z');
    money = moneyColumns(core);
    writes = installWriteCounter(core);
    const set = await invoke(handlers, core.ctx, 'settings:set', { region });
    expect(set.ok).toBe(true);
    // Columns that hold a signed difference by design (adjustments, differences, balances).
    signed = new Set(money.map((m) => `${m.table}.${m.column}`).filter((k) => /adjust|diff|delta|balance|change/.test(k)));
    for (const name of SEED_ORDER) {
      const samples = fc.sample(arbitraryFor(name), { numRuns: 400, seed: 7 });
      for (const input of samples) {
        if ((ok.get(name) ?? 0) >= MAX_ID) break;
        await call(name, input);
      }
    }
  }, 120_000);
  afterAll(() => core.cleanup());

  it('never throws, never INTERNAL, refused calls write nothing, no negative amounts', async () => {
    const names = (Object.keys(contract) as Channel[]).filter((n) => !SEPARATE.has(n)).sort();
    for (const name of names) {
      await fc.assert(fc.asyncProperty(arbitraryFor(name), async (input) => {
        await call(name, input);
      }), { numRuns: HEAVY.test(name) ? Math.min(RUNS, 2) : RUNS, seed: region === 'beijing' ? 42 : 43 });
    }
    expect(problems.slice(0, 15)).toEqual([]);
  }, 120_000);
});

// The channels that lock, re-key or replace the database, each on desks of its own: a plain one, and
// for unlock / lock / changePassphrase / restore an encrypted one with a backup to restore.
describe.each([...SEPARATE].sort())('%s on a desk of its own', (name) => {
  it('valid-shaped inputs reach the handler; never a throw or INTERNAL; a refusal writes nothing', async () => {
    const inputs = fc.sample(arbitraryFor(name), { numRuns: 12, seed: 11 })
      .filter((i) => (contract[name].input as z.ZodType).safeParse(i).success).slice(0, 1);
    expect(inputs.length).toBeGreaterThan(0);
    for (const input of inputs) {
      const dir = tempDir();
      // The Core of app-core itself (its db follows a re-key or restore), through the gate the app uses.
      const core = coreAt(dir);
      try {
        if (name !== 'security:setup') {
          expect((await core.call('security:setup', { mode: 'encrypted', passphrase: 'correct horse 7' })).ok).toBe(true);
          const backup = await core.call('backup:create', {});
          expect(backup.ok).toBe(true);
          if (name === 'backup:restore' && backup.ok) (input as { name: string }).name = (backup.value as { name: string }).name;
        }
        const before = contentHash(core);
        const res = await dispatch(core, tracked, name, input);
        expect(reached.has(name)).toBe(true);
        if (!res.ok) {
          expect(TYPED.has(res.error.code), `${name} → ${res.error.code} ${res.error.reason}`).toBe(true);
          expect(contentHash(core), `${name} refused (${res.error.reason}) but wrote`).toBe(before);
        } else okCount.set(name, (okCount.get(name) ?? 0) + 1);
      } finally {
        core.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 60_000);
});

describe('reach', () => {
  it('every channel reached its handler', () => {
    const all = Object.keys(contract);
    const unreached = all.filter((n) => !reached.has(n));
    const neverOk = all.filter((n) => reached.has(n) && !okCount.get(n));
    console.log(`property: ${reached.size}/${all.length} channels reached their handler with valid-shaped inputs; `
      + `${all.length - unreached.length - neverOk.length} answered ok at least once`);
    console.log(`unreached: ${unreached.join(' ')}`);
    console.log(`reached but never ok: ${neverOk.map((n) => `${n} (${[...(refusals.get(n) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([k, c]) => `${k}×${c}`).join(', ')})`).join('; ')}`);
    console.log(`slowest: ${[...spent].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ')}`);
    expect(unreached).toEqual([]);
  });
});
