import { describe, expect, it } from 'vitest';
import { BEIJING_2023, SHANGHAI_2025, createOfficialHolidayCalendar, type SubsidyClass, type SubsidyGrade } from '../../../shared/policy';
import { exitNoticeEnd, publicNoticeEnd, staffAwardMinimum, subsidyCap, subsidyClass } from '../../../shared/rules';

const cal = createOfficialHolidayCalendar();

describe('subsidyClass: value ≥ boundary is Class Ⅰ', () => {
  const boundary = 10_000_000_000;
  it.each([
    [boundary, 'I'],
    [boundary - 1, 'II'],
    [boundary + 1, 'I'],
    [0, 'II'],
  ])('value %i → %s', (value, cls) => {
    expect(subsidyClass(value, boundary)).toBe(cls);
  });
});

describe('subsidyCap (Beijing 第十一条)', () => {
  it.each<[SubsidyClass, SubsidyGrade, number]>([
    ['I', 'excellent', 100_000_000],
    ['I', 'good', 60_000_000],
    ['I', 'qualified', 0],
    ['I', 'unqualified', 0],
    ['II', 'excellent', 80_000_000],
    ['II', 'good', 40_000_000],
    ['II', 'qualified', 0],
    ['II', 'unqualified', 0],
  ])('Class %s %s → %i fen', (cls, grade, capFen) => {
    expect(subsidyCap(cls, grade, BEIJING_2023)).toEqual({ capFen, reason: null });
  });

  it('third-party testing institutions get 0 with a reason', () => {
    const cap = subsidyCap('I', 'excellent', BEIJING_2023, { isThirdPartyTestingInstitution: true });
    expect(cap.capFen).toBe(0);
    expect(cap.reason).toMatchObject({ rule: 'subsidy.thirdPartyExcluded', article: '第十一条' });
  });

  it('Shanghai has no performance-subsidy scheme', () => {
    const cap = subsidyCap('I', 'excellent', SHANGHAI_2025);
    expect(cap.capFen).toBeNull();
    expect(cap.reason?.rule).toBe('subsidy.notDefined');
  });
});

describe('staffAwardMinimum = ⌈70% × (income − costs)⌉', () => {
  it.each([
    [100, 0, 70],
    [10, 0, 7],
    [1, 0, 1],
    [3, 0, 3],
    [11, 0, 8],
    [13, 3, 7],
    [1_000, 1_000, 0],
    [500, 1_000, 0],
    [Number.MAX_SAFE_INTEGER, 0, 6_305_039_478_318_694],
  ])('income %i, costs %i → %i fen', (income, costs, award) => {
    expect(staffAwardMinimum(income, costs, BEIJING_2023)).toBe(award);
  });

  it('Shanghai sets no share; invalid amounts throw', () => {
    expect(staffAwardMinimum(100, 0, SHANGHAI_2025)).toBeNull();
    expect(() => staffAwardMinimum(-1, 0, BEIJING_2023)).toThrow(RangeError);
  });
});

describe('publicNoticeEnd: the publication day does not count', () => {
  it.each([
    ['Beijing', '2025-09-29', '2025-09-30', '2025-10-13', []],
    ['Beijing', '2025-09-30', '2025-10-09', '2025-10-14', []],
    ['Beijing', '2026-02-13', '2026-02-14', '2026-02-27', []],
    ['Beijing', '2025-12-26', '2025-12-29', '2026-01-05', []],
    ['Beijing', '2026-12-28', '2026-12-29', '2027-01-04', [2027]],
    ['Shanghai', '2025-09-29', '2025-09-30', '2025-10-06', []],
    ['Shanghai', '2025-12-28', '2025-12-29', '2026-01-04', []],
    ['Shanghai', '2028-02-25', '2028-02-26', '2028-03-03', []],
  ])('%s, published %s → %s to %s', (region, start, firstDay, lastDay, missingYears) => {
    const profile = region === 'Beijing' ? BEIJING_2023 : SHANGHAI_2025;
    expect(publicNoticeEnd(start, profile, cal)).toMatchObject({ firstDay, lastDay, missingYears });
  });

  it('names the rule it applied', () => {
    expect(publicNoticeEnd('2025-09-29', BEIJING_2023, cal)?.rule).toMatchObject({ kind: 'workingDays', count: 5 });
    expect(publicNoticeEnd('2025-09-29', SHANGHAI_2025, cal)?.rule).toMatchObject({ kind: 'calendarDays', count: 7 });
  });
});

describe('exitNoticeEnd (1 month)', () => {
  it.each([
    ['2025-01-31', '2025-02-28'],
    ['2023-12-31', '2024-01-31'],
  ])('%s → %s', (notice, end) => {
    expect(exitNoticeEnd(notice, BEIJING_2023)).toBe(end);
  });

  it('null when the profile sets none', () => {
    expect(exitNoticeEnd('2025-01-31', SHANGHAI_2025)).toBeNull();
  });
});
