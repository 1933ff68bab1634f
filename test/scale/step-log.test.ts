import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StepLog } from '../../scripts/lib/bench-ops/step-log';
import { verdict } from '../../scripts/lib/bench-ops/types';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'step-log-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the pages run keeps what it measured when a step fails', () => {
  it('writes each figure as measured and names the failing step with the figures before it', async () => {
    const file = path.join(dir, 'nested', 'pages.jsonl');
    const printed: string[] = [];
    const log = new StepLog(file, (l) => printed.push(l));
    const run = async () => {
      await log.step('run 1: start-up', async () => 1234.56);
      // Written before the next step begins, so a crash or hang later loses nothing.
      expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
      await log.step('run 1: vouchers cold', async () => 88);
      await log.step('run 1: dashboard cold', async () => { throw new Error('locator.click: Timeout 30000ms exceeded.\nCall log: …'); });
      await log.step('run 1: never reached', async () => 1);
    };
    await run().catch((e: unknown) => log.fail(e));
    expect(log.figures.map((f) => [f.step, f.ms])).toEqual([['run 1: start-up', 1234.6], ['run 1: vouchers cold', 88]]);
    expect(log.failure).toEqual({ step: 'run 1: dashboard cold', message: 'locator.click: Timeout 30000ms exceeded.' });
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({ failedStep: 'run 1: dashboard cold', measuredBefore: 2 });
    expect(printed.at(-1)).toContain('FAILED at step "run 1: dashboard cold"');
    // Only the first failure counts (cleanup errors after it do not replace it).
    log.fail(new Error('browser closed'));
    expect(log.failure?.step).toBe('run 1: dashboard cold');
  });

  it('a failed row fails the bench whatever its figures', () => {
    expect(verdict({ name: 'pages run', failed: 'step "x" failed' })).toBe('FAIL');
    expect(verdict({ name: 'ok', service: { samples: [1], median: 1, p95: 1 }, target: { metric: 'median', maxMs: 10 } })).toBe('PASS');
  });
});
