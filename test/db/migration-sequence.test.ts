import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../../electron/db/migrate';

// user_version records the last migration applied; a migration numbered below it never runs.
// A gap in the numbers is how a migration that was meant to run gets skipped on some desks,
// so the sequence must be dense from 0001 to the latest.
describe('migration sequence', () => {
  it('numbers every migration 1..N with no gap and no duplicate', () => {
    const versions = loadMigrations().map((m) => m.version);
    expect(versions.length).toBeGreaterThan(0);
    const expected = versions.map((_, i) => i + 1);
    const missing = expected.filter((v) => !versions.includes(v));
    expect({ missing, versions }).toEqual({ missing: [], versions: expected });
  });
});
