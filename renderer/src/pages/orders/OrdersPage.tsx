// A Shanghai desk's orders (the lab as 服务机构): list paged in SQL, the order drawer, and the
// service products the orders are placed on.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OrderRow } from '../../../../shared/ipc/orders';
import { SERVICE_KIND_LABELS } from '../../../../shared/policy/vocabulary';
import { formatYuan } from '../../../../shared/rules/money';
import { ORDER_STATUSES, ORDER_STATUS_LABELS, type OrderStatus } from '../../../../shared/rules/orders';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { showError } from '../../util/errors';
import { ORDER_STATUS_COLORS } from './labels';
import { OrderDrawer } from './OrderDrawer';
import { ProductsPanel } from './ProductsPanel';

const L = {
  zh: {
    orders: '订单', products: '服务产品', search: '搜索订单号、企业、产品', status: '状态', add: '登记订单', number: '订单编号',
    applicant: '企业 / 团队', product: '服务产品', date: '下单日期', total: '订单总额', voucher: '创新券金额', noticeEnd: '公示截止',
    count: '共 {n} 单', cross: '跨区域',
    intro: '上海创新券免申即享（沪科规〔2025〕6号 第二条）：企业或团队在创新券平台向服务机构下单，每单创新券金额不超过订单总额的50%，企业每年不超过30万元、团队不超过10万元。',
  },
  en: {
    orders: 'Orders', products: 'Service products', search: 'Search order, enterprise, product', status: 'Status', add: 'Record order', number: 'Order number',
    applicant: 'Enterprise / team', product: 'Product', date: 'Ordered', total: 'Order total', voucher: 'Voucher amount', noticeEnd: 'Notice ends',
    count: '{n} orders', cross: 'Cross-region',
    intro: 'Shanghai vouchers are issued without application (Article 2, Hu Ke Gui [2025] No. 6): the enterprise or team orders from a service institution on the voucher platform; vouchers pay at most 50% of each order, at most ¥300,000 a year per enterprise and ¥100,000 per team.',
  },
};

const PAGE_SIZE = 100;

export function OrdersPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { loadApplicants, loadToday } = useDeals();
  const [rows, setRows] = useState<OrderRow[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<OrderStatus | undefined>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<number | 'new' | null>(null);

  useEffect(() => { void loadApplicants().catch(showError); void loadToday().catch(showError); }, [loadApplicants, loadToday]);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const r = await call('orders:list', { query, status, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
      setRows(r.rows);
      setTotal(r.total);
    } catch (e) { showError(e); } finally { setLoading(false); }
  }, [query, status, page]);
  useEffect(() => setPage(1), [query, status]);
  useEffect(() => {
    const timer = setTimeout(() => void reload(), 150);
    return () => clearTimeout(timer);
  }, [reload]);

  const columns: ColumnsType<OrderRow> = useMemo(() => [
    { title: t.number, dataIndex: 'number', key: 'number', width: 140 },
    { title: t.applicant, dataIndex: 'applicantName', key: 'applicant', ellipsis: true },
    { title: t.product, key: 'product', ellipsis: true, render: (_: unknown, r) => `${r.productName}（${SERVICE_KIND_LABELS[r.serviceKind][locale]}）` },
    { title: t.date, dataIndex: 'orderDate', key: 'date', width: 105 },
    { title: t.total, dataIndex: 'totalFen', key: 'total', width: 120, align: 'right', render: (f: number) => formatYuan(f) },
    { title: t.voucher, dataIndex: 'voucherFen', key: 'voucher', width: 120, align: 'right', render: (f: number) => formatYuan(f) },
    {
      title: t.status, dataIndex: 'status', key: 'status', width: 150,
      render: (s: OrderStatus, r) => (
        <Space size={4}>
          <Tag color={ORDER_STATUS_COLORS[s]} data-testid="order-status">{ORDER_STATUS_LABELS[s][locale]}</Tag>
          {r.crossRegion && <Tag>{t.cross}</Tag>}
        </Space>
      ),
    },
    { title: t.noticeEnd, dataIndex: 'noticeEnd', key: 'noticeEnd', width: 110 },
  ], [t, locale]);

  return (
    <Tabs items={[
      {
        key: 'orders', label: t.orders, children: (
          <div>
            <Alert type="info" showIcon message={t.intro} style={{ marginBottom: 12 }} />
            <Space wrap style={{ marginBottom: 12 }}>
              <Input.Search allowClear style={{ width: 260 }} placeholder={t.search} value={query} onChange={(e) => setQuery(e.target.value)} aria-label="search" />
              <Select allowClear placeholder={t.status} style={{ width: 140 }} value={status} onChange={setStatus}
                options={ORDER_STATUSES.map((s) => ({ value: s, label: ORDER_STATUS_LABELS[s][locale] }))} />
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="order-add">{t.add}</Button>
              <Typography.Text type="secondary">{fmt(t.count, { n: total })}</Typography.Text>
            </Space>
            <Table<OrderRow> size="small" rowKey="id" columns={columns} dataSource={rows} loading={loading} data-testid="orders-table"
              pagination={{ pageSize: PAGE_SIZE, current: page, total, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
              onRow={(r) => ({ onClick: () => setEditing(r.id), onKeyDown: (e) => { if (e.key === 'Enter') setEditing(r.id); }, tabIndex: 0, style: { cursor: 'pointer' } })} />
            {editing !== null && (
              <OrderDrawer id={editing === 'new' ? null : editing} onClose={(changed) => { setEditing(null); if (changed) void reload(); }} />
            )}
          </div>
        ),
      },
      { key: 'products', label: t.products, children: <ProductsPanel /> },
    ]} />
  );
}
