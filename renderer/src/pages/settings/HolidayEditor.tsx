import { DeleteOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { HolidayRow, HolidayYearInfo } from '../../../../shared/ipc/assessment';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useToday } from '../../stores/app-info';
import { showError } from '../../util/errors';
import { DateInput, dateOf, dateRule, markRefusal } from '../../util/fields';
import { UserText } from '../../util/user-data';
import { holidayNameEn, parseHolidayText } from './holiday-text';

const L = {
  zh: {
    title: '法定节假日与调休', year: '年份', missing: '以下年份没有节假日数据，工作日计算将按普通周末处理（仅为估计）：{y}。请在国务院办公厅通知发布后录入。',
    date: '日期', kind: '类型', name: '名称', holiday: '放假', adjusted: '调休上班', add: '添加/更新', del: '删除', confirmDel: '删除 {d}？',
    import: '导入整年', importTitle: '导入 {y} 年（将替换该年全部条目）', importHelp: '每行一条：日期,类型(假/班),名称；或粘贴官方 JSON（holidays / adjusted_workdays）。',
    badLine: '第 {n} 行无法识别：{m}', imported: '已导入 {n} 条', noData: '无数据', entries: '{h} 天假 / {w} 天调休',
  },
  en: {
    title: 'Public holidays and adjusted working days', year: 'Year', missing: 'No holiday data for: {y}. Working days there are estimates (weekends only). Enter them once the State Council notice is out.',
    date: 'Date', kind: 'Kind', name: 'Name', holiday: 'Holiday', adjusted: 'Adjusted workday', add: 'Add / update', del: 'Delete', confirmDel: 'Delete {d}?',
    import: 'Import year', importTitle: 'Import {y} (replaces the whole year)', importHelp: 'One per line: date,kind(假/班 or holiday/adjusted_workday),name; or paste the official JSON (holidays / adjusted_workdays).',
    badLine: 'Line {n} not understood: {m}', imported: '{n} entries imported', noData: 'no data', entries: '{h} holidays / {w} workdays',
  },
};


export function HolidayEditor() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [years, setYears] = useState<HolidayYearInfo[]>([]);
  const today = useToday();
  const [year, setYear] = useState(() => Number(today.slice(0, 4)));
  const [rows, setRows] = useState<HolidayRow[]>([]);
  // The date is text read by the shared strict parser: 2024-02-30 is an error on the field, never another day.
  const [form] = Form.useForm<{ date: string; kind: HolidayRow['kind']; name: string }>();
  const draftDate = Form.useWatch('date', form) ?? '';
  const labels = { date: t.date, kind: t.kind, name: t.name };
  const [importing, setImporting] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const [ys, list] = await Promise.all([call('holidays:years', {}), call('holidays:list', { year })]);
    setYears(ys);
    setRows(list);
  }, [year]);

  useEffect(() => { void reload().catch(showError); }, [reload]);

  const add = async () => {
    let v: { date: string; kind: HolidayRow['kind']; name: string };
    try { v = await form.validateFields(); } catch { return; }
    const date = dateOf(v.date);
    if (!date) return;
    try {
      await call('holidays:upsert', { date, kind: v.kind, name: v.name ?? '' });
      form.setFieldValue('date', '');
      // Show the year just edited (reloads through the effect), else refresh this one.
      const edited = Number(date.slice(0, 4));
      if (edited !== year) setYear(edited);
      else await reload();
    } catch (e) { if (!markRefusal(form, e, labels)) showError(e, labels); }
  };
  const remove = async (date: string) => {
    try { await call('holidays:delete', { date }); await reload(); } catch (e) { showError(e); }
  };
  const doImport = async () => {
    const parsed = parseHolidayText(importing ?? '', year);
    if (!parsed.ok) { showError(new Error(fmt(t.badLine, { n: parsed.line, m: parsed.message }))); return; }
    try {
      const r = await call('holidays:importYear', { year, entries: parsed.entries });
      Modal.success({ content: fmt(t.imported, { n: r.count }) });
      setImporting(null);
      await reload();
    } catch (e) { showError(e); }
  };

  const missing = years.filter((y) => y.missing).map((y) => y.year);
  return (
    <Card size="small" title={t.title} data-testid="holiday-editor">
      {missing.length > 0 && <Alert type="warning" showIcon data-testid="holiday-missing" style={{ marginBottom: 8 }} message={fmt(t.missing, { y: missing.join('、') })} />}
      <Form form={form} layout="inline" style={{ marginBottom: 8, rowGap: 8 }} initialValues={{ date: '', kind: 'holiday', name: '' }}
        onValuesChange={(changed: Record<string, unknown>) => { if ('date' in changed && form.getFieldError('date').length) form.setFields([{ name: 'date', errors: [] }]); }}>
        <Form.Item label={t.year}>
          <Select data-testid="holiday-year" value={year} style={{ width: 220 }} onChange={setYear}
            options={years.map((y) => ({ value: y.year, label: <span>{y.year} {y.missing ? <Tag color="orange">{t.noData}</Tag> : <Typography.Text type="secondary">{fmt(t.entries, { h: y.holidays, w: y.adjustedWorkdays })}</Typography.Text>}</span> }))} />
        </Form.Item>
        <Form.Item name="date" rules={[dateRule('date', labels)]} validateTrigger="onBlur"><DateInput data-testid="holiday-date" style={{ width: 170 }} /></Form.Item>
        <Form.Item name="kind">
          <Select style={{ width: 120 }} aria-label={t.kind} options={[{ value: 'holiday', label: t.holiday }, { value: 'adjusted_workday', label: t.adjusted }]} />
        </Form.Item>
        <Form.Item name="name"><Input placeholder={t.name} style={{ width: 160 }} onPressEnter={() => void add()} /></Form.Item>
        <Button icon={<PlusOutlined />} onClick={() => void add()} disabled={!draftDate.trim()} data-testid="holiday-add">{t.add}</Button>
        <Button icon={<ImportOutlined />} onClick={() => setImporting('')}>{t.import}</Button>
      </Form>
      <Table<HolidayRow> size="small" rowKey="date" dataSource={rows} data-testid="holiday-table" pagination={false} scroll={{ y: 360 }} columns={[
        { title: t.date, dataIndex: 'date', key: 'date', width: 140 },
        { title: t.kind, dataIndex: 'kind', key: 'kind', width: 120, render: (k: HolidayRow['kind']) => k === 'holiday' ? <Tag color="red">{t.holiday}</Tag> : <Tag color="blue">{t.adjusted}</Tag> },
        { title: t.name, dataIndex: 'name', key: 'name', render: (n: string) => (locale === 'en' && holidayNameEn(n)) || <UserText>{n}</UserText> },
        { key: 'x', width: 80, render: (_: unknown, r) => (
          <Popconfirm title={fmt(t.confirmDel, { d: r.date })} onConfirm={() => void remove(r.date)}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t.del} data-testid={`holiday-del-${r.date}`} />
          </Popconfirm>
        ) },
      ]} />
      <Modal open={importing !== null} title={fmt(t.importTitle, { y: year })} onCancel={() => setImporting(null)} onOk={() => void doImport()} okButtonProps={{ danger: true }}>
        <Typography.Paragraph type="secondary">{t.importHelp}</Typography.Paragraph>
        <Input.TextArea rows={12} value={importing ?? ''} onChange={(e) => setImporting(e.target.value)} placeholder={`${year}-01-01,假,元旦`} />
      </Modal>
    </Card>
  );
}
