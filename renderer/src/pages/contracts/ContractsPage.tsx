import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CONTRACT_STATUSES, type ContractRow } from '../../../../shared/ipc/deals';
import { formatYuan } from '../../../../shared/rules/money';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { showError } from '../../util/errors';
import { CONTRACT_STATUS_LABELS, urgencyColor } from '../vouchers/dealLabels';
import { ContractDrawer } from './ContractDrawer';

const L = {
  zh: {
    search: '搜索编号、名称、申领单位', applicant: '申领单位', status: '状态', year: '签订年份', add: '新建合同', number: '合同编号', title: '名称',
    signed: '签订', end: '结束', amount: '合同金额', actual: '实际金额', vouchers: '用券金额', applyBy: '兑现申请截止', total: '共 {n} 份', days: '剩 {n} 天',
  },
  en: {
    search: 'Search number, title, applicant', applicant: 'Applicant', status: 'Status', year: 'Year signed', add: 'New contract', number: 'Number', title: 'Title',
    signed: 'Signed', end: 'Ends', amount: 'Amount', actual: 'Actual', vouchers: 'Vouchers', applyBy: 'Apply for redemption by', total: '{n} contracts', days: '{n} d left',
  },
};

/** Contracts are paged by the main process: a large office holds tens of thousands. */
const PAGE_SIZE = 100;

export function ContractsPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { applicants, loadApplicants, loadToday, takeFocus } = useDeals();
  const [rows, setRows] = useState<ContractRow[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [query, setQuery] = useState('');
  const [applicantId, setApplicantId] = useState<number | undefined>();
  const [status, setStatus] = useState<ContractRow['status'] | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<number | 'new' | null>(() => takeFocus('contracts'));

  useEffect(() => { void loadApplicants().catch(showError); void loadToday().catch(showError); }, [loadApplicants, loadToday]);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const r = await call('contracts:list', { query, applicantId, status, year, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
      setRows(r.rows);
      setTotal(r.total);
    } catch (e) { showError(e); } finally { setLoading(false); }
  }, [query, applicantId, status, year, page]);
  // A new filter starts again at the first page.
  useEffect(() => setPage(1), [query, applicantId, status, year]);
  useEffect(() => {
    const timer = setTimeout(() => void reload(), 150);
    return () => clearTimeout(timer);
  }, [reload]);

  const money = (f: number | null) => (f === null ? '' : formatYuan(f));
  const columns: ColumnsType<ContractRow> = useMemo(() => [
    { title: t.number, dataIndex: 'number', key: 'number', width: 140 },
    { title: t.title, dataIndex: 'title', key: 'title', ellipsis: true },
    { title: t.applicant, dataIndex: 'applicantName', key: 'applicantName', width: 180, ellipsis: true },
    { title: t.signed, dataIndex: 'signedDate', key: 'signedDate', width: 105 },
    { title: t.end, dataIndex: 'endDate', key: 'endDate', width: 105 },
    { title: t.amount, dataIndex: 'amountFen', key: 'amount', width: 120, align: 'right', render: money },
    { title: t.actual, dataIndex: 'actualAmountFen', key: 'actual', width: 120, align: 'right', render: money },
    { title: t.vouchers, dataIndex: 'voucherTotalFen', key: 'vouchers', width: 120, align: 'right', render: (f: number) => <span data-testid="contract-voucher-total">{formatYuan(f)}</span> },
    {
      title: t.status, dataIndex: 'status', key: 'status', width: 90,
      render: (s: ContractRow['status']) => <Tag color={CONTRACT_STATUS_LABELS[s].color}>{CONTRACT_STATUS_LABELS[s][locale]}</Tag>,
    },
    {
      title: t.applyBy, key: 'applyBy', width: 190,
      render: (_: unknown, r) => r.redemptionApplyBy && (
        <Space size={4}>
          <span data-testid="contract-apply-by">{r.redemptionApplyBy}</span>
          {r.redemptionDaysLeft !== null && r.redemptionDaysLeft >= 0 && <Tag color={urgencyColor(r.redemptionDaysLeft)}>{fmt(t.days, { n: r.redemptionDaysLeft })}</Tag>}
        </Space>
      ),
    },
  ], [t, locale]);

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear style={{ width: 260 }} placeholder={t.search} value={query} onChange={(e) => setQuery(e.target.value)} aria-label="search" />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t.applicant} style={{ width: 220 }} value={applicantId} onChange={setApplicantId}
          options={applicants.map((a) => ({ value: a.id, label: a.name }))} />
        <Select allowClear placeholder={t.status} style={{ width: 120 }} value={status} onChange={setStatus}
          options={CONTRACT_STATUSES.map((s) => ({ value: s, label: CONTRACT_STATUS_LABELS[s][locale] }))} />
        <InputNumber placeholder={t.year} min={1990} max={2100} style={{ width: 120 }} value={year} onChange={(v) => setYear(v ?? undefined)} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="contract-add">{t.add}</Button>
        <Typography.Text type="secondary">{fmt(t.total, { n: total })}</Typography.Text>
      </Space>
      <Table<ContractRow> size="small" rowKey="id" columns={columns} dataSource={rows} loading={loading} data-testid="contracts-table"
        pagination={{ pageSize: PAGE_SIZE, current: page, total, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }} scroll={{ x: 1400 }}
        onRow={(r) => ({ onClick: () => setEditing(r.id), onKeyDown: (e) => { if (e.key === 'Enter') setEditing(r.id); }, tabIndex: 0, style: { cursor: 'pointer' } })} />
      {editing !== null && (
        <ContractDrawer id={editing === 'new' ? null : editing} onClose={(changed) => { setEditing(null); if (changed) void reload(); }} />
      )}
    </div>
  );
}
