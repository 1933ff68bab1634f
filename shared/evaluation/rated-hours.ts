// 额定机时 resolution: a source names a preset or a number of hours; a preset may give different
// hours to 通用 and 专用 instruments. Pure, so the desk, the office and the tests agree.
import type { RatedHoursPreset } from './national-2026';

export type RatedHoursSource = { presetId: string; hours?: undefined } | { hours: number; presetId?: undefined };
export type UsageKind = '通用' | '专用';

export interface PresetLookup {
  get(id: string): RatedHoursPreset | { id: string; hours: number } | undefined;
}

/** Hours of a source for an instrument of the given usage kind; null when the preset is unknown. */
export function hoursOfSource(source: RatedHoursSource, usageKind: string, presets: PresetLookup): number | null {
  if (source.hours !== undefined) return source.hours;
  const preset = presets.get(source.presetId);
  if (!preset) return null;
  if (typeof preset.hours === 'number') return preset.hours;
  return usageKind === '专用' ? preset.hours.专用 : preset.hours.通用;
}

export function presetLookup(builtIn: readonly RatedHoursPreset[], custom: readonly { id: string; hours: number }[]): PresetLookup {
  const map = new Map<string, RatedHoursPreset | { id: string; hours: number }>();
  for (const p of builtIn) map.set(p.id, p);
  for (const p of custom) map.set(p.id, p);
  return { get: (id) => map.get(id) };
}
