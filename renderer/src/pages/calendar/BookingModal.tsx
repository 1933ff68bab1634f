// Create or edit one booking (optionally a weekly series); from here an edited booking is deleted
// or its actual use logged.
import { Alert, Button, Checkbox, Col, Form, Input, Modal, Popconfirm, Radio, Row, Space } from 'antd';
import { useState } from 'react';
import type { InstrumentRow } from '../../../../shared/catalog/instrument';
import { BOOKING_KINDS, BOOKING_KIND_LABELS, seriesInputSchema, type Booking, type BookingKind } from '../../../../shared/ipc/bookings';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { errorText, showError } from '../../util/errors';
import { clearErrorsOnEdit, DateTimeInput, dateTimeOf, dateTimeRule, markRefusal, schemaRule } from '../../util/fields';
import { ContractSelect, OrderSelect } from './ContractSelect';
import { InstrumentSelect } from '../../util/pickers';
import { UserText } from '../../util/user-data';
import { NumberInput, requiredOf } from '../../util/number-field';

const L = {
  zh: {
    titleNew: '新建预约', titleEdit: '编辑预约', instrument: '仪器', kind: '类型', contract: '合同', contractSearch: '输入合同编号或单位名称搜索',
    order: '订单', orderSearch: '输入订单编号或单位名称搜索（已接单的订单）',
title: '说明', start: '开始', end: '结束', repeat: '每周重复',
    count: '次数', everyWeeks: '间隔（周）', save: '保存 (Ctrl+S)', cancel: '取消', del: '删除', delConfirm: '确定删除此预约？',
    delSeries: '删除整个系列', delSeriesConfirm: '确定删除该系列的全部预约？', logUsage: '登记实际使用', editUsage: '查看使用记录',
    required: '必填', sameDay: '重复预约的开始和结束须在同一天', preview: '将创建 {n} 次预约；任何一次冲突则全部不创建',
  },
  en: {
    titleNew: 'New booking', titleEdit: 'Edit booking', instrument: 'Instrument', kind: 'Kind', contract: 'Contract', contractSearch: 'Search contract number or applicant',
    order: 'Order', orderSearch: 'Search order number or applicant (accepted orders)',
title: 'Note', start: 'Start', end: 'End', repeat: 'Repeat weekly',
    count: 'Occurrences', everyWeeks: 'Every (weeks)', save: 'Save (Ctrl+S)', cancel: 'Cancel', del: 'Delete', delConfirm: 'Delete this booking?',
    delSeries: 'Delete whole series', delSeriesConfirm: 'Delete every booking of this series?', logUsage: 'Log actual use', editUsage: 'Open usage record',
    required: 'Required', sameDay: 'A repeated booking must start and end on the same day', preview: '{n} bookings will be created; if any one conflicts, none is',
  },
};

export type BookingEditTarget =
  | { mode: 'create'; instrumentId: number | null; startAt: string; endAt: string; repeat?: boolean }
  | { mode: 'edit'; booking: Booking };

interface Values {
  instrumentId: number;
  kind: BookingKind;
  contractId: number | null;
  orderId: number | null;
  title: string;
  /** 'YYYY-MM-DD HH:mm' as typed; read by the shared strict parser. */
  start: string;
  end: string;
  repeat: boolean;
  count: number;
  everyWeeks: number;
}

/** 'YYYY-MM-DDTHH:mm' (the contract's slot time) ↔ 'YYYY-MM-DD HH:mm' (the field's text). */
const shown = (slot: string) => slot.replace('T', ' ');
const slotOf = (text: string) => (dateTimeOf(text) ?? text).replace(' ', 'T');

export function BookingModal({ target, instruments, onClose, onLogUsage }: {
  target: BookingEditTarget;
  instruments: InstrumentRow[];
  onClose(changed: boolean): void;
  onLogUsage(booking: Booking): void;
}) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const repeat = Form.useWatch('repeat', form);
  const count = Form.useWatch('count', form);
  const editing = target.mode === 'edit' ? target.booking : null;

  const initial: Partial<Values> = target.mode === 'edit'
    ? { instrumentId: target.booking.instrumentId, kind: target.booking.kind, contractId: target.booking.contractId, orderId: target.booking.orderId, title: target.booking.title,
      start: shown(target.booking.startAt), end: shown(target.booking.endAt), repeat: false, count: 4, everyWeeks: 1 }
    : { instrumentId: target.instrumentId ?? undefined, kind: 'internal', contractId: null, orderId: null, title: '', start: shown(target.startAt),
      end: shown(target.endAt), repeat: target.repeat ?? false, count: 4, everyWeeks: 1 };
  const labels = { instrumentId: t.instrument, contractId: t.contract, orderId: t.order, startAt: t.start, endAt: t.end, start: t.start, end: t.end, title: t.title,
    count: t.count, everyWeeks: t.everyWeeks, firstDate: t.start, startTime: t.start, endTime: t.end };

  const save = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    const fields = {
      instrumentId: v.instrumentId, kind: v.kind, contractId: v.kind === 'contract' ? v.contractId ?? null : null,
      orderId: v.kind === 'order' ? v.orderId ?? null : null, title: v.title ?? '',
      startAt: slotOf(v.start), endAt: slotOf(v.end),
    };
    setSaving(true);
    setError(null);
    try {
      if (editing) {
        await call('bookings:update', { id: editing.id, fields });
      } else if (v.repeat) {
        if (fields.startAt.slice(0, 10) !== fields.endAt.slice(0, 10)) { setError(t.sameDay); return; }
        await call('bookings:createSeries', {
          instrumentId: fields.instrumentId, kind: fields.kind, contractId: fields.contractId, orderId: fields.orderId, title: fields.title,
          firstDate: fields.startAt.slice(0, 10), startTime: fields.startAt.slice(11), endTime: fields.endAt.slice(11), count: v.count, everyWeeks: v.everyWeeks,
        });
      } else {
        await call('bookings:create', fields);
      }
      onClose(true);
    } catch (e) {
      // The dialog stays open with the input: the refused fields are marked, the headline above.
      markRefusal(form, e, labels, { startAt: 'start', endAt: 'end', firstDate: 'start', startTime: 'start', endTime: 'end' });
      setError(errorText(e, labels));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (wholeSeries: boolean) => {
    if (!editing) return;
    try {
      await call('bookings:delete', { id: editing.id, wholeSeries });
      onClose(true);
    } catch (e) {
      setError(errorText(e, labels));
      showError(e, labels);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    const inPopup = target.closest('.ant-select, .ant-picker');
    if (((e.ctrlKey || e.metaKey) && e.key === 's') || (e.key === 'Enter' && !inPopup && target.tagName !== 'TEXTAREA')) {
      e.preventDefault();
      void save();
    }
  };

  const footer = (
    <Space style={{ width: '100%', justifyContent: 'space-between' }}>
      <Space>
        {editing && (
          <Popconfirm title={t.delConfirm} onConfirm={() => remove(false)} okButtonProps={{ danger: true }}>
            <Button danger data-testid="booking-delete">{t.del}</Button>
          </Popconfirm>
        )}
        {editing?.seriesId && (
          <Popconfirm title={t.delSeriesConfirm} onConfirm={() => remove(true)} okButtonProps={{ danger: true }}>
            <Button danger>{t.delSeries}</Button>
          </Popconfirm>
        )}
        {editing && editing.kind !== 'maintenance' && (
          <Button data-testid="booking-log-usage" onClick={() => onLogUsage(editing)}>{editing.usageId !== null ? t.editUsage : t.logUsage}</Button>
        )}
      </Space>
      <Space>
        <Button onClick={() => onClose(false)}>{t.cancel}</Button>
        <Button type="primary" loading={saving} onClick={save} data-testid="booking-save">{t.save}</Button>
      </Space>
    </Space>
  );

  const req = (label: string) => [requiredOf(label)];
  return (
    <Modal open title={editing ? t.titleEdit : t.titleNew} onCancel={() => onClose(false)} footer={footer} width={620} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="booking-error" />}
      <Form form={form} layout="vertical" initialValues={initial} onKeyDown={onKeyDown} onValuesChange={clearErrorsOnEdit(form)}>
        <Form.Item name="instrumentId" label={t.instrument} rules={req(t.instrument)}>
          <InstrumentSelect known={instruments} data-testid="booking-instrument" />
        </Form.Item>
        <Form.Item name="kind" label={t.kind} rules={req(t.kind)}>
          <Radio.Group optionType="button" options={BOOKING_KINDS.map((k) => ({ value: k, label: BOOKING_KIND_LABELS[k][locale] }))} />
        </Form.Item>
        {kind === 'contract' && (
          <Form.Item name="contractId" label={t.contract} rules={req(t.contract)}>
            <ContractSelect placeholder={t.contractSearch} known={editing?.contractId
              ? { value: editing.contractId, label: <UserText>{`${editing.contractNumber ?? editing.contractId} · ${editing.applicantName ?? ''}`}</UserText> } : null} />
          </Form.Item>
        )}
        {kind === 'order' && (
          <Form.Item name="orderId" label={t.order} rules={req(t.order)}>
            <OrderSelect placeholder={t.orderSearch} known={editing?.orderId
              ? { value: editing.orderId, label: <UserText>{`${editing.orderNumber ?? editing.orderId} · ${editing.applicantName ?? ''}`}</UserText> } : null} />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="start" label={t.start} rules={[dateTimeRule('startAt', labels)]}>
              <DateTimeInput data-testid="booking-start" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="end" label={t.end} rules={[dateTimeRule('endAt', labels)]}>
              <DateTimeInput data-testid="booking-end" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t.title}><Input maxLength={200} data-testid="booking-title" /></Form.Item>
        {!editing && (
          <Space align="baseline">
            <Form.Item name="repeat" valuePropName="checked"><Checkbox data-testid="booking-repeat">{t.repeat}</Checkbox></Form.Item>
            {/* No min/max on the inputs: antd would clamp 1000 to 104; the shared schema refuses it instead. */}
            {repeat && <Form.Item name="count" label={t.count} rules={[schemaRule(seriesInputSchema.shape.count, 'count', labels)]}><NumberInput data-testid="booking-count" /></Form.Item>}
            {repeat && <Form.Item name="everyWeeks" label={t.everyWeeks} rules={[schemaRule(seriesInputSchema.shape.everyWeeks, 'everyWeeks', labels)]}><NumberInput data-testid="booking-every" /></Form.Item>}
          </Space>
        )}
        {repeat && !editing && <div style={{ color: '#888' }}>{fmt(t.preview, { n: typeof count === 'number' ? count : 0 })}</div>}
      </Form>
    </Modal>
  );
}
