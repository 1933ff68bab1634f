import { afterAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  civilDateInShanghai,
  compareCivilDates,
  dayOfWeek,
  diffDays,
  fromEpochDay,
  isLeapYear,
  isValidCivilDate,
  lastDayOfMonth,
  parseCivilDate,
  toEpochDay,
} from '../../../shared/rules';

describe('parseCivilDate', () => {
  it.each([
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['2025-12-31', '2025-12-31'],
    ['2026-02-28', '2026-02-28'],
    [' 2025-10-01 ', '2025-10-01'],
  ])('accepts %s', (text, date) => {
    expect(parseCivilDate(text)).toEqual({ ok: true, date });
  });

  it.each([
    ['2025-02-29', 'day'],
    ['2026-02-29', 'day'],
    ['1900-02-29', 'day'],
    ['2025-04-31', 'day'],
    ['2025-01-00', 'day'],
    ['2025-13-01', 'month'],
    ['2025-00-10', 'month'],
    ['2025-1-1', 'format'],
    ['20250101', 'format'],
    ['2025/01/01', 'format'],
    ['', 'format'],
    ['0999-01-01', 'year'],
  ])('rejects %s with reason %s', (text, code) => {
    const result = parseCivilDate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason.code).toBe(code);
      expect(result.reason.zh).not.toBe('');
      expect(result.reason.en).not.toBe('');
    }
  });

  it('isValidCivilDate requires the exact canonical form', () => {
    expect(isValidCivilDate('2024-02-29')).toBe(true);
    expect(isValidCivilDate(' 2024-02-29')).toBe(false);
    expect(isValidCivilDate('2025-02-29')).toBe(false);
  });

  it('arithmetic refuses malformed dates', () => {
    expect(() => addDays('2025-02-29', 1)).toThrow(RangeError);
    expect(() => addMonths('2025-13-01', 1)).toThrow(RangeError);
  });
});

describe('addDays / diffDays (day periods start the day after the event)', () => {
  it.each([
    ['2025-09-20', 15, '2025-10-05'],
    ['2024-02-20', 15, '2024-03-06'],
    ['2025-02-20', 15, '2025-03-07'],
    ['2024-02-14', 15, '2024-02-29'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-12-25', 10, '2025-01-04'],
    ['2025-01-01', 365, '2026-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s + %i days = %s', (from, days, to) => {
    expect(addDays(from, days)).toBe(to);
    expect(diffDays(from, to)).toBe(days);
  });

  it('epoch days round-trip', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(fromEpochDay(toEpochDay('2024-02-29'))).toBe('2024-02-29');
  });
});

describe('addMonths (民法典 第二百零二条: corresponding day, else month end)', () => {
  it.each([
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2025-11-29', 3, '2026-02-28'],
    ['2023-11-29', 3, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-08-31', 1, '2025-09-30'],
    ['2025-10-31', 3, '2026-01-31'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2024-02-29', -12, '2023-02-28'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });
});

describe('calendar facts', () => {
  it.each([
    ['1970-01-01', 4],
    ['2000-01-01', 6],
    ['2024-02-29', 4],
    ['2025-01-01', 3],
    ['2025-10-11', 6],
    ['2025-09-28', 7],
    ['2026-02-28', 6],
    ['2025-09-29', 1],
  ])('dayOfWeek(%s) = %i (ISO, Monday = 1)', (date, weekday) => {
    expect(dayOfWeek(date)).toBe(weekday);
  });

  it.each([
    [2024, true],
    [2025, false],
    [2000, true],
    [1900, false],
    [2100, false],
  ])('isLeapYear(%i) = %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it.each([
    [2024, 2, 29],
    [2025, 2, 28],
    [2025, 4, 30],
    [2025, 12, 31],
  ])('lastDayOfMonth(%i, %i) = %i', (year, month, last) => {
    expect(lastDayOfMonth(year, month)).toBe(last);
  });

  it('compareCivilDates orders dates', () => {
    expect(compareCivilDates('2025-01-31', '2025-02-01')).toBe(-1);
    expect(compareCivilDates('2025-02-01', '2025-02-01')).toBe(0);
    expect(compareCivilDates('2026-01-01', '2025-12-31')).toBe(1);
  });
});

describe('civilDateInShanghai (UTC+8, around the 16:00Z day boundary)', () => {
  it.each([
    ['2025-09-30T15:59:59.999Z', '2025-09-30'],
    ['2025-09-30T16:00:00.000Z', '2025-10-01'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
    ['2024-02-29T15:59:59.999Z', '2024-02-29'],
    ['2024-02-29T16:00:00.000Z', '2024-03-01'],
    ['2025-12-31T15:59:59.999Z', '2025-12-31'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['2025-06-30T23:59:59-07:00', '2025-07-01'],
    ['2026-01-01T00:00:00-08:00', '2026-01-01'],
  ])('%s is %s in Shanghai', (iso, date) => {
    expect(civilDateInShanghai(new Date(iso))).toBe(date);
  });

  it('rejects an invalid instant', () => {
    expect(() => civilDateInShanghai(new Date('nope'))).toThrow(RangeError);
  });
});

describe('host time zone independence', () => {
  const original = process.env.TZ;
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(['Asia/Shanghai', 'UTC', 'America/Los_Angeles'])('same answers under TZ=%s', (tz) => {
    process.env.TZ = tz;
    // Node applies TZ changes at runtime; check the zone really switched so the test means something.
    const offset = new Date('2025-01-15T12:00:00Z').getTimezoneOffset();
    expect(offset).toBe({ 'Asia/Shanghai': -480, UTC: 0, 'America/Los_Angeles': 480 }[tz]);
    expect(addDays('2025-09-20', 15)).toBe('2025-10-05');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(dayOfWeek('2025-10-11')).toBe(6);
    expect(diffDays('2025-03-08', '2025-03-10')).toBe(2); // US DST starts 2025-03-09
    expect(addDays('2025-11-01', 2)).toBe('2025-11-03'); // US DST ends 2025-11-02
    expect(civilDateInShanghai(new Date('2025-09-30T16:00:00Z'))).toBe('2025-10-01');
    expect(civilDateInShanghai(new Date('2025-09-30T15:59:59Z'))).toBe('2025-09-30');
  });
});
