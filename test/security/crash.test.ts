// Crash safety of the services' multi-row writes: a child process saves 24 contracts (each with its
// instruments, voucher amounts and audit row) and then updates them, or commits a 1,500-row import,
// through the REAL services, and is SIGKILLed at a random moment. The normal start that follows must
// pass integrity_check and find every contract save and the import either whole or absent, in the
// order they were made, and every save the child reported done still there. The full run (≥ 200
// trials each) is `npm run crash-trials -- --op contract-save,import-commit --n 200`; here a few.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildChild, crashTrials, WRITE_OPS, type CrashOp } from '../../scripts/crash-trials.mjs';

const N = Number(process.env.CRASH_TRIALS_N ?? 3);
let child: string;
// A bundle of its own, so a trial run of the script beside the test never reads it half-written.
beforeAll(async () => { child = await buildChild('child-writes.cjs'); }, 120_000);

describe('service writes under SIGKILL', () => {
  it.each(WRITE_OPS as CrashOp[])('%s: after every kill the change is whole or absent', async (op) => {
    const r = await crashTrials({ op, n: N, seed: 11 + WRITE_OPS.indexOf(op), child });
    console.log(`[crash] ${op}: ${r.n} trials, ${r.killed} killed, ${r.completedBeforeKill} completed first, outcomes ${JSON.stringify(r.outcomes)}`);
    expect(r.failures).toEqual([]);
    expect(r.killed + r.completedBeforeKill).toBe(N);
    expect(r.killed).toBeGreaterThan(0);
  }, 600_000);
});
