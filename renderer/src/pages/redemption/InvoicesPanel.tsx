// Invoices of the contract (code, number, date, amount, optional attachment): add, edit, remove.
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AttachmentInfo, Invoice } from '../../../../shared/ipc/redemption';
import { formatYuan, parseMoneyText } from '../../../../shared/rules/money';
import { call } from '../../api';
import { fmt, useT } from '../../i18n';
import { formErrors, showError } from '../../util/errors';

const L = {
  zh: {
    code: '发票代码', number: '发票号码', date: '开票日期', amount: '金额（元）', attachment: '发票附件', add: '添加发票 (Enter)',
    update: '保存修改 (Enter)', cancel: '取消', removeConfirm: '确定删除此发票？', total: '合计 {sum} 元', required: '必填',
    dateFormat: '日期格式 YYYY-MM-DD',
  },
  en: {
    code: 'Code', number: 'Number', date: 'Issue date', amount: 'Amount (CNY)', attachment: 'Invoice file', add: 'Add invoice (Enter)',
    update: 'Save (Enter)', cancel: 'Cancel', removeConfirm: 'Delete this invoice?', total: 'Total {sum} CNY', required: 'Required',
    dateFormat: 'Use YYYY-MM-DD',
  },
};

interface Values { code: string; number: string; issueDate: string; amountText: string; attachmentId: number | null }

export function InvoicesPanel({ contractId, onChanged }: { contractId: number; onChanged(): void }) {
  const t = useT(L);
  const [form] = Form.useForm<Values>();
  const [rows, setRows] = useState<Invoice[]>([]);
  const [files, setFiles] = useState<AttachmentInfo[]>([]);
  const [editing, setEditing] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setRows(await call('redemption:invoices', { contractId }));
      setFiles((await call('attachments:list', { contractId })).filter((a) => a.kind === 'invoice'));
    } catch (e) { showError(e); }
  }, [contractId]);
  useEffect(() => { void load(); }, [load]);

  const save = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    const money = parseMoneyText(v.amountText);
    if (!money.ok) { form.setFields([{ name: 'amountText', errors: [money.reason.zh] }]); return; }
    const fields = { code: v.code, number: v.number, issueDate: v.issueDate, amountFen: money.fen, attachmentId: v.attachmentId ?? null };
    try {
      if (editing === null) await call('redemption:invoiceAdd', { contractId, fields });
      else await call('redemption:invoiceUpdate', { id: editing, fields });
      form.resetFields();
      setEditing(null);
      await load();
      onChanged();
    } catch (e) {
      form.setFields(formErrors(e).map((f) => ({ ...f, name: f.name.filter((p) => p !== 'fields') })) as never);
      showError(e);
    }
  };

  const edit = (r: Invoice) => {
    setEditing(r.id);
    form.setFieldsValue({ code: r.code, number: r.number, issueDate: r.issueDate, amountText: (r.amountFen / 100).toFixed(2), attachmentId: r.attachmentId });
  };

  const remove = async (id: number) => {
    try { await call('redemption:invoiceRemove', { id }); await load(); onChanged(); } catch (e) { showError(e); }
  };

  const sum = rows.reduce((s, r) => s + r.amountFen, 0);
  const req = [{ required: true, message: t.required }];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form form={form} layout="inline" onFinish={save} data-testid="invoice-form">
        <Form.Item name="code" rules={req}><Input placeholder={t.code} style={{ width: 140 }} maxLength={20} /></Form.Item>
        <Form.Item name="number" rules={req}><Input placeholder={t.number} style={{ width: 120 }} maxLength={20} /></Form.Item>
        <Form.Item name="issueDate" rules={[...req, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: t.dateFormat }]}>
          <Input placeholder={t.date} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="amountText" rules={req}><Input placeholder={t.amount} style={{ width: 120 }} /></Form.Item>
        <Form.Item name="attachmentId">
          <Select allowClear placeholder={t.attachment} style={{ width: 160 }} options={files.map((f) => ({ value: f.id, label: f.originalName }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="invoice-save">{editing === null ? t.add : t.update}</Button>
        {editing !== null && <Button onClick={() => { setEditing(null); form.resetFields(); }}>{t.cancel}</Button>}
      </Form>
      <Table<Invoice> size="small" rowKey="id" pagination={false} dataSource={rows} data-testid="invoice-table" columns={[
        { title: t.code, dataIndex: 'code' },
        { title: t.number, dataIndex: 'number' },
        { title: t.date, dataIndex: 'issueDate' },
        { title: t.amount, dataIndex: 'amountFen', align: 'right', render: (f: number) => formatYuan(f) },
        { title: t.attachment, dataIndex: 'attachmentId', render: (id: number | null) => files.find((f) => f.id === id)?.originalName ?? '—' },
        {
          title: '', key: 'a', width: 90, render: (_: unknown, r) => (
            <Space>
              <Button size="small" icon={<EditOutlined />} aria-label="edit" onClick={() => edit(r)} />
              <Popconfirm title={t.removeConfirm} onConfirm={() => remove(r.id)}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label="delete" />
              </Popconfirm>
            </Space>
          ),
        },
      ]} />
      <Typography.Text strong data-testid="invoice-total">{fmt(t.total, { sum: formatYuan(sum) })}</Typography.Text>
    </Space>
  );
}
