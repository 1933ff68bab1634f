import { create } from 'zustand';
import type { InstrumentRow } from '../../../shared/catalog/instrument';
import type { Booking } from '../../../shared/ipc/bookings';
import { addDays } from '../../../shared/rules/civil-date';
import { call } from '../api';
import { mondayOf } from '../pages/calendar/slots';

export type CalendarMode = 'week' | 'day' | 'usage';

interface BookingsState {
  /** The app's today (from the main process, so a fixed demo clock is honoured). */
  today: string | null;
  mode: CalendarMode;
  weekStart: string;
  day: string;
  instrumentId: number | null;
  /** Rows of the day view. */
  dayIds: number[];
  instruments: InstrumentRow[];
  bookings: Booking[];
  loading: boolean;
  init(): Promise<void>;
  setMode(mode: CalendarMode): void;
  setInstrument(id: number): void;
  setDayIds(ids: number[]): void;
  setDay(date: string): void;
  /** Previous/next week in week view, day in day view. */
  step(dir: -1 | 1): void;
  goToday(): void;
  reload(): Promise<void>;
  reloadInstruments(): Promise<void>;
}

let seq = 0;
/** The day view starts with this many instruments; the user picks others. */
const DEFAULT_DAY_ROWS = 30;

export const useBookings = create<BookingsState>((set, get) => ({
  today: null,
  mode: 'week',
  weekStart: '',
  day: '',
  instrumentId: null,
  dayIds: [],
  instruments: [],
  bookings: [],
  loading: false,
  async init() {
    const { today } = await call('app:info', {});
    set({ today, day: get().day || today, weekStart: get().weekStart || mondayOf(today) });
    await get().reloadInstruments();
  },
  async reloadInstruments() {
    const { rows } = await call('catalog:list', { includeRetired: false, sortBy: 'innerId', sortDir: 'asc' });
    const { instrumentId: current, dayIds } = get();
    const known = new Set(rows.map((r) => r.id));
    const keptDayIds = dayIds.filter((id) => known.has(id));
    set({
      instruments: rows,
      instrumentId: current !== null && known.has(current) ? current : rows[0]?.id ?? null,
      dayIds: keptDayIds.length ? keptDayIds : rows.slice(0, DEFAULT_DAY_ROWS).map((r) => r.id),
    });
    await get().reload();
  },
  setMode(mode) {
    set({ mode });
    void get().reload();
  },
  setInstrument(id) {
    set({ instrumentId: id });
    void get().reload();
  },
  setDayIds(ids) {
    set({ dayIds: ids });
    void get().reload();
  },
  setDay(date) {
    set({ day: date, weekStart: mondayOf(date) });
    void get().reload();
  },
  step(dir) {
    const { mode, weekStart, day } = get();
    if (mode === 'day') get().setDay(addDays(day, dir));
    else { set({ weekStart: addDays(weekStart, 7 * dir), day: addDays(day, 7 * dir) }); void get().reload(); }
  },
  goToday() {
    const { today } = get();
    if (today) get().setDay(today);
  },
  async reload() {
    const { mode, weekStart, day, instrumentId, dayIds } = get();
    if (!weekStart || mode === 'usage') return;
    const mine = ++seq; // drop answers to older queries that arrive late
    set({ loading: true });
    try {
      let bookings: Booking[] = [];
      if (mode === 'week' && instrumentId !== null) {
        bookings = (await call('bookings:week', { weekStart, instrumentIds: [instrumentId] })).bookings;
      } else if (mode === 'day' && dayIds.length) {
        bookings = (await call('bookings:day', { date: day, instrumentIds: dayIds })).bookings;
      }
      if (mine === seq) set({ bookings });
    } finally {
      if (mine === seq) set({ loading: false });
    }
  },
}));
