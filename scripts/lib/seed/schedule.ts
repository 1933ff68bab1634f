// Bookings and usage records, day by day over the working days of the span: each instrument gets a
// Poisson number of internal slots (rate ∝ its popularity) plus its contracts' sessions, laid end to
// end inside working hours so no two bookings of one instrument overlap. Past slots mostly turn into
// usage records (service records with machine hours); future ones stay bookings.

import { instantOn, type World } from './world';
import { personName } from './catalog';

const DAY_START = 8 * 60; // 08:00
const DAY_END = 18 * 60; // 18:00
const DURATIONS = [60, 60, 90, 120, 120, 180, 240, 480];
/** Share of past bookings that were actually used (the rest were no-shows or cancelled late). */
const SHOW_RATE = 0.92;
const MAINTENANCE_SHARE = 0.07;

export interface ScheduleTotals {
  bookings: number;
  usage: number;
}

function hhmmTable(): string[] {
  const out: string[] = [];
  for (let m = 0; m < 24 * 60; m++) out.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  return out;
}

export function generateSchedule(w: World): ScheduleTotals {
  const { rng, days, db, instruments } = w;
  const n = instruments.length;
  const hhmm = hhmmTable();
  const names = Array.from({ length: 400 }, () => personName(w));
  const unitOfLab = new Map(w.labs.map((l) => [l.id, l.unitName]));
  const applicantName = new Map(w.applicants.map((a) => [a.id, a.name]));
  const contractById = new Map(w.contracts.map((c) => [c.id, c]));

  // Contract sessions indexed by day.
  const sessionsByDay: [number, number][][] = days.map(() => []);
  let sessionCount = 0;
  for (const [instrumentId, list] of w.sessions) {
    for (const [day, contractId] of list) { sessionsByDay[day].push([instrumentId - 1, contractId]); sessionCount++; }
  }
  // Internal rate per instrument-day, scaled so the expected total meets the target.
  const internalTarget = Math.max(0, w.sizes.bookings - sessionCount);
  let exposure = 0;
  for (const inst of instruments) exposure += inst.weight * Math.max(0, days.length - inst.firstDay);
  const expNegRate = new Float64Array(n);
  for (let i = 0; i < n; i++) expNegRate[i] = Math.exp(-Math.min(4, (internalTarget * instruments[i].weight) / (exposure || 1)));

  const insBooking = db.prepare(`INSERT INTO bookings(id, instrument_id, contract_id, kind, start_at, end_at, title, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insUsage = db.prepare(`INSERT INTO usage_logs(instrument_id, booking_id, contract_id, start_at, end_at, operator, external,
    service_way, direction, content, amount_fen, user_name, user_unit, satisfaction, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const instants = days.map(instantOn);

  const totals: ScheduleTotals = { bookings: 0, usage: 0 };
  const sessionMark = new Int32Array(n).fill(-1);
  const sessionLists: number[][] = Array.from({ length: n }, () => []);
  // One slot to lay out: a contract id, 0 for internal use, -1 for maintenance.
  const slots: number[] = [];

  const layDay = (d: number, i: number) => {
    // Shuffle so contract sessions do not always take the morning.
    for (let s = slots.length - 1; s > 0; s--) { const r = rng.int(0, s); [slots[s], slots[r]] = [slots[r], slots[s]]; }
    const inst = instruments[i];
    const date = days[d];
    const past = d < w.todayIndex;
    let t = DAY_START + rng.int(0, 4) * 30;
    for (const slot of slots) {
      let dur = slot < 0 ? rng.int(2, 4) * 60 : rng.pick(DURATIONS);
      if (t + dur > DAY_END) dur = DAY_END - t;
      if (dur < 30) break;
      const id = ++totals.bookings;
      const contract = slot > 0 ? contractById.get(slot)! : null;
      const startAt = `${date}T${hhmm[t]}`;
      const endAt = `${date}T${hhmm[t + dur]}`;
      insBooking.run(id, inst.id, contract?.id ?? null, contract ? 'contract' : slot < 0 ? 'maintenance' : 'internal', startAt, endAt,
        contract ? `合同 ${contract.number}` : slot < 0 ? '定期维护保养' : `${rng.pick(names)}课题组测试`,
        instants[Math.max(0, d - rng.int(1, 10))]);
      if (past && slot >= 0 && rng.chance(SHOW_RATE)) {
        const from = t + rng.int(0, 3) * 5;
        const to = Math.max(from + 15, t + dur - rng.int(0, 3) * 5);
        const minutes = to - from;
        insUsage.run(inst.id, id, contract?.id ?? null, `${date}T${hhmm[from]}`, `${date}T${hhmm[to]}`, rng.pick(names),
          contract ? 1 : 0,
          contract ? rng.pick(['委托', '委托', '技术', '占用', '远程共享']) : '占用',
          contract ? (rng.chance(0.7) ? '科技开发' : '科学研究') : rng.chance(0.75) ? '科学研究' : rng.chance(0.8) ? '教学' : '其他',
          contract ? contract.services : '课题组科研测试',
          contract ? Math.round((inst.feeFen * minutes) / 60) : 0,
          rng.pick(names), contract ? applicantName.get(contract.applicantId)! : unitOfLab.get(inst.labId)!,
          contract ? rng.pick([5, 5, 5, 5, 5, 5, 4, 4, 4, 3]) : null,
          instants[d]);
        totals.usage++;
      }
      t += dur + rng.int(0, 2) * 30;
    }
  };

  const daysPerBatch = 250;
  for (let batchStart = 0; batchStart < days.length; batchStart += daysPerBatch) {
    db.transaction(() => {
      for (let d = batchStart; d < Math.min(days.length, batchStart + daysPerBatch); d++) {
        for (const [i, contractId] of sessionsByDay[d]) {
          if (sessionMark[i] !== d) { sessionMark[i] = d; sessionLists[i].length = 0; }
          sessionLists[i].push(contractId);
        }
        for (let i = 0; i < n; i++) {
          const hasSessions = sessionMark[i] === d;
          if (instruments[i].firstDay > d && !hasSessions) continue;
          // Poisson draw by inversion: one uniform in the common case of no slot.
          let k = 0;
          for (let prod = rng.next(); prod > expNegRate[i]; prod *= rng.next()) k++;
          if (k === 0 && !hasSessions) continue;
          slots.length = 0;
          if (hasSessions) slots.push(...sessionLists[i]);
          for (; k > 0; k--) slots.push(rng.chance(MAINTENANCE_SHARE) ? -1 : 0);
          layDay(d, i);
        }
      }
    })();
    w.log(`  bookings ${totals.bookings.toLocaleString('en')}, usage ${totals.usage.toLocaleString('en')} (through ${days[Math.min(days.length, batchStart + daysPerBatch) - 1]})`);
  }
  return totals;
}
