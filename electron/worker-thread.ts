// Starting a worker thread of the desk's own code, built or from the sources.
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running `built` (a bundled script beside the built code) or, when the desk runs
 * from its TypeScript sources (tests, tsx scripts), `source` through tsx. `dir` is the caller's
 * __dirname: in the build it is the bundle's folder, beside which every worker script is copied.
 */
export function startWorkerThread(dir: string, files: { built: string; source: string }, options: WorkerOptions): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(path.join(dir, files.built), options);
  const tsx = require.resolve('tsx/cjs', { paths: [process.cwd(), dir] });
  const entry = path.join(dir, files.source);
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, { ...options, eval: true });
}
