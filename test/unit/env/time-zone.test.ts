// Each project of the unit suite runs under its own zone: every file under the US Pacific zone, the
// date-bearing folders again under Asia/Shanghai. Both share one run and its workers, so each worker
// must really see its project's zone (in Date arithmetic, not only in process.env).
import { expect, it } from 'vitest';

const ZONES: Record<string, { tz: string; januaryOffset: number; julyOffset: number }> = {
  la: { tz: 'America/Los_Angeles', januaryOffset: 480, julyOffset: 420 },
  shanghai: { tz: 'Asia/Shanghai', januaryOffset: -480, julyOffset: -480 },
};
// Read when the file is loaded, before any test runs.
const offsetAtLoad = new Date('2026-01-15T12:00:00Z').getTimezoneOffset();

it('runs under the zone of its project', ({ task }) => {
  const project = task.file.projectName ?? '';
  const zone = ZONES[project];
  expect(zone, `project ${project}`).toBeDefined();
  expect(process.env.TZ).toBe(zone.tz);
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone.tz);
  expect(offsetAtLoad).toBe(zone.januaryOffset);
  expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(zone.januaryOffset);
  expect(new Date('2026-07-15T12:00:00Z').getTimezoneOffset()).toBe(zone.julyOffset);
  // 2026-03-01 00:30 in Shanghai is still 28 February in Los Angeles.
  expect(new Date('2026-02-28T16:30:00Z').getDate()).toBe(project === 'la' ? 28 : 1);
});
