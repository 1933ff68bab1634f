import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Segmented, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { APPLICANT_SORTS, type Applicant, type CreditCodeDuplicate } from '../../../../shared/ipc/deals';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { describeIssue, showError } from '../../util/errors';
import { useWindowHeight } from '../../util/hooks';
import { usePagedRows } from '../../util/paged';
import { PagedTable, type PagedSort } from '../../util/PagedTable';
import { kindLabel, regionLabel } from '../vouchers/dealLabels';
import { ApplicantDrawer } from './ApplicantDrawer';
import { USER_CELL } from '../../util/user-data';

type ApplicantSort = (typeof APPLICANT_SORTS)[number];

const L = {
  zh: {
    search: '搜索名称或信用代码', add: '新增申领单位', all: '全部', enterprise: '企业', team: '创业团队', name: '名称', type: '类型',
    quotaKind: '额度类别', region: '地区', creditCode: '信用代码', contact: '联系人', vouchers: '创新券', contracts: '合同', total: '共 {n} 个',
  },
  en: {
    search: 'Search name or credit code', add: 'New applicant', all: 'All', enterprise: 'Enterprise', team: 'Team', name: 'Name', type: 'Type',
    quotaKind: 'Quota kind', region: 'Region', creditCode: 'Credit code', contact: 'Contact', vouchers: 'Vouchers', contracts: 'Contracts', total: '{n} applicants',
  },
};

export function ApplicantsPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const takeFocus = useDeals((s) => s.takeFocus);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<'all' | 'enterprise' | 'team'>('all');
  const [sort, setSort] = useState<PagedSort<ApplicantSort>>({ sort: 'name', dir: 'asc' });
  const [duplicates, setDuplicates] = useState<CreditCodeDuplicate[]>([]);
  const [editing, setEditing] = useState<number | 'new' | null>(() => takeFocus('applicants'));
  const height = useWindowHeight();

  const loadDuplicates = useCallback(() => { call('applicants:duplicates', {}).then(setDuplicates, showError); }, []);
  useEffect(loadDuplicates, [loadDuplicates]);

  // Typing searches after a pause; the service answers one window at a time.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), 150);
    return () => clearTimeout(timer);
  }, [query]);
  const filter = useMemo(() => ({ query: search, kind: kind === 'all' ? undefined : kind, ...sort }), [search, kind, sort]);
  const fetchWindow = useCallback((offset: number, limit: number) => call('applicants:list', { ...filter, offset, limit }), [filter]);
  const paged = usePagedRows(fetchWindow, JSON.stringify(filter));

  const columns: ColumnsType<Applicant> = useMemo(() => [
    { title: t.name, dataIndex: 'name', key: 'name', ellipsis: true, fixed: 'left', width: 260, ...USER_CELL },
    { title: t.type, dataIndex: 'kind', key: 'kind', width: 100, render: (k: string) => (k === 'team' ? t.team : t.enterprise) },
    { title: t.quotaKind, dataIndex: 'voucherKind', key: 'voucherKind', width: 190, render: (k: Applicant['voucherKind']) => <Tag>{kindLabel(k, locale)}</Tag> },
    { title: t.region, dataIndex: 'region', key: 'region', width: 90, render: (r: string) => regionLabel(r, locale) },
    { title: t.creditCode, dataIndex: 'creditCode', key: 'creditCode', width: 200, ...USER_CELL },
    { title: t.contact, dataIndex: 'contactName', key: 'contactName', width: 120, ...USER_CELL },
    { title: t.vouchers, dataIndex: 'voucherCount', key: 'voucherCount', width: 80, align: 'right' },
    { title: t.contracts, dataIndex: 'contractCount', key: 'contractCount', width: 80, align: 'right' },
  ], [t, locale]);

  return (
    <div>
      <Space style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
        <Space>
          <Input.Search allowClear style={{ width: 280 }} placeholder={t.search} value={query} onChange={(e) => setQuery(e.target.value)} aria-label="search" />
          <Segmented value={kind} onChange={(v) => setKind(v as typeof kind)}
            options={[{ value: 'all', label: t.all }, { value: 'enterprise', label: t.enterprise }, { value: 'team', label: t.team }]} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="applicant-add">{t.add}</Button>
        </Space>
        <Typography.Text type="secondary" data-testid="applicants-total">{fmt(t.total, { n: paged.total })}</Typography.Text>
      </Space>
      {duplicates.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="credit-code-duplicates"
          message={describeIssue({ reason: 'applicant.duplicatesFound' }, locale)}
          description={duplicates.map((g) => (
            <div key={g.creditCode}>
              <Typography.Text code>{g.creditCode}</Typography.Text>{' '}
              {g.applicants.map((a, i) => (
                <span key={a.id}>{i > 0 ? (locale === 'zh' ? '、' : ', ') : ''}<Typography.Link onClick={() => setEditing(a.id)}>{a.name}</Typography.Link></span>
              ))}
            </div>
          ))} />
      )}
      <PagedTable<Applicant, ApplicantSort> size="small" rowKey="id" columns={columns} paged={paged} sorts={APPLICANT_SORTS} sort={sort} onSort={setSort}
        width={1120} height={Math.max(300, height - 220)} data-testid="applicants-table"
        onRow={(r) => ({ onClick: () => setEditing(r.id), onKeyDown: (e) => { if (e.key === 'Enter') setEditing(r.id); }, tabIndex: 0, style: { cursor: 'pointer' } })} />
      {editing !== null && (
        <ApplicantDrawer id={editing === 'new' ? null : editing} onClose={(changed) => { setEditing(null); if (changed) { paged.reload(); loadDuplicates(); } }} />
      )}
    </div>
  );
}
