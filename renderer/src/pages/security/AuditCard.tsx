// The append-only audit log as sentences ("王敏 登记了创新券 BJKJQ-2026-0003"), paged in SQL and drawn
// virtualised; a row opens its details. Times are Beijing time.
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Input, Modal, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditRow } from '../../../../shared/ipc/system';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { saveDownload } from '../../util/download';
import { showError } from '../../util/errors';
import { usePagedRows } from '../../util/paged';
import { PagedTable } from '../../util/PagedTable';
import { UserText } from '../../util/user-data';
import { beijingTime } from '../../util/time';
import { auditDetailLines, auditSentenceParts, type DetailLine, type DetailValue } from './audit-sentences';

/** The sentence with the user's data (actor, number, name) marked as such. */
function Sentence({ row, locale }: { row: AuditRow; locale: 'zh' | 'en' }) {
  return <>{auditSentenceParts(row, locale).map((p, i) => (p.user ? <UserText key={i}>{p.text}</UserText> : <span key={i}>{p.text}</span>))}</>;
}

/** A worded detail value: the user's data marked, a change as before → after, a nested record as a labelled list. */
function Value({ value }: { value: DetailValue }) {
  if (value.kind === 'text') return value.user ? <UserText>{value.text}</UserText> : <span>{value.text}</span>;
  if (value.kind === 'change') {
    return <span data-testid="audit-change"><Value value={value.before} /><span aria-hidden> → </span><Value value={value.after} /></span>;
  }
  return <DetailList lines={value.lines} />;
}

function DetailList({ lines }: { lines: DetailLine[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16 }} data-testid="audit-detail-list">
      {lines.map((l) => (
        <li key={l.key}><span>{l.label}</span><span>: </span><Value value={l.value} /></li>
      ))}
    </ul>
  );
}

const L = {
  zh: {
    title: '审计日志（只追加，不可修改）', at: '时间（北京时间）', what: '操作', entity: '对象', detail: '详情',
    filter: '搜索操作人、对象、编号', xlsx: '导出 Excel', csv: '导出 CSV', total: '共 {n} 条', details: '操作详情', open: '查看',
    actor: '操作人', action: '操作代码', entityId: '对象编号', close: '关闭', none: '无更多内容', system: '系统',
  },
  en: {
    title: 'Audit log (append-only)', at: 'Time (Beijing)', what: 'What happened', entity: 'Object', detail: 'Details',
    filter: 'Search actor, object, number', xlsx: 'Export Excel', csv: 'Export CSV', total: '{n} entries', details: 'Entry details', open: 'View',
    actor: 'Actor', action: 'Action code', entityId: 'Object id', close: 'Close', none: 'Nothing more recorded', system: 'The system',
  },
};

const PAGE = 200;

export function AuditCard({ refreshKey }: { refreshKey: number }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<AuditRow | null>(null);
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const fetchWindow = useCallback((offset: number, limit: number) =>
    call('audit:page', { query: query || undefined, offset, limit, sort: 'at', dir: 'desc' }), [query]);
  const paged = usePagedRows(fetchWindow, JSON.stringify({ query }), PAGE);
  const firstKey = useRef(refreshKey);
  const { reload } = paged;
  useEffect(() => { if (refreshKey !== firstKey.current) reload(); }, [refreshKey, reload]);

  const exportAs = async (format: 'xlsx' | 'csv') => {
    setExporting(format);
    try {
      saveDownload(await call('audit:export', { format }));
    } catch (e) {
      showError(e);
    } finally {
      setExporting(null);
    }
  };

  const columns: ColumnsType<AuditRow> = [
    { title: t.at, dataIndex: 'at', key: 'at', width: 190, render: (v: string) => beijingTime(v) },
    { title: t.what, key: 'what', width: 560, ellipsis: true, render: (_, r) => <span data-testid="audit-sentence"><Sentence row={r} locale={locale} /></span> },
    { title: t.detail, key: 'detail', width: 90, render: (_, r) => (
      <Button size="small" type="link" onClick={(e) => { e.stopPropagation(); setOpen(r); }} data-testid={`audit-open-${r.id}`}>{t.open}</Button>
    ) },
  ];

  return (
    <Card size="small" title={t.title} extra={
      <Space>
        <Input allowClear placeholder={t.filter} aria-label={t.filter} value={typed} onChange={(e) => setTyped(e.target.value)} style={{ width: 240 }} maxLength={100} data-testid="audit-search" />
        <Button icon={<FileExcelOutlined />} loading={exporting === 'xlsx'} onClick={() => void exportAs('xlsx')} data-testid="audit-export-xlsx">{t.xlsx}</Button>
        <Button icon={<FileTextOutlined />} loading={exporting === 'csv'} onClick={() => void exportAs('csv')} data-testid="audit-export-csv">{t.csv}</Button>
      </Space>
    }>
      <Typography.Text type="secondary" data-testid="audit-total">{fmt(t.total, { n: paged.total })}</Typography.Text>
      <PagedTable<AuditRow> data-testid="audit-table" size="small" rowKey="id" columns={columns} paged={paged} width={840} height={420}
        onRow={(r) => ({ onClick: () => setOpen(r), onKeyDown: (e) => { if (e.key === 'Enter') setOpen(r); }, tabIndex: 0, style: { cursor: 'pointer' } })} />
      <Modal open={open !== null} title={t.details} onCancel={() => setOpen(null)} footer={<Button onClick={() => setOpen(null)}>{t.close}</Button>} width={640}>
        {open && (
          <>
            <Typography.Paragraph strong data-testid="audit-detail-sentence"><Sentence row={open} locale={locale} /></Typography.Paragraph>
            <Descriptions size="small" column={1} bordered data-testid="audit-detail">
              <Descriptions.Item label={t.at}>{beijingTime(open.at)}</Descriptions.Item>
              <Descriptions.Item label={t.actor}>{open.actor ? <UserText>{open.actor}</UserText> : t.system}</Descriptions.Item>
              <Descriptions.Item label={t.action}><Typography.Text code>{open.entity} · {open.action}</Typography.Text></Descriptions.Item>
              {open.entityId && <Descriptions.Item label={t.entityId}><UserText>{open.entityId}</UserText></Descriptions.Item>}
              {auditDetailLines(open, locale).map((l) => (
                <Descriptions.Item key={l.key} label={l.label}>
                  <span style={{ whiteSpace: 'pre-wrap', fontSize: 12 }} data-testid={`audit-field-${l.key}`}><Value value={l.value} /></span>
                </Descriptions.Item>
              ))}
            </Descriptions>
          </>
        )}
      </Modal>
    </Card>
  );
}
