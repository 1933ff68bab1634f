import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AuditRow } from '../../../../shared/ipc/system';
import { call } from '../../api';
import { useT } from '../../i18n';
import { saveDownload } from '../../util/download';
import { showError } from '../../util/errors';

const L = {
  zh: {
    title: '审计日志（只追加，不可修改）', at: '时间', actor: '操作人', action: '操作', entity: '对象', entityId: '编号', detail: '详情',
    filter: '按对象筛选（如 contract）', xlsx: '导出 Excel', csv: '导出 CSV', more: '加载更多',
  },
  en: {
    title: 'Audit log (append-only)', at: 'Time', actor: 'Actor', action: 'Action', entity: 'Entity', entityId: 'Id', detail: 'Detail',
    filter: 'Filter by entity (e.g. contract)', xlsx: 'Export Excel', csv: 'Export CSV', more: 'Load more',
  },
};

const PAGE = 200;

export function AuditCard({ refreshKey }: { refreshKey: number }) {
  const t = useT(L);
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [entity, setEntity] = useState('');
  const [loading, setLoading] = useState(false);
  const [hasMore, setHasMore] = useState(false);
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);

  const load = useCallback(async (offset: number) => {
    setLoading(true);
    try {
      const page = await call('audit:list', { entity: entity.trim() || undefined, limit: PAGE, offset });
      setRows((prev) => (offset === 0 ? page : [...prev, ...page]));
      setHasMore(page.length === PAGE);
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  }, [entity]);
  useEffect(() => {
    const timer = setTimeout(() => void load(0), 200);
    return () => clearTimeout(timer);
  }, [load, refreshKey]);

  const exportAs = async (format: 'xlsx' | 'csv') => {
    setExporting(format);
    try {
      saveDownload(await call('audit:export', { format, entity: entity.trim() || undefined }));
    } catch (e) {
      showError(e);
    } finally {
      setExporting(null);
    }
  };

  return (
    <Card size="small" title={t.title} extra={
      <Space>
        <Input allowClear placeholder={t.filter} value={entity} onChange={(e) => setEntity(e.target.value)} style={{ width: 220 }} maxLength={50} />
        <Button icon={<FileExcelOutlined />} loading={exporting === 'xlsx'} onClick={() => void exportAs('xlsx')} data-testid="audit-export-xlsx">{t.xlsx}</Button>
        <Button icon={<FileTextOutlined />} loading={exporting === 'csv'} onClick={() => void exportAs('csv')} data-testid="audit-export-csv">{t.csv}</Button>
      </Space>
    }>
      <Table<AuditRow>
        data-testid="audit-table"
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t.at, dataIndex: 'at', width: 200, render: (v: string) => new Date(v).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
          { title: t.actor, dataIndex: 'actor', width: 110 },
          { title: t.action, dataIndex: 'action', width: 170 },
          { title: t.entity, dataIndex: 'entity', width: 110 },
          { title: t.entityId, dataIndex: 'entityId', width: 200, ellipsis: true },
          { title: t.detail, dataIndex: 'detail', ellipsis: true, render: (v: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v}</Typography.Text> },
        ]}
      />
      {hasMore && <Button onClick={() => void load(rows.length)} loading={loading}>{t.more}</Button>}
    </Card>
  );
}
