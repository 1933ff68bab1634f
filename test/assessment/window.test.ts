// The year window: civil-time arithmetic and the lower bound of the usage range.
import { describe, expect, it } from 'vitest';
import { civilNowInShanghai, civilTimeMinusSeconds, yearWindow } from '../../electron/services/assessment/window';
import type { ServiceContext } from '../../electron/services/context';

describe('year window', () => {
  it.each([
    ['2025-01-01T00:00', 7 * 86_400, '2024-12-25T00:00'],
    ['2024-03-01T00:30', 86_400 + 1800, '2024-02-29T00:00'], // leap day
    ['2025-06-16T10:00', 0, '2025-06-16T10:00'],
  ])('%s − %i s = %s', (civil, seconds, expected) => {
    expect(civilTimeMinusSeconds(civil, seconds)).toBe(expected);
  });

  it('bounds 2024 (a leap year) and reaches back by the longest allowed record', () => {
    expect(yearWindow(2024)).toEqual({
      year: 2024, firstDay: '2024-01-01', lastDay: '2024-12-31', ys: '2024-01-01T00:00', ye: '2025-01-01T00:00',
      lo: '2023-12-25T00:00', retiredAfter: '2023-12-31T16:00:00.000Z', calendarHours: 8784,
    });
    expect(yearWindow(2025).calendarHours).toBe(8760);
  });

  it('reads now as a Shanghai civil time whatever the host zone', () => {
    const ctx = { now: () => new Date('2025-12-31T16:30:00.000Z') } as ServiceContext;
    expect(civilNowInShanghai(ctx)).toBe('2026-01-01T00:30');
  });
});
