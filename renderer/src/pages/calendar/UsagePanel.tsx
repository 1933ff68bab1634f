// Actual-use records by instrument and period, with the machine-hour totals the assessment uses.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { InstrumentRow } from '../../../../shared/catalog/instrument';
import type { UsageFields, UsageLog, UsageTotals } from '../../../../shared/ipc/bookings';
import { formatYuan } from '../../../../shared/rules/money';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { vocabularyLabel } from '../../../../shared/vocabulary-labels';
import { useWindowHeight } from '../../util/hooks';
import { usePagedRows } from '../../util/paged';
import { PagedTable, type PagedSort } from '../../util/PagedTable';
import { DateRangeInput } from '../../util/fields';
import { spanLabel } from './slots';
import { InstrumentSelect } from '../../util/pickers';
import { USER_CELL } from '../../util/user-data';

const L = {
  zh: {
    instrument: '全部仪器', all: '全部', external: '对外', internal: '对内', add: '登记使用', start: '时间', inst: '仪器', hours: '机时(h)',
    from: '开始日期', to: '结束日期', kind: '对内/对外', way: '服务方式', user: '使用人/单位', contract: '合同', amount: '金额', satisfaction: '满意度',
    totals: '共 {count} 条，有效机时 {hours} h，对外服务机时 {ext} h，服务金额 {amount}',
  },
  en: {
    instrument: 'All instruments', all: 'All', external: 'External', internal: 'Internal', add: 'Log use', start: 'Time', inst: 'Instrument', hours: 'Hours',
    from: 'From', to: 'To', kind: 'Int./ext.', way: 'Service way', user: 'User / unit', contract: 'Contract', amount: 'Amount', satisfaction: 'Satisfaction',
    totals: '{count} records, {hours} h effective, {ext} h external service, amount {amount}',
  },
};

const hours = (minutes: number) => (minutes / 60).toFixed(1);

export function UsagePanel({ today, instruments, refreshKey, onOpen }: {
  today: string;
  refreshKey: number;
  instruments: InstrumentRow[];
  /** Opens the usage form: a new record (id null) or an existing one. */
  onOpen(initial: UsageFields, id: number | null): void;
}) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [instrumentId, setInstrumentId] = useState<number | undefined>();
  const [range, setRange] = useState<[string, string]>([`${today.slice(0, 8)}01`, today]);
  const [external, setExternal] = useState<boolean | undefined>();
  const [sort, setSort] = useState<PagedSort<'startAt'>>({ sort: 'startAt', dir: 'desc' });
  const [totals, setTotals] = useState<UsageTotals | null>(null);
  const height = useWindowHeight();

  // The records page in SQL, 100 at a time as the user scrolls; the totals cover every matching record.
  const query = useMemo(() => ({ instrumentId, from: range[0], to: range[1], external, ...sort }), [instrumentId, range, external, sort]);
  const fetchWindow = useCallback(async (offset: number, limit: number) => {
    const r = await call('usage:list', { ...query, offset, limit });
    if (offset === 0) setTotals(r.totals);
    return r;
  }, [query]);
  const paged = usePagedRows(fetchWindow, JSON.stringify(query));

  // refreshKey changes when the page's usage form saved something.
  const firstKey = useRef(refreshKey);
  const { reload } = paged;
  useEffect(() => { if (refreshKey !== firstKey.current) reload(); }, [refreshKey, reload]);

  const columns: ColumnsType<UsageLog> = [
    // A record's identity (when, on which instrument) stays on the left however far the row scrolls.
    { title: t.start, key: 'startAt', width: 190, fixed: 'left', render: (_, r) => `${r.startAt.slice(0, 4)}-${spanLabel(r.startAt, r.endAt)}` },
    { title: t.inst, dataIndex: 'instrumentName', width: 180, ellipsis: true, fixed: 'left', ...USER_CELL },
    { title: t.hours, dataIndex: 'minutes', width: 80, align: 'right', render: (m: number) => hours(m) },
    { title: t.kind, dataIndex: 'external', width: 90, render: (x: boolean) => (x ? <Tag color="blue">{t.external}</Tag> : <Tag>{t.internal}</Tag>) },
    { title: t.way, dataIndex: 'serviceWay', width: 90, render: (w: string) => vocabularyLabel(w)[locale] },
    { title: t.user, key: 'user', width: 220, ellipsis: true, ...USER_CELL, render: (_, r) => [r.userName, r.userUnit].filter(Boolean).join(' / ') },
    { title: t.contract, dataIndex: 'contractNumber', width: 140, ellipsis: true, ...USER_CELL },
    { title: t.amount, dataIndex: 'amountFen', width: 120, align: 'right', render: (f: number) => formatYuan(f) },
    { title: t.satisfaction, dataIndex: 'satisfaction', width: 80, render: (s: number | null) => (s ? '★'.repeat(s) : '') },
  ];

  const blank = (): UsageFields => ({
    instrumentId: instrumentId ?? instruments[0]?.id ?? 0, bookingId: null, contractId: null, orderId: null,
    startAt: `${today}T09:00`, endAt: `${today}T10:00`, operator: '', external: false, serviceWay: '占用', direction: '科学研究',
    content: '', amountFen: 0, userName: '', userUnit: '', satisfaction: null,
  });

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <InstrumentSelect allowClear placeholder={t.instrument} style={{ width: 260 }} value={instrumentId} known={instruments}
          onChange={(id) => setInstrumentId(id)} onClear={() => setInstrumentId(undefined)} />
        <DateRangeInput value={range} onChange={setRange} labels={{ from: t.from, to: t.to }} testId="usage-range" />
        <Select style={{ width: 110 }} value={external === undefined ? 'all' : external ? 'ext' : 'int'}
          onChange={(v) => setExternal(v === 'all' ? undefined : v === 'ext')}
          options={[{ value: 'all', label: t.all }, { value: 'ext', label: t.external }, { value: 'int', label: t.internal }]} />
        <Button type="primary" icon={<PlusOutlined />} disabled={!instruments.length} onClick={() => onOpen(blank(), null)}>{t.add}</Button>
      </Space>
      {totals && (
        <Typography.Paragraph data-testid="usage-totals">
          {fmt(t.totals, { count: totals.count, hours: hours(totals.minutes), ext: hours(totals.externalMinutes), amount: formatYuan(totals.amountFen) })}
        </Typography.Paragraph>
      )}
      <PagedTable<UsageLog, 'startAt'> size="small" rowKey="id" columns={columns} paged={paged} data-testid="usage-table"
        sorts={['startAt']} sort={sort} onSort={setSort} width={1190} height={Math.max(300, height - 320)}
        onRow={(r) => ({ onClick: () => onOpen(r, r.id), onKeyDown: (e) => { if (e.key === 'Enter') onOpen(r, r.id); }, tabIndex: 0, style: { cursor: 'pointer' } })} />
    </div>
  );
}
