import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Browser-mode key files of test desks go to the temp folder, never the user's home.
const env = { DESK_KEY_DIR: process.env.DESK_KEY_DIR ?? path.join(os.tmpdir(), 'desk-test-keys') };
/** The folders whose tests run a second time under TZ=Asia/Shanghai. */
const SHANGHAI_FOLDERS = ['test/unit', 'test/db', 'test/catalog', 'test/deals', 'test/bookings', 'test/redemption', 'test/assessment'];

export default defineConfig({
  test: {
    // Each project names its own files (an include here would be added to each project's own).
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // The files of a worker share its process and loaded modules instead of each starting a fresh
    // one: every test opens its own database file, data folder and servers, and nothing it needs is
    // kept in a module between files, so this only saves the import of the services (about 300 s of
    // the suite's 800 s on a loaded 2-core machine). The zones stay apart: each project has its own
    // workers with its own TZ.
    isolate: false,
    // Every core: the default leaves one idle, and many tests wait on child processes and servers.
    maxWorkers: Math.max(os.availableParallelism(), 1),
    // Two zones in one run, sharing the workers: every file under the US Pacific zone, and the
    // date-bearing folders again under the desk's own zone, so results cannot depend on the computer's
    // zone. (`--project la` or `--project shanghai` runs one of them.)
    projects: [
      { extends: true, test: { name: 'la', include: ['test/**/*.test.ts'], env: { ...env, TZ: 'America/Los_Angeles' } } },
      { extends: true, test: { name: 'shanghai', include: SHANGHAI_FOLDERS.map((d) => `${d}/**/*.test.ts`), env: { ...env, TZ: 'Asia/Shanghai' } } },
    ],
  },
});
