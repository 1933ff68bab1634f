import { describe, expect, it } from 'vitest';
import { BEIJING_2023 } from '../../../shared/policy';
import {
  formatPercent,
  isNationalEvaluationInstrument,
  ratedHoursOrDefault,
  shareRate,
  utilisationRate,
} from '../../../shared/rules';

describe('utilisationRate = effective / rated (default 1600 h)', () => {
  it.each<[number, number | null, number | null]>([
    [1600, null, 1],
    [800, null, 0.5],
    [1599, null, 0.999375],
    [800, 2000, 0.4],
    [800, 0, 0.5], // a zero setting falls back to the profile default
    [0, null, 0],
    [-1, null, null],
    [Number.NaN, null, null],
  ])('%d h over rated %s → %s', (effective, rated, rate) => {
    expect(utilisationRate(effective, rated, BEIJING_2023)).toBe(rate);
  });

  it('rated hours come from settings, else the profile', () => {
    expect(ratedHoursOrDefault(undefined, BEIJING_2023)).toBe(1600);
    expect(ratedHoursOrDefault(1800, BEIJING_2023)).toBe(1800);
  });
});

describe('shareRate = external / effective', () => {
  it.each<[number, number, number | null]>([
    [273, 1599, 273 / 1599],
    [0, 100, 0],
    [100, 100, 1],
    [0, 0, null],
    [10, 0, null],
    [Number.NaN, 10, null],
  ])('%d / %d → %s', (external, effective, rate) => {
    expect(shareRate(external, effective)).toBe(rate);
  });
});

describe('formatPercent', () => {
  it.each<[number | null, number | undefined, string]>([
    [0.5, undefined, '50.0%'],
    [273 / 1599, 1, '17.1%'],
    [1, 0, '100%'],
    [null, undefined, '—'],
  ])('%s → %s', (value, digits, text) => {
    expect(formatPercent(value, digits)).toBe(text);
  });
});

describe('national evaluation covers unit value ≥ 500,000元', () => {
  it.each([
    [50_000_000, true],
    [49_999_999, false],
  ])('%i fen → %s', (fen, covered) => {
    expect(isNationalEvaluationInstrument(fen, BEIJING_2023)).toBe(covered);
  });
});
