// A Shanghai desk's orders (the lab as 服务机构): list paged in SQL, the order drawer, and the
// service products the orders are placed on.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Space, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useWindowHeight } from '../../util/hooks';
import { usePagedRows } from '../../util/paged';
import { PagedTable } from '../../util/PagedTable';
import { punct, USER_CELL, UserText } from '../../util/user-data';
import type { OrderRow } from '../../../../shared/ipc/orders';
import { SERVICE_KIND_LABELS } from '../../../../shared/policy/vocabulary';
import { profileFor } from '../../../../shared/policy/registry';
import { formatYuan } from '../../../../shared/rules/money';
import { formatRatio } from '../../../../shared/rules/ratio';
import { articleFor } from '../../../../shared/rules/violations';
import { ORDER_STATUSES, ORDER_STATUS_LABELS, type OrderStatus } from '../../../../shared/rules/orders';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { articleName, documentName, showError } from '../../util/errors';
import { ORDER_STATUS_COLORS } from './labels';
import { OrderDrawer } from './OrderDrawer';
import { ProductsPanel } from './ProductsPanel';

const L = {
  zh: {
    orders: '订单', products: '服务产品', search: '搜索订单号、企业、产品', status: '状态', add: '登记订单', number: '订单编号',
    applicant: '企业 / 团队', product: '服务产品', date: '下单日期', total: '订单总额', voucher: '创新券金额', noticeEnd: '公示截止',
    count: '共 {n} 单', cross: '跨区域',
    intro: '上海创新券免申即享（{doc} {art}）：企业或团队在创新券平台向服务机构下单，每单创新券金额不超过订单总额的{share}，企业每年不超过 {ent} 元、团队不超过 {team} 元。',
    noProfile: '{d} 没有生效的上海政策版本：本软件未收录该日适用的办法，不改用其他版本。',
  },
  en: {
    orders: 'Orders', products: 'Service products', search: 'Search order, enterprise, product', status: 'Status', add: 'Record order', number: 'Order number',
    applicant: 'Enterprise / team', product: 'Product', date: 'Ordered', total: 'Order total', voucher: 'Voucher amount', noticeEnd: 'Notice ends',
    count: '{n} orders', cross: 'Cross-region',
    intro: 'Shanghai vouchers are issued without application ({art}, {doc}): the enterprise or team orders from a service institution on the voucher platform; vouchers pay at most {share} of each order, at most ¥{ent} a year per enterprise and ¥{team} per team.',
    noProfile: 'No Shanghai policy profile is in force on {d}: the desk does not hold the measures of that day and uses no other profile instead.',
  },
};

export function OrdersPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { loadApplicants, loadToday, today } = useDeals();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<OrderStatus | undefined>();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const height = useWindowHeight();

  useEffect(() => { void loadApplicants().catch(showError); void loadToday().catch(showError); }, [loadApplicants, loadToday]);
  // Typing searches after a pause; the service answers one window at a time as the list scrolls.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), 150);
    return () => clearTimeout(timer);
  }, [query]);
  const filter = useMemo(() => ({ query: search, status }), [search, status]);
  const fetchWindow = useCallback((offset: number, limit: number) => call('orders:list', { ...filter, offset, limit }), [filter]);
  const paged = usePagedRows(fetchWindow, JSON.stringify(filter));
  const p = punct(locale);
  // The figures of the intro are the profile's in force today, never literals.
  const profile = today ? profileFor('shanghai', today) : null;

  const columns: ColumnsType<OrderRow> = useMemo(() => [
    // The order's identity stays on the left and its state on the right however far the row scrolls.
    { title: t.number, dataIndex: 'number', key: 'number', width: 140, fixed: 'left', ...USER_CELL },
    { title: t.applicant, dataIndex: 'applicantName', key: 'applicant', width: 220, ellipsis: true, ...USER_CELL },
    { title: t.product, key: 'product', width: 260, ellipsis: true, render: (_: unknown, r) => <><UserText>{r.productName}</UserText>{p.open}{SERVICE_KIND_LABELS[r.serviceKind][locale]}{p.close}</> },
    { title: t.date, dataIndex: 'orderDate', key: 'date', width: 105 },
    { title: t.total, dataIndex: 'totalFen', key: 'total', width: 120, align: 'right', render: (f: number) => formatYuan(f) },
    { title: t.voucher, dataIndex: 'voucherFen', key: 'voucher', width: 120, align: 'right', render: (f: number) => formatYuan(f) },
    { title: t.noticeEnd, dataIndex: 'noticeEnd', key: 'noticeEnd', width: 110 },
    {
      title: t.status, dataIndex: 'status', key: 'status', width: 150, fixed: 'right',
      render: (s: OrderStatus, r) => (
        <Space size={4}>
          <Tag color={ORDER_STATUS_COLORS[s]} data-testid="order-status">{ORDER_STATUS_LABELS[s][locale]}</Tag>
          {r.crossRegion && <Tag>{t.cross}</Tag>}
        </Space>
      ),
    },
  ], [t, locale, p]);

  return (
    <Tabs items={[
      {
        key: 'orders', label: t.orders, children: (
          <div>
            {today && (profile ? (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="orders-intro" message={fmt(t.intro, {
                doc: documentName(profile.documentNumber, locale), art: articleName(articleFor(profile, 'order.voucherShare'), locale),
                share: formatRatio(profile.contractVoucherShareMax), ent: formatYuan(profile.annualQuotaFen.tech_sme ?? 0), team: formatYuan(profile.annualQuotaFen.team ?? 0),
              })} />
            ) : <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="orders-no-profile" message={fmt(t.noProfile, { d: today })} />)}
            <Space wrap style={{ marginBottom: 12 }}>
              <Input.Search allowClear style={{ width: 260 }} placeholder={t.search} value={query} onChange={(e) => setQuery(e.target.value)} aria-label="search" />
              <Select allowClear placeholder={t.status} style={{ width: 140 }} value={status} onChange={setStatus}
                options={ORDER_STATUSES.map((s) => ({ value: s, label: ORDER_STATUS_LABELS[s][locale] }))} />
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="order-add">{t.add}</Button>
              <Typography.Text type="secondary">{fmt(t.count, { n: paged.total })}</Typography.Text>
            </Space>
            <PagedTable<OrderRow> size="small" rowKey="id" columns={columns} paged={paged} data-testid="orders-table"
              width={1270} height={Math.max(300, height - 330)}
              onRow={(r) => ({ onClick: () => setEditing(r.id), onKeyDown: (e) => { if (e.key === 'Enter') setEditing(r.id); }, tabIndex: 0, style: { cursor: 'pointer' } })} />
            {editing !== null && (
              <OrderDrawer id={editing === 'new' ? null : editing} onClose={(changed) => { setEditing(null); if (changed) paged.reload(); }} />
            )}
          </div>
        ),
      },
      { key: 'products', label: t.products, children: <ProductsPanel /> },
    ]} />
  );
}
