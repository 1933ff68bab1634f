// Desk settings (region/profile, rated hours, unit facts, reminder days): one JSON value in the
// settings table, read with defaults so a fresh database needs no seed row.
import { listProfiles, profileFor, type PolicyProfile } from '../../shared/policy';
import { ratedHoursOrDefault } from '../../shared/rules';
import { fail } from '../../shared/result';
import { settingsSchema, type DeskSettings, type ProfileRef, type SettingsView } from '../../shared/ipc/assessment';
import { civilDateInShanghai, type CivilDate } from '../../shared/rules/civil-date';
import { audit } from './audit';
import type { ServiceContext } from './context';
import { getUnit, writeUnit } from './unit/unit';

const KEY = 'desk.settings';

export const DEFAULT_SETTINGS: DeskSettings = {
  region: 'beijing',
  ratedHours: null,
  unitName: '',
  thirdPartyTesting: false,
  notificationDays: 7,
};

/** The unit's name and third-party flag live in the open unit record (one source); settings show them. */
function unitFacts(ctx: Pick<ServiceContext, 'db'>): Pick<DeskSettings, 'unitName' | 'thirdPartyTesting'> {
  const unit = getUnit(ctx);
  return { unitName: unit.name, thirdPartyTesting: unit.thirdPartyTesting };
}

export function getSettings(ctx: Pick<ServiceContext, 'db'>): DeskSettings {
  const raw = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  if (!raw) return { ...DEFAULT_SETTINGS, ...unitFacts(ctx) };
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return { ...DEFAULT_SETTINGS, ...unitFacts(ctx) };
  }
  // Keep every stored field that is still valid; anything unreadable falls back to its default.
  const parsed = settingsSchema.partial().safeParse(stored);
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}), ...unitFacts(ctx) };
}

/**
 * The profile of the region in force on `date`; when none is in force then (a year before the
 * region's first profile), the region's earliest profile, so figures can still be computed.
 */
export function profileOn(region: string, date: CivilDate): PolicyProfile {
  const profile = profileFor(region, date) ?? listProfiles().find((p) => p.region === region);
  if (!profile) fail('RULE', `地区 ${region} 没有政策配置 (no policy profile for region ${region})`, { field: 'region' });
  return profile;
}

export function profileRef(p: PolicyProfile): ProfileRef {
  return { id: p.id, title: p.title, documentNumber: p.documentNumber };
}

function view(ctx: ServiceContext, settings: DeskSettings): SettingsView {
  const profile = profileOn(settings.region, civilDateInShanghai(ctx.now()));
  return {
    settings,
    ratedHoursEffective: ratedHoursOrDefault(settings.ratedHours, profile),
    ratedHoursDefault: profile.ratedHoursDefault,
    profile: profileRef(profile),
  };
}

export function readSettings(ctx: ServiceContext): SettingsView {
  return view(ctx, getSettings(ctx));
}

export function updateSettings(ctx: ServiceContext, patch: Partial<DeskSettings>): SettingsView {
  return ctx.db.transaction(() => {
    const before = getSettings(ctx);
    // A key sent as undefined (possible over Electron IPC) means "unchanged", not "cleared".
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next = settingsSchema.parse({ ...before, ...defined });
    const { unitName, thirdPartyTesting, ...rest } = next;
    ctx.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(KEY, JSON.stringify(rest));
    if (unitName !== before.unitName || thirdPartyTesting !== before.thirdPartyTesting) {
      const { updatedAt: _u, ...unit } = getUnit(ctx);
      writeUnit(ctx, { ...unit, name: unitName, thirdPartyTesting });
    }
    audit(ctx, 'update', 'settings', KEY, { before, after: next });
    return view(ctx, next);
  })();
}
