// Channels: rated:* (额定机时 per instrument and year, instruments under a threshold)
import { z } from 'zod';
import type { RatedHoursSource } from '../evaluation/rated-hours';
import { channel } from './define';
import { scopeSchema } from './assessment';

export const MAX_YEAR_HOURS = 366 * 24;
const yearSchema = z.number().int().min(2000).max(2100);
const hoursSchema = z.number().positive().max(MAX_YEAR_HOURS);
const presetIdSchema = z.string().trim().min(1).max(60);

export const ratedSourceSchema = z.union([
  z.object({ presetId: presetIdSchema }).strict(),
  z.object({ hours: hoursSchema }).strict(),
]);
/** The parsed source, with the absent member typed undefined so either can be read. */
export type RatedSourceInput = RatedHoursSource;

export interface RatedPresetView {
  id: string;
  zh: string;
  en: string;
  basis: string;
  builtIn: boolean;
  /** A single value, or by 通用/专用. */
  hours: number | { 通用: number; 专用: number };
  /** Unit defaults and instrument overrides that name this preset. */
  uses: number;
}

export interface UnitRatedView {
  year: number;
  /** The unit default set for this year; null = the desk setting / profile default applies. */
  source: RatedSourceInput | null;
  /** What applies when no year default is set (desk setting, else the profile's); null when no profile covers the year. */
  fallbackHours: number | null;
  overrides: number;
}

export type RatedOrigin = 'instrument' | 'unit' | 'setting' | 'profile';

export interface InstrumentRatedRow {
  id: number;
  innerId: string;
  nameCn: string;
  usageKind: string;
  override: RatedSourceInput | null;
  note: string;
  hours: number;
  origin: RatedOrigin;
}

export interface LowUseRow {
  id: number;
  innerId: string;
  nameCn: string;
  labName: string | null;
  categoryCode: string;
  effectiveHours: number;
  externalHours: number;
  ratedHours: number;
  utilisation: number | null;
}

const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };

export const facilityChannels = {
  'rated:presets': channel<RatedPresetView[]>()(z.object({})),
  'rated:presetSave': channel<RatedPresetView>()(z.object({
    id: z.string().regex(/^custom:[a-z0-9-]{1,40}$/).optional(),
    name: z.string().trim().min(1).max(100),
    hours: hoursSchema,
  })),
  'rated:presetDelete': channel<{ deleted: true }>()(z.object({ id: z.string().regex(/^custom:[a-z0-9-]{1,40}$/) })),
  'rated:unitGet': channel<UnitRatedView>()(z.object({ year: yearSchema })),
  'rated:unitSet': channel<UnitRatedView>()(z.object({ year: yearSchema, source: ratedSourceSchema.nullable() })),
  'rated:list': channel<{ total: number; rows: InstrumentRatedRow[] }>()(z.object({
    year: yearSchema, search: z.string().trim().max(100).default(''), onlyOverrides: z.boolean().default(false), ...page,
  })),
  'rated:override': channel<{ changed: number }>()(z.object({
    year: yearSchema,
    instrumentIds: z.array(z.number().int().positive()).min(1).max(20000),
    source: ratedSourceSchema.nullable(),
    note: z.string().trim().max(200).default(''),
  })),
  'rated:lowUse': channel<{ total: number; thresholdHours: number; rows: LowUseRow[] }>()(z.object({
    year: yearSchema, scope: scopeSchema.default({ kind: 'unit' }), thresholdHours: hoursSchema.optional(), ...page,
  })),
};
