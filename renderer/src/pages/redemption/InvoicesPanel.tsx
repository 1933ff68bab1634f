// Invoices of the contract (code, number, date, amount, optional attachment): add, edit, remove.
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AttachmentInfo, Invoice } from '../../../../shared/ipc/redemption';
import { formatYuan, parseMoneyText } from '../../../../shared/rules/money';
import { ApiError, call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { errorText, showError } from '../../util/errors';
import { clearErrorsOnEdit, DateInput, dateOf, dateRule, markRefusal } from '../../util/fields';
import { requiredOf } from '../../util/number-field';

const L = {
  zh: {
    code: '发票代码', number: '发票号码', date: '开票日期', amount: '金额（元）', attachment: '发票附件', add: '添加发票 (Enter)',
    update: '保存修改 (Enter)', cancel: '取消', removeConfirm: '确定删除此发票？', total: '合计 {sum} 元', required: '必填',
    codeHint: '发票代码（数电发票不填）', confirmOver: '发票合计将超过合同实际金额', confirmOk: '仍然保存', amountLabel: '发票金额',
  },
  en: {
    code: 'Code', number: 'Number', date: 'Issue date', amount: 'Amount (CNY)', attachment: 'Invoice file', add: 'Add invoice (Enter)',
    update: 'Save (Enter)', cancel: 'Cancel', removeConfirm: 'Delete this invoice?', total: 'Total {sum} CNY', required: 'Required',
    codeHint: 'Code (none on a digital invoice)', confirmOver: 'The invoices would total more than the actual amount', confirmOk: 'Save anyway', amountLabel: 'Invoice amount',
  },
};

interface Values { code: string; number: string; issueDate: string; amountText: string; attachmentId: number | null }

export function InvoicesPanel({ contractId, onChanged }: { contractId: number; onChanged(): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
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

  const labels = { code: t.code, number: t.number, issueDate: t.date, amountFen: t.amountLabel, amountText: t.amountLabel, attachmentId: t.attachment };
  const save = async (confirmOverActual = false) => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    const money = parseMoneyText(v.amountText);
    if (!money.ok) { form.setFields([{ name: 'amountText', errors: [money.reason[locale]] }]); return; }
    const fields = { code: v.code ?? '', number: v.number, issueDate: dateOf(v.issueDate) ?? v.issueDate, amountFen: money.fen, attachmentId: v.attachmentId ?? null, confirmOverActual };
    try {
      if (editing === null) await call('redemption:invoiceAdd', { contractId, fields });
      else await call('redemption:invoiceUpdate', { id: editing, fields });
      form.resetFields();
      setEditing(null);
      await load();
      onChanged();
    } catch (e) {
      // Above the contract's actual amount: saved only when the user confirms it.
      if (e instanceof ApiError && e.error.reason === 'invoice.overActual' && !confirmOverActual) {
        Modal.confirm({ title: t.confirmOver, content: errorText(e, labels), okText: t.confirmOk, onOk: () => save(true) });
        return;
      }
      if (!markRefusal(form, e, labels, { amountFen: 'amountText' })) showError(e, labels);
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
  const req = (label: string) => [requiredOf(label)];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form form={form} layout="inline" onFinish={() => save()} data-testid="invoice-form" onValuesChange={clearErrorsOnEdit(form)}>
        <Form.Item name="code"><Input placeholder={t.codeHint} style={{ width: 190 }} maxLength={40} data-testid="invoice-code" /></Form.Item>
        <Form.Item name="number" rules={req(t.number)}><Input placeholder={t.number} style={{ width: 200 }} maxLength={40} data-testid="invoice-number" /></Form.Item>
        <Form.Item name="issueDate" rules={[dateRule('issueDate', labels)]}>
          <DateInput placeholder={t.date} style={{ width: 160 }} data-testid="invoice-date" />
        </Form.Item>
        <Form.Item name="amountText" rules={req(t.amount)}><Input placeholder={t.amount} style={{ width: 120 }} /></Form.Item>
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
