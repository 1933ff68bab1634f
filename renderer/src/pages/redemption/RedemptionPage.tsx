import { Input, Radio, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState, type HTMLAttributes } from 'react';
import {
  REDEMPTION_SORTS, REDEMPTION_STATUSES, REDEMPTION_STATUS_LABELS, type RedemptionRow, type RedemptionSort, type RedemptionStatus,
  type RedemptionView,
} from '../../../../shared/ipc/redemption';
import { formatYuan } from '../../../../shared/rules/money';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useWindowHeight } from '../../util/hooks';
import { usePagedRows } from '../../util/paged';
import { PagedTable, type PagedSort } from '../../util/PagedTable';
import { BatchExport } from './BatchExport';
import { DeadlineText, isSettled, StatusTag } from './labels';
import { RedemptionDrawer } from './RedemptionDrawer';
import { USER_CELL } from '../../util/user-data';

const L = {
  zh: {
    status: '申请状态', none: '未申请', contract: '合同', applicant: '申领单位', deadline: '申请兑现截止', amount: '合同金额',
    actual: '实际金额', voucher: '创新券', own: '自付', total: '共 {n} 份合同', period: '合同期', end: '结束日期',
    action: '待办理', all: '全部合同', search: '合同编号、名称或申领单位',
    actionHint: '待办理：已开始未办结的申请，以及已结束（或 {d} 天内结束）、仍在申请期内未申请的创新券合同',
  },
  en: {
    status: 'Status', none: 'Not started', contract: 'Contract', applicant: 'Applicant', deadline: 'Apply by', amount: 'Contract',
    actual: 'Actual', voucher: 'Voucher', own: 'Own payment', total: '{n} contracts', period: 'Period', end: 'End date',
    action: 'Needs action', all: 'All contracts', search: 'Contract number, title or applicant',
    actionHint: 'Needs action: applications started and not settled, and voucher contracts ended (or ending within {d} days) still inside their application period',
  },
};

const WITHIN_DAYS = 30;
const money = (fen: number | null) => (fen === null ? '—' : formatYuan(fen));

export function RedemptionPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [view, setView] = useState<RedemptionView>('action');
  const [status, setStatus] = useState<RedemptionStatus | 'none' | undefined>();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<PagedSort<RedemptionSort>>({ sort: 'endDate', dir: 'asc' });
  const [open, setOpen] = useState<number | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const height = useWindowHeight();

  const filter = useMemo(() => ({ view, status, query, withinDays: WITHIN_DAYS, ...sort }), [view, status, query, sort]);
  const fetchWindow = useCallback((offset: number, limit: number) => call('redemption:list', { ...filter, offset, limit }), [filter]);
  const paged = usePagedRows(fetchWindow, JSON.stringify(filter));

  const columns: ColumnsType<RedemptionRow> = useMemo(() => [
    {
      // The contract's identity stays on the left however far the row scrolls.
      title: t.contract, key: 'number', width: 240, ellipsis: true, fixed: 'left',
      render: (_: unknown, r) => <Space direction="vertical" size={0} data-user=""><Typography.Text strong>{r.contractNumber}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.contractTitle}</Typography.Text></Space>,
    },
    { title: t.applicant, dataIndex: 'applicantName', key: 'applicant', width: 200, ellipsis: true, ...USER_CELL },
    { title: t.period, key: 'endDate', width: 210, render: (_: unknown, r) => `${r.startDate} ~ ${r.endDate}` },
    { title: t.status, key: 'status', width: 100, render: (_: unknown, r) => <StatusTag status={r.status} /> },
    { title: t.deadline, key: 'deadline', width: 190, render: (_: unknown, r) => <DeadlineText deadline={r.deadline} settled={isSettled(r.status)} issue={r.profileIssue} /> },
    { title: t.amount, key: 'amount', width: 120, align: 'right', render: (_: unknown, r) => money(r.amounts.contractFen) },
    { title: t.actual, key: 'actual', width: 120, align: 'right', render: (_: unknown, r) => money(r.amounts.actualFen) },
    { title: t.voucher, key: 'voucher', width: 120, align: 'right', render: (_: unknown, r) => money(r.amounts.voucherFen) },
    { title: t.own, key: 'own', width: 120, align: 'right', render: (_: unknown, r) => money(r.amounts.ownPaymentFen) },
  ], [t]);

  return (
    <div>
      <Space style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }} wrap>
        <Space wrap>
          <Radio.Group optionType="button" value={view} data-testid="redemption-view"
            onChange={(e) => { setView(e.target.value as RedemptionView); setSelected([]); }}
            options={[{ value: 'action', label: t.action }, { value: 'all', label: t.all }]} />
          <Input.Search allowClear placeholder={t.search} style={{ width: 260 }} data-testid="redemption-search"
            onSearch={(v) => { setQuery(v.trim()); if (v.trim()) setView('all'); }} />
          <Select allowClear placeholder={t.status} style={{ width: 140 }} value={status} onChange={setStatus} data-testid="status-filter"
            options={[{ value: 'none', label: t.none }, ...REDEMPTION_STATUSES.map((s) => ({ value: s, label: REDEMPTION_STATUS_LABELS[s][locale] }))]} />
          <BatchExport contractIds={selected} />
        </Space>
        <Typography.Text type="secondary" data-testid="redemption-total">{fmt(t.total, { n: paged.total })}</Typography.Text>
      </Space>
      {view === 'action' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>{fmt(t.actionHint, { d: WITHIN_DAYS })}</Typography.Paragraph>
      )}
      <PagedTable<RedemptionRow, RedemptionSort>
        size="small"
        rowKey="contractId"
        columns={columns}
        paged={paged}
        sorts={REDEMPTION_SORTS}
        sort={sort}
        onSort={setSort}
        width={1420}
        data-testid="redemption-table"
        height={Math.max(300, height - 280)}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }}
        onRow={(r) => ({
          // A click on the selection checkbox selects; anywhere else opens the drawer.
          onClick: (e) => { if (!(e.target as HTMLElement).closest('.ant-table-selection-column')) setOpen(r.contractId); },
          onKeyDown: (e) => { if (e.key === 'Enter') setOpen(r.contractId); },
          tabIndex: 0, style: { cursor: 'pointer' }, 'data-testid': `redemption-row-${r.contractNumber}`,
        } as HTMLAttributes<HTMLElement>)}
      />
      {open !== null && <RedemptionDrawer contractId={open} onClose={(changed) => { setOpen(null); if (changed) paged.reload(); }} />}
    </div>
  );
}
