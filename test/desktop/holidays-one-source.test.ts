// Holidays: one data file, resources/holidays/cn-2025-2026.json (the official table), is what a new
// desk's holiday table is seeded from and what shared/policy reads; no other copy exists in the
// sources, and an independent source (the chinese-days package) agrees with it day by day.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CN_OFFICIAL_HOLIDAYS_2025_2026 } from '../../shared/policy';
import { tempCore, type TempCore } from '../helpers/db';

let core: TempCore | null = null;
afterEach(() => { core?.cleanup(); core = null; });

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

const root = path.join(__dirname, '..', '..');
const DATA_FILE = path.join(root, 'resources', 'holidays', 'cn-2025-2026.json');
type Table = Record<string, { holidays: { date: string; name: string }[]; adjusted_workdays: string[] }>;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return /\.(ts|tsx|sql|mjs|cjs|json)$/.test(e.name) ? [p] : [];
  });
}

describe('one source for the 2025–2026 holidays', () => {
  it('the data file is the official table, and shared/policy is read from it', () => {
    const table = JSON.parse(fs.readFileSync(DATA_FILE, 'utf8')) as Table;
    expect(Object.keys(table)).toEqual(['2025', '2026']);
    const fromFile = Object.values(table).flatMap((y) => [
      ...y.holidays.map((h) => [h.date, 'holiday', h.name]),
      ...y.adjusted_workdays.map((d) => [d, 'adjusted_workday', undefined]),
    ]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(CN_OFFICIAL_HOLIDAYS_2025_2026.map((e) => [e.date, e.kind, e.name])).toEqual(fromFile);
  });

  it('no source file other than the data file lists the official dates', () => {
    // Three dates only the official notices fix (a 调休 Sunday, a Spring Festival day, a 中秋 day).
    const marks = ['2025-01-26', '2026-02-23', '2026-09-25'];
    const holders = [...sources(path.join(root, 'electron')), ...sources(path.join(root, 'shared')), ...sources(path.join(root, 'renderer', 'src')), ...sources(path.join(root, 'resources'))]
      .filter((f) => { const text = fs.readFileSync(f, 'utf8'); return marks.every((m) => text.includes(m)); })
      .map((f) => path.relative(root, f));
    expect(holders).toEqual([path.join('resources', 'holidays', 'cn-2025-2026.json')]);
  });

  it('a new desk holds exactly the official table (same dates, same kinds, same holiday names)', () => {
    core = tempCore();
    const rows = core.db.prepare("SELECT date, kind, name FROM holidays WHERE date BETWEEN '2025-01-01' AND '2026-12-31' ORDER BY date").all() as { date: string; kind: string; name: string | null }[];
    const official = [...CN_OFFICIAL_HOLIDAYS_2025_2026].sort((a, b) => a.date.localeCompare(b.date));
    expect(rows.map((r) => [r.date, r.kind])).toEqual(official.map((e) => [e.date, e.kind]));
    for (const e of official.filter((x) => x.kind === 'holiday')) {
      expect(rows.find((r) => r.date === e.date)?.name, e.date).toBe(e.name);
    }
  });

  it('every day of 2025 and 2026 is a day off in the table exactly when chinese-days says so', () => {
    // The package's data file (its date functions read the computer's time zone; the data does not).
    const oracle = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('chinese-days/package.json')), 'dist', 'chinese-days.json'), 'utf8')) as
      { holidays: Record<string, string>; workdays: Record<string, string> };
    const isWorkday = (day: string, weekday: number) => day in oracle.workdays || (!(day in oracle.holidays) && weekday !== 0 && weekday !== 6);
    const byDate = new Map(CN_OFFICIAL_HOLIDAYS_2025_2026.map((e) => [e.date, e.kind]));
    const disagreements: string[] = [];
    for (const day of days('2025-01-01', '2026-12-31')) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const kind = byDate.get(day);
      const ours = kind === 'adjusted_workday' || (kind !== 'holiday' && weekday !== 0 && weekday !== 6);
      if (ours !== isWorkday(day, weekday)) disagreements.push(day);
    }
    expect(disagreements).toEqual([]);
  });
});
