// The charges of one contract or order (from its usage records, manual lines, adjustments), the
// settled amount against them (a contract's 实际发生金额, an order's total), the statement
// (PDF/xlsx) and the payments received.
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  ADJUSTMENT_CATEGORIES, CHARGE_CATEGORY_LABELS, MANUAL_CATEGORIES, type ChargeLine, type ContractCharges, type OwnerRef, type Payment, type RateItem,
} from '../../../../shared/ipc/money';
import { CHARGE_UNIT_LABELS, CHARGE_UNITS, parseQuantity, quantityText, type ChargeUnit } from '../../../../shared/money/rates';
import { formatYuan } from '../../../../shared/rules/money';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { USER_CELL, UserText } from '../../util/user-data';
import { saveDownload } from '../../util/download';
import { useToday } from '../../stores/app-info';
import { showError } from '../../util/errors';
import { fenOf, moneyRule } from '../../util/money-field';
import { clearErrorsOnEdit, DateInput, dateOf, dateRule, markRefusal } from '../../util/fields';
import { NumberInput, numberRule, requiredRule, type NumberSpec } from '../../util/number-field';

/** Service fields of the dialogs by the dialog's field names. */
const DIALOG_FIELDS: Record<string, string> = {
  serviceDate: 'date', paidOn: 'date', amountFen: 'amount', unitPriceFen: 'unitPrice', quantityMilli: 'quantity', receiptNumber: 'receipt',
};

export const L = {
  zh: {
    contract: '合同', pick: '搜索合同编号或申领单位', owner: '合同 / 订单', pickOwner: '输入合同或订单编号、申领单位搜索', refresh: '从使用记录计算', refreshed: '新增 {c}，更新 {u}，移除 {r}，未变 {n}', manual: '添加费用', adjust: '调整',
    adopt: '采用费用合计为实际发生金额', confirm: '说明差额', issue: '出具结算单', voidS: '作废结算单', pdf: '打印结算单（PDF）', xlsx: '导出结算单（xlsx）',
    total: '费用合计', actual: '实际发生金额', diff: '差额（实际 − 费用）', cap: '创新券上限（50%）', voucher: '创新券支付', own: '申领单位自付', paid: '已到账',
    group: '价格类别', yuanAmount: '{a} 元', notSet: '未填写', confirmed: '已说明：{r}', unconfirmed: '差额未说明', date: '日期', instrument: '仪器', item: '项目', qty: '数量', price: '单价', amount: '金额',
    kind: '类别', reason: '原因', remove: '删除', payments: '到账记录', addPayment: '登记到账', receipt: '银行回单号', paidOn: '到账日期', payer: '付款人',
    unpriced: '{n} 条使用记录未计价', pending: '待计算', noRateItem: '仪器没有按使用记录计费的项目', noRateOnDate: '使用当天没有生效价格', noPriceForGroup: '没有该价格类别的单价', billedElsewhere: '已在其他合同的结算单上',
    statement: '结算单 {n}（{d}）', draft: '未出具结算单', batch: '年度结算批量', year: '年度', start: '开始', cancel: '取消', download: '下载', ok: '确定',
    category: '类别', description: '内容', rateItem: '收费项目（可选）', unitPrice: '单价（元，未选收费项目时）', quantity: '数量', amountYuan: '金额（元，负数为减少）', locked: '结算单已出具，费用已锁定',
    orderActual: '订单总额', orderAdopt: '采用费用合计为订单总额', orderOwn: '企业（团队）自付', due: '应付服务机构（创新券兑付给企业）', orderLocked: '订单已过已接单，订单总额不再从费用改写；差额请说明原因',
    unit: '单位（未选收费项目时）', removeLine: '删除费用行', removePayment: '删除到账记录',
  },
  en: {
    contract: 'Contract', pick: 'Search contract number or applicant', owner: 'Contract / order', pickOwner: 'Search contract or order number, applicant', refresh: 'Compute from usage', refreshed: '{c} new, {u} updated, {r} removed, {n} unchanged', manual: 'Add charge', adjust: 'Adjust',
    adopt: 'Adopt the total as the actual amount', confirm: 'Explain the difference', issue: 'Issue statement', voidS: 'Void statement', pdf: 'Print statement (PDF)', xlsx: 'Export statement (xlsx)',
    total: 'Charges', actual: 'Actual amount', diff: 'Difference (actual − charges)', cap: 'Voucher cap (50%)', voucher: 'Voucher part', own: 'Own payment', paid: 'Received',
    group: 'Price group', yuanAmount: '¥{a}', notSet: 'not set', confirmed: 'Explained: {r}', unconfirmed: 'Difference not explained', date: 'Date', instrument: 'Instrument', item: 'Item', qty: 'Qty', price: 'Unit price', amount: 'Amount',
    kind: 'Kind', reason: 'Reason', remove: 'Remove', payments: 'Payments received', addPayment: 'Record payment', receipt: 'Bank receipt no.', paidOn: 'Paid on', payer: 'Payer',
    unpriced: '{n} usage records not priced', pending: 'to compute', noRateItem: 'the instrument has no usage rate', noRateOnDate: 'no rate in force that day', noPriceForGroup: 'no price for the price group', billedElsewhere: 'on another contract’s statement',
    statement: 'Statement {n} ({d})', draft: 'No statement issued', batch: 'Year’s statements', year: 'Year', start: 'Start', cancel: 'Cancel', download: 'Download', ok: 'OK',
    category: 'Category', description: 'Description', rateItem: 'Rate item (optional)', unitPrice: 'Unit price (yuan, without a rate item)', quantity: 'Quantity', amountYuan: 'Amount (yuan, negative lowers)', locked: 'Statement issued: charges are locked',
    orderActual: 'Order total', orderAdopt: 'Adopt the charges as the order total', orderOwn: 'Own payment (enterprise / team)', due: 'Due to the institution (voucher paid to the enterprise)', orderLocked: 'The order is past accepted: its total is no longer set from the charges; explain any difference',
    unit: 'Unit (without a rate item)', removeLine: 'Remove charge line', removePayment: 'Remove payment',
  },
};

/** A manual line's quantity: what money:addManual accepts (quantityMilli 1–1,000,000,000), to the thousandth. */
const QUANTITY: NumberSpec = { min: 0.001, max: 1_000_000, decimals: 3, required: true };

/** removeLine / removePayment act on `target` (the line's or the payment's id), with a reason. */
type Dialog = 'manual' | 'adjust' | 'confirm' | 'payment' | 'void' | 'removeLine' | 'removePayment' | null;

export function ChargesPanel({ owner, onChanged }: { owner: OwnerRef; onChanged?(): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const today = useToday();
  // The owner by its ids, so a parent's new object for the same contract or order loads nothing again.
  const { contractId, orderId } = owner;
  const ref = useCallback((): OwnerRef => (contractId !== undefined ? { contractId } : { orderId: orderId! }), [contractId, orderId]);
  const [data, setData] = useState<ContractCharges | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [target, setTarget] = useState<number | null>(null);
  const [items, setItems] = useState<RateItem[]>([]);
  const [form] = Form.useForm();

  const load = useCallback(() => { call('money:charges', ref()).then(setData, showError); }, [ref]);
  useEffect(load, [load]);
  useEffect(() => { call('money:rates', {}).then(setItems, showError); }, []);

  const act = async (fn: () => Promise<unknown>) => {
    try { await fn(); load(); onChanged?.(); } catch (e) { showError(e); }
  };
  const refresh = () => act(async () => {
    const r = await call('money:refresh', ref());
    void message.success(fmt(t.refreshed, { c: r.created, u: r.updated, r: r.removed, n: r.unchanged }));
  });

  const submitDialog = async () => {
    const f = await form.validateFields();
    const o = ref();
    const date = dateOf(f.date as string | undefined) ?? today;
    try {
      if (dialog === 'manual') {
        await call('money:addManual', {
          ...o, category: f.category, serviceDate: date, description: f.description, rateItemId: f.rateItemId ?? null,
          quantityMilli: parseQuantity((f.quantity as number).toFixed(3)) ?? 0, unitPriceFen: f.rateItemId ? null : fenOf(f.unitPrice as string | undefined),
          unit: (f.unit as ChargeUnit | undefined) ?? 'item',
        });
      } else if (dialog === 'adjust') {
        await call('money:addAdjustment', { ...o, category: f.category, serviceDate: date, amountFen: fenOf(f.amount as string, { allowNegative: true }) ?? 0, reason: f.reason });
      } else if (dialog === 'confirm') {
        await call('money:confirmDifference', { ...o, reason: f.reason });
      } else if (dialog === 'payment') {
        await call('money:paymentAdd', { ...o, receiptNumber: f.receipt, paidOn: date, amountFen: fenOf(f.amount as string) ?? 0, payer: f.payer ?? '' });
      } else if (dialog === 'void') {
        await call('money:statementVoid', { ...o, reason: f.reason });
      } else if (dialog === 'removeLine' && target !== null) {
        await call('money:removeLine', { id: target, reason: f.reason });
      } else if (dialog === 'removePayment' && target !== null) {
        await call('money:paymentRemove', { id: target, reason: f.reason });
      }
      setDialog(null);
      load();
      onChanged?.();
    } catch (e) {
      // The dialog stays open with the input; the refused fields are marked.
      const labels = { date: dialog === 'payment' ? t.paidOn : t.date, description: t.description, quantity: t.quantity, unitPrice: t.unitPrice, amount: dialog === 'adjust' ? t.amountYuan : t.amount, receipt: t.receipt, payer: t.payer, reason: t.reason };
      if (!markRefusal(form, e, labels, DIALOG_FIELDS)) showError(e, labels);
    }
  };
  const open = (d: Dialog, id: number | null = null) => {
    form.resetFields();
    form.setFieldsValue({ date: today, category: d === 'adjust' ? 'discount' : 'consumable', quantity: 1, unit: 'item' });
    setTarget(id);
    setDialog(d);
  };

  const yuan = (fen: number | null) => (fen === null ? t.notSet : fmt(t.yuanAmount, { a: formatYuan(fen) }));
  const locked = data?.statement != null;
  const isOrder = owner.orderId !== undefined;
  const label = (c: keyof typeof CHARGE_CATEGORY_LABELS) => CHARGE_CATEGORY_LABELS[c][locale];

  if (!data) return null;
  return (
    <div data-testid="charges-panel">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={4} bordered>
          <Descriptions.Item label={t.total}><span data-testid="charges-total">{yuan(data.totalFen)}</span></Descriptions.Item>
          <Descriptions.Item label={isOrder ? t.orderActual : t.actual}><span data-testid="charges-actual">{yuan(data.actualAmountFen)}</span></Descriptions.Item>
          <Descriptions.Item label={t.diff}>
            {data.differenceFen === null || data.differenceFen === 0 ? yuan(data.differenceFen ?? 0)
              : <Space>{yuan(data.differenceFen)}{data.differenceConfirmed ? <Tag color="green">{fmt(t.confirmed, { r: data.differenceConfirmed.reason })}</Tag> : <Tag color="red">{t.unconfirmed}</Tag>}</Space>}
          </Descriptions.Item>
          <Descriptions.Item label={t.group}>{locale === 'en' && data.priceGroup.nameEn ? data.priceGroup.nameEn : data.priceGroup.name}</Descriptions.Item>
          <Descriptions.Item label={t.voucher}>{yuan(data.voucherFen)}</Descriptions.Item>
          <Descriptions.Item label={t.cap}>{yuan(data.maxVoucherFen)}</Descriptions.Item>
          <Descriptions.Item label={isOrder ? t.orderOwn : t.own}>{yuan(data.ownPartFen)}</Descriptions.Item>
              {data.payoutParty === 'enterprise' && <Descriptions.Item label={t.due}><span data-testid="charges-due">{yuan(data.dueFromApplicantFen)}</span></Descriptions.Item>}
          <Descriptions.Item label={t.paid}><span data-testid="charges-paid">{yuan(data.paidFen)}</span></Descriptions.Item>
        </Descriptions>
        {data.unpriced.length > 0 && (
          <Alert style={{ marginTop: 8 }} type="warning" showIcon message={fmt(t.unpriced, { n: data.unpriced.length })}
            description={data.unpriced.slice(0, 5).map((u) => `${u.startAt.replace('T', ' ')} ${u.instrumentName}：${t[u.reason.slice(7) as 'pending']}`).join('；')} />
        )}
        {!data.amountEditable && !locked && data.differenceFen !== 0 && <Alert style={{ marginTop: 8 }} type="info" showIcon message={t.orderLocked} data-testid="charges-order-locked" />}
            {locked && <Alert style={{ marginTop: 8 }} type="info" showIcon message={`${fmt(t.statement, { n: data.statement!.number, d: data.statement!.issuedOn })} · ${t.locked}`} />}
        <Space wrap style={{ marginTop: 8 }}>
          <Button type="primary" disabled={locked} onClick={() => void refresh()} data-testid="charges-refresh">{t.refresh}</Button>
          <Button disabled={locked} onClick={() => open('manual')}>{t.manual}</Button>
          <Button disabled={locked} onClick={() => open('adjust')} data-testid="charges-adjust">{t.adjust}</Button>
          <Button disabled={locked || data.differenceFen === 0 || !data.amountEditable} onClick={() => void act(() => call('money:adoptActual', ref()))} data-testid="charges-adopt">{isOrder ? t.orderAdopt : t.adopt}</Button>
          <Button disabled={locked || !data.differenceFen} onClick={() => open('confirm')} data-testid="charges-confirm">{t.confirm}</Button>
          {locked
            ? <Button danger onClick={() => open('void')}>{t.voidS}</Button>
            : <Button onClick={() => void act(() => call('money:statementIssue', ref()))} data-testid="charges-issue">{t.issue}</Button>}
          <Button onClick={() => void call('money:statementPdf', ref()).then(saveDownload, showError)} data-testid="charges-pdf">{t.pdf}</Button>
          <Button onClick={() => void call('money:statementXlsx', ref()).then(saveDownload, showError)}>{t.xlsx}</Button>
        </Space>
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Table<ChargeLine> size="small" rowKey="id" dataSource={data.lines} pagination={false} scroll={{ y: 360 }} virtual data-testid="charges-lines"
          columns={[
            { title: t.date, dataIndex: 'serviceDate', width: 100 },
            { title: t.kind, dataIndex: 'category', width: 90, render: (c: ChargeLine['category']) => label(c) },
            { title: t.item, key: 'item', render: (_, l) => <UserText>{l.kind === 'adjustment' ? l.reason : l.description}</UserText> },
            { title: t.qty, key: 'q', width: 90, align: 'right', render: (_, l) => (l.quantityMilli === null ? '' : `${quantityText(l.quantityMilli)} ${l.unit ? CHARGE_UNIT_LABELS[l.unit][locale] : ''}`) },
            { title: t.price, dataIndex: 'unitPriceFen', width: 100, align: 'right', render: (f: number | null) => (f === null ? '' : formatYuan(f)) },
            { title: t.amount, dataIndex: 'amountFen', width: 110, align: 'right', render: (f: number) => formatYuan(f) },
            { title: '', key: 'x', width: 70, render: (_, l) => (l.kind === 'usage' || locked ? null : (
              <Button size="small" onClick={() => open('removeLine', l.id)} data-testid="charge-remove">{t.remove}</Button>)) },
          ]} />
      </Card>
      <Card size="small" title={t.payments} extra={<Button onClick={() => open('payment')} data-testid="payment-add">{t.addPayment}</Button>}>
        <Table<Payment> size="small" rowKey="id" dataSource={data.payments} pagination={false}
          columns={[
            { title: t.receipt, dataIndex: 'receiptNumber', ...USER_CELL }, { title: t.paidOn, dataIndex: 'paidOn', width: 110 },
            { title: t.amount, dataIndex: 'amountFen', width: 120, align: 'right', render: (f: number) => formatYuan(f) }, { title: t.payer, dataIndex: 'payer', ...USER_CELL },
            { title: '', key: 'x', width: 70, render: (_, p) => <Button size="small" onClick={() => open('removePayment', p.id)} data-testid="payment-remove">{t.remove}</Button> },
          ]} />
      </Card>
      <Modal open={dialog !== null} okText={t.ok} cancelText={t.cancel} onOk={() => void submitDialog()} onCancel={() => setDialog(null)} destroyOnHidden
        title={dialog === 'manual' ? t.manual : dialog === 'adjust' ? t.adjust : dialog === 'payment' ? t.addPayment : dialog === 'void' ? t.voidS
          : dialog === 'removeLine' ? t.removeLine : dialog === 'removePayment' ? t.removePayment : t.confirm}>
        <Form form={form} layout="vertical" onValuesChange={clearErrorsOnEdit(form)}>
          {(dialog === 'manual' || dialog === 'adjust' || dialog === 'payment') && <Form.Item name="date" label={dialog === 'payment' ? t.paidOn : t.date} rules={[dateRule('date', { date: dialog === 'payment' ? t.paidOn : t.date })]}><DateInput /></Form.Item>}
          {dialog === 'manual' && (
            <>
              <Form.Item name="category" label={t.category}><Select options={MANUAL_CATEGORIES.map((c) => ({ value: c, label: label(c) }))} /></Form.Item>
              <Form.Item name="description" label={t.description} rules={[requiredRule('description', { description: t.description })]}><Input /></Form.Item>
              <Form.Item name="rateItemId" label={t.rateItem}><Select allowClear options={items.filter((i) => !i.billsUsage).map((i) => ({ value: i.id, label: `${i.instrumentName ?? ''} ${i.name}` }))} /></Form.Item>
              <Form.Item name="quantity" label={t.quantity} rules={[numberRule(QUANTITY, 'quantity', { quantity: t.quantity })]}><NumberInput data-testid="charge-quantity" /></Form.Item>
              <Form.Item name="unitPrice" label={t.unitPrice} rules={[moneyRule({ label: t.unitPrice })]}><Input /></Form.Item>
              <Form.Item name="unit" label={t.unit}><Select data-testid="charge-unit" options={CHARGE_UNITS.map((u) => ({ value: u, label: CHARGE_UNIT_LABELS[u][locale] }))} /></Form.Item>
            </>
          )}
          {dialog === 'adjust' && (
            <>
              <Form.Item name="category" label={t.category}><Select options={ADJUSTMENT_CATEGORIES.map((c) => ({ value: c, label: label(c) }))} /></Form.Item>
              <Form.Item name="amount" label={t.amountYuan} rules={[moneyRule({ required: true, allowNegative: true, label: t.amountYuan })]}><Input data-testid="adjust-amount" /></Form.Item>
            </>
          )}
          {dialog === 'payment' && (
            <>
              <Form.Item name="receipt" label={t.receipt} rules={[requiredRule('receipt', { receipt: t.receipt })]}><Input data-testid="payment-receipt" /></Form.Item>
              <Form.Item name="amount" label={t.amount} rules={[moneyRule({ required: true, label: t.amount })]}><Input data-testid="payment-amount" /></Form.Item>
              <Form.Item name="payer" label={t.payer}><Input /></Form.Item>
            </>
          )}
          {(dialog === 'adjust' || dialog === 'confirm' || dialog === 'void' || dialog === 'removeLine' || dialog === 'removePayment') && <Form.Item name="reason" label={t.reason} rules={[requiredRule('reason', { reason: t.reason })]}><Input.TextArea rows={2} data-testid="dialog-reason" /></Form.Item>}
        </Form>
      </Modal>
    </div>
  );
}
