import { describe, expect, it } from 'vitest';
import { mondayOf, shiftMinutes, slotAt, spanLabel, visibleSegment } from '../../renderer/src/pages/calendar/slots';

describe('calendar grid slot helpers', () => {
  it.each([
    ['2025-06-16', '2025-06-16'], // Monday
    ['2025-06-22', '2025-06-16'], // Sunday belongs to the week before
    ['2025-06-01', '2025-05-26'], // across a month
    ['2026-01-01', '2025-12-29'], // across a year
  ])('mondayOf(%s) = %s', (date, monday) => expect(mondayOf(date)).toBe(monday));

  it.each([
    ['2025-06-16', 0, '2025-06-16T00:00'],
    ['2025-06-16', 9 * 60 + 30, '2025-06-16T09:30'],
    ['2025-06-16', 1440, '2025-06-17T00:00'],
    ['2025-06-16', -30, '2025-06-15T23:30'],
  ])('slotAt(%s, %i) = %s', (date, minute, slot) => expect(slotAt(date, minute)).toBe(slot));

  it.each([
    ['2025-06-16T10:00', 90, '2025-06-16T11:30'],
    ['2025-06-16T23:00', 120, '2025-06-17T01:00'],
    ['2025-06-16T10:00', 7 * 1440, '2025-06-23T10:00'],
    ['2025-03-01T00:30', -60, '2025-02-28T23:30'],
  ])('shiftMinutes(%s, %i) = %s', (t, delta, out) => expect(shiftMinutes(t, delta)).toBe(out));

  it.each([
    ['inside', '2025-06-16T10:00', '2025-06-16T11:00', { from: 600, to: 660 }],
    ['clipped to 08:00', '2025-06-16T06:00', '2025-06-16T09:00', { from: 480, to: 540 }],
    ['clipped to 22:00', '2025-06-16T21:00', '2025-06-17T02:00', { from: 1260, to: 1320 }],
    ['from the day before', '2025-06-15T20:00', '2025-06-16T09:30', { from: 480, to: 570 }],
    ['ending at 08:00: hidden', '2025-06-16T07:00', '2025-06-16T08:00', null],
    ['after 22:00: hidden', '2025-06-16T22:00', '2025-06-16T23:00', null],
    ['another day: hidden', '2025-06-17T10:00', '2025-06-17T11:00', null],
  ])('visibleSegment on 2025-06-16: %s', (_n, s, e, seg) => expect(visibleSegment('2025-06-16', s, e)).toEqual(seg));

  it('labels spans', () => {
    expect(spanLabel('2025-06-16T10:00', '2025-06-16T11:30')).toBe('06-16 10:00–11:30');
    expect(spanLabel('2025-06-16T22:00', '2025-06-17T01:00')).toBe('06-16 22:00–06-17 01:00');
  });
});
