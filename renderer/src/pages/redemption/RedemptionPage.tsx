import { Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { REDEMPTION_STATUSES, REDEMPTION_STATUS_LABELS, type RedemptionRow } from '../../../../shared/ipc/redemption';
import { formatYuan } from '../../../../shared/rules/money';
import { fmt, useLocale, useT } from '../../i18n';
import { useRedemption } from '../../stores/redemption';
import { showError } from '../../util/errors';
import { useWindowHeight } from '../../util/hooks';
import { BatchExport } from './BatchExport';
import { DeadlineText, isSettled, StatusTag } from './labels';
import { RedemptionDrawer } from './RedemptionDrawer';

const L = {
  zh: {
    status: '申请状态', none: '未申请', contract: '合同', applicant: '申领单位', deadline: '申请兑现截止', amount: '合同金额',
    actual: '实际金额', voucher: '创新券', own: '自付', total: '共 {n} 份合同', period: '合同期',
  },
  en: {
    status: 'Status', none: 'Not started', contract: 'Contract', applicant: 'Applicant', deadline: 'Apply by', amount: 'Contract',
    actual: 'Actual', voucher: 'Voucher', own: 'Own payment', total: '{n} contracts', period: 'Period',
  },
};

const money = (fen: number | null) => (fen === null ? '—' : formatYuan(fen));

export function RedemptionPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { rows, loading, status, setStatus, reload } = useRedemption();
  const [open, setOpen] = useState<number | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const height = useWindowHeight();

  useEffect(() => { void reload().catch(showError); }, [reload]);

  const columns: ColumnsType<RedemptionRow> = useMemo(() => [
    {
      title: t.contract, key: 'contract', width: 240, ellipsis: true,
      render: (_: unknown, r) => <Space direction="vertical" size={0}><Typography.Text strong>{r.contractNumber}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.contractTitle}</Typography.Text></Space>,
    },
    { title: t.applicant, dataIndex: 'applicantName', key: 'applicant', width: 200, ellipsis: true },
    { title: t.period, key: 'period', width: 190, render: (_: unknown, r) => `${r.startDate} ~ ${r.endDate}` },
    { title: t.status, key: 'status', width: 100, render: (_: unknown, r) => <StatusTag status={r.status} /> },
    { title: t.deadline, key: 'deadline', width: 190, render: (_: unknown, r) => <DeadlineText deadline={r.deadline} settled={isSettled(r.status)} /> },
    { title: t.amount, key: 'amount', width: 120, align: 'right', render: (_: unknown, r) => money(r.amounts.contractFen) },
    { title: t.actual, key: 'actual', width: 120, align: 'right', render: (_: unknown, r) => money(r.amounts.actualFen) },
    { title: t.voucher, key: 'voucher', width: 120, align: 'right', render: (_: unknown, r) => money(r.amounts.voucherFen) },
    { title: t.own, key: 'own', width: 120, align: 'right', render: (_: unknown, r) => money(r.amounts.ownPaymentFen) },
  ], [t]);

  return (
    <div>
      <Space style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }} wrap>
        <Space>
          <Select allowClear placeholder={t.status} style={{ width: 140 }} value={status} onChange={setStatus} data-testid="status-filter"
            options={[{ value: 'none', label: t.none }, ...REDEMPTION_STATUSES.map((s) => ({ value: s, label: REDEMPTION_STATUS_LABELS[s][locale] }))]} />
          <BatchExport contractIds={selected} />
        </Space>
        <Typography.Text type="secondary" data-testid="redemption-total">{fmt(t.total, { n: rows.length })}</Typography.Text>
      </Space>
      <Table<RedemptionRow>
        size="small"
        rowKey="contractId"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 1400, y: Math.max(300, height - 240) }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }}
        onRow={(r) => ({
          // A click on the selection checkbox selects; anywhere else opens the drawer.
          onClick: (e) => { if (!(e.target as HTMLElement).closest('.ant-table-selection-column')) setOpen(r.contractId); },
          onKeyDown: (e) => { if (e.key === 'Enter') setOpen(r.contractId); },
          tabIndex: 0, style: { cursor: 'pointer' }, 'data-testid': `redemption-row-${r.contractNumber}`,
        } as HTMLAttributes<HTMLElement>)}
      />
      {open !== null && <RedemptionDrawer contractId={open} onClose={(changed) => { setOpen(null); if (changed) void reload().catch(showError); }} />}
    </div>
  );
}
