// 额定机时 per instrument and year: presets, the unit default of a year and per-instrument overrides.
import { NATIONAL_EVALUATION_2026 as NATIONAL } from '../../../shared/evaluation/national-2026';
import { hoursOfSource, presetLookup, type PresetLookup, type RatedHoursSource } from '../../../shared/evaluation/rated-hours';
import type { InstrumentRatedRow, RatedOrigin, RatedPresetView, RatedSourceInput, UnitRatedView } from '../../../shared/ipc/facility';
import { ratedHoursOrDefault } from '../../../shared/rules';
import { AppFailure, refuse } from '../../../shared/result';
import { likeContains } from '../sql';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { getSettings, profileOn } from '../settings';

interface SourceRow { preset_id: string | null; hours: number | null }

const toSource = (r: SourceRow): RatedSourceInput => (r.preset_id !== null ? { presetId: r.preset_id } : { hours: r.hours! });

function customPresets(ctx: ServiceContext): { id: string; name: string; hours: number }[] {
  return ctx.db.prepare('SELECT id, name, hours FROM rated_hours_presets ORDER BY created_at, id').all() as { id: string; name: string; hours: number }[];
}

export function presets(ctx: ServiceContext): PresetLookup {
  return presetLookup(NATIONAL.ratedHoursPresets, customPresets(ctx));
}

export function listPresets(ctx: ServiceContext): RatedPresetView[] {
  const uses = new Map((ctx.db.prepare(`SELECT preset_id AS id, COUNT(*) AS n FROM (
      SELECT preset_id FROM rated_hours_unit WHERE preset_id IS NOT NULL
      UNION ALL SELECT preset_id FROM instrument_rated_hours WHERE preset_id IS NOT NULL) GROUP BY preset_id`)
    .all() as { id: string; n: number }[]).map((r) => [r.id, r.n]));
  return [
    ...NATIONAL.ratedHoursPresets.map((p) => ({ id: p.id, zh: p.zh, en: p.en, basis: p.basis, builtIn: true, hours: p.hours, uses: uses.get(p.id) ?? 0 })),
    ...customPresets(ctx).map((p) => ({ id: p.id, zh: p.name, en: p.name, basis: '', builtIn: false, hours: p.hours, uses: uses.get(p.id) ?? 0 })),
  ];
}

export function savePreset(ctx: ServiceContext, input: { id?: string; name: string; hours: number }): RatedPresetView {
  return ctx.db.transaction(() => {
    const id = input.id ?? `custom:${ctx.now().getTime().toString(36)}`;
    if (input.id && !ctx.db.prepare('SELECT 1 FROM rated_hours_presets WHERE id = ?').get(input.id)) {
      refuse('NOT_FOUND', 'rated.presetNotFound', { field: 'id', params: { id: input.id } });
    }
    ctx.db.prepare(`INSERT INTO rated_hours_presets(id, name, hours, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, hours = excluded.hours`).run(id, input.name, input.hours, ctx.now().toISOString());
    audit(ctx, input.id ? 'update' : 'create', 'rated_hours_preset', id, input);
    return listPresets(ctx).find((p) => p.id === id)!;
  })();
}

export function deletePreset(ctx: ServiceContext, id: string): void {
  ctx.db.transaction(() => {
    const used = listPresets(ctx).find((p) => p.id === id);
    if (!used || used.builtIn) refuse('NOT_FOUND', 'rated.presetNotFound', { field: 'id', params: { id } });
    if (used.uses > 0) refuse('CONFLICT', 'rated.presetInUse', { field: 'id', params: { uses: used.uses } });
    ctx.db.prepare('DELETE FROM rated_hours_presets WHERE id = ?').run(id);
    audit(ctx, 'delete', 'rated_hours_preset', id);
  })();
}

function assertKnown(ctx: ServiceContext, source: RatedSourceInput | null, field: string): void {
  if (source?.presetId !== undefined && !presets(ctx).get(source.presetId)) {
    refuse('VALIDATION', 'rated.unknownPreset', { field, params: { presetId: source.presetId } });
  }
}

/** What applies without a year default: the desk's rated-hours setting, else the profile default. */
function fallbackHours(ctx: ServiceContext, year: number): { hours: number; origin: RatedOrigin } {
  const settings = getSettings(ctx);
  const profile = profileOn(settings.region, `${year}-12-31`);
  return { hours: ratedHoursOrDefault(settings.ratedHours, profile), origin: settings.ratedHours ? 'setting' : 'profile' };
}

export function getUnitRated(ctx: ServiceContext, year: number): UnitRatedView {
  const row = ctx.db.prepare('SELECT preset_id, hours FROM rated_hours_unit WHERE year = ?').get(year) as SourceRow | undefined;
  const overrides = ctx.db.prepare('SELECT COUNT(*) FROM instrument_rated_hours WHERE year = ?').pluck().get(year) as number;
  let fallback: number | null = null;
  try {
    fallback = fallbackHours(ctx, year).hours;
  } catch (e) {
    // A year no policy profile covers has no profile default: the year's unit default is needed.
    if (!(e instanceof AppFailure && e.error.reason === 'policy.notInForce')) throw e;
  }
  return { year, source: row ? toSource(row) : null, fallbackHours: fallback, overrides };
}

export function setUnitRated(ctx: ServiceContext, year: number, source: RatedSourceInput | null): UnitRatedView {
  return ctx.db.transaction(() => {
    assertKnown(ctx, source, 'source');
    const before = getUnitRated(ctx, year).source;
    if (source === null) ctx.db.prepare('DELETE FROM rated_hours_unit WHERE year = ?').run(year);
    else {
      ctx.db.prepare(`INSERT INTO rated_hours_unit(year, preset_id, hours, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(year) DO UPDATE SET preset_id = excluded.preset_id, hours = excluded.hours, updated_at = excluded.updated_at`)
        .run(year, source.presetId ?? null, source.hours ?? null, ctx.now().toISOString());
    }
    audit(ctx, 'update', 'rated_hours_unit', year, { before, after: source });
    return getUnitRated(ctx, year);
  })();
}

export interface RatedResolver {
  /** 额定机时 of one instrument in the year, and where it comes from. */
  of(instrumentId: number, usageKind: string): { hours: number; origin: RatedOrigin };
  /** The unit's value for an instrument without override (by usage kind when the preset distinguishes). */
  unit(usageKind: string): number;
  /** Whether the instrument has an override of its own in the year. */
  overridden(instrumentId: number): boolean;
}

/** Loads the year's unit default and every override once; then each lookup is a map read. */
export function ratedResolver(ctx: ServiceContext, year: number): RatedResolver {
  const lookup = presets(ctx);
  // The fallback (setting or profile) is read only when an instrument needs it, so a year that no
  // policy profile covers resolves when the unit default or overrides of that year are set.
  let fbCache: { hours: number; origin: RatedOrigin } | undefined;
  const fb = () => (fbCache ??= fallbackHours(ctx, year));
  const unitRow = ctx.db.prepare('SELECT preset_id, hours FROM rated_hours_unit WHERE year = ?').get(year) as SourceRow | undefined;
  const unitSource: RatedHoursSource | null = unitRow ? toSource(unitRow) : null;
  const overrides = new Map((ctx.db.prepare('SELECT instrument_id AS id, preset_id, hours FROM instrument_rated_hours WHERE year = ?')
    .all(year) as (SourceRow & { id: number })[]).map((r) => [r.id, toSource(r)]));
  // Resolved once per usage kind: a unit's figures resolve each of up to 100,000 instruments.
  const unitByKind = new Map<string, { hours: number; origin: RatedOrigin }>();
  const unit = (usageKind: string): { hours: number; origin: RatedOrigin } => {
    let known = unitByKind.get(usageKind);
    if (!known) {
      const h = unitSource ? hoursOfSource(unitSource, usageKind, lookup) : null;
      known = h !== null ? { hours: h, origin: 'unit' } : fb();
      unitByKind.set(usageKind, known);
    }
    return known;
  };
  return {
    of(id, usageKind) {
      const o = overrides.get(id);
      const h = o ? hoursOfSource(o, usageKind, lookup) : null;
      return h !== null ? { hours: h, origin: 'instrument' } : unit(usageKind);
    },
    unit: (usageKind) => unit(usageKind).hours,
    overridden: (id) => overrides.has(id),
  };
}

export function listInstrumentRated(ctx: ServiceContext, input: { year: number; search: string; onlyOverrides: boolean; offset: number; limit: number }):
  { total: number; rows: InstrumentRatedRow[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = { year: input.year };
  if (input.search) {
    where.push(`(i.inner_id LIKE @q ESCAPE '\\' OR i.name_cn LIKE @q ESCAPE '\\')`);
    params.q = likeContains(input.search);
  }
  if (input.onlyOverrides) where.push('o.instrument_id IS NOT NULL');
  const from = `FROM instruments i LEFT JOIN instrument_rated_hours o ON o.instrument_id = i.id AND o.year = @year
    WHERE i.retired_at IS NULL ${where.length ? 'AND ' + where.join(' AND ') : ''}`;
  const total = ctx.db.prepare(`SELECT COUNT(*) ${from}`).pluck().get(params) as number;
  const rows = ctx.db.prepare(`SELECT i.id, i.inner_id AS innerId, i.name_cn AS nameCn, i.usage_kind AS usageKind,
      o.preset_id, o.hours, COALESCE(o.note, '') AS note ${from} ORDER BY i.inner_id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: input.limit, offset: input.offset }) as (SourceRow & { id: number; innerId: string; nameCn: string; usageKind: string; note: string })[];
  const resolve = ratedResolver(ctx, input.year);
  return {
    total,
    rows: rows.map((r) => {
      const { hours, origin } = resolve.of(r.id, r.usageKind);
      return { id: r.id, innerId: r.innerId, nameCn: r.nameCn, usageKind: r.usageKind, note: r.note,
        override: r.preset_id !== null || r.hours !== null ? toSource(r) : null, hours, origin };
    }),
  };
}

export function setInstrumentRated(ctx: ServiceContext, input: { year: number; instrumentIds: number[]; source: RatedSourceInput | null; note: string }): { changed: number } {
  return ctx.db.transaction(() => {
    assertKnown(ctx, input.source, 'source');
    const exists = ctx.db.prepare('SELECT 1 FROM instruments WHERE id = ?').pluck();
    for (const id of input.instrumentIds) {
      if (!exists.get(id)) refuse('NOT_FOUND', 'rated.instrumentNotFound', { field: 'instrumentIds', params: { id } });
    }
    const del = ctx.db.prepare('DELETE FROM instrument_rated_hours WHERE instrument_id = ? AND year = ?');
    const put = ctx.db.prepare(`INSERT INTO instrument_rated_hours(instrument_id, year, preset_id, hours, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(instrument_id, year) DO UPDATE SET preset_id = excluded.preset_id, hours = excluded.hours, note = excluded.note, updated_at = excluded.updated_at`);
    let changed = 0;
    const at = ctx.now().toISOString();
    for (const id of new Set(input.instrumentIds)) {
      changed += input.source === null ? del.run(id, input.year).changes
        : put.run(id, input.year, input.source.presetId ?? null, input.source.hours ?? null, input.note, at).changes;
    }
    audit(ctx, 'update', 'instrument_rated_hours', input.year, { instrumentIds: input.instrumentIds, source: input.source, note: input.note });
    return { changed };
  })();
}
