// Booking calendar: a week of one instrument, a day across instruments, and the actual-use records.
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Empty, Segmented, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { BOOKING_KINDS, BOOKING_KIND_LABELS, type Booking, type UsageFields } from '../../../../shared/ipc/bookings';
import { addDays, dayOfWeek } from '../../../../shared/rules/civil-date';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { useBookings, type CalendarMode } from '../../stores/bookings';
import { showError } from '../../util/errors';
import { BookingModal, type BookingEditTarget } from './BookingModal';
import { slotAt } from './slots';
import { TimeGrid, type Lane } from './TimeGrid';
import { UsageModal } from './UsageModal';
import { UsagePanel } from './UsagePanel';
import { InstrumentSelect } from '../../util/pickers';
import { punct } from '../../util/user-data';

const L = {
  zh: {
    week: '周视图', day: '日视图', usage: '使用记录', prev: '上一周/上一天 (←)', next: '下一周/下一天 (→)', today: '今天 (T)',
    newBooking: '新建预约', series: '周期性预约', instrument: '选择仪器', dayInstruments: '选择要显示的仪器',
    none: '尚无可预约的仪器，请先在“仪器目录”中添加', hint: '在空白处拖动创建预约；拖动已有预约可改时间或仪器；单击预约可编辑、登记使用或删除。',
    moved: '已移动预约', w1: '周一', w2: '周二', w3: '周三', w4: '周四', w5: '周五', w6: '周六', w7: '周日',
  },
  en: {
    week: 'Week', day: 'Day', usage: 'Usage records', prev: 'Previous (←)', next: 'Next (→)', today: 'Today (T)',
    newBooking: 'New booking', series: 'Recurring block', instrument: 'Instrument', dayInstruments: 'Instruments to show',
    none: 'No bookable instruments yet: add some in Instruments first', hint: 'Drag on empty space to book; drag a booking to move it; click a booking to edit, log use or delete.',
    moved: 'Booking moved', w1: 'Mon', w2: 'Tue', w3: 'Wed', w4: 'Thu', w5: 'Fri', w6: 'Sat', w7: 'Sun',
  },
};

type UsageTarget = { initial: UsageFields; id: number | null };

function isTyping(el: EventTarget | null): boolean {
  const e = el as HTMLElement | null;
  return !!e && (['INPUT', 'TEXTAREA', 'SELECT'].includes(e.tagName) || e.isContentEditable);
}

export function CalendarPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const s = useBookings();
  const [target, setTarget] = useState<BookingEditTarget | null>(null);
  const [usage, setUsage] = useState<UsageTarget | null>(null);
  const [lastError, setLastError] = useState<string | null>(null);
  const [usageVersion, setUsageVersion] = useState(0);

  // Once per visit: today from the main process, instruments, then the bookings.
  useEffect(() => { void useBookings.getState().init().catch(showError); }, []);

  // ←/→ change week (or day), T jumps to today; not while typing or while a form is open.
  const modalOpen = target !== null || usage !== null;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (modalOpen || s.mode === 'usage' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === 'ArrowLeft') { e.preventDefault(); s.step(-1); }
      else if (e.key === 'ArrowRight') { e.preventDefault(); s.step(1); }
      else if (e.key === 't' || e.key === 'T') { e.preventDefault(); s.goToday(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [modalOpen, s]);

  const weekdayLabel = (date: string) => t[`w${dayOfWeek(date)}` as 'w1'];
  const lanes: Lane[] = useMemo(() => {
    if (s.mode === 'week' && s.weekStart && s.instrumentId !== null) {
      return Array.from({ length: 7 }, (_, i) => {
        const date = addDays(s.weekStart, i);
        return { key: date, date, instrumentId: s.instrumentId!, label: `${t[`w${dayOfWeek(date)}` as 'w1']} ${date.slice(5)}`, shaded: dayOfWeek(date) >= 6, today: date === s.today };
      });
    }
    if (s.mode === 'day' && s.day) {
      const byId = new Map(s.instruments.map((i) => [i.id, i]));
      return s.dayIds.filter((id) => byId.has(id)).map((id) => ({
        key: String(id), date: s.day, instrumentId: id, label: <span title={byId.get(id)!.nameCn} data-user="">{byId.get(id)!.innerId} {byId.get(id)!.nameCn}</span>,
      }));
    }
    return [];
  }, [s.mode, s.weekStart, s.instrumentId, s.day, s.dayIds, s.instruments, s.today, t]);

  const report = (e: unknown) => { setLastError((e as Error).message); showError(e); };

  const move = async (b: Booking, instrumentId: number, startAt: string, endAt: string) => {
    try {
      await call('bookings:move', { id: b.id, instrumentId, startAt, endAt });
      setLastError(null);
      await s.reload();
    } catch (e) {
      report(e);
    }
  };

  const openUsage = async (b: Booking) => {
    setTarget(null);
    try {
      if (b.usageId !== null) setUsage({ initial: await call('usage:get', { id: b.usageId }), id: b.usageId });
      else setUsage({ initial: await call('usage:draft', { bookingId: b.id }), id: null });
    } catch (e) {
      report(e);
    }
  };

  const newBooking = (repeat: boolean) => {
    const date = s.mode === 'week' ? (s.today && s.today >= s.weekStart && s.today < addDays(s.weekStart, 7) ? s.today : s.weekStart) : s.day;
    setTarget({ mode: 'create', instrumentId: s.instrumentId, startAt: slotAt(date, 9 * 60), endAt: slotAt(date, 12 * 60), repeat });
  };

  const rangeLabel = s.mode === 'week' && s.weekStart ? `${s.weekStart}${punct(locale).range}${addDays(s.weekStart, 6)}` : s.day ? `${s.day} ${weekdayLabel(s.day)}` : '';

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<CalendarMode> value={s.mode} onChange={(m) => s.setMode(m)} data-testid="calendar-mode"
          options={[{ value: 'week', label: t.week }, { value: 'day', label: t.day }, { value: 'usage', label: t.usage }]} />
        {s.mode === 'week' && (
          <InstrumentSelect style={{ width: 280 }} placeholder={t.instrument} value={s.instrumentId} known={s.instruments}
            onChange={(id, row) => { if (row) s.rememberInstruments([row]); s.setInstrument(id); }} data-testid="calendar-instrument" />
        )}
        {s.mode === 'day' && (
          <InstrumentSelect mode="multiple" style={{ minWidth: 320, maxWidth: 640 }} placeholder={t.dayInstruments} known={s.instruments}
            value={s.dayIds} onChange={(ids, rows) => { s.rememberInstruments(rows); s.setDayIds(ids); }} maxTagCount="responsive" />
        )}
        {s.mode !== 'usage' && (
          <>
            <Space.Compact>
              <Button icon={<LeftOutlined />} title={t.prev} aria-label={t.prev} onClick={() => s.step(-1)} data-testid="calendar-prev" />
              <Button onClick={() => s.goToday()} data-testid="calendar-today">{t.today}</Button>
              <Button icon={<RightOutlined />} title={t.next} aria-label={t.next} onClick={() => s.step(1)} data-testid="calendar-next" />
            </Space.Compact>
            <DatePicker allowClear={false} value={s.day ? dayjs(s.day) : null} onChange={(d) => d && s.setDay(d.format('YYYY-MM-DD'))} />
            <Typography.Text strong data-testid="calendar-range">{rangeLabel}</Typography.Text>
            <Button type="primary" icon={<PlusOutlined />} disabled={!s.instruments.length} onClick={() => newBooking(false)} data-testid="calendar-new">{t.newBooking}</Button>
            <Button disabled={!s.instruments.length} onClick={() => newBooking(true)}>{t.series}</Button>
          </>
        )}
      </Space>
      {lastError && (
        <Alert type="error" showIcon closable onClose={() => setLastError(null)} message={lastError} style={{ marginBottom: 12 }} data-testid="calendar-error" />
      )}
      {s.mode === 'usage' ? (
        s.today && <UsagePanel today={s.today} instruments={s.instruments} refreshKey={usageVersion} onOpen={(initial, id) => setUsage({ initial, id })} />
      ) : !s.instruments.length ? (
        <Empty description={t.none} />
      ) : (
        <Spin spinning={s.loading} delay={300}>
          <Space size={4} style={{ marginBottom: 8 }} wrap>
            {BOOKING_KINDS.map((k) => <Tag key={k} color={{ contract: 'blue', order: 'geekblue', internal: 'green', maintenance: 'orange' }[k]}>{BOOKING_KIND_LABELS[k][locale]}</Tag>)}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.hint}</Typography.Text>
          </Space>
          <div style={{ overflow: 'auto' }}>
            <TimeGrid lanes={lanes} orientation={s.mode === 'week' ? 'columns' : 'rows'} bookings={s.bookings}
              onCreate={(lane, startAt, endAt) => setTarget({ mode: 'create', instrumentId: lane.instrumentId, startAt, endAt })}
              onMove={(b, instrumentId, startAt, endAt) => void move(b, instrumentId, startAt, endAt)}
              onOpen={(b) => setTarget({ mode: 'edit', booking: b })} />
          </div>
        </Spin>
      )}
      {target && (
        <BookingModal target={target} instruments={s.instruments} onLogUsage={(b) => void openUsage(b)}
          onClose={(changed) => { setTarget(null); if (changed) { setLastError(null); void s.reload(); } }} />
      )}
      {usage && (
        <UsageModal initial={usage.initial} id={usage.id} instruments={s.instruments}
          onClose={(changed) => { setUsage(null); if (changed) { setUsageVersion((v) => v + 1); void s.reload(); } }} />
      )}
    </div>
  );
}
