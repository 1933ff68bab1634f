import { describeError } from '../../renderer/src/i18n-errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingInputSchema, type BookingInput } from '../../shared/ipc/bookings';
import { createBooking, getBooking, moveBooking } from '../../electron/services/bookings/bookings';
import { findConflicts } from '../../electron/services/bookings/conflicts';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { captureStatements, costlyLines, planOf } from '../scale/plan';
import { outcome } from './outcome';
import { addContract, addInstrument, addRetiredInstrument } from './seed';

let core: TempCore;
const ids: Record<string, number> = {};

beforeAll(() => {
  core = tempCore();
  ids.A = addInstrument(core, 'A');
  ids.A2 = addInstrument(core, 'A2');
  ids.LONG = addInstrument(core, 'LONG');
  ids.R = addRetiredInstrument(core, 'R');
  ids.REPAIR = addInstrument(core, 'REPAIR', { status: '待修' });
  ids.SCRAP = addInstrument(core, 'SCRAP', { status: '待报废' });
  ids.NOSHARE = addInstrument(core, 'NOSHARE', { shareMode: '不共享' });
  ids.INTERNAL = addInstrument(core, 'INTERNAL', { shareMode: '内部共享' });
  ids.C1 = addContract(core, 'HT-2025-001', '2025-06-01', '2025-06-30');
  ids.VOID = addContract(core, 'HT-2025-VOID', '2025-06-01', '2025-06-30', { status: 'void' });
  ids.LISTED = addContract(core, 'HT-2025-A2', '2025-06-01', '2025-06-30', { instrumentIds: [ids.A2] });
  const seed: BookingInput[] = [
    { instrumentId: ids.A, kind: 'internal', startAt: '2025-06-17T10:00', endAt: '2025-06-17T11:00', title: '课题组测样' },
    { instrumentId: ids.A, kind: 'maintenance', startAt: '2025-06-17T14:00', endAt: '2025-06-17T16:00', title: '季度保养' },
    { instrumentId: ids.A, kind: 'contract', contractId: ids.C1, startAt: '2025-06-18T09:00', endAt: '2025-06-18T12:00' },
    // A week-long block: the overlap query must still see it from its last day.
    { instrumentId: ids.LONG, kind: 'maintenance', startAt: '2025-06-20T00:00', endAt: '2025-06-27T00:00', title: '返厂维修' },
  ];
  for (const b of seed) createBooking(core.ctx, bookingInputSchema.parse(b));
});
afterAll(() => core.cleanup());

type Case = [name: string, input: () => BookingInput, expected: 'ok' | { code: string; rule: string }];

const slot = (instrument: string, startAt: string, endAt: string, extra: Partial<BookingInput> = {}) =>
  () => ({ instrumentId: ids[instrument], kind: 'internal' as const, startAt, endAt, ...extra });

const cases: Case[] = [
  ['touching edge after (11:00–12:00 after 10:00–11:00)', slot('A', '2025-06-17T11:00', '2025-06-17T12:00'), 'ok'],
  ['touching edge before (09:00–10:00)', slot('A', '2025-06-17T09:00', '2025-06-17T10:00'), 'ok'],
  ['1-minute overlap at the end of the existing slot', slot('A', '2025-06-17T10:59', '2025-06-17T11:30'), { code: 'CONFLICT', rule: 'booking.overlap' }],
  ['1-minute overlap at its start', slot('A', '2025-06-17T09:30', '2025-06-17T10:01'), { code: 'CONFLICT', rule: 'booking.overlap' }],
  ['slot containing an existing one', slot('A', '2025-06-17T08:00', '2025-06-17T13:00'), { code: 'CONFLICT', rule: 'booking.overlap' }],
  ['inside a maintenance block', slot('A', '2025-06-17T14:30', '2025-06-17T15:00'), { code: 'CONFLICT', rule: 'booking.overlap' }],
  ['overlapping a contract booking', slot('A', '2025-06-18T11:59', '2025-06-18T13:00'), { code: 'CONFLICT', rule: 'booking.overlap' }],
  ['same time on another instrument', slot('A2', '2025-06-17T10:00', '2025-06-17T11:00'), 'ok'],
  ['last hour of a 7-day block', slot('LONG', '2025-06-26T23:00', '2025-06-26T23:30'), { code: 'CONFLICT', rule: 'booking.overlap' }],
  ['right after a 7-day block', slot('LONG', '2025-06-27T00:00', '2025-06-27T01:00'), 'ok'],
  ['retired instrument', slot('R', '2025-06-17T10:00', '2025-06-17T11:00'), { code: 'RULE', rule: 'booking.instrumentRetired' }],
  ['retired instrument, even maintenance', slot('R', '2025-06-17T10:00', '2025-06-17T11:00', { kind: 'maintenance' }), { code: 'RULE', rule: 'booking.instrumentRetired' }],
  ['instrument 待修: internal use refused', slot('REPAIR', '2025-06-17T10:00', '2025-06-17T11:00'), { code: 'RULE', rule: 'booking.instrumentStatus' }],
  ['instrument 待修: maintenance allowed', slot('REPAIR', '2025-06-17T10:00', '2025-06-17T11:00', { kind: 'maintenance' }), 'ok'],
  ['instrument 待报废: contract refused', slot('SCRAP', '2025-06-17T10:00', '2025-06-17T11:00', { kind: 'contract', contractId: 0 }), { code: 'RULE', rule: 'booking.instrumentStatus' }],
  ['instrument 不共享: contract refused', slot('NOSHARE', '2025-06-17T10:00', '2025-06-17T11:00', { kind: 'contract', contractId: 0 }), { code: 'RULE', rule: 'booking.shareMode' }],
  ['instrument 不共享: internal allowed', slot('NOSHARE', '2025-06-17T10:00', '2025-06-17T11:00'), 'ok'],
  ['contract booking inside the contract period', slot('INTERNAL', '2025-06-19T09:00', '2025-06-19T10:00', { kind: 'contract', contractId: 0 }), 'ok'],
  ['contract booking after the contract ends', slot('A', '2025-07-01T09:00', '2025-07-01T10:00', { kind: 'contract', contractId: 0 }), { code: 'RULE', rule: 'booking.contractPeriod' }],
  ['contract booking starting before the contract', slot('A', '2025-05-31T23:00', '2025-06-01T01:00', { kind: 'contract', contractId: 0 }), { code: 'RULE', rule: 'booking.contractPeriod' }],
  ['contract booking ending at 24:00 of the last day', slot('A', '2025-06-30T22:00', '2025-07-01T00:00', { kind: 'contract', contractId: 0 }), 'ok'],
  ['contract booking ending after 24:00 of the last day', slot('A2', '2025-06-30T22:00', '2025-07-01T00:01', { kind: 'contract', contractId: -1 }), { code: 'RULE', rule: 'booking.contractPeriod' }],
  ['void contract', slot('A', '2025-06-20T09:00', '2025-06-20T10:00', { kind: 'contract', contractId: -2 }), { code: 'RULE', rule: 'booking.contractVoid' }],
  ['instrument not listed on the contract', slot('A', '2025-06-20T09:00', '2025-06-20T10:00', { kind: 'contract', contractId: -1 }), { code: 'RULE', rule: 'booking.contractInstrument' }],
  ['contract booking without a contract', slot('A', '2025-06-20T09:00', '2025-06-20T10:00', { kind: 'contract' }), { code: 'VALIDATION', rule: 'booking.contractRequired' }],
  ['internal booking with a contract', slot('A', '2025-06-20T09:00', '2025-06-20T10:00', { contractId: 0 }), { code: 'VALIDATION', rule: 'booking.contractKind' }],
  ['end equal to start', slot('A', '2025-06-20T09:00', '2025-06-20T09:00'), { code: 'VALIDATION', rule: 'slot.endAfterStart' }],
  ['end before start', slot('A', '2025-06-20T09:00', '2025-06-20T08:00'), { code: 'VALIDATION', rule: 'slot.endAfterStart' }],
  ['longer than 7 days', slot('A2', '2025-07-01T00:00', '2025-07-08T00:01'), { code: 'VALIDATION', rule: 'slot.maxDuration' }],
  ['exactly 7 days', slot('A2', '2025-07-01T00:00', '2025-07-08T00:00'), 'ok'],
];

// Contract ids are symbolic in the table (0 = open contract, -1 = lists only A2, -2 = void): resolved after seeding.
function resolve(input: BookingInput): BookingInput {
  const map: Record<number, number> = { 0: ids.C1, [-1]: ids.LISTED, [-2]: ids.VOID };
  return input.contractId === undefined || input.contractId === null ? input : { ...input, contractId: map[input.contractId] };
}

describe('booking conflicts and availability', () => {
  it.each(cases)('%s', (_name, make, expected) => {
    const input = bookingInputSchema.parse(resolve(make()));
    const before = contentHash(core);
    const result = outcome(() => createBooking(core.ctx, input));
    if (expected === 'ok') {
      expect(result).toEqual({ ok: true });
      expect(contentHash(core)).not.toBe(before);
    } else {
      expect(result).toMatchObject({ ok: false, code: expected.code, rule: expected.rule });
      expect(contentHash(core)).toBe(before); // nothing written on refusal
    }
  });

  it('names the clashing booking in a clear message', () => {
    const r = outcome(() => createBooking(core.ctx, bookingInputSchema.parse({ instrumentId: ids.A, kind: 'internal', startAt: '2025-06-17T14:30', endAt: '2025-06-17T15:00' })));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      // A reason with params, worded by the renderer in one language.
      expect(r).toMatchObject({ reason: 'booking.overlap', field: 'startAt', params: { span: '2025-06-17 14:30–15:00' } });
      expect(r.message).toBeUndefined();
      const zh = describeError(r, 'zh');
      expect(zh).toContain('时段冲突');
      expect(zh).toContain('维护 2025-06-17 14:00–16:00「季度保养」');
      expect(describeError(r, 'en')).toBe('The slot 2025-06-17 14:30–15:00 overlaps existing bookings: Maintenance 2025-06-17 14:00–16:00 "季度保养"');
      expect(r.issues).toHaveLength(1);
    }
  });

  it('findConflicts respects excludeId and touching edges', () => {
    const [own] = findConflicts(core.ctx, ids.A, '2025-06-17T10:00', '2025-06-17T11:00');
    expect(own.title).toBe('课题组测样');
    expect(findConflicts(core.ctx, ids.A, '2025-06-17T10:00', '2025-06-17T11:00', own.id)).toEqual([]);
    expect(findConflicts(core.ctx, ids.A, '2025-06-17T16:00', '2025-06-17T18:00')).toEqual([]);
    expect(findConflicts(core.ctx, ids.A, '2025-06-17T00:00', '2025-06-18T00:00').map((c) => c.kind).sort()).toEqual(['internal', 'internal', 'internal', 'maintenance']);
  });

  it('the overlap query findConflicts runs is an index range scan bounded by start_at', () => {
    // A desk of its own: the service prepares its statement once per connection, so the first call is the one to capture.
    const fresh = tempCore();
    try {
      const id = addInstrument(fresh, 'PLAN');
      const { statements } = captureStatements(fresh.db, () => findConflicts(fresh.ctx, id, '2025-06-17T10:00', '2025-06-17T11:00'));
      expect(statements).toHaveLength(1);
      const plan = planOf(fresh.db, statements[0]);
      expect(plan[0]).toMatch(/^SEARCH b USING INDEX bookings_instrument_start \(instrument_id=\? AND start_at>\? AND start_at<\?\)/);
      expect(costlyLines(plan)).toEqual([]);
    } finally {
      fresh.cleanup();
    }
  });

  it('moving a booking checks the new slot but not against itself', () => {
    const [own] = findConflicts(core.ctx, ids.A, '2025-06-17T10:00', '2025-06-17T11:00');
    const before = contentHash(core);
    expect(outcome(() => moveBooking(core.ctx, own.id, { startAt: '2025-06-17T13:30', endAt: '2025-06-17T14:30' })))
      .toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(contentHash(core)).toBe(before);
    const moved = moveBooking(core.ctx, own.id, { startAt: '2025-06-17T10:30', endAt: '2025-06-17T11:00' });
    expect(moved).toMatchObject({ startAt: '2025-06-17T10:30', endAt: '2025-06-17T11:00', title: '课题组测样' });
    const other = moveBooking(core.ctx, own.id, { instrumentId: ids.NOSHARE, startAt: '2025-06-21T10:00', endAt: '2025-06-21T11:00' });
    expect(other.instrumentId).toBe(ids.NOSHARE);
    expect(getBooking(core.ctx, own.id).instrumentName).toBe('仪器NOSHARE');
  });

  it('a contract booking cannot be moved onto a non-shared instrument', () => {
    const [contractSlot] = findConflicts(core.ctx, ids.A, '2025-06-18T09:00', '2025-06-18T12:00');
    expect(outcome(() => moveBooking(core.ctx, contractSlot.id, { instrumentId: ids.NOSHARE, startAt: '2025-06-18T09:00', endAt: '2025-06-18T12:00' })))
      .toMatchObject({ ok: false, code: 'RULE', rule: 'booking.shareMode' });
  });
});

describe('schema guard', () => {
  it('the database itself refuses a booking longer than 7 days (keeps the overlap bound sound)', () => {
    const core2 = tempCore();
    try {
      const inst = addInstrument(core2, 'X');
      const ins = core2.db.prepare(`INSERT INTO bookings(instrument_id, kind, start_at, end_at, created_at) VALUES (?, 'internal', ?, ?, 'now')`);
      expect(() => ins.run(inst, '2025-06-01T10:00', '2025-06-08T10:01')).toThrow(/longer than 7 days/);
      expect(() => ins.run(inst, '2025-06-01T10:00', '2025-06-08T10:00')).not.toThrow();
    } finally {
      core2.cleanup();
    }
  });
});
