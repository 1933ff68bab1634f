// Each data check detects its fixture record, naming the instrument and the record ids.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataChecks } from '../../electron/services/assessment/checks';
import type { DataCheckCode } from '../../shared/ipc/assessment';
import { tempCore, type TempCore } from '../helpers/db';
import { insertBooking, insertInstrument, insertUsage } from './fixtures';

let core: TempCore;
const id: Record<string, number> = {};
let fRuns: number[] = [];

beforeEach(() => {
  core = tempCore(); // today 2025-06-16 10:00 Shanghai
  const db = core.db;
  const e = insertInstrument(db, { innerId: 'E', valueFen: 1 });
  const f = insertInstrument(db, { innerId: 'F', valueFen: 1 });
  const g = insertInstrument(db, { innerId: 'G', valueFen: 1 });
  const h = insertInstrument(db, { innerId: 'H', valueFen: 1 });
  id.e = e; id.f = f; id.g = g; id.h = h;
  const booked = (inst: number, start: string, end: string) => insertUsage(db, { instrumentId: inst, start, end, bookingId: insertBooking(db, inst, start, end) });
  // E, 2025-04-01: 20 h + 10 h overlapping = 30 h in one day.
  id.e1 = booked(e, '2025-04-01T00:00', '2025-04-01T20:00');
  id.e2 = booked(e, '2025-04-01T08:00', '2025-04-01T18:00');
  // F: 52 week-long runs and one of a day cover all 8760 h of 2025; 2 h more on 03-01 = 8762 h.
  fRuns = [];
  for (let w = 0; w < 52; w++) {
    const start = new Date(Date.UTC(2025, 0, 1 + w * 7)).toISOString().slice(0, 10);
    const end = new Date(Date.UTC(2025, 0, 8 + w * 7)).toISOString().slice(0, 10);
    fRuns.push(booked(f, `${start}T00:00`, `${end}T00:00`));
  }
  fRuns.push(booked(f, '2025-12-31T00:00', '2026-01-01T00:00'));
  id.f2 = booked(f, '2025-03-01T10:00', '2025-03-01T12:00');
  // The run holding 03-01 is the 9th week (02-26 to 03-05).
  id.f1 = fRuns[8];
  // H: no booking id but inside a booking slot (fine); no booking at all (flagged); crossing New Year; in the future.
  insertBooking(db, h, '2025-02-03T08:00', '2025-02-03T18:00');
  id.hSlot = insertUsage(db, { instrumentId: h, start: '2025-02-03T09:00', end: '2025-02-03T11:00' });
  id.hNone = insertUsage(db, { instrumentId: h, start: '2025-02-04T09:00', end: '2025-02-04T11:00' });
  id.hCross = booked(h, '2024-12-31T23:00', '2025-01-01T01:00');
  id.hFuture = booked(h, '2025-07-01T09:00', '2025-07-01T10:00');
  // G: no use in 2025.
});
afterEach(() => core.cleanup());

function find(code: DataCheckCode) {
  const c = dataChecks(core.ctx, { year: 2025 }).find((x) => x.code === code)!;
  return c;
}

describe('dataChecks 2025', () => {
  it('usage above 24 h in a day', () => {
    const c = find('dayOverflow');
    const e = c.items.find((i) => i.instrumentId === id.e)!;
    expect(e.recordIds).toEqual([id.e1, id.e2]);
    expect(e.detail).toBe('2025-04-01: 30 h');
    // F's year-long run plus 2 h overlaps on 2025-03-01: 26 h
    expect(c.items.find((i) => i.instrumentId === id.f)!.detail).toBe('2025-03-01: 26 h');
    expect(c.count).toBe(2);
  });

  it('usage above the calendar hours of the year', () => {
    const c = find('yearOverflow');
    expect(c.count).toBe(1);
    expect(c.items[0]).toMatchObject({ instrumentId: id.f, instrumentName: 'F', detail: '2025: 8762 h > 8760 h' });
    expect(c.items[0].recordIds).toEqual([...fRuns, id.f2].sort((a, b) => a - b));
  });

  it('overlapping records of one instrument', () => {
    const c = find('overlap');
    expect(c.items.map((i) => i.recordIds)).toEqual([[id.f1, id.f2], [id.e1, id.e2]]); // by start of the later record: 03-01, 04-01
  });

  it('usage without a booking', () => {
    const c = find('noBooking');
    expect(c.items.map((i) => i.recordIds[0])).toEqual([id.hNone]);
    expect(c.items[0].detail).toBe('2025-02-04T09:00 – 2025-02-04T11:00');
  });

  it('instruments with no hours', () => {
    expect(find('noHours').items.map((i) => i.instrumentId)).toEqual([id.g]);
  });

  it('records crossing the year boundary and records in the future', () => {
    expect(find('crossesYear').items.map((i) => i.recordIds)).toEqual([[id.hCross]]);
    // now = 2025-06-16 10:00: H's July record is in the future (F's later runs too)
    const h = dataChecks(core.ctx, { year: 2025, scope: { kind: 'instrument', instrumentId: id.h } }).find((c) => c.code === 'future')!;
    expect(h.items.map((i) => i.recordIds)).toEqual([[id.hFuture]]);
    // F: weeks 23–51 (06-11 onwards, 29 runs) and the 31 Dec run end after now
    expect(find('future').count).toBe(1 + 29 + 1);
  });

  it('a clean instrument has no findings', () => {
    const all = dataChecks(core.ctx, { year: 2025, scope: { kind: 'instrument', instrumentId: id.e } });
    expect(all.filter((c) => c.count > 0).map((c) => c.code)).toEqual(['dayOverflow', 'overlap']);
  });
});
