// Desk settings (region/profile, rated hours, unit facts, reminder days): one JSON value in the
// settings table, read with defaults so a fresh database needs no seed row.
import { listProfiles, profileFor, type PolicyProfile } from '../../shared/policy';
import { ratedHoursOrDefault } from '../../shared/rules';
import { refuse } from '../../shared/result';
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
 * The profile of the region in force on `date`. No fallback to another profile: a date no profile
 * covers (Shanghai before 2025-09-01, under the earlier 沪科规〔2022〕11号) is refused, never
 * computed with rules that were not in force.
 */
export function profileOn(region: string, date: CivilDate): PolicyProfile {
  const profile = profileFor(region, date);
  if (!profile) {
    const known = listProfiles().some((p) => p.region === region);
    refuse('RULE', known ? 'policy.notInForce' : 'policy.noRegion', {
      field: known ? 'date' : 'region', rule: 'policy.notInForce', params: { region, date },
    });
  }
  return profile;
}

export function profileRef(p: PolicyProfile): ProfileRef {
  return { id: p.id, title: p.title, documentNumber: p.documentNumber };
}

function view(ctx: ServiceContext, settings: DeskSettings): SettingsView {
  const today = civilDateInShanghai(ctx.now());
  const profile = profileFor(settings.region, today);
  if (!profile) {
    // The region is a fact of the desk and is kept; figures wait for a profile covering the date.
    return {
      settings, ratedHoursEffective: settings.ratedHours, ratedHoursDefault: null, profile: null,
      noProfile: { region: settings.region, date: today },
    };
  }
  return {
    settings,
    ratedHoursEffective: ratedHoursOrDefault(settings.ratedHours, profile),
    ratedHoursDefault: profile.ratedHoursDefault,
    profile: profileRef(profile),
    noProfile: null,
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
