import { describe, expect, it } from 'vitest';
import { billedMinutes, hoursMilliOf, lineAmountFen, parseQuantity, quantityText, versionOn, type RateTerms } from '../../shared/money/rates';

const terms = (o: Partial<RateTerms> = {}): RateTerms => ({ unitPriceFen: 40_000, incrementMinutes: 30, minimumFen: 0, setupFeeFen: 0, ...o });

describe('billing increments', () => {
  it.each([
    // minutes, increment, billed
    [60, 30, 60], [61, 30, 90], [89, 30, 90], [1, 30, 30], [0, 30, 0],
    [50, 15, 60], [45, 15, 45], [46, 15, 60], [7, 6, 12], [12, 12, 12], [13, 12, 24], [61, 60, 120], [59, null, 59],
  ])('%d min at %s-minute increments bills %d min', (minutes, inc, billed) => {
    expect(billedMinutes(minutes, inc)).toBe(billed);
  });

  it.each([[6, 100], [12, 200], [15, 250], [30, 500], [45, 750], [60, 1000], [90, 1500], [10080, 168000]])(
    '%d billed minutes are %d thousandths of an hour, exactly', (m, milli) => { expect(hoursMilliOf(m)).toBe(milli); },
  );
});

describe('line amounts: quantity × price + set-up, rounded once, then the minimum', () => {
  it.each<[string, number, Partial<RateTerms>, number]>([
    ['1.5 h × 400元', 1500, {}, 60_000],
    ['0.25 h × 333.33元 rounds half up once', 250, { unitPriceFen: 33_333 }, 8_333], // 8333.25 → 8333
    ['0.5 h × 0.99元: 49.5 fen → 50', 500, { unitPriceFen: 99 }, 50],
    ['0.1 h × 0.05元: 0.5 fen → 1', 100, { unitPriceFen: 5 }, 1],
    ['set-up fee added before rounding', 250, { unitPriceFen: 33_333, setupFeeFen: 5_000 }, 13_333],
    ['minimum raises a short session', 500, { unitPriceFen: 10_000, minimumFen: 8_000 }, 8_000],
    ['minimum does not lower a long one', 3000, { unitPriceFen: 10_000, minimumFen: 8_000 }, 30_000],
    ['minimum compares with set-up included', 500, { unitPriceFen: 10_000, setupFeeFen: 4_000, minimumFen: 8_000 }, 9_000],
    ['zero quantity costs nothing, no minimum', 0, { minimumFen: 8_000, setupFeeFen: 1_000 }, 0],
    ['3 samples × 120元', 3000, { unitPriceFen: 12_000, incrementMinutes: null }, 36_000],
    ['2.5 core-hours × 0.35元', 2500, { unitPriceFen: 35, incrementMinutes: null }, 88], // 87.5 → 88
  ])('%s', (_name, q, t, amount) => {
    expect(lineAmountFen(q, terms(t))).toBe(amount);
  });

  it('rounds per line, not on the sum: three 0.1 h lines at 0.05元 are 3 fen, one 0.3 h line is 2 fen', () => {
    const t = terms({ unitPriceFen: 5 });
    expect([100, 100, 100].map((q) => lineAmountFen(q, t)).reduce((a, b) => a + b, 0)).toBe(3);
    expect(lineAmountFen(300, t)).toBe(2); // 1.5 → 2
  });

  it('stays exact with large prices (BigInt inside)', () => {
    expect(lineAmountFen(168_000, terms({ unitPriceFen: 999_999_999 }))).toBe(167_999_999_832);
  });
});

describe('the rate in force on the day of use', () => {
  const versions = [
    { id: 1, effectiveFrom: '2025-01-01', effectiveTo: null },
    { id: 2, effectiveFrom: '2025-07-01', effectiveTo: null },
    { id: 3, effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30' },
  ];
  it.each([
    ['2024-12-31', null], ['2025-01-01', 1], ['2025-06-30', 1], ['2025-07-01', 2], ['2025-12-31', 2], ['2026-03-01', 3], ['2026-07-01', 2],
  ])('%s → version %s', (date, id) => {
    expect(versionOn([...versions].reverse(), date)?.id ?? null).toBe(id);
  });
});

describe('quantities as text', () => {
  it.each([[1250, '1.25'], [1000, '1'], [100, '0.1'], [1, '0.001']])('%d → %s', (q, t) => {
    expect(quantityText(q)).toBe(t);
    expect(parseQuantity(t)).toBe(q);
  });
  it('refuses more than 3 decimals and signs', () => {
    expect(parseQuantity('1.2345')).toBeNull();
    expect(parseQuantity('-1')).toBeNull();
  });
});
