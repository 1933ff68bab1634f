import { ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Segmented, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { DUE_SORTS, type DueItem, type DueSoonPage } from '../../../../shared/ipc/deals';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { useNav } from '../../stores/nav';
import { useWindowHeight } from '../../util/hooks';
import { usePagedRows } from '../../util/paged';
import { PagedTable, type PagedSort } from '../../util/PagedTable';
import { DUE_KIND_LABELS, urgencyColor } from '../vouchers/dealLabels';
import { articleName } from '../../i18n-errors';
import { USER_CELL, UserText } from '../../util/user-data';
import type { HTMLAttributes, KeyboardEvent, ReactNode } from 'react';

const L = {
  zh: {
    within: '未来天数', today: '今天 {d}', due: '截止 {d}', left: '剩 {n} 天', lastDay: '今天截止', none: '{n} 天内没有到期事项',
    count: '{n} 项', open: '打开', days: '{n} 天', daysLeft: '剩余', kind: '类别', item: '事项', applicant: '申请单位', deadline: '截止日期', article: '依据',
    voucher_register: '创新券 {n} 须登记', voucher_expiry: '创新券 {n} 即将到期', contract_redemption: '合同 {n} 须申请兑现',
  },
  en: {
    within: 'Within', today: 'Today {d}', due: 'Due {d}', left: '{n} days left', lastDay: 'Due today', none: 'Nothing due within {n} days',
    count: '{n} items', open: 'Open', days: '{n} days', daysLeft: 'Left', kind: 'Kind', item: 'Item', applicant: 'Applicant', deadline: 'Deadline', article: 'Rule',
    voucher_register: 'Register voucher {n}', voucher_expiry: 'Voucher {n} expires', contract_redemption: 'Apply for redemption of contract {n}',
  },
};

const WINDOWS = [3, 7, 15, 30, 60, 90];
type DueSort = (typeof DUE_SORTS)[number];

/** Opens the record's page with the record to focus. */
function openTarget(link: DueItem['link'], setFocus: ReturnType<typeof useDeals.getState>['setFocus']): void {
  setFocus(link);
  useNav.getState().go(link.page);
}

/** A voucher is due for one thing at a time, so kind and record identify an item. */
const itemKey = (item: DueItem) => `${item.kind}:${item.link.id}`;

export function DashboardPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const setFocus = useDeals((s) => s.setFocus);
  const height = useWindowHeight();
  const [withinDays, setWithinDays] = useState(30);
  const [sort, setSort] = useState<PagedSort<DueSort>>({ sort: 'deadline', dir: 'asc' });
  const [today, setToday] = useState<string | null>(null);
  const query = useMemo(() => ({ withinDays, ...sort }), [withinDays, sort]);
  // The list pages in SQL like every other list: the first window on open, the next as the user scrolls.
  const fetchWindow = useCallback(async (offset: number, limit: number) => {
    const page: DueSoonPage = await call('dashboard:dueSoon', { ...query, offset, limit });
    setToday(page.today);
    return page;
  }, [query]);
  const paged = usePagedRows(fetchWindow, JSON.stringify(query));

  const columns: ColumnsType<DueItem> = useMemo(() => [
    {
      title: t.daysLeft, key: 'daysLeft', width: 110,
      render: (_: unknown, item: DueItem) => (
        <Tag color={urgencyColor(item.daysLeft)} data-testid="due-days">{item.daysLeft === 0 ? t.lastDay : fmt(t.left, { n: item.daysLeft })}</Tag>
      ),
    },
    { title: t.kind, key: 'kind', width: 120, render: (_: unknown, item: DueItem) => <Tag>{DUE_KIND_LABELS[item.kind][locale]}</Tag> },
    {
      title: t.item, key: 'item', width: 300, ellipsis: true,
      render: (_: unknown, item: DueItem) => <Typography.Text strong>{wordAround(t[item.kind], <UserText>{item.number}</UserText>)}</Typography.Text>,
    },
    { title: t.applicant, dataIndex: 'applicantName', key: 'applicant', width: 260, ellipsis: true, ...USER_CELL },
    {
      title: t.deadline, key: 'deadline', width: 150,
      render: (_: unknown, item: DueItem) => <span data-testid="due-deadline">{fmt(t.due, { d: item.deadline })}</span>,
    },
    {
      title: t.article, key: 'article', width: 260, ellipsis: true,
      render: (_: unknown, item: DueItem) => <Typography.Text type="secondary">{articleName(item.article, locale)}</Typography.Text>,
    },
  ], [t, locale]);

  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t.within}</Typography.Text>
        <Segmented value={withinDays} onChange={(v) => setWithinDays(Number(v))} data-testid="due-window"
          options={WINDOWS.map((n) => ({ value: n, label: fmt(t.days, { n }) }))} />
        <Button icon={<ReloadOutlined />} onClick={() => paged.reload()} aria-label="reload" />
        {today && <Typography.Text type="secondary" data-testid="due-total">{fmt(t.today, { d: today })} · {fmt(t.count, { n: paged.total })}</Typography.Text>}
      </Space>
      <PagedTable<DueItem, DueSort> size="small" rowKey={itemKey} columns={columns} paged={paged} data-testid="due-list"
        sorts={DUE_SORTS} sort={sort} onSort={setSort} width={1200} height={Math.max(300, height - 200)}
        locale={{ emptyText: <Empty description={fmt(t.none, { n: withinDays })} /> }}
        onRow={(item) => ({
          'data-testid': 'due-item', 'data-kind': item.kind, tabIndex: 0,
          style: { cursor: 'pointer', boxShadow: `inset 4px 0 0 ${cssColor(item.daysLeft)}` },
          onClick: () => openTarget(item.link, setFocus),
          onKeyDown: (e: KeyboardEvent) => { if (e.key === 'Enter') openTarget(item.link, setFocus); },
        }) as HTMLAttributes<HTMLElement>} />
    </div>
  );
}

/** A template with one {n}, the user's data put in its place. */
function wordAround(template: string, n: ReactNode): ReactNode {
  const [before, after = ''] = template.split('{n}');
  return <>{before}{n}{after}</>;
}

function cssColor(daysLeft: number): string {
  const c = urgencyColor(daysLeft);
  return c === 'red' ? '#ff4d4f' : c === 'orange' ? '#fa8c16' : '#1677ff';
}
