// SIGKILL at random points of encryption, passphrase change, restore and migration, driving the
// real services in a child process; each kill is followed by a normal start that must find all the
// data, integrity_check ok, every attachment readable and no plaintext copy. The full run (≥ 200
// per operation) is `npm run crash-trials -- --op all --n 200`; here a few per operation. Contract saves
// and the import commit are in crash.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildChild, crashTrials, SWAP_OPS, type CrashOp } from '../../scripts/crash-trials.mjs';

const N = Number(process.env.CRASH_TRIALS_N ?? 3);
let child: string;
beforeAll(async () => { child = await buildChild('child-swaps.cjs'); }, 120_000);

describe('crash-safe swaps under SIGKILL', () => {
  it.each(SWAP_OPS as CrashOp[])('%s: every kill is followed by a complete, consistent desk', async (op) => {
    const r = await crashTrials({ op, n: N, seed: 7 + SWAP_OPS.indexOf(op), child });
    console.log(`[crash] ${op}: ${r.n} trials, ${r.killed} killed, ${r.completedBeforeKill} completed first, outcomes ${JSON.stringify(r.outcomes)}`);
    expect(r.failures).toEqual([]);
    expect(r.killed + r.completedBeforeKill).toBe(N);
  }, 600_000);
});
