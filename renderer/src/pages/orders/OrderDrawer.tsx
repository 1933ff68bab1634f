// One order: the form while it can change (已下单 / 已接单), its state actions with date and note,
// the dated history, the notice end and payment timeline, and the service records behind it.
import { Alert, Button, Checkbox, Col, Descriptions, Divider, Drawer, Form, Input, List, Radio, Row, Select, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { UsageLog } from '../../../../shared/ipc/bookings';
import type { EligibilityReport } from '../../../../shared/ipc/deals';
import type { OrderDetail, OrderInput, OrderQuota, Product } from '../../../../shared/ipc/orders';
import { profileById, profileFor } from '../../../../shared/policy/registry';
import { SERVICE_KIND_LABELS } from '../../../../shared/policy/vocabulary';
import { formatYuan } from '../../../../shared/rules/money';
import { formatRatio } from '../../../../shared/rules/ratio';
import { articleFor, noteFor } from '../../../../shared/rules/violations';
import { crossRegionUncheckedRules } from '../../../../shared/rules/voucher-checks';
import { ORDER_STATUS_LABELS, PAYOUT_PARTIES, PAYOUT_PARTY_LABELS, isOrderStep, maxVoucherForOrder, type OrderStatus } from '../../../../shared/rules/orders';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { articleName, describeIssue, documentName, formErrors, showError } from '../../util/errors';
import { clearErrorsOnEdit, DateInput, dateOf, dateProblem, dateRule, markRefusal } from '../../util/fields';
import { orderEventNote } from '../../i18n-messages-orders';
import { uncheckedRulesText } from './unchecked';
import { fenOf, fenToText, moneyRule } from '../vouchers/dealLabels';
import { saveKeys } from '../vouchers/formKeys';
import { ORDER_STATUS_COLORS } from './labels';
import { MaterialsPanel } from './MaterialsPanel';
import { PayoutTimelineView } from './PayoutTimelineView';
import { ApplicantSelect } from '../../util/pickers';
import { ChargesPanel } from '../money/ChargesPanel';
import { QuotesPage } from '../money/QuotesPage';
import { requiredOf } from '../../util/number-field';

const L = {
  zh: {
    titleNew: '登记订单', titleEdit: '订单', save: '保存 (Ctrl+S)', number: '订单编号', applicant: '企业 / 团队', product: '服务产品',
    date: '下单日期', total: '订单总额（元）', voucher: '创新券金额（元）', max: '最多 {max} 元（订单总额的{share}，向下取整到分，{art}）',
    payout: '兑付方式', cityFunded: '该服务已获{term}支持', related: '与服务机构存在关联关系（关联交易）', sub: '服务由其他机构实际提供（转包）',
    cross: '跨区域创新券', local: '本地（上海）', issuing: '发券地区', note: '备注', required: '必填', funds: '财政资金',
    quota: '{y} 年额度 {q} 元，已用 {u} 元，剩余 {r} 元（{art}）', status: '状态', history: '办理记录', timeline: '公示与兑付', earliest: '公示期满，最早 {d} 可兑付（{art}）', paidOn: '{d} 已兑付', refusedOn: '{d} 不予兑付', noProfile: '{d} 没有生效的上海政策版本：本软件未收录该日适用的办法，不改用其他版本核对该日的订单',
    moveTo: '改为：{s}', stepDate: '日期', stepNote: '说明（不予兑付/撤销须填写）', usage: '服务记录（仪器使用）', usageAdd: '登记服务记录',
    instrument: '仪器', start: '开始（YYYY-MM-DD HH:MM）', end: '结束（YYYY-MM-DD HH:MM）', hours: '共 {n} 条，{h} 小时', charges: '费用与结算（费用结算单、到账）', quotes: '报价单（采用为订单总额）',
    unchecked: '跨区域订单按发券地区的规则：本软件未按本地政策核对：{rules}', crossNote: '{scheme}按其本身规则使用（{art}）：本软件记录订单、不计入本地年度额度，也不按本地政策核对：{rules}。',
    ineligible: '该企业/团队在 {date} 不符合 {doc} 的 {n} 项条件，保存时将被拒绝', notes: '本软件未判断或按自己理解的部分（原文未规定或为开放列表）：',
  },
  en: {
    titleNew: 'Record order', titleEdit: 'Order', save: 'Save (Ctrl+S)', number: 'Order number', applicant: 'Enterprise / team', product: 'Service product',
    date: 'Ordered on', total: 'Order total (CNY)', voucher: 'Voucher amount (CNY)', max: 'At most ¥{max} ({share} of the total, rounded down to the fen, {art})',
    payout: 'Payment to', cityFunded: 'The service is already funded by {term}', related: 'Related to the institution (related-party deal)', sub: 'Service actually provided by another institution (subcontracted)',
    cross: 'Cross-region voucher', local: 'Local (Shanghai)', issuing: 'Issuing region', note: 'Note', required: 'Required', funds: 'public funds',
    quota: '{y} quota ¥{q}, used ¥{u}, remaining ¥{r} ({art})', status: 'Status', history: 'History', timeline: 'Notice and payment', earliest: 'Notice over: payment possible from {d} ({art})', paidOn: 'Paid on {d}', refusedOn: 'Payment refused on {d}', noProfile: 'No Shanghai policy profile is in force on {d}: the desk does not hold the measures of that day and judges no order of it by another profile',
    moveTo: 'Mark {s}', stepDate: 'Date', stepNote: 'Note (required to refuse or cancel)', usage: 'Service records (instrument use)', usageAdd: 'Record service',
    instrument: 'Instrument', start: 'Start (YYYY-MM-DD HH:MM)', end: 'End (YYYY-MM-DD HH:MM)', hours: '{n} records, {h} h', charges: 'Charges and settlement (statement, payments)', quotes: 'Quotes (adopt as the order total)',
    unchecked: 'Cross-region orders follow their issuing region: not checked against the local profile: {rules}', crossNote: '{scheme} follow their own rules ({art}): the desk records the order, leaves it out of the local annual quota and does not check: {rules}.',
    ineligible: 'On {date} this enterprise or team fails {n} condition(s) of {doc}: saving will be refused', notes: 'What the desk does not judge, or reads where the text is open:',
  },
};

interface Values {
  number: string; applicantId: number; productId: number; date: string; totalText: string; voucherText: string;
  payoutParty: OrderInput['payoutParty']; cityFunded: boolean; relatedParty: boolean; subcontracted: boolean;
  crossRegion: 'yangtze' | ''; issuingRegion?: string; note: string;
}

const FIELD_OF: Record<string, keyof Values> = { orderDate: 'date', totalFen: 'totalText', voucherFen: 'voucherText' };

export function OrderDrawer({ id, onClose }: { id: number | null; onClose(changed: boolean): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { today } = useDeals();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<OrderDetail | null>(null);
  const [products, setProducts] = useState<Product[]>([]);
  const [quota, setQuota] = useState<OrderQuota | null>(null);
  const [loading, setLoading] = useState(id !== null);
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);
  const [stepDate, setStepDate] = useState('');
  const [stepError, setStepError] = useState<string | null>(null);
  const [stepNote, setStepNote] = useState('');
  const [usage, setUsage] = useState<UsageLog[]>([]);
  const [eligibility, setEligibility] = useState<EligibilityReport | null>(null);
  const applicantId = Form.useWatch('applicantId', form);
  const totalText = Form.useWatch('totalText', form);
  const crossRegion = Form.useWatch('crossRegion', form);
  const date = Form.useWatch('date', form);
  const orderDate = dateOf(date);
  const profile = today ? profileFor('shanghai', orderDate ?? today) : null;
  const totalFen = fenOf(totalText);
  const maxFen = profile && totalFen !== null ? maxVoucherForOrder(totalFen, profile) : null;
  const editable = current === null || current.status === 'placed' || current.status === 'accepted';
  // Numbers and articles shown on the form come from the profile of the order date, never literals.
  const art = (rule: string) => (profile ? articleName(articleFor(profile, rule), locale) : '');
  const share = profile ? formatRatio(profile.contractVoucherShareMax) : '';
  const quotaNote = profile ? noteFor(profile, 'order.annualQuota') : null;

  useEffect(() => { call('products:list', { activeOnly: true }).then(setProducts).catch(showError); }, []);
  useEffect(() => { if (id === null && today) form.setFieldsValue({ date: today }); }, [id, today, form]);
  const show = useCallback((o: OrderDetail) => {
    setCurrent(o);
    form.setFieldsValue({
      number: o.number, applicantId: o.applicantId, productId: o.productId, date: o.orderDate, totalText: fenToText(o.totalFen),
      voucherText: fenToText(o.voucherFen), payoutParty: o.payoutParty, cityFunded: o.cityFunded, relatedParty: o.relatedParty,
      subcontracted: o.subcontracted, crossRegion: o.crossRegion === 'yangtze' ? 'yangtze' : '', issuingRegion: o.issuingRegion ?? undefined, note: o.note,
    });
    call('usage:list', { orderId: o.id, limit: 200 }).then((r) => setUsage(r.rows)).catch(showError);
  }, [form]);
  useEffect(() => {
    if (id === null) return;
    call('orders:get', { id }).then(show).catch(showError).finally(() => setLoading(false));
  }, [id, show]);
  useEffect(() => {
    if (!applicantId) { setQuota(null); return; }
    call('orders:quota', { applicantId, year: orderDate ? Number(orderDate.slice(0, 4)) : undefined }).then(setQuota).catch(() => setQuota(null));
  }, [applicantId, orderDate, current]);
  // Eligibility (沪 第七条) where the user acts: every failed condition, and what the desk does not
  // judge, show for the chosen enterprise or team on the order date before saving. A cross-region
  // order is not judged by the local conditions (its unchecked rules say so instead).
  const profileId = profile?.id ?? null;
  useEffect(() => {
    setEligibility(null);
    if (!applicantId || !orderDate || crossRegion || !profileId || !editable) return;
    let live = true;
    call('applicants:eligibility', { id: applicantId, date: orderDate })
      .then((r) => { if (live) setEligibility(r.profileId === profileId ? r : null); }).catch(() => undefined);
    return () => { live = false; };
  }, [applicantId, orderDate, crossRegion, profileId, editable]);

  const save = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    const input: OrderInput = {
      number: v.number, applicantId: v.applicantId, productId: v.productId, orderDate: dateOf(v.date) ?? v.date,
      totalFen: fenOf(v.totalText) ?? 0, voucherFen: fenOf(v.voucherText) ?? 0, payoutParty: v.payoutParty,
      cityFunded: v.cityFunded ?? false, relatedParty: v.relatedParty ?? false, subcontracted: v.subcontracted ?? false,
      crossRegion: v.crossRegion || null, issuingRegion: v.crossRegion ? v.issuingRegion ?? null : null, note: v.note ?? '',
    };
    setSaving(true);
    try {
      const saved = current ? await call('orders:update', { id: current.id, fields: input }) : await call('orders:create', input);
      setChanged(true);
      show(saved);
    } catch (e) {
      // The drawer keeps the input; every refused field is marked and the first scrolled to.
      if (!markRefusal(form, e, {}, FIELD_OF)) showError(e);
    } finally { setSaving(false); }
  };

  const move = async (to: OrderStatus) => {
    if (!current) return;
    // What is typed is what is sent: an unreadable date is refused on the field, never replaced.
    const problem = stepDate.trim() ? dateProblem(stepDate, 'date', { date: t.stepDate }) : null;
    setStepError(problem);
    if (problem) return;
    try {
      const o = await call('orders:transition', { id: current.id, to, date: stepDate.trim() ? dateOf(stepDate) ?? stepDate : undefined, note: stepNote });
      setChanged(true);
      setStepNote('');
      setStepDate('');
      show(o);
    } catch (e) {
      const onDate = formErrors(e, { date: t.stepDate }).find((x) => x.name[0] === 'date');
      setStepError(onDate ? onDate.errors.join('；') : null);
      showError(e, { date: t.stepDate });
    }
  };

  const req = (label: string) => [requiredOf(label)];
  const scheme = profile?.crossRegion ?? null;
  return (
    <Drawer open width={920} title={current ? `${t.titleEdit}：${current.number}` : t.titleNew} onClose={() => onClose(changed)} destroyOnHidden
      extra={editable && <Button type="primary" loading={saving} onClick={save} data-testid="order-save">{t.save}</Button>}>
      <Spin spinning={loading}>
        <Form form={form} layout="vertical" disabled={!editable} onKeyDown={saveKeys(() => void save())} onValuesChange={clearErrorsOnEdit(form)}
          initialValues={{ payoutParty: 'institution', cityFunded: false, relatedParty: false, subcontracted: false, crossRegion: '', note: '' }}>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="number" label={t.number} rules={req(t.number)}><Input autoFocus data-testid="order-number" /></Form.Item></Col>
            <Col span={16}><Form.Item name="applicantId" label={t.applicant} rules={req(t.applicant)}>
              <ApplicantSelect data-testid="order-applicant" />
            </Form.Item></Col>
            <Col span={16}><Form.Item name="productId" label={t.product} rules={req(t.product)}>
              <Select options={products.map((p) => ({ value: p.id, label: `${p.code} ${p.name}（${SERVICE_KIND_LABELS[p.serviceKind][locale]}）` }))} data-testid="order-product" />
            </Form.Item></Col>
            <Col span={8}><Form.Item name="date" label={t.date} rules={[dateRule('orderDate', { orderDate: t.date })]}><DateInput data-testid="order-date" /></Form.Item></Col>
            <Col span={8}><Form.Item name="totalText" label={t.total} rules={[moneyRule(true, t.required)]}><Input data-testid="order-total" /></Form.Item></Col>
            <Col span={8}><Form.Item name="voucherText" label={t.voucher} rules={[moneyRule(true, t.required)]}
              extra={maxFen !== null && !crossRegion ? <span data-testid="order-max">{fmt(t.max, { max: formatYuan(maxFen), share, art: art('order.voucherShare') })}</span> : undefined}>
              <Input data-testid="order-voucher" />
            </Form.Item></Col>
            <Col span={8}><Form.Item name="payoutParty" label={t.payout}>
              <Radio.Group options={PAYOUT_PARTIES.map((p) => ({ value: p, label: PAYOUT_PARTY_LABELS[p][locale] }))} />
            </Form.Item></Col>
            {quota && quota.quotaFen !== null && !crossRegion && (
              <Col span={24}><Typography.Text type="secondary" data-testid="order-quota">
                {fmt(t.quota, { y: quota.year, q: formatYuan(quota.quotaFen), u: formatYuan(quota.usedFen), r: formatYuan(quota.remainingFen ?? 0), art: art('order.annualQuota') })}
                {/* The text does not say which date puts an order in a year: the desk's reading, shown as such. */}
                {quotaNote && <span data-testid="order-quota-note">{locale === 'zh' ? '；' : '; '}{quotaNote[locale]}</span>}
              </Typography.Text></Col>
            )}
            <Col span={8}><Form.Item name="cityFunded" valuePropName="checked"><Checkbox>{fmt(t.cityFunded, { term: profile ? profile.doubleFundingTerm[locale] : t.funds })}</Checkbox></Form.Item></Col>
            <Col span={8}><Form.Item name="relatedParty" valuePropName="checked"><Checkbox data-testid="order-related">{t.related}</Checkbox></Form.Item></Col>
            <Col span={8}><Form.Item name="subcontracted" valuePropName="checked"><Checkbox>{t.sub}</Checkbox></Form.Item></Col>
            {scheme && (
              <Col span={8}><Form.Item name="crossRegion" label={t.cross}>
                <Select options={[{ value: '', label: t.local }, { value: 'yangtze', label: scheme.label[locale] }]} data-testid="order-cross" />
              </Form.Item></Col>
            )}
            {scheme && crossRegion && (
              <Col span={8}><Form.Item name="issuingRegion" label={t.issuing} rules={req(t.issuing)}>
                <Select options={scheme.issuingRegions.map((r) => ({ value: r.id, label: r.label[locale] }))} data-testid="order-issuing" />
              </Form.Item></Col>
            )}
            {crossRegion && scheme && profile && (
              <Col span={24}><Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="order-cross-note" message={fmt(t.crossNote, {
                scheme: scheme.label[locale], art: art('crossRegion'), rules: uncheckedRulesText(crossRegionUncheckedRules(profile, 'order'), profile, locale),
              })} /></Col>
            )}
            {eligibility && !eligibility.eligible && (
              <Col span={24}><Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="order-ineligible"
                message={fmt(t.ineligible, { date: eligibility.date, n: eligibility.violations.length, doc: documentName(eligibility.documentNumber, locale) })}
                description={(
                  <List size="small" dataSource={eligibility.violations} renderItem={(v) => (
                    <List.Item data-testid="order-ineligible-condition"><Space wrap><Tag>{articleName(v.article, locale)}</Tag>{describeIssue(v, locale)}
                      {v.note && <Typography.Text type="secondary">{v.note[locale]}</Typography.Text>}</Space></List.Item>
                  )} />
                )} /></Col>
            )}
            {eligibility && eligibility.notes.length > 0 && (
              <Col span={24}><Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="order-eligibility-notes" message={t.notes}
                description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{eligibility.notes.map((n) => <li key={n.zh}>{n[locale]}</li>)}</ul>} /></Col>
            )}
            {today && orderDate && !profile && (
              <Col span={24}><Alert type="warning" showIcon message={fmt(t.noProfile, { d: orderDate })} style={{ marginBottom: 12 }} data-testid="order-no-profile" /></Col>
            )}
            <Col span={24}><Form.Item name="note" label={t.note}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} /></Form.Item></Col>
          </Row>
        </Form>
        {current && (
          <>
            {current.uncheckedRules.length > 0 && (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="order-unchecked"
                message={fmt(t.unchecked, { rules: uncheckedRulesText(current.uncheckedRules, profileById(current.profileId), locale) })} />
            )}
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t.status}>
                <Tag color={ORDER_STATUS_COLORS[current.status]} data-testid="order-detail-status">{ORDER_STATUS_LABELS[current.status][locale]}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t.timeline}>
                <PayoutTimelineView timeline={current.timeline} />
                <div data-testid="order-payment-step">
                  {current.payment.paidOn ? <Typography.Text type="success">{fmt(t.paidOn, { d: current.payment.paidOn })}</Typography.Text>
                    : current.payment.refusedOn ? <Typography.Text type="danger">{fmt(t.refusedOn, { d: current.payment.refusedOn })}</Typography.Text>
                      : current.payment.earliestOn ? <Typography.Text>{fmt(t.earliest, { d: current.payment.earliestOn, art: current.timeline.notice ? articleName(current.timeline.notice.article, locale) : '' })}</Typography.Text> : null}
                </div>
              </Descriptions.Item>
            </Descriptions>
            {current.nextStatuses.length > 0 && (
              <Space wrap style={{ margin: '12px 0' }}>
                <Form.Item validateStatus={stepError ? 'error' : undefined} help={stepError ?? undefined} style={{ marginBottom: 0, width: 200 }}>
                  <DateInput placeholder={t.stepDate} value={stepDate} onChange={(v) => { setStepDate(v); setStepError(null); }} data-testid="order-step-date" />
                </Form.Item>
                <Input placeholder={t.stepNote} value={stepNote} onChange={(e) => setStepNote(e.target.value)} style={{ width: 260 }} />
                {current.nextStatuses.map((s) => (
                  <Button key={s} danger={s === 'rejected' || s === 'cancelled'} onClick={() => void move(s)} data-testid={`order-to-${s}`}>
                    {fmt(t.moveTo, { s: ORDER_STATUS_LABELS[s][locale] })}
                  </Button>
                ))}
              </Space>
            )}
            <MaterialsPanel order={current} onChanged={() => call('orders:get', { id: current.id }).then(show).catch(showError)} />
            <Divider titlePlacement="start" plain>{t.history}</Divider>
            <Timeline data-testid="order-history" items={current.events.map((e) => (isOrderStep(e)
              ? { children: `${e.date} ${ORDER_STATUS_LABELS[e.status][locale]}${orderEventNote(e, locale) ? ` — ${orderEventNote(e, locale)}` : ''}` }
              : { color: 'gray', children: `${e.date} ${orderEventNote(e, locale)}` }))} />
            <Divider titlePlacement="start" plain>{t.usage}</Divider>
            <Typography.Text type="secondary">{fmt(t.hours, { n: current.usageCount, h: (current.usageMinutes / 60).toFixed(1) })}</Typography.Text>
            <Table<UsageLog> size="small" rowKey="id" dataSource={usage} pagination={false} columns={[
              { title: t.instrument, dataIndex: 'instrumentName' },
              { title: t.start, dataIndex: 'startAt', width: 170 },
              { title: t.end, dataIndex: 'endAt', width: 170 },
            ]} />
            {current.status !== 'placed' && current.status !== 'cancelled' && current.status !== 'rejected' && (
              <UsageForm orderId={current.id} onAdded={() => call('orders:get', { id: current.id }).then((o) => { setChanged(true); show(o); }).catch(showError)} />
            )}
            <Divider titlePlacement="start" plain>{t.quotes}</Divider>
            <div data-testid="order-quotes">
              <QuotesPage order={{
                orderId: current.id, applicantId: current.applicantId, editable,
                onAdopted: () => { void call('orders:get', { id: current.id }).then((o) => { setChanged(true); show(o); }).catch(showError); },
              }} />
            </div>
            {current.status !== 'cancelled' && (
              <>
                <Divider titlePlacement="start" plain>{t.charges}</Divider>
                <ChargesPanel key={`${current.id}-${current.usageCount}`} owner={{ orderId: current.id }}
                  onChanged={() => call('orders:get', { id: current.id }).then((o) => { setChanged(true); show(o); }).catch(showError)} />
              </>
            )}
          </>
        )}
      </Spin>
    </Drawer>
  );
}

function UsageForm({ orderId, onAdded }: { orderId: number; onAdded(): void }) {
  const t = useT(L);
  const [form] = Form.useForm<{ instrumentId: number; start: string; end: string }>();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => {
      call('catalog:list', { query: q, limit: 50 }).then((r) => setOptions(r.rows.map((i) => ({ value: i.id, label: `${i.innerId} ${i.nameCn}` })))).catch(showError);
    }, 200);
    return () => clearTimeout(timer);
  }, [q]);
  const slot = (s: string) => s.trim().replace(' ', 'T');
  const add = async () => {
    let v: { instrumentId: number; start: string; end: string };
    try { v = await form.validateFields(); } catch { return; }
    try {
      await call('usage:create', { instrumentId: v.instrumentId, orderId, startAt: slot(v.start), endAt: slot(v.end), external: true, serviceWay: '委托', direction: '科技开发' });
      form.resetFields();
      onAdded();
    } catch (e) {
      form.setFields(formErrors(e).map((x) => ({ name: (x.name[0] === 'startAt' ? 'start' : x.name[0] === 'endAt' ? 'end' : x.name[0]) as 'start', errors: x.errors })));
      showError(e);
    }
  };
  return (
    <Form form={form} layout="inline" style={{ marginTop: 8, rowGap: 8 }} onFinish={() => void add()} onValuesChange={clearErrorsOnEdit(form)}>
      <Form.Item name="instrumentId" rules={[requiredOf(t.instrument)]}>
        <Select showSearch filterOption={false} onSearch={setQ} placeholder={t.instrument} options={options} style={{ width: 240 }} data-testid="order-usage-instrument" />
      </Form.Item>
      <Form.Item name="start" rules={[requiredOf(t.start)]}><Input placeholder={t.start} style={{ width: 190 }} data-testid="order-usage-start" /></Form.Item>
      <Form.Item name="end" rules={[requiredOf(t.end)]}><Input placeholder={t.end} style={{ width: 190 }} data-testid="order-usage-end" /></Form.Item>
      <Button htmlType="submit" data-testid="order-usage-add">{t.usageAdd}</Button>
    </Form>
  );
}
