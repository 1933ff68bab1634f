import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CONTRACT_SORTS, CONTRACT_STATUSES, type ContractRow } from '../../../../shared/ipc/deals';
import { formatYuan } from '../../../../shared/rules/money';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { showError } from '../../util/errors';
import { useWindowHeight } from '../../util/hooks';
import { usePagedRows } from '../../util/paged';
import { PagedTable, type PagedSort } from '../../util/PagedTable';
import { CONTRACT_STATUS_LABELS, urgencyColor } from '../vouchers/dealLabels';
import { ContractDrawer } from './ContractDrawer';
import { ApplicantSelect } from '../../util/pickers';
import { YearFilter } from '../../util/fields';
import { USER_CELL } from '../../util/user-data';

type ContractSort = (typeof CONTRACT_SORTS)[number];

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

export function ContractsPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { loadApplicants, loadToday, takeFocus } = useDeals();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [applicantId, setApplicantId] = useState<number | undefined>();
  const [status, setStatus] = useState<ContractRow['status'] | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [sort, setSort] = useState<PagedSort<ContractSort>>({ sort: 'signedDate', dir: 'desc' });
  const [editing, setEditing] = useState<number | 'new' | null>(() => takeFocus('contracts'));
  const height = useWindowHeight();

  useEffect(() => { void loadApplicants().catch(showError); void loadToday().catch(showError); }, [loadApplicants, loadToday]);

  // Typing searches after a pause; the service answers one window at a time.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), 150);
    return () => clearTimeout(timer);
  }, [query]);
  const filter = useMemo(() => ({ query: search, applicantId, status, year, ...sort }), [search, applicantId, status, year, sort]);
  const fetchWindow = useCallback((offset: number, limit: number) => call('contracts:list', { ...filter, offset, limit }), [filter]);
  const paged = usePagedRows(fetchWindow, JSON.stringify(filter));

  const money = (f: number | null) => (f === null ? '' : formatYuan(f));
  const columns: ColumnsType<ContractRow> = useMemo(() => [
    // The contract's identity stays on the left and its state on the right however far the row scrolls.
    { title: t.number, dataIndex: 'number', key: 'number', width: 140, fixed: 'left', ...USER_CELL },
    { title: t.title, dataIndex: 'title', key: 'title', width: 240, ellipsis: true, ...USER_CELL },
    { title: t.applicant, dataIndex: 'applicantName', key: 'applicantName', width: 180, ellipsis: true, ...USER_CELL },
    { title: t.signed, dataIndex: 'signedDate', key: 'signedDate', width: 105 },
    { title: t.end, dataIndex: 'endDate', key: 'endDate', width: 105 },
    { title: t.amount, dataIndex: 'amountFen', key: 'amount', width: 120, align: 'right', render: money },
    { title: t.actual, dataIndex: 'actualAmountFen', key: 'actual', width: 120, align: 'right', render: money },
    { title: t.vouchers, dataIndex: 'voucherTotalFen', key: 'vouchers', width: 120, align: 'right', render: (f: number) => <span data-testid="contract-voucher-total">{formatYuan(f)}</span> },
    {
      title: t.applyBy, key: 'applyBy', width: 190,
      render: (_: unknown, r) => r.redemptionApplyBy && (
        <Space size={4}>
          <span data-testid="contract-apply-by">{r.redemptionApplyBy}</span>
          {r.redemptionDaysLeft !== null && r.redemptionDaysLeft >= 0 && <Tag color={urgencyColor(r.redemptionDaysLeft)}>{fmt(t.days, { n: r.redemptionDaysLeft })}</Tag>}
        </Space>
      ),
    },
    {
      title: t.status, dataIndex: 'status', key: 'status', width: 90, fixed: 'right',
      render: (s: ContractRow['status']) => <Tag color={CONTRACT_STATUS_LABELS[s].color}>{CONTRACT_STATUS_LABELS[s][locale]}</Tag>,
    },
  ], [t, locale]);

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear style={{ width: 260 }} placeholder={t.search} value={query} onChange={(e) => setQuery(e.target.value)} aria-label="search" />
        <ApplicantSelect allowClear placeholder={t.applicant} style={{ width: 220 }} value={applicantId}
          onChange={(id) => setApplicantId(id)} onClear={() => setApplicantId(undefined)} />
        <Select allowClear placeholder={t.status} style={{ width: 120 }} value={status} onChange={setStatus}
          options={CONTRACT_STATUSES.map((s) => ({ value: s, label: CONTRACT_STATUS_LABELS[s][locale] }))} />
        <YearFilter placeholder={t.year} value={year} onChange={setYear} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="contract-add">{t.add}</Button>
        <Typography.Text type="secondary" data-testid="contracts-total">{fmt(t.total, { n: paged.total })}</Typography.Text>
      </Space>
      <PagedTable<ContractRow, ContractSort> size="small" rowKey="id" columns={columns} paged={paged} data-testid="contracts-table"
        sorts={CONTRACT_SORTS} sort={sort} onSort={setSort} width={1530} height={Math.max(300, height - 220)}
        onRow={(r) => ({ onClick: () => setEditing(r.id), onKeyDown: (e) => { if (e.key === 'Enter') setEditing(r.id); }, tabIndex: 0, style: { cursor: 'pointer' } })} />
      {editing !== null && (
        <ContractDrawer id={editing === 'new' ? null : editing} onClose={(changed) => { setEditing(null); if (changed) paged.reload(); }} />
      )}
    </div>
  );
}
