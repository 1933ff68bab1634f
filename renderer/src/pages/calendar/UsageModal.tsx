// Log or edit one actual-use (service) record; prefilled from a booking or blank for free-standing use.
import { Alert, Button, Col, Form, Input, Modal, Popconfirm, Rate, Row, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import type { InstrumentRow } from '../../../../shared/catalog/instrument';
import { DIRECTIONS, SERVICE_WAYS, type UsageFields } from '../../../../shared/ipc/bookings';
import { parseMoneyText } from '../../../../shared/rules/money';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { vocabularyOptions } from '../../../../shared/vocabulary-labels';
import { errorText, showError } from '../../util/errors';
import { clearErrorsOnEdit, DateTimeInput, dateTimeOf, dateTimeRule, markRefusal } from '../../util/fields';
import { moneyRule } from '../vouchers/dealLabels';
import { ContractSelect, OrderSelect } from './ContractSelect';
import { InstrumentSelect } from '../../util/pickers';
import { requiredOf } from '../../util/number-field';

const L = {
  zh: {
    titleNew: '登记实际使用', titleEdit: '编辑使用记录', instrument: '仪器', start: '开始', end: '结束', operator: '操作人员',
    external: '对外服务', serviceWay: '服务方式', direction: '服务方向', content: '服务内容', amount: '服务金额（元）',
    userName: '使用人', userUnit: '使用单位', satisfaction: '用户满意度', contract: '合同', order: '订单', contractSearch: '输入合同编号或单位名称搜索', save: '保存 (Ctrl+S)', cancel: '取消',
    del: '删除', delConfirm: '确定删除此使用记录？', required: '必填',
  },
  en: {
    titleNew: 'Log actual use', titleEdit: 'Edit usage record', instrument: 'Instrument', start: 'Start', end: 'End', operator: 'Operator',
    external: 'External service', serviceWay: 'Service way', direction: 'Direction', content: 'Service content', amount: 'Amount (CNY)',
    userName: 'User', userUnit: 'User unit', satisfaction: 'Satisfaction', contract: 'Contract', order: 'Order', contractSearch: 'Search contract number or applicant', save: 'Save (Ctrl+S)', cancel: 'Cancel',
    del: 'Delete', delConfirm: 'Delete this usage record?', required: 'Required',
  },
};

/** Start and end as typed ('YYYY-MM-DD HH:mm'), read by the shared strict parser; never moved to another time. */
type Values = Omit<UsageFields, 'startAt' | 'endAt' | 'amountFen'> & { start: string; end: string; amountText: string };

/** 'YYYY-MM-DDTHH:mm' (the record's time) ↔ 'YYYY-MM-DD HH:mm' (the field's text). */
const shown = (slot: string) => slot.replace('T', ' ');
const slotOf = (text: string) => (dateTimeOf(text) ?? text).replace(' ', 'T');

export function UsageModal({ initial, id, instruments, onClose }: {
  initial: UsageFields & { contractNumber?: string | null; orderNumber?: string | null };
  /** The record being edited, or null for a new one. */
  id: number | null;
  instruments: InstrumentRow[];
  onClose(changed: boolean): void;
}) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const labels = { instrumentId: t.instrument, start: t.start, end: t.end, startAt: t.start, endAt: t.end, operator: t.operator, serviceWay: t.serviceWay,
    direction: t.direction, content: t.content, amountText: t.amount, amountFen: t.amount, userName: t.userName, userUnit: t.userUnit,
    satisfaction: t.satisfaction, contractId: t.contract, orderId: t.order };
  const known = initial.contractId ? { value: initial.contractId, label: initial.contractNumber ?? String(initial.contractId) } : null;
  // A record of a Shanghai order names its order where a Beijing record names its contract.
  const knownOrder = initial.orderId ? { value: initial.orderId, label: initial.orderNumber ?? String(initial.orderId) } : null;

  const save = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    const money = v.amountText ? parseMoneyText(v.amountText) : { ok: true as const, fen: 0 };
    if (!money.ok) return;
    const { start, end, amountText: _a, ...rest } = v;
    const fields: UsageFields = {
      ...initial, ...rest, startAt: slotOf(start), endAt: slotOf(end), amountFen: money.fen,
      satisfaction: rest.satisfaction ? rest.satisfaction : null, contractId: knownOrder ? null : rest.contractId ?? null,
      orderId: knownOrder ? rest.orderId ?? null : null,
    };
    setSaving(true);
    setError(null);
    try {
      if (id === null) await call('usage:create', fields);
      else await call('usage:update', { id, fields });
      onClose(true);
    } catch (e) {
      // The dialog stays open with the input: the refused fields are marked, the headline above.
      markRefusal(form, e, labels, { startAt: 'start', endAt: 'end', amountFen: 'amountText' });
      setError(errorText(e, labels));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (id === null) return;
    try {
      await call('usage:delete', { id });
      onClose(true);
    } catch (e) {
      showError(e);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); void save(); }
  };

  const req = (label: string) => [requiredOf(label)];
  return (
    <Modal open width={680} title={id === null ? t.titleNew : t.titleEdit} onCancel={() => onClose(false)} destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{id !== null && (
            <Popconfirm title={t.delConfirm} onConfirm={remove} okButtonProps={{ danger: true }}><Button danger>{t.del}</Button></Popconfirm>
          )}</span>
          <Space>
            <Button onClick={() => onClose(false)}>{t.cancel}</Button>
            <Button type="primary" loading={saving} onClick={save} data-testid="usage-save">{t.save}</Button>
          </Space>
        </Space>
      }>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="usage-error" />}
      <Form form={form} layout="vertical" onKeyDown={onKeyDown} onValuesChange={clearErrorsOnEdit(form)} initialValues={{
        ...initial, start: shown(initial.startAt), end: shown(initial.endAt), amountText: initial.amountFen ? (initial.amountFen / 100).toFixed(2) : '',
      }}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="instrumentId" label={t.instrument} rules={req(t.instrument)}>
              <InstrumentSelect known={instruments} disabled={initial.bookingId !== null} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {knownOrder
              ? <Form.Item name="orderId" label={t.order}><OrderSelect known={knownOrder} /></Form.Item>
              : <Form.Item name="contractId" label={t.contract}><ContractSelect placeholder={t.contractSearch} known={known} /></Form.Item>}
          </Col>
          <Col span={12}>
            <Form.Item name="start" label={t.start} rules={[dateTimeRule('start', labels)]}>
              <DateTimeInput data-testid="usage-start" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="end" label={t.end} rules={[dateTimeRule('end', labels)]}>
              <DateTimeInput data-testid="usage-end" />
            </Form.Item>
          </Col>
          <Col span={8}><Form.Item name="external" label={t.external} valuePropName="checked"><Switch /></Form.Item></Col>
          <Col span={8}><Form.Item name="serviceWay" label={t.serviceWay}><Select options={vocabularyOptions(SERVICE_WAYS, locale)} /></Form.Item></Col>
          <Col span={8}><Form.Item name="direction" label={t.direction}><Select options={vocabularyOptions(DIRECTIONS, locale)} /></Form.Item></Col>
          <Col span={24}><Form.Item name="content" label={t.content}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} /></Form.Item></Col>
          <Col span={8}><Form.Item name="operator" label={t.operator}><Input maxLength={100} /></Form.Item></Col>
          <Col span={8}><Form.Item name="userName" label={t.userName}><Input maxLength={100} /></Form.Item></Col>
          <Col span={8}><Form.Item name="userUnit" label={t.userUnit}><Input maxLength={200} /></Form.Item></Col>
          <Col span={12}><Form.Item name="amountText" label={t.amount} rules={[moneyRule(false, t.required)]}><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="satisfaction" label={t.satisfaction}><Rate allowClear /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}
