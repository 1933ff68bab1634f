// 额定机时 per instrument and year: presets, unit default of the year, overrides, and 利用率 using
// each instrument's own value; instruments under a threshold listed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeAssessment } from '../../electron/services/assessment/compute';
import { listLowUse } from '../../electron/services/facility/low-use';
import { deletePreset, getUnitRated, listInstrumentRated, listPresets, savePreset, setInstrumentRated, setUnitRated } from '../../electron/services/facility/rated-hours';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { insertInstrument, insertUsage } from '../assessment/fixtures';

let core: TempCore;
let a: number;
let b: number;
let c: number;

beforeEach(() => {
  core = tempCore('2026-01-10T02:00:00.000Z');
  a = insertInstrument(core.db, { innerId: 'A1', valueFen: 80_000_000 });
  b = insertInstrument(core.db, { innerId: 'B1', valueFen: 60_000_000 });
  c = insertInstrument(core.db, { innerId: 'C1', valueFen: 60_000_000 });
  core.db.prepare("UPDATE instruments SET usage_kind = '专用' WHERE id = ?").run(c);
  // A 1,400 h, B 700 h, C 80 h in 2025 (whole days of 20 h make the arithmetic plain).
  const days = (id: number, n: number, hours: number) => {
    for (let d = 0; d < n; d++) {
      const day = new Date(Date.UTC(2025, 0, 2 + d)).toISOString().slice(0, 10);
      insertUsage(core.db, { instrumentId: id, start: `${day}T02:00`, end: `${day}T${String(2 + hours).padStart(2, '0')}:00` });
    }
  };
  days(a, 70, 20);
  days(b, 35, 20);
  days(c, 4, 20);
});
afterEach(() => core.cleanup());

describe('额定机时', () => {
  it('offers the national and MoE presets from the profile, and custom ones', () => {
    const ids = listPresets(core.ctx).map((p) => [p.id, p.hours]);
    expect(ids).toContainEqual(['national', 1600]);
    expect(ids).toContainEqual(['moe-general', 1400]);
    expect(ids).toContainEqual(['moe-special', 800]);
    const custom = savePreset(core.ctx, { name: '本校 1,000 小时', hours: 1000 });
    expect(custom.builtIn).toBe(false);
    expect(listPresets(core.ctx).find((p) => p.id === custom.id)?.hours).toBe(1000);
  });

  it('without any setting every instrument has the profile default and 利用率 is as before', () => {
    const r = computeAssessment(core.ctx, { year: 2025 });
    expect(r.ratedHours).toBe(1600);
    expect(r.ratedHoursTotal).toBe(4800);
    expect(r.utilisation).toBeCloseTo(2180 / 4800, 12);
  });

  it('the unit default of a year applies to that year only; MoE by kind gives 专用 instruments 800 h', () => {
    setUnitRated(core.ctx, 2025, { presetId: 'moe-by-kind' });
    const r = computeAssessment(core.ctx, { year: 2025 });
    expect(r.ratedHoursTotal).toBe(1400 + 1400 + 800);
    expect(r.utilisation).toBeCloseTo(2180 / 3600, 12);
    expect(computeAssessment(core.ctx, { year: 2024 }).ratedHours).toBe(1600);
    expect(getUnitRated(core.ctx, 2025).source).toEqual({ presetId: 'moe-by-kind' });
  });

  it('an instrument override wins over the unit default, and its own 利用率 uses it', () => {
    setUnitRated(core.ctx, 2025, { hours: 2000 });
    setInstrumentRated(core.ctx, { year: 2025, instrumentIds: [a], source: { hours: 1400 }, note: '双班' });
    const r = computeAssessment(core.ctx, { year: 2025 });
    expect(r.ratedHoursTotal).toBe(1400 + 2000 + 2000);
    const top = r.topInstruments.find((i) => i.id === a)!;
    expect(top.utilisation).toBeCloseTo(1, 12);
    const list = listInstrumentRated(core.ctx, { year: 2025, search: '', onlyOverrides: false, offset: 0, limit: 10 });
    expect(list.rows.map((x) => [x.innerId, x.hours, x.origin])).toEqual([['A1', 1400, 'instrument'], ['B1', 2000, 'unit'], ['C1', 2000, 'unit']]);
    // Clearing the override returns A to the unit default.
    setInstrumentRated(core.ctx, { year: 2025, instrumentIds: [a], source: null, note: '' });
    expect(computeAssessment(core.ctx, { year: 2025 }).ratedHoursTotal).toBe(6000);
  });

  it('refuses an unknown preset or instrument and writes nothing', () => {
    const before = contentHash(core);
    expect(() => setUnitRated(core.ctx, 2025, { presetId: 'nope' })).toThrow(/rated.unknownPreset/);
    expect(() => setInstrumentRated(core.ctx, { year: 2025, instrumentIds: [a, 9999], source: { hours: 100 }, note: '' })).toThrow(/rated.instrumentNotFound/);
    expect(contentHash(core)).toBe(before);
  });

  it('a custom preset in use cannot be deleted', () => {
    const p = savePreset(core.ctx, { name: '单班', hours: 1000 });
    setInstrumentRated(core.ctx, { year: 2025, instrumentIds: [b], source: { presetId: p.id }, note: '' });
    expect(computeAssessment(core.ctx, { year: 2025 }).ratedHoursTotal).toBe(1600 + 1000 + 1600);
    expect(() => deletePreset(core.ctx, p.id)).toThrow(/rated.presetInUse/);
    setInstrumentRated(core.ctx, { year: 2025, instrumentIds: [b], source: null, note: '' });
    deletePreset(core.ctx, p.id);
    expect(listPresets(core.ctx).some((x) => x.id === p.id)).toBe(false);
  });

  it('lists instruments under the chosen threshold, fewest hours first', () => {
    const def = listLowUse(core.ctx, { year: 2025, scope: { kind: 'unit' }, offset: 0, limit: 10 });
    expect(def.thresholdHours).toBe(1200);
    expect(def.rows.map((r) => [r.innerId, r.effectiveHours])).toEqual([['C1', 80], ['B1', 700]]);
    const low = listLowUse(core.ctx, { year: 2025, scope: { kind: 'unit' }, thresholdHours: 100, offset: 0, limit: 10 });
    expect(low.total).toBe(1);
    expect(low.rows[0].utilisation).toBeCloseTo(80 / 1600, 12);
  });
});
