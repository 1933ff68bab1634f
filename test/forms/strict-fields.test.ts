// The instrument, usage, holiday and settings forms: each typed date, time and number is either
// saved exactly or refused on its field with a reason key; a refused change writes nothing.
// Each case goes through the IPC gate (the zod schema the renderer's rules also run) into the service.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { dispatch } from '../../electron/security/gate';
import { parseDateText } from '../../shared/fields';
import { settingsSchema } from '../../shared/ipc/assessment';
import { REASON_KEY } from '../../shared/issues';
import type { AppError, Result } from '../../shared/result';
import { parseHolidayText } from '../../renderer/src/pages/settings/holiday-text';
import { describeError } from '../../renderer/src/i18n-errors';
import { addInstrument } from '../bookings/seed';
import { contentHash, tempCore, type TempCore } from '../helpers/db';

let core: TempCore;
let inst: number;
beforeEach(() => {
  core = tempCore();
  inst = addInstrument(core, 'XRD-01');
});
afterEach(() => core.cleanup());

const call = (channel: string, input: unknown): Promise<Result<unknown>> => dispatch(core, handlers, channel, input);

/** The refusal of a call that must fail: it names the field and a catalog reason, and wrote nothing. */
async function refusedWithoutWriting(channel: string, input: unknown): Promise<AppError> {
  const before = contentHash(core);
  const r = await call(channel, input);
  expect(r.ok, JSON.stringify(r)).toBe(false);
  expect(contentHash(core)).toBe(before);
  const error = (r as { ok: false; error: AppError }).error;
  const reasons = [error.reason, ...(error.issues ?? []).map((i) => i.reason)].filter(Boolean) as string[];
  expect(reasons.length).toBeGreaterThan(0);
  for (const reason of reasons) expect(reason).toMatch(REASON_KEY);
  expect(reasons).not.toContain('legacy');
  return error;
}

const firstIssue = (e: AppError) => e.issues?.[0] ?? e;

describe('instrument dates (启用日期, 建账日期, 海关放行日期)', () => {
  const base = async () => {
    const got = await call('catalog:get', { id: inst });
    if (!got.ok) throw new Error('no instrument');
    return got.value as { version: number } & Record<string, unknown>;
  };
  const fieldsOf = (i: Record<string, unknown>) => {
    const { id: _i, version: _v, createdAt: _c, updatedAt: _u, retiredAt: _r, retireReason: _rr, labName: _l, ...fields } = i;
    return fields;
  };

  it.each([
    ['startUseDate', '2025-02-30', 'date.impossible'],
    ['bookedDate', '2024-13-01', 'date.impossible'],
    ['customsReleaseDate', '2023-04-31', 'date.impossible'],
    ['startUseDate', '2025-2-3', 'date.format'], // the renderer shows 2025-02-03 first; the service takes only that form
    ['bookedDate', '２０２５-０２-０３', 'date.format'],
    ['customsReleaseDate', '2025-02-03\u200B', 'date.format'],
  ])('%s %j is refused as %s and nothing is written', async (field, value, reason) => {
    const i = await base();
    const e = await refusedWithoutWriting('catalog:update', { id: inst, version: i.version, fields: { ...fieldsOf(i), [field]: value } });
    expect(firstIssue(e)).toMatchObject({ field: `fields.${field}`, reason });
  });

  it('a real date is saved exactly as typed', async () => {
    const i = await base();
    const r = await call('catalog:update', { id: inst, version: i.version, fields: { ...fieldsOf(i), startUseDate: '2024-02-29', bookedDate: '1988-05-10' } });
    expect(r).toMatchObject({ ok: true, value: { startUseDate: '2024-02-29', bookedDate: '1988-05-10' } });
  });

  it.each([
    ['2025-2-3', '2025-02-03'], ['２０２５／２／３', '2025-02-03'], ['2025年2月3日\u200B', '2025-02-03'],
  ])('the drawer shows %j as %s before saving it', (typed, shown) => {
    expect(parseDateText(typed)).toEqual({ ok: true, value: shown });
  });
});

describe('usage record times and numbers', () => {
  const usage = (over: Record<string, unknown> = {}) => ({
    instrumentId: inst, startAt: '2025-06-13T09:00', endAt: '2025-06-13T11:00', userName: '张三', ...over,
  });

  it.each([
    [{ startAt: '2025-02-30T09:00', endAt: '2025-02-30T11:00' }, 'startAt', 'time.impossible'],
    [{ startAt: '2025-06-13T24:00' }, 'startAt', 'time.format'],
    [{ endAt: '2025-06-13 11:00' }, 'endAt', 'time.format'],
    [{ endAt: '２０２５-06-13T11:00' }, 'endAt', 'time.format'],
    [{ amountFen: -100 }, 'amountFen', 'field.negative'],
    [{ amountFen: 12.5 }, 'amountFen', 'field.integer'],
    [{ satisfaction: 6 }, 'satisfaction', 'field.tooBig'],
    [{ satisfaction: 0 }, 'satisfaction', 'field.tooSmall'],
    [{ operator: 'x'.repeat(101) }, 'operator', 'field.tooLong'],
  ])('%j is refused on %s as %s and nothing is written', async (over, field, reason) => {
    const e = await refusedWithoutWriting('usage:create', usage(over));
    expect(firstIssue(e)).toMatchObject({ field, reason });
  });

  it('an edit refused for an impossible time leaves the record as it was', async () => {
    const created = await call('usage:create', usage());
    expect(created.ok).toBe(true);
    const id = (created as { ok: true; value: { id: number } }).value.id;
    const e = await refusedWithoutWriting('usage:update', { id, fields: usage({ startAt: '2025-04-31T09:00', endAt: '2025-04-31T10:00' }) });
    expect(firstIssue(e)).toMatchObject({ field: 'fields.startAt', reason: 'time.impossible' });
    expect(core.db.prepare('SELECT start_at FROM usage_logs WHERE id = ?').pluck().get(id)).toBe('2025-06-13T09:00');
  });
});

describe('holidays', () => {
  it.each([
    ['2025-02-29', 'date.impossible'], ['2025-2-3', 'date.format'], ['2025-10-01\u3000', 'date.format'],
  ])('holiday date %j is refused as %s and nothing is written', async (date, reason) => {
    const e = await refusedWithoutWriting('holidays:upsert', { date, kind: 'holiday', name: '国庆节' });
    expect(firstIssue(e)).toMatchObject({ field: 'date', reason });
  });

  it('the engine\'s refusals read in one language, every entry named, nothing written', async () => {
    const e = await refusedWithoutWriting('holidays:importYear', { year: 2027, entries: [
      { date: '2027-02-03', kind: 'adjusted_workday', name: '调休' }, { date: '2027-02-06', kind: 'holiday', name: '' }, { date: '2027-02-06', kind: 'holiday', name: '' },
    ] });
    expect(e.issues?.map((i) => [i.field, i.reason])).toEqual([['entries.0.date', 'holiday.adjustedOnWeekday'], ['entries.2.date', 'holiday.duplicateDate']]);
    expect(describeError(e, 'en')).toBe('Row 1: Adjusted working day 2027-02-03 is not a Saturday or Sunday; Row 3: Date listed twice: 2027-02-06');
    expect(describeError(e, 'zh')).toBe('第 1 行：调休上班日 2027-02-03 不是周六或周日；第 3 行：日期重复：2027-02-06');
  });

  it('a pasted year stops at an impossible date instead of importing another day', () => {
    expect(parseHolidayText('2027-02-28,假,春节\n2027-02-30,假,春节', 2027)).toEqual({ ok: false, line: 2, message: '2027-02-30,假,春节' });
    expect(parseHolidayText('2027-02-01,班,调休\n2027-2-1,班,调休', 2027)).toEqual({ ok: false, line: 2, message: '2027-2-1,班,调休' });
    expect(parseHolidayText('2027-02-01,班,调休', 2027)).toEqual({ ok: true, entries: [{ date: '2027-02-01', kind: 'adjusted_workday', name: '调休' }] });
  });
});

describe('booking and usage refusals are codes in one language', () => {
  it('a retired instrument and an unknown booking are refused by reason, nothing written', async () => {
    await call('catalog:retire', { id: inst, reason: '报废' });
    const e = await refusedWithoutWriting('bookings:create', { instrumentId: inst, kind: 'internal', startAt: '2025-06-17T09:00', endAt: '2025-06-17T10:00' });
    expect(e).toMatchObject({ code: 'RULE', reason: 'booking.instrumentRetired', params: { name: '仪器XRD-01' } });
    expect(describeError(e, 'en')).toBe('Instrument "仪器XRD-01" is retired and cannot be booked');
    const missing = await refusedWithoutWriting('usage:update', { id: 999, fields: { instrumentId: inst, startAt: '2025-06-13T09:00', endAt: '2025-06-13T10:00' } });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', reason: 'usage.notFound', params: { id: 999 } });
    expect(describeError(missing, 'en')).toBe('Usage record 999 does not exist');
  });

  it('an end before the start names both times', async () => {
    const e = await refusedWithoutWriting('usage:create', { instrumentId: inst, startAt: '2025-06-13T11:00', endAt: '2025-06-13T09:00' });
    expect(describeError(e, 'zh', { endAt: '结束' })).toBe('结束时间 2025-06-13 09:00 须晚于开始时间 2025-06-13 11:00');
  });
});

describe('settings numbers are refused, never clamped', () => {
  const settings = { region: 'beijing', ratedHours: 1600, unitName: '测试中心', thirdPartyTesting: false, notificationDays: 30 };

  it.each([
    [{ ratedHours: -5 }, 'ratedHours', 'field.notAbove'],
    [{ ratedHours: 0 }, 'ratedHours', 'field.notAbove'],
    [{ ratedHours: 8785 }, 'ratedHours', 'field.tooBig'],
    [{ notificationDays: -3 }, 'notificationDays', 'field.negative'],
    [{ notificationDays: 366 }, 'notificationDays', 'field.tooBig'],
    [{ notificationDays: 1.5 }, 'notificationDays', 'field.integer'],
    [{ unitName: '测'.repeat(201) }, 'unitName', 'field.tooLong'],
  ])('%j is refused on %s as %s and nothing is written', async (over, field, reason) => {
    const e = await refusedWithoutWriting('settings:set', { ...settings, ...over });
    expect(firstIssue(e)).toMatchObject({ field, reason });
  });

  it('the form runs the same schema: no prose, every refusal a reason key', () => {
    for (const input of [{ ratedHours: -5 }, { notificationDays: 400 }, { unitName: 'x'.repeat(300) }]) {
      const r = settingsSchema.partial().safeParse(input);
      expect(r.success).toBe(false);
      for (const issue of r.error!.issues) expect(issue.message).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('an in-range value is saved exactly', async () => {
    const r = await call('settings:set', { ...settings, ratedHours: 1234.5, notificationDays: 0 });
    expect(r).toMatchObject({ ok: true, value: { settings: { ratedHours: 1234.5, notificationDays: 0 } } });
  });
});
