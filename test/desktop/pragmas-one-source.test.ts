// One source for the connection settings: electron/db/connection.ts applyConnectionPragmas is the
// only place that sets busy_timeout, foreign_keys, synchronous and secure_delete; every connection
// the desk opens (the app, its read and backup workers, tools, crash-trial children) calls it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const SETTING = /pragma\([`'"]\s*(busy_timeout|foreign_keys|synchronous|secure_delete)\s*=/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(ts|mts|mjs|cjs)$/.test(d.name))
    .map((d) => path.join(d.parentPath, d.name));
}

describe('connection settings', () => {
  it('are set only by applyConnectionPragmas (and put back where a step departs from them)', () => {
    const files = ['electron', 'scripts', 'shared'].flatMap((d) => sources(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(100);
    const setters = files.filter((f) => SETTING.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    // Deliberate, temporary departures: migrations turn foreign keys off around table rebuilds and put
    // the connection's value back; the assessment summary's one write never waits for the lock and puts
    // the busy timeout back; the bulk seed tool writes without syncing, then restores WAL.
    expect(setters).toEqual(['electron/db/connection.ts', 'electron/db/migrate.ts', 'electron/services/assessment/summary.ts', 'scripts/lib/seed/index.ts']);
  });

  it('the read and backup workers use it', () => {
    expect(fs.readFileSync(path.join(ROOT, 'electron/services/backup/copy-worker.ts'), 'utf8')).toMatch(/applyConnectionPragmas\(db, \{ readonly: true \}\)/);
    // The page worker's connection is read-only but for the whole unit's page (it may write the year's summary).
    const reader = fs.readFileSync(path.join(ROOT, 'electron/services/assessment/read-worker.ts'), 'utf8');
    expect(reader).toMatch(/applyConnectionPragmas\(db, \{ readonly \}\)/);
    expect(reader).toMatch(/const readonly = !\(job\.task\.kind === 'page' && \(job\.task\.input\.scope\?\.kind \?\? 'unit'\) === 'unit'\);/);
  });
});
