import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // Every core: the default leaves one idle, and many tests wait on child processes and servers.
    maxWorkers: Math.max(os.availableParallelism(), 1),
    // Browser-mode key files of test desks go to the temp folder, never the user's home.
    env: { DESK_KEY_DIR: process.env.DESK_KEY_DIR ?? path.join(os.tmpdir(), 'desk-test-keys') },
  },
});
