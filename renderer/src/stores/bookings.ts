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
  /** Instruments the calendar knows: the first ones by inner id and any picked by search. */
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
  /** Keeps instruments a picker found, so lanes and dialogs can label them. */
  rememberInstruments(rows: InstrumentRow[]): void;
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
    // The first instruments by inner id fill the day view; the pickers search the catalog for others.
    const { rows } = await call('catalog:list', { includeRetired: false, sortBy: 'innerId', sortDir: 'asc', limit: DEFAULT_DAY_ROWS });
    const { instrumentId: current, dayIds } = get();
    const kept = get().instruments.filter((i) => i.id === current || dayIds.includes(i.id));
    const byId = new Map([...kept, ...rows].map((r) => [r.id, r]));
    const keptDayIds = dayIds.filter((id) => byId.has(id));
    set({
      instruments: [...byId.values()],
      instrumentId: current !== null && byId.has(current) ? current : rows[0]?.id ?? null,
      dayIds: keptDayIds.length ? keptDayIds : rows.map((r) => r.id),
    });
    await get().reload();
  },
  rememberInstruments(rows) {
    const byId = new Map(get().instruments.map((r) => [r.id, r]));
    for (const r of rows) byId.set(r.id, r);
    set({ instruments: [...byId.values()] });
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
