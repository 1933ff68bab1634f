// The quarters a Q4 payment may roll to, worded as a range in both languages (京 第十五条: Q1–Q3).
import { describe, expect, it } from 'vitest';
import { quarterRange } from '../../renderer/src/pages/orders/PayoutTimelineView';

describe('quarterRange', () => {
  it.each([
    [[1, 2, 3], '1–3', 'Q1–Q3'],
    [[3, 1, 2], '1–3', 'Q1–Q3'],
    [[2], '2', 'Q2'],
    [[1, 3], '1、3', 'Q1, Q3'],
  ])('%j → %s / %s', (quarters, zh, en) => {
    expect(quarterRange(quarters, 'zh')).toBe(zh);
    expect(quarterRange(quarters, 'en')).toBe(en);
  });
});
