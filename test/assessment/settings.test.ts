// Settings (stored as JSON) and the holiday editor, through the IPC wrapper as the renderer calls them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { loadHolidayCalendar } from '../../electron/services/holidays';
import type { HolidayRow, HolidayYearInfo } from '../../shared/ipc/assessment';
import { contentHash, tempCore, type TempCore } from '../helpers/db';

let core: TempCore;
beforeEach(() => { core = tempCore(); }); // today 2025-06-16
afterEach(() => core.cleanup());

const call = (channel: string, input: unknown) => invoke(handlers, core.ctx, channel, input);

describe('settings', () => {
  it('defaults to Beijing with the profile rated hours', async () => {
    const r = await call('settings:get', {});
    expect(r).toMatchObject({ ok: true, value: {
      settings: { region: 'beijing', ratedHours: null, thirdPartyTesting: false },
      ratedHoursEffective: 1600, ratedHoursDefault: 1600, profile: { id: 'beijing-2023', documentNumber: '京科发〔2023〕16号' },
    } });
  });

  it('stores a partial update as JSON and keeps the other fields', async () => {
    await call('settings:set', { ratedHours: 2000, unitName: '某大学' });
    const r = await call('settings:set', { region: 'shanghai' });
    // 2025-06-16 is before 沪科规〔2025〕6号: the region is kept, and no other profile stands in for it.
    expect(r).toMatchObject({ ok: true, value: {
      settings: { region: 'shanghai', ratedHours: 2000, unitName: '某大学' }, ratedHoursEffective: 2000,
      profile: null, noProfile: { region: 'shanghai', date: '2025-06-16' },
    } });
    const raw = core.db.prepare(`SELECT value FROM settings WHERE key = 'desk.settings'`).pluck().get() as string;
    expect(JSON.parse(raw)).toMatchObject({ region: 'shanghai', ratedHours: 2000 });
    expect(core.db.prepare(`SELECT COUNT(*) FROM audit_log WHERE entity = 'settings'`).pluck().get()).toBe(2);
  });

  it.each([
    [{ ratedHours: 0 }, 'ratedHours'],
    [{ ratedHours: 9000 }, 'ratedHours'],
    [{ region: 'tianjin' }, 'region'],
    [{ notificationDays: -1 }, 'notificationDays'],
  ])('refuses %j without writing', async (input, field) => {
    const before = contentHash(core);
    const r = await call('settings:set', input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'VALIDATION', field });
    expect(contentHash(core)).toBe(before);
  });
});

describe('holidays editor', () => {
  it('lists a year and flags years without data', async () => {
    const list = await call('holidays:list', { year: 2025 });
    expect(list.ok && (list.value as HolidayRow[]).length).toBe(33); // 28 holidays + 5 调休 working days (seed)
    const years = await call('holidays:years', {});
    expect(years).toEqual({ ok: true, value: [
      { year: 2024, holidays: 0, adjustedWorkdays: 0, missing: true },
      { year: 2025, holidays: 28, adjustedWorkdays: 5, missing: false },
      { year: 2026, holidays: 33, adjustedWorkdays: 6, missing: false },
    ] });
  });

  it('upserts and deletes one day; the calendar sees it', async () => {
    const r = await call('holidays:upsert', { date: '2027-01-01', kind: 'holiday', name: '元旦' });
    expect(r).toEqual({ ok: true, value: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    expect(loadHolidayCalendar(core.ctx).kindOf('2027-01-01')).toBe('holiday');
    const years = await call('holidays:years', {});
    expect(years.ok && (years.value as HolidayYearInfo[]).at(-1)).toEqual({ year: 2027, holidays: 1, adjustedWorkdays: 0, missing: false });
    expect((await call('holidays:delete', { date: '2027-01-01' })).ok).toBe(true);
    expect(loadHolidayCalendar(core.ctx).kindOf('2027-01-01')).toBe('normal');
    const again = await call('holidays:delete', { date: '2027-01-01' });
    expect(!again.ok && again.error.code).toBe('NOT_FOUND');
  });

  it('refuses a 调休 working day on a weekday, writing nothing', async () => {
    const before = contentHash(core);
    const r = await call('holidays:upsert', { date: '2027-02-03', kind: 'adjusted_workday', name: '调休上班' }); // a Wednesday
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'VALIDATION', rule: 'holiday.adjusted_workday_on_weekday' });
    expect(contentHash(core)).toBe(before);
  });

  it('imports a whole year, replacing it, after validation', async () => {
    const entries = [
      { date: '2026-01-01', kind: 'holiday', name: '元旦' },
      { date: '2026-01-04', kind: 'adjusted_workday', name: '调休上班' }, // Sunday
    ];
    expect(await call('holidays:importYear', { year: 2026, entries })).toEqual({ ok: true, value: { year: 2026, count: 2 } });
    const list = await call('holidays:list', { year: 2026 });
    expect(list.ok && (list.value as HolidayRow[]).map((e) => e.date)).toEqual(['2026-01-01', '2026-01-04']);

    const before = contentHash(core);
    const duplicate = await call('holidays:importYear', { year: 2026, entries: [...entries, entries[0]] });
    expect(!duplicate.ok && duplicate.error.rule).toBe('holiday.duplicate_date');
    const outside = await call('holidays:importYear', { year: 2026, entries: [{ date: '2027-01-01', kind: 'holiday' }] });
    expect(!outside.ok && outside.error.field).toBe('entries.0.date');
    expect(contentHash(core)).toBe(before);
  });
});
