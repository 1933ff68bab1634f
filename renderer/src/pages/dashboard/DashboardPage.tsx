import { ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { DueItem } from '../../../../shared/ipc/deals';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { useNav } from '../../stores/nav';
import { showError } from '../../util/errors';
import { DUE_KIND_LABELS, urgencyColor } from '../vouchers/dealLabels';
import { articleName } from '../../i18n-errors';
import { UserText } from '../../util/user-data';
import type { ReactNode } from 'react';

const L = {
  zh: {
    within: '未来天数', today: '今天 {d}', due: '截止 {d}', left: '剩 {n} 天', lastDay: '今天截止', none: '{n} 天内没有到期事项',
    count: '{n} 项', open: '打开', days: '{n} 天',
    voucher_register: '创新券 {n} 须登记', voucher_expiry: '创新券 {n} 即将到期', contract_redemption: '合同 {n} 须申请兑现',
  },
  en: {
    within: 'Within', today: 'Today {d}', due: 'Due {d}', left: '{n} days left', lastDay: 'Due today', none: 'Nothing due within {n} days',
    count: '{n} items', open: 'Open', days: '{n} days',
    voucher_register: 'Register voucher {n}', voucher_expiry: 'Voucher {n} expires', contract_redemption: 'Apply for redemption of contract {n}',
  },
};

const WINDOWS = [3, 7, 15, 30, 60, 90];

/** Opens the record's page with the record to focus. */
function openTarget(link: DueItem['link'], setFocus: ReturnType<typeof useDeals.getState>['setFocus']): void {
  setFocus(link);
  useNav.getState().go(link.page);
}

export function DashboardPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const setFocus = useDeals((s) => s.setFocus);
  const [withinDays, setWithinDays] = useState(30);
  const [data, setData] = useState<{ items: DueItem[]; today: string } | null>(null);
  const [loading, setLoading] = useState(false);

  const reload = useCallback(async () => {
    setLoading(true);
    try { setData(await call('dashboard:dueSoon', { withinDays })); } catch (e) { showError(e); } finally { setLoading(false); }
  }, [withinDays]);
  useEffect(() => { void reload(); }, [reload]);

  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t.within}</Typography.Text>
        <Segmented value={withinDays} onChange={(v) => setWithinDays(Number(v))} data-testid="due-window"
          options={WINDOWS.map((n) => ({ value: n, label: fmt(t.days, { n }) }))} />
        <Button icon={<ReloadOutlined />} onClick={() => void reload()} aria-label="reload" />
        {data && <Typography.Text type="secondary">{fmt(t.today, { d: data.today })} · {fmt(t.count, { n: data.items.length })}</Typography.Text>}
      </Space>
      <List<DueItem> loading={loading} bordered dataSource={data?.items ?? []} data-testid="due-list"
        locale={{ emptyText: <Empty description={fmt(t.none, { n: withinDays })} /> }}
        renderItem={(item) => (
          <List.Item data-testid="due-item" data-kind={item.kind} tabIndex={0} style={{ cursor: 'pointer', borderLeft: `4px solid ${cssColor(item.daysLeft)}` }}
            onClick={() => openTarget(item.link, setFocus)} onKeyDown={(e) => { if (e.key === 'Enter') openTarget(item.link, setFocus); }}>
            <Space wrap>
              <Tag color={urgencyColor(item.daysLeft)} data-testid="due-days">{item.daysLeft === 0 ? t.lastDay : fmt(t.left, { n: item.daysLeft })}</Tag>
              <Tag>{DUE_KIND_LABELS[item.kind][locale]}</Tag>
              <Typography.Text strong>{wordAround(t[item.kind], <UserText>{item.number}</UserText>)}</Typography.Text>
              <Typography.Text type="secondary" data-user="">{item.applicantName}</Typography.Text>
            </Space>
            <Space>
              <span data-testid="due-deadline">{fmt(t.due, { d: item.deadline })}</span>
              <Typography.Text type="secondary">{articleName(item.article, locale)}</Typography.Text>
            </Space>
          </List.Item>
        )} />
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
