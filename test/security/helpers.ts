import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../electron/app-core';
import { handlers } from '../../electron/handlers';
import { dispatch } from '../../electron/security/gate';
import { afterEach } from 'vitest';
import type { Result } from '../../shared/result';

export const MIGRATIONS = path.join(__dirname, '..', '..', 'electron', 'db', 'migrations');

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'desk-sec-'));
}

/** A core on a given folder with a movable fixed clock (default 2025-06-16 10:00 Shanghai). */
export function coreAt(dir: string, opts: { key?: string; nowIso?: string; autoBackup?: boolean } = {}) {
  let now = new Date(opts.nowIso ?? '2025-06-16T02:00:00.000Z');
  const core = openCore({ dataDir: dir, mode: 'browser', key: opts.key, migrationsDir: MIGRATIONS, now: () => now, autoBackup: opts.autoBackup });
  return Object.assign(core, {
    setNow(iso: string) { now = new Date(iso); },
    call: (channel: string, input: unknown): Promise<Result<unknown>> => dispatch(core, handlers, channel, input),
  });
}

export type TestCore = ReturnType<typeof coreAt>;

/** A maker of cores for one test file; every core is closed and its folder removed after each test. */
export function freshCores(): (opts?: Parameters<typeof coreAt>[1], dir?: string) => TestCore {
  let dirs: string[] = [];
  let cores: TestCore[] = [];
  afterEach(() => {
    for (const c of cores) c.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    dirs = [];
    cores = [];
  });
  return (opts = {}, dir = tempDir()) => {
    dirs.push(dir);
    const c = coreAt(dir, opts);
    cores.push(c);
    return c;
  };
}

/** Adds a few labs so copies have something to lose. */
export function seedLabs(core: Core, names: string[]): void {
  const ins = core.db.prepare('INSERT INTO labs(name, unit_name, contact, created_at) VALUES (?, ?, ?, ?)');
  core.db.transaction(() => { for (const n of names) ins.run(n, '某大学', '', '2025-06-16T02:00:00.000Z'); })();
}

export function labNames(core: Core): string[] {
  return core.db.prepare('SELECT name FROM labs ORDER BY id').pluck().all() as string[];
}

export function fileBytes(file: string): Buffer {
  return fs.readFileSync(file);
}
