import { describe, expect, it } from 'vitest';
import { createOfficialHolidayCalendar } from '../../../shared/policy';
import {
  addWorkingDays,
  countWorkingDays,
  createHolidayCalendar,
  extendToWorkingDay,
  isWorkingDay,
  nextWorkingDay,
  validateHolidayEntries,
} from '../../../shared/rules';

const cal = createOfficialHolidayCalendar();

describe('addWorkingDays with 2025–2026 holidays and 调休', () => {
  it.each([
    // 国庆 2025: 10-01..08 off, Saturday 10-11 and Sunday 09-28 are working days
    ['2025-09-29', 5, '2025-10-13'],
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-30', 3, '2025-10-11'],
    // 春节 2025: 01-28..02-04 off, Sunday 01-26 and Saturday 02-08 working
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-26', 1, '2025-01-27'],
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-01-27', 5, '2025-02-10'],
    // 清明 / 劳动节 / 端午 2025
    ['2025-04-03', 1, '2025-04-07'],
    ['2025-04-25', 1, '2025-04-27'],
    ['2025-04-30', 1, '2025-05-06'],
    ['2025-05-30', 1, '2025-06-03'],
    // 春节 2026: 02-15..23 off, Saturdays 02-14 and 02-28 working
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-24', 5, '2026-03-02'],
    // 中秋 / 国庆 2026: 09-25..27 and 10-01..07 off, Sunday 09-20 and Saturday 10-10 working
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-24', 1, '2026-09-28'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 5, '2026-10-13'],
    // 劳动节 / 端午 2026
    ['2026-04-30', 1, '2026-05-06'],
    ['2026-05-08', 1, '2026-05-09'],
    ['2026-06-18', 1, '2026-06-22'],
    // year end: 元旦 2026 01-01..03 off, Sunday 01-04 working
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-26', 3, '2025-12-31'],
    // n = 0 and backwards
    ['2025-10-04', 0, '2025-10-04'],
    ['2025-10-09', -1, '2025-09-30'],
    ['2026-01-04', -1, '2025-12-31'],
  ])('%s + %i working days = %s', (from, n, to) => {
    expect(addWorkingDays(from, n, cal)).toEqual({ date: to, missingYears: [] });
  });
});

describe('countWorkingDays (inclusive range)', () => {
  it.each([
    ['2025-01-01', '2025-12-31', 248],
    ['2026-01-01', '2026-12-31', 248],
    ['2025-01-01', '2025-01-31', 19],
    ['2025-02-01', '2025-02-28', 19],
    ['2026-02-01', '2026-02-28', 16],
    ['2025-10-01', '2025-10-31', 18],
    ['2026-09-01', '2026-09-30', 22],
    ['2026-10-01', '2026-10-31', 18],
    ['2025-09-29', '2025-10-13', 6],
    ['2025-09-28', '2025-10-12', 6],
    ['2026-02-14', '2026-02-28', 6],
    ['2025-10-01', '2025-10-08', 0],
    ['2025-10-13', '2025-10-12', 0],
  ])('%s..%s has %i working days', (from, to, count) => {
    expect(countWorkingDays(from, to, cal)).toEqual({ count, missingYears: [] });
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-10-11', true], // 调休 Saturday
    ['2025-10-12', false],
    ['2025-10-01', false],
    ['2025-10-10', true],
    ['2025-01-26', true], // 调休 Sunday
    ['2025-02-08', true],
    ['2025-04-27', true],
    ['2025-09-28', true],
    ['2026-01-04', true],
    ['2026-02-14', true],
    ['2026-02-28', true],
    ['2026-05-09', true],
    ['2026-09-20', true],
    ['2026-10-10', true],
    ['2026-01-01', false],
    ['2026-02-16', false], // Monday in 春节
    ['2026-09-25', false], // Friday, 中秋
    ['2026-06-19', false], // Friday, 端午
  ])('%s → %s', (date, working) => {
    expect(isWorkingDay(date, cal)).toEqual({ working, missingYears: [] });
  });
});

describe('years without holiday data are flagged, never silently ordinary', () => {
  it.each([
    ['isWorkingDay 2027-01-01', () => isWorkingDay('2027-01-01', cal), { working: true, missingYears: [2027] }],
    ['addWorkingDays into 2027', () => addWorkingDays('2026-12-30', 3, cal), { date: '2027-01-04', missingYears: [2027] }],
    ['nextWorkingDay into 2027', () => nextWorkingDay('2026-12-31', cal), { date: '2027-01-01', missingYears: [2027] }],
    ['count across 2026/2027', () => countWorkingDays('2026-12-28', '2027-01-08', cal), { count: 10, missingYears: [2027] }],
    ['count in 2024', () => countWorkingDays('2024-02-01', '2024-02-29', cal), { count: 21, missingYears: [2024] }],
    ['count 2024..2027', () => countWorkingDays('2024-12-31', '2027-01-01', cal), { count: 498, missingYears: [2024, 2027] }],
  ])('%s', (_label, run, expected) => {
    expect(run()).toEqual(expected);
  });

  it('an answer inside covered years carries an empty list', () => {
    expect(nextWorkingDay('2025-09-30', cal)).toEqual({ date: '2025-10-09', missingYears: [] });
  });
});

describe('extendToWorkingDay (民法典 第二百零三条)', () => {
  it.each([
    ['2025-10-05', '2025-10-09', true], // holiday
    ['2025-10-11', '2025-10-11', false], // 调休 Saturday is a working day
    ['2026-01-31', '2026-02-02', true], // ordinary Saturday
    ['2026-02-28', '2026-02-28', false], // 调休 Saturday
    ['2025-10-13', '2025-10-13', false],
  ])('%s → %s (moved %s)', (date, extended, moved) => {
    expect(extendToWorkingDay(date, cal)).toEqual({ date: extended, moved, missingYears: [] });
  });
});

describe('createHolidayCalendar', () => {
  it('answers kinds and names from rows', () => {
    const c = createHolidayCalendar([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-09', kind: 'adjusted_workday' },
    ]);
    expect(c.kindOf('2027-01-01')).toBe('holiday');
    expect(c.kindOf('2027-01-09')).toBe('adjusted_workday');
    expect(c.kindOf('2027-01-05')).toBe('normal');
    expect(c.holidayName?.('2027-01-01')).toBe('元旦');
    expect(c.hasYear(2027)).toBe(true);
    expect(c.hasYear(2028)).toBe(false);
    expect(isWorkingDay('2027-01-09', c)).toEqual({ working: true, missingYears: [] });
  });

  it('explicit years mark a year as covered even with no rows', () => {
    const c = createHolidayCalendar([], { years: [2030] });
    expect(isWorkingDay('2030-06-03', c)).toEqual({ working: true, missingYears: [] });
  });

  it('refuses duplicates and weekday 调休 entries', () => {
    const entries = [
      { date: '2027-01-01', kind: 'holiday' as const },
      { date: '2027-01-01', kind: 'adjusted_workday' as const },
      { date: '2027-01-05', kind: 'adjusted_workday' as const },
      { date: '2027-02-30', kind: 'holiday' as const },
    ];
    expect(validateHolidayEntries(entries).map((p) => p.code)).toEqual([
      'duplicate_date',
      'adjusted_workday_on_weekday',
      'adjusted_workday_on_weekday',
      'invalid_date',
    ]);
    expect(() => createHolidayCalendar(entries)).toThrow(RangeError);
  });
});
