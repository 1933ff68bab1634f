// A lab's data at the office, read-only: one part at a time for a period of the years the office
// holds. Charges and 额定机时 are the records the lab's packages carried; usage records are not kept
// one by one at the office, so that part shows the sums per instrument and year.
import { Alert, Drawer, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { OFFICE_RECORD_PARTS, type LabRecordsPage, type OfficeLab, type OfficeRecordPart } from '../../../../shared/ipc/office';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { showError } from '../../util/errors';
import { UserText } from '../../util/user-data';
import { isUserColumn, recordColumns, recordValue } from './office-record-columns';

const L = {
  zh: {
    title: '{lab} 的数据（只读）', readOnly: '实验室报送的数据在设备处只读，更正请实验室在本工作台修改后重新导出数据包。', from: '起始年度', to: '截止年度',
    sums: '服务记录在设备处不逐条保存：此处为每台仪器每年的汇总（有效机时、对外机时、记录数、收入、满意度）。',
    notHeld: '以下年度的这部分数据在设备处只存有校验值（本版本之前导入），请实验室重新导出并报送数据包：{years}', sep: '、', total: '共 {n} 条',
  },
  en: {
    title: 'Data of {lab} (read-only)', readOnly: 'A lab\'s data is read-only at the office; to correct it, the lab edits its own desk and sends a new package.', from: 'From year', to: 'To year',
    sums: 'Usage records are not kept one by one at the office: these are the sums per instrument and year (effective and external hours, records, income, satisfaction).',
    notHeld: 'For these years the office holds only the hashes of this part (imported before it kept the records); ask the lab for a new package: {years}', sep: ', ', total: '{n} records',
  },
};

export function LabRecordsDrawer({ lab, partName, onClose }: { lab: OfficeLab | null; partName(part: string): string; onClose(): void }) {
  const t = useT(L);
  const locale = useLocale((st) => st.locale);
  const held = lab?.years.map((y) => y.year) ?? [];
  const [part, setPart] = useState<OfficeRecordPart>('charges');
  const [fromYear, setFromYear] = useState<number | undefined>();
  const [toYear, setToYear] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<LabRecordsPage | null>(null);
  const size = 50;
  useEffect(() => { setFromYear(undefined); setToYear(undefined); setPage(1); setData(null); }, [lab?.deskId]);
  useEffect(() => {
    if (!lab) return;
    let live = true;
    call('office:records', { deskId: lab.deskId, part, fromYear, toYear, offset: (page - 1) * size, limit: size })
      .then((r) => { if (live) setData(r); }, showError);
    return () => { live = false; };
  }, [lab, part, fromYear, toYear, page]);
  const columns = data ? recordColumns(data.part, data.rows) : [];
  const yearOptions = held.map((y) => ({ value: y, label: String(y) }));
  return (
    <Drawer open={!!lab} width={960} onClose={onClose} destroyOnHidden title={lab ? <TitleWithLab template={t.title} lab={lab.labName} /> : ''}>
      <Typography.Paragraph type="secondary">{t.readOnly}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select data-testid="office-records-part" style={{ width: 180 }} value={part} onChange={(v) => { setPart(v); setPage(1); }}
          options={OFFICE_RECORD_PARTS.map((p) => ({ value: p, label: partName(p) }))} />
        <Select data-testid="office-records-from" style={{ width: 120 }} placeholder={t.from} allowClear value={fromYear} options={yearOptions} onChange={(v) => { setFromYear(v); setPage(1); }} />
        <Select data-testid="office-records-to" style={{ width: 120 }} placeholder={t.to} allowClear value={toYear} options={yearOptions} onChange={(v) => { setToYear(v); setPage(1); }} />
      </Space>
      {data?.held === 'sums' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t.sums} data-testid="office-records-sums" />}
      {data && data.notHeldYears.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="office-records-not-held" message={fmt(t.notHeld, { years: data.notHeldYears.join(t.sep) })} />
      )}
      <Table<Record<string, unknown>> size="small" data-testid="office-records" scroll={{ x: 'max-content' }}
        rowKey={(r) => `${String(r.id ?? '')}:${String(r.instrumentId ?? '')}:${String(r.year ?? '')}`} dataSource={data?.rows ?? []}
        columns={columns.map((col) => ({
          title: col.label[locale], dataIndex: col.key, key: col.key,
          render: (v: unknown) => { const text = recordValue(col, v, locale) ?? '—'; return isUserColumn(col) && text !== '—' ? <UserText>{text}</UserText> : text; },
        }))}
        pagination={{ current: page, pageSize: size, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => fmt(t.total, { n }) }} />
    </Drawer>
  );
}

/** The title's words around the lab's name, the name marked as the lab's own. */
function TitleWithLab({ template, lab }: { template: string; lab: string }) {
  const [before, after] = template.split('{lab}');
  return <span data-testid="office-records-title">{before}<UserText>{lab}</UserText>{after}</span>;
}
