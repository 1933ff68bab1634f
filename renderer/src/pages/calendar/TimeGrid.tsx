// The booking grid, written with plain React: lanes (days of one instrument, or instruments of one
// day) × 8:00–22:00 in 30-minute steps. Blocks are absolutely positioned in percent so nothing is
// measured while rendering; the pointer is mapped to (lane, minute) only during a drag.
import { useRef, useState, type CSSProperties, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import type { Booking, BookingKind } from '../../../../shared/ipc/bookings';
import { clock, daysBetween, GRID, GRID_SPAN, shiftMinutes, slotAt, snap, visibleSegment } from './slots';

export interface Lane {
  key: string;
  label: ReactNode;
  date: string;
  instrumentId: number;
  /** Weekend or otherwise shaded. */
  shaded?: boolean;
  today?: boolean;
}

interface Props {
  lanes: Lane[];
  /** 'columns': lanes side by side, time runs down (week). 'rows': lanes stacked, time runs right (day). */
  orientation: 'columns' | 'rows';
  bookings: Booking[];
  onCreate(lane: Lane, startAt: string, endAt: string): void;
  onMove(booking: Booking, instrumentId: number, startAt: string, endAt: string): void;
  onOpen(booking: Booking): void;
}

type Drag =
  | { type: 'create'; lane: number; anchor: number; from: number; to: number }
  | { type: 'move'; booking: Booking; lane: number; target: number; grab: number; delta: number; seg: { from: number; to: number } };

const KIND_STYLE: Record<BookingKind, CSSProperties> = {
  contract: { background: '#e6f4ff', borderLeft: '3px solid #1677ff' },
  order: { background: '#f0f5ff', borderLeft: '3px solid #2f54eb' },
  internal: { background: '#f6ffed', borderLeft: '3px solid #52c41a' },
  maintenance: { background: 'repeating-linear-gradient(135deg, #fff7e6 0 6px, #ffe7ba 6px 12px)', borderLeft: '3px solid #fa8c16' },
};

const CELL = 22; // px per 30 minutes in the week view
const ROW = 46; // px per instrument in the day view
const GUTTER = 52; // time labels (week) or instrument labels use LABEL_W (day)
const LABEL_W = 180;
const STEPS = GRID_SPAN / GRID.stepMin;
const HOURS = Array.from({ length: GRID_SPAN / 60 + 1 }, (_, i) => GRID.startMin + i * 60);

/** Real start and end clock times of the booking; '…' where it continues into another day. */
function edgeLabel(b: Booking, date: string): string {
  const start = b.startAt.slice(0, 10) === date ? b.startAt.slice(11) : '…';
  const end = b.endAt.slice(0, 10) === date ? b.endAt.slice(11) : b.endAt === slotAt(date, 1440) ? '24:00' : '…';
  return `${start}–${end}`;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const pct = (v: number) => `${v * 100}%`;

export function TimeGrid({ lanes, orientation, bookings, onCreate, onMove, onOpen }: Props) {
  const body = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const cols = orientation === 'columns';
  const n = Math.max(lanes.length, 1);

  /** Pointer position as lane index and minute of day (unsnapped). */
  const locate = (e: ReactPointerEvent) => {
    const r = body.current!.getBoundingClientRect();
    const along = cols ? (e.clientY - r.top) / r.height : (e.clientX - r.left) / r.width;
    const across = cols ? (e.clientX - r.left) / r.width : (e.clientY - r.top) / r.height;
    return { lane: clamp(Math.floor(across * n), 0, n - 1), minute: GRID.startMin + clamp(along, 0, 1) * GRID_SPAN };
  };

  const onBodyDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !lanes.length) return;
    const { lane, minute } = locate(e);
    const anchor = clamp(Math.floor(minute / GRID.stepMin) * GRID.stepMin, GRID.startMin, GRID.endMin - GRID.stepMin);
    body.current!.setPointerCapture(e.pointerId);
    setDrag({ type: 'create', lane, anchor, from: anchor, to: anchor + GRID.stepMin });
  };

  const onBlockDown = (e: ReactPointerEvent<HTMLDivElement>, booking: Booking, lane: number, seg: { from: number; to: number }) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    body.current!.setPointerCapture(e.pointerId);
    setDrag({ type: 'move', booking, lane, target: lane, grab: locate(e).minute, delta: 0, seg });
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const { lane, minute } = locate(e);
    if (drag.type === 'create') {
      const cell = clamp(Math.floor(minute / GRID.stepMin) * GRID.stepMin, GRID.startMin, GRID.endMin - GRID.stepMin);
      setDrag({ ...drag, from: Math.min(cell, drag.anchor), to: Math.max(cell, drag.anchor) + GRID.stepMin });
    } else {
      setDrag({ ...drag, target: lane, delta: snap(minute - drag.grab) });
    }
  };

  const onPointerUp = () => {
    if (!drag) return;
    setDrag(null);
    if (drag.type === 'create') {
      const lane = lanes[drag.lane];
      onCreate(lane, slotAt(lane.date, drag.from), slotAt(lane.date, drag.to));
      return;
    }
    const { booking, lane, target, delta } = drag;
    if (lane === target && delta === 0) { onOpen(booking); return; }
    const shift = daysBetween(lanes[lane].date, lanes[target].date) * 1440 + delta;
    onMove(booking, lanes[target].instrumentId, shiftMinutes(booking.startAt, shift), shiftMinutes(booking.endAt, shift));
  };

  /** Position of a span of minutes in a lane, in percent of the body. */
  const place = (lane: number, from: number, to: number): CSSProperties => {
    const a = (from - GRID.startMin) / GRID_SPAN;
    const len = (to - from) / GRID_SPAN;
    return cols
      ? { top: pct(a), height: pct(len), left: `calc(${pct(lane / n)} + 2px)`, width: `calc(${pct(1 / n)} - 4px)` }
      : { left: pct(a), width: pct(len), top: `calc(${pct(lane / n)} + 3px)`, height: `calc(${pct(1 / n)} - 6px)` };
  };

  const blocks = lanes.flatMap((lane, li) => bookings
    .filter((b) => b.instrumentId === lane.instrumentId)
    .map((b) => ({ b, li, seg: visibleSegment(lane.date, b.startAt, b.endAt) }))
    .filter((x): x is { b: Booking; li: number; seg: { from: number; to: number } } => x.seg !== null));

  // Bookings of a lane's day that lie wholly outside the visible hours get a "+n" marker.
  const hidden = lanes.map((lane) => bookings.filter((b) => b.instrumentId === lane.instrumentId
    && b.startAt < slotAt(lane.date, 1440) && b.endAt > slotAt(lane.date, 0) && !visibleSegment(lane.date, b.startAt, b.endAt)));

  const moving = drag?.type === 'move' ? drag : null;
  const bodyStyle: CSSProperties = {
    position: 'relative', flex: 1, userSelect: 'none', touchAction: 'none', cursor: 'crosshair',
    height: cols ? STEPS * CELL : n * ROW,
    backgroundImage: cols
      ? `repeating-linear-gradient(to bottom, #e8e8e8 0 1px, transparent 1px ${CELL}px)`
      : `repeating-linear-gradient(to right, #e8e8e8 0 1px, transparent 1px ${100 / STEPS}%)`,
    borderBottom: '1px solid #e8e8e8', borderRight: '1px solid #e8e8e8',
  };

  const laneLabels = (
    <div style={cols ? { display: 'flex', marginLeft: GUTTER } : { width: LABEL_W, flex: 'none' }}>
      {lanes.map((l) => (
        <div key={l.key} style={cols
          ? { flex: 1, minWidth: 0, textAlign: 'center', padding: '4px 2px', fontWeight: l.today ? 600 : 400, color: l.today ? '#1f5fa8' : undefined, borderBottom: '1px solid #e8e8e8' }
          : { height: ROW, display: 'flex', alignItems: 'center', padding: '0 8px', overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis', borderBottom: '1px solid #f0f0f0' }}>
          {l.label}
        </div>
      ))}
    </div>
  );

  const timeLabels = HOURS.map((m) => (
    <div key={m} style={cols
      ? { position: 'absolute', top: ((m - GRID.startMin) / GRID.stepMin) * CELL - 7, right: 6, fontSize: 11, color: '#888' }
      : { position: 'absolute', left: pct((m - GRID.startMin) / GRID_SPAN), transform: 'translateX(-50%)', fontSize: 11, color: '#888' }}>
      {clock(m)}
    </div>
  ));

  const grid = (
    <div ref={body} style={bodyStyle} data-testid="time-grid" onPointerDown={onBodyDown} onPointerMove={onPointerMove}
      onPointerUp={onPointerUp} onPointerCancel={() => setDrag(null)}>
      {lanes.map((l, i) => (
        <div key={l.key} data-testid={`lane-${l.date}-${l.instrumentId}`} style={{
          position: 'absolute', pointerEvents: 'none',
          ...(cols ? { top: 0, bottom: 0, left: pct(i / n), width: pct(1 / n), borderLeft: '1px solid #e8e8e8' }
            : { left: 0, right: 0, top: pct(i / n), height: pct(1 / n), borderTop: '1px solid #e8e8e8' }),
          background: l.today ? 'rgba(31,95,168,0.05)' : l.shaded ? 'rgba(0,0,0,0.025)' : undefined,
        }} />
      ))}
      {blocks.map(({ b, li, seg }) => (
        <div key={`${b.id}-${li}`} role="button" tabIndex={0} data-testid="booking-block" data-booking-id={b.id} data-kind={b.kind}
          title={`${b.startAt.replace('T', ' ')} – ${b.endAt.replace('T', ' ')}\n${b.title}`}
          onPointerDown={(e) => onBlockDown(e, b, li, seg)}
          onKeyDown={(e) => { if (e.key === 'Enter') onOpen(b); }}
          style={{
            position: 'absolute', ...place(li, seg.from, seg.to), ...KIND_STYLE[b.kind], borderRadius: 3, fontSize: 12, lineHeight: '15px', padding: '1px 4px', overflow: 'hidden',
            cursor: 'grab', opacity: moving?.booking.id === b.id ? 0.4 : 1, boxSizing: 'border-box',
          }}>
          <div style={{ fontWeight: 600 }}>{edgeLabel(b, lanes[li].date)}{b.usageId !== null && ' ✓'}</div>
          <div>{(b.contractNumber ?? b.orderNumber) ? `${b.contractNumber ?? b.orderNumber} ${b.applicantName ?? ''}` : b.title}</div>
          {(b.contractNumber ?? b.orderNumber) && b.title && <div>{b.title}</div>}
        </div>
      ))}
      {hidden.map((list, li) => list.length > 0 && (
        <button key={`hidden-${lanes[li].key}`} type="button" data-testid="hidden-bookings"
          title={list.map((b) => `${b.startAt.replace('T', ' ')}–${b.endAt.slice(11)} ${b.title}`).join('\n')}
          onPointerDown={(e) => e.stopPropagation()} onClick={() => onOpen(list[0])}
          style={{ position: 'absolute', ...(cols ? { top: 0, left: `calc(${pct((li + 1) / n)} - 34px)` } : { top: `calc(${pct(li / n)} + 2px)`, right: 2 }),
            fontSize: 11, padding: '0 4px', border: '1px solid #d9d9d9', borderRadius: 8, background: '#fff', cursor: 'pointer', zIndex: 2 }}>
          +{list.length}
        </button>
      ))}
      {drag?.type === 'create' && (
        <div data-testid="grid-selection" style={{ position: 'absolute', ...place(drag.lane, drag.from, drag.to), background: 'rgba(31,95,168,0.18)', border: '1px dashed #1f5fa8', pointerEvents: 'none', fontSize: 12, padding: 2 }}>
          {clock(drag.from)}–{clock(drag.to)}
        </div>
      )}
      {moving && (moving.delta !== 0 || moving.target !== moving.lane) && (
        <div style={{ position: 'absolute', ...place(moving.target, moving.seg.from + moving.delta, moving.seg.to + moving.delta), border: '2px dashed #1f5fa8', borderRadius: 3, pointerEvents: 'none', fontSize: 12, padding: 2 }}>
          {clock(moving.seg.from + moving.delta)}–{clock(moving.seg.to + moving.delta)}
        </div>
      )}
    </div>
  );

  return cols ? (
    <div style={{ minWidth: 760, paddingBottom: 10 }}>
      {laneLabels}
      <div style={{ display: 'flex' }}>
        <div style={{ width: GUTTER, position: 'relative', flex: 'none' }}>{timeLabels}</div>
        {grid}
      </div>
    </div>
  ) : (
    <div style={{ minWidth: 900 }}>
      <div style={{ display: 'flex' }}>
        <div style={{ width: LABEL_W, flex: 'none' }} />
        <div style={{ position: 'relative', flex: 1, height: 20 }}>{timeLabels}</div>
      </div>
      <div style={{ display: 'flex' }}>
        {laneLabels}
        {grid}
      </div>
    </div>
  );
}
