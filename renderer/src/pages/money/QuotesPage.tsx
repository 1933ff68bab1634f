// 报价单: a quote before the contract or the order, its lines priced from the rate table in force on
// the quote date for the applicant's price group (or at a typed price); a contract of the same
// applicant adopts its total as the contract amount, a Shanghai order as its total (on the order
// page, where this list shows the applicant's quotes). An adopted quote is kept as it was and
// cannot change. Each quote prints as PDF and .xlsx.
import { Button, Drawer, Form, Input, Modal, Select, Space, Table, Tag, type ButtonProps } from 'antd';
import { addDays } from '../../../../shared/rules/civil-date';
import { useCallback, useEffect, useState } from 'react';
import { CHARGE_UNITS } from '../../../../shared/money/rates';
import type { PriceGroup, Quote, RateItem } from '../../../../shared/ipc/money';
import { CHARGE_UNIT_LABELS, parseQuantity, quantityText } from '../../../../shared/money/rates';
import { formatYuan } from '../../../../shared/rules/money';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useToday } from '../../stores/app-info';
import { formErrors, showError } from '../../util/errors';
import { ContractSelect } from '../calendar/ContractSelect';
import { fenOf, fenToText, moneyRule } from '../../util/money-field';
import { clearErrorsOnEdit, DateInput, dateOf, dateRule } from '../../util/fields';
import { ApplicantSelect } from '../../util/pickers';
import { saveDownload } from '../../util/download';
import { useWindowHeight } from '../../util/hooks';
import { USER_CELL, UserText } from '../../util/user-data';
import { requiredOf } from '../../util/number-field';

const L = {
  zh: {
    title: '报价单', add: '新建报价单', edit: '编辑报价单', number: '报价单编号', applicant: '申领单位', applicantSearch: '输入单位名称搜索',
    group: '价格类别', groupAuto: '按申领单位的价格类别', quoteDate: '报价日期', validUntil: '有效期至', subject: '事由', total: '合计',
    contract: '采用的合同/订单', notAdopted: '未采用', adopt: '采用为合同金额', adoptOrder: '采用为订单总额',
    adoptOrderTitle: '以报价单 {n} 的合计 {t} 作为本订单总额', pdf: 'PDF', xlsx: 'Excel', adoptTitle: '以报价单 {n} 的合计 {t} 作为合同金额', adopted: '已被合同 {c} 采用，不能修改',
    lines: '报价明细', addLine: '添加一行', rateItem: '收费项目', free: '（不选则手填单价）', description: '内容', unit: '计量单位', quantity: '数量',
    unitPrice: '单价（元）', remove: '删除', save: '保存 (Ctrl+S)', cancel: '取消', ok: '采用', amount: '金额', quantityBad: '数量须为不超过 3 位小数的非负数',
    required: '必填', empty: '还没有报价单', actions: '操作',
  },
  en: {
    title: 'Quotes', add: 'New quote', edit: 'Edit quote', number: 'Quote no.', applicant: 'Applicant', applicantSearch: 'Search applicant name',
    group: 'Price group', groupAuto: 'The applicant’s price group', quoteDate: 'Quote date', validUntil: 'Valid until', subject: 'Subject', total: 'Total',
    contract: 'Adopted by', notAdopted: 'not adopted', adopt: 'Adopt as contract amount', adoptOrder: 'Adopt as order total',
    adoptOrderTitle: 'Use the total {t} of quote {n} as this order’s total', pdf: 'PDF', xlsx: 'Excel', adoptTitle: 'Use the total {t} of quote {n} as the contract amount', adopted: 'Adopted by contract {c}: it can no longer change',
    lines: 'Lines', addLine: 'Add line', rateItem: 'Rate item', free: '(none: type a unit price)', description: 'Description', unit: 'Unit', quantity: 'Quantity',
    unitPrice: 'Unit price (yuan)', remove: 'Remove', save: 'Save (Ctrl+S)', cancel: 'Cancel', ok: 'Adopt', amount: 'Amount', quantityBad: 'Quantity must be a non-negative number with at most 3 decimals',
    required: 'Required', empty: 'No quotes yet', actions: 'Actions',
  },
};

interface LineForm { rateItemId?: number | null; description?: string; unit?: string; quantity: string; unitPrice?: string | null }
interface QuoteForm {
  number: string; applicantId: number; priceGroupId?: number | null; quoteDate: string; validUntil: string; title?: string; lines: LineForm[];
}

/** The order page's view: the applicant's quotes, new ones for that applicant, adoption as the order's total. */
export interface QuoteOrderOwner { orderId: number; applicantId: number; editable: boolean; onAdopted(): void }

export function QuotesPage({ order }: { order?: QuoteOrderOwner } = {}) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const today = useToday();
  const [rows, setRows] = useState<Quote[]>([]);
  const [groups, setGroups] = useState<PriceGroup[]>([]);
  const [items, setItems] = useState<RateItem[]>([]);
  const [editing, setEditing] = useState<Quote | 'new' | null>(null);
  const [adopting, setAdopting] = useState<Quote | null>(null);
  const [contractId, setContractId] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<QuoteForm>();
  const height = useWindowHeight();

  const forApplicant = order?.applicantId;
  const load = useCallback(() => { call('money:quotes', forApplicant === undefined ? {} : { applicantId: forApplicant }).then(setRows, showError); }, [forApplicant]);
  useEffect(load, [load]);
  useEffect(() => {
    call('money:priceGroups', {}).then(setGroups, showError);
    call('money:rates', {}).then(setItems, showError);
  }, []);

  const labels = {
    number: t.number, applicantId: t.applicant, priceGroupId: t.group, quoteDate: t.quoteDate, validUntil: t.validUntil, title: t.subject,
    lines: t.lines, rateItemId: t.rateItem, description: t.description, unitPriceFen: t.unitPrice, quantityMilli: t.quantity, unit: t.unit,
  };
  const current = editing && editing !== 'new' ? editing : null;
  const readOnly = current?.contractId != null;

  const open = (q: Quote | 'new') => {
    form.resetFields();
    if (q === 'new') {
      form.setFieldsValue({ number: '', applicantId: forApplicant, quoteDate: today, validUntil: addDays(today, 30), title: '', lines: [{ quantity: '1', unit: 'item' }] });
    } else {
      form.setFieldsValue({
        number: q.number, applicantId: q.applicantId, priceGroupId: q.priceGroupId, quoteDate: q.quoteDate, validUntil: q.validUntil, title: q.title,
        lines: q.lines.map((l) => ({ rateItemId: l.rateItemId, description: l.description, unit: l.unit, quantity: quantityText(l.quantityMilli),
          unitPrice: l.rateItemId === null ? fenToText(l.unitPriceFen) : null })),
      });
    }
    setEditing(q);
  };

  const save = async () => {
    let v: QuoteForm;
    try { v = await form.validateFields(); } catch { return; }
    const fields = {
      number: v.number, applicantId: v.applicantId, priceGroupId: v.priceGroupId ?? null, quoteDate: dateOf(v.quoteDate)!,
      validUntil: dateOf(v.validUntil)!, title: v.title ?? '',
      lines: v.lines.map((l) => ({
        rateItemId: l.rateItemId ?? null, description: l.description ?? '', unit: (l.unit ?? 'item') as (typeof CHARGE_UNITS)[number],
        quantityMilli: parseQuantity(l.quantity) ?? 0, unitPriceFen: l.rateItemId ? null : fenOf(l.unitPrice),
      })),
    };
    setSaving(true);
    try {
      await call('money:quoteSave', { id: current?.id ?? null, fields });
      setEditing(null);
      load();
    } catch (e) {
      // Line fields come back as lines.<i>.<field>; the form's names are lines/<i>/<form field>.
      form.setFields(formErrors(e, labels).map((f) => ({
        errors: f.errors,
        name: (f.name[0] === 'lines' && f.name[2] === 'unitPriceFen' ? ['lines', f.name[1], 'unitPrice'] : f.name) as never,
      })));
      showError(e, labels);
    } finally {
      setSaving(false);
    }
  };

  const adopt = async () => {
    if (!adopting || (!order && contractId === null)) return;
    try {
      await call('money:quoteAdopt', order ? { quoteId: adopting.id, orderId: order.orderId } : { quoteId: adopting.id, contractId: contractId! });
      setAdopting(null);
      load();
      order?.onAdopted();
    } catch (e) { showError(e, labels); }
  };

  const columns = [
    // The quote's identity stays on the left and its actions on the right however far the row scrolls.
    { title: t.number, dataIndex: 'number', key: 'number', width: 140, fixed: 'left' as const, ...USER_CELL },
    { title: t.applicant, dataIndex: 'applicantName', key: 'applicant', width: 220, ellipsis: true, ...USER_CELL },
    { title: t.quoteDate, dataIndex: 'quoteDate', key: 'date', width: 110 },
    { title: t.validUntil, dataIndex: 'validUntil', key: 'valid', width: 110 },
    { title: t.subject, dataIndex: 'title', key: 'title', width: 260, ellipsis: true, ...USER_CELL },
    { title: t.total, dataIndex: 'totalFen', key: 'total', width: 130, align: 'right' as const, render: (f: number) => formatYuan(f) },
    {
      title: t.contract, key: 'contract', width: 120,
      render: (_: unknown, q: Quote) => (q.adoptedByNumber !== null ? <Tag color="green"><UserText>{q.adoptedByNumber}</UserText></Tag> : <Tag>{t.notAdopted}</Tag>),
    },
    {
      title: t.actions, key: 'actions', width: 250, fixed: 'right' as const,
      render: (_: unknown, q: Quote) => (
        <Space size={4} onClick={(e) => e.stopPropagation()}>
          <Button size="small" onClick={() => void call('money:quotePdf', { id: q.id }).then(saveDownload, showError)} data-testid="quote-pdf">{t.pdf}</Button>
          <Button size="small" onClick={() => void call('money:quoteXlsx', { id: q.id }).then(saveDownload, showError)} data-testid="quote-xlsx">{t.xlsx}</Button>
          {q.contractId === null && q.orderId === null && (!order || order.editable) && (
            <Button size="small" onClick={() => { setContractId(null); setAdopting(q); }} data-testid="quote-adopt">{order ? t.adoptOrder : t.adopt}</Button>
          )}
        </Space>
      ),
    },
  ];

  const itemOptions = items.map((i) => ({ value: i.id, label: `${i.instrumentInnerId ? `${i.instrumentInnerId} ` : ''}${i.name}（${CHARGE_UNIT_LABELS[i.unit][locale]}）` }));
  const req = (label: string) => [requiredOf(label)];
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => open('new')} data-testid="quote-new">{t.add}</Button>
      </Space>
      {/* Virtual like the other lists: the horizontal scrollbar is drawn all the time (desk.css). */}
      <Table rowKey="id" size="small" columns={columns} dataSource={rows} virtual sticky scroll={{ x: 1240, y: Math.max(300, height - 220) }} pagination={false}
        locale={{ emptyText: t.empty }} data-testid="quote-table"
        onRow={(q) => ({ onClick: () => open(q), onKeyDown: (e) => { if (e.key === 'Enter' && e.target === e.currentTarget) open(q); }, tabIndex: 0, style: { cursor: 'pointer' } })} />

      <Drawer open={editing !== null} width={760} title={current ? <>{t.edit} <UserText>{current.number}</UserText></> : t.add} onClose={() => setEditing(null)} destroyOnHidden
        extra={<Space><Button onClick={() => setEditing(null)}>{t.cancel}</Button>
          {!readOnly && <Button type="primary" loading={saving} onClick={() => void save()} data-testid="quote-save">{t.save}</Button>}</Space>}>
        {readOnly && <Tag color="green" style={{ marginBottom: 12 }}>{fmt(t.adopted, { c: `#${current!.contractId}` })}</Tag>}
        <Form form={form} layout="vertical" disabled={readOnly} onValuesChange={clearErrorsOnEdit(form)}
          onKeyDown={(e) => { if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); void save(); } }}>
          <Space.Compact block style={{ gap: 12 }}>
            <Form.Item name="number" label={t.number} rules={req(t.number)} style={{ flex: 1 }}><Input maxLength={64} data-testid="quote-number" /></Form.Item>
            <Form.Item name="applicantId" label={t.applicant} rules={req(t.applicant)} style={{ flex: 2 }}>
              <ApplicantSelect placeholder={t.applicantSearch} data-testid="quote-applicant" disabled={order !== undefined} />
            </Form.Item>
          </Space.Compact>
          <Space.Compact block style={{ gap: 12 }}>
            <Form.Item name="priceGroupId" label={t.group} style={{ flex: 1 }}>
              <Select allowClear placeholder={t.groupAuto} options={groups.map((g) => ({ value: g.id, label: locale === 'en' && g.nameEn ? g.nameEn : g.name }))} />
            </Form.Item>
            <Form.Item name="quoteDate" label={t.quoteDate} rules={[dateRule('quoteDate', labels)]} style={{ flex: 1 }}><DateInput /></Form.Item>
            <Form.Item name="validUntil" label={t.validUntil} rules={[dateRule('validUntil', labels)]} style={{ flex: 1 }}><DateInput /></Form.Item>
          </Space.Compact>
          <Form.Item name="title" label={t.subject}><Input maxLength={200} /></Form.Item>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                <div style={{ fontWeight: 600, marginBottom: 8 }}>{t.lines}</div>
                {fields.map((f) => (
                  <Space key={f.key} align="start" style={{ display: 'flex' }} data-testid="quote-line">
                    <Form.Item name={[f.name, 'rateItemId']} label={f.name === 0 ? t.rateItem : undefined} style={{ width: 220 }}>
                      <Select allowClear showSearch optionFilterProp="label" placeholder={t.free} options={itemOptions} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'description']} label={f.name === 0 ? t.description : undefined} style={{ width: 170 }}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'unit']} label={f.name === 0 ? t.unit : undefined} style={{ width: 90 }}>
                      <Select options={CHARGE_UNITS.map((u) => ({ value: u, label: CHARGE_UNIT_LABELS[u][locale] }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantity']} label={f.name === 0 ? t.quantity : undefined} style={{ width: 90 }}
                      rules={[...req(t.quantity), { validator: (_r, v: string) => (v === undefined || v === '' || parseQuantity(v) !== null ? Promise.resolve() : Promise.reject(new Error(t.quantityBad))) }]}>
                      <Input inputMode="decimal" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'unitPrice']} label={f.name === 0 ? t.unitPrice : undefined} style={{ width: 110 }} rules={[moneyRule({ label: t.unitPrice })]}>
                      <Input inputMode="decimal" />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)} disabled={fields.length === 1} style={{ marginTop: f.name === 0 ? 30 : 0 }}>{t.remove}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ quantity: '1', unit: 'item' })}>{t.addLine}</Button>
              </>
            )}
          </Form.List>
        </Form>
        {current && (
          <Table rowKey="id" size="small" style={{ marginTop: 16 }} pagination={false} dataSource={current.lines} columns={[
            { title: t.description, dataIndex: 'description', key: 'd', ...USER_CELL },
            { title: t.quantity, key: 'q', width: 100, render: (_: unknown, l) => `${quantityText(l.quantityMilli)} ${CHARGE_UNIT_LABELS[l.unit][locale]}` },
            { title: t.unitPrice, key: 'p', width: 110, align: 'right' as const, render: (_: unknown, l) => formatYuan(l.unitPriceFen) },
            { title: t.amount, key: 'a', width: 120, align: 'right' as const, render: (_: unknown, l) => formatYuan(l.amountFen) },
          ]} summary={() => (
            <Table.Summary.Row><Table.Summary.Cell index={0} colSpan={3}>{t.total}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{formatYuan(current.totalFen)}</Table.Summary.Cell></Table.Summary.Row>
          )} />
        )}
      </Drawer>

      <Modal open={adopting !== null} title={adopting ? withNumber(fmt(order ? t.adoptOrderTitle : t.adoptTitle, { t: formatYuan(adopting.totalFen) }), adopting.number) : ''}
        okText={t.ok} cancelText={t.cancel} onOk={() => void adopt()} onCancel={() => setAdopting(null)}
        okButtonProps={{ disabled: !order && contractId === null, 'data-testid': 'quote-adopt-ok' } as ButtonProps} destroyOnHidden>
        {!order && <ContractSelect value={contractId} onChange={setContractId} />}
      </Modal>
    </div>
  );
}

/** A sentence with the quote's number in it, the number marked as the user's. */
function withNumber(sentence: string, number: string) {
  const [before, after = ''] = sentence.split('{n}');
  return <>{before}<UserText>{number}</UserText>{after}</>;
}
