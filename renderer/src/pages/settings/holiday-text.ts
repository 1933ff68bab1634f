// Parses pasted holiday data: either the official JSON shape ({ "2027": { holidays: [...],
// adjusted_workdays: [...] } }) or one "date,kind,name" line per day (kind: 假/班 or holiday/adjusted_workday).
import type { HolidayRow } from '../../../../shared/ipc/assessment';
import { parseDateText } from '../../../../shared/fields';

export type ParsedHolidays = { ok: true; entries: HolidayRow[] } | { ok: false; line: number; message: string };

const KIND: Record<string, HolidayRow['kind']> = {
  holiday: 'holiday', 假: 'holiday', 休: 'holiday', 节假日: 'holiday',
  adjusted_workday: 'adjusted_workday', 班: 'adjusted_workday', 调休: 'adjusted_workday', 调休上班: 'adjusted_workday',
};

function fromJson(data: unknown, year: number): HolidayRow[] {
  const root = (data as Record<string, unknown>)[String(year)] ?? data;
  const part = (key: string, kind: HolidayRow['kind']) =>
    (((root as Record<string, unknown>)[key] ?? []) as { date: string; name?: string }[]).map((e) => ({ date: e.date, kind, name: e.name ?? '' }));
  return [...part('holidays', 'holiday'), ...part('adjusted_workdays', 'adjusted_workday')];
}

export function parseHolidayText(text: string, year: number): ParsedHolidays {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return { ok: true, entries: fromJson(JSON.parse(trimmed), year) };
    } catch (e) {
      return { ok: false, line: 1, message: (e as Error).message };
    }
  }
  const entries: HolidayRow[] = [];
  const lines = trimmed.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const [date, kindText = 'holiday', ...name] = line.split(/[,，\t]/).map((s) => s.trim());
    const kind = KIND[kindText];
    // Read strictly: only YYYY-MM-DD of a real day; 2027-02-30 stops the import at its line, it is never moved to another day.
    const day = parseDateText(date ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') || !day.ok || !kind) return { ok: false, line: i + 1, message: line };
    entries.push({ date: day.value, kind, name: name.join(' ') });
  }
  return { ok: true, entries };
}

/** The official festival names of the State Council's notices, in English. */
const HOLIDAY_EN: Readonly<Record<string, string>> = {
  元旦: "New Year's Day", 春节: 'Spring Festival', 清明节: 'Qingming Festival', 清明: 'Qingming Festival', 劳动节: 'Labour Day',
  端午节: 'Dragon Boat Festival', 中秋节: 'Mid-Autumn Festival', 国庆节: 'National Day', 调休上班: 'Adjusted workday', 调休: 'Adjusted workday',
};

/** A holiday's name in English when it is an official one ('国庆节、中秋节' → 'National Day and Mid-Autumn Festival'); null for a name the user typed. */
export function holidayNameEn(name: string): string | null {
  const parts = name.split(/[、,，/]/).map((p) => p.trim()).filter(Boolean);
  const en = parts.map((p) => HOLIDAY_EN[p]);
  return parts.length && en.every(Boolean) ? en.join(' and ') : null;
}
