import { Button, Col, Divider, Drawer, Form, Input, Modal, Popconfirm, Row, Select, Space, Spin, Switch, TreeSelect, Typography } from 'antd';
import { useEffect, useEffectEvent, useState } from 'react';
import { categoryTree, type CategoryNode } from '../../../../shared/catalog/categories';
import { categoryName, categoryPath, subjectName } from '../../../../shared/vocabulary-labels';
import { INSTRUMENT_FIELD_LABELS, SHARE_MODES, SOURCES, STATUSES, USAGE_KINDS, type Instrument, type InstrumentInput } from '../../../../shared/catalog/instrument';
import { CARRIER_TYPES, FUNDING_SOURCES, PLATFORM_LIMITS, SUBJECTS } from '../../../../shared/catalog/platform';
import { formatYuan, parseMoneyText } from '../../../../shared/rules/money';
import { civilDateInShanghai } from '../../../../shared/rules/civil-date';
import { useToday } from '../../stores/app-info';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useCatalog } from '../../stores/catalog';
import { vocabularyOptions } from '../../../../shared/vocabulary-labels';
import { showError } from '../../util/errors';
import { clearErrorsOnEdit, DateInput, dateOf, dateRule, markRefusal } from '../../util/fields';
import { moneyRule } from '../vouchers/dealLabels';
import { requiredOf } from '../../util/number-field';

const L = {
  zh: {
    titleNew: '新增仪器', titleEdit: '编辑仪器', save: '保存 (Ctrl+S)', cancel: '取消', retire: '停用', restore: '恢复使用',
    del: '删除', delConfirm: '确定删除此仪器？有预约或使用记录的仪器不能删除。', retireTitle: '停用仪器', retireReason: '停用原因',
    nameCn: '仪器名称', nameEn: '英文名称', innerId: '仪器编号（内部编号）', categoryCode: '仪器分类编码（6 位）', source: '仪器来源',
    value: '原值（元，可写“5万”）', manufacturer: '生产制造商', country: '产地国别', model: '规格型号', startUseDate: '启用日期',
    usageKind: '通用/专用', status: '运行状态', shareMode: '共享模式', specs: '主要技术指标', functions: '主要功能',
    discipline: '主要学科领域', serviceContent: '服务内容', sharingRules: '开放共享制度', fee: '参考收费（元）', feeUnit: '收费单位',
    location: '安放地址', contactName: '联系人', contactPhone: '联系电话', contactEmail: '电子邮箱', lab: '所属实验室',
    saved: '已保存', retiredAt: '停用于', required: '必填',
    assetNo: '所在单位仪器编号（资产编号）', carrierType: '所属资源载体类型', carrierNo: '所属资源载体内部编号', department: '所属单位内部门',
    customsSupervised: '在海关监管年限内', bookedDate: '建账日期', fundingSources: '主要购置经费来源（最多 4 项）', imageName: '图片文件名（.jpg）',
    userNotice: '用户须知（最多 500 字）', bookingUrl: '预约服务网址', addrProvince: '安放地址-省', addrCity: '安放地址-市', addrDistrict: '安放地址-区县',
    addrStreet: '安放地址-街道（乡镇）', roomLocation: '安放地点（楼宇、房间）', mailAddress: '通讯地址', postcode: '邮政编码',
    customsDeclarationNo: '进口报关单编号（18 位）', customsItemNo: '报关单项号（2 位）', customsReleaseDate: '海关放行日期', customsName: '报关单上的名称',
    platform: '国家平台单台套信息', sixDigits: '6 位数字', notInTable: '不在国家平台分类表中', customs: '海关监管（进口仪器）', disciplines: '主要学科领域（最多 4 项）',
  },
  en: {
    titleNew: 'New instrument', titleEdit: 'Edit instrument', save: 'Save (Ctrl+S)', cancel: 'Cancel', retire: 'Retire', restore: 'Restore',
    del: 'Delete', delConfirm: 'Delete this instrument? Instruments with bookings or usage cannot be deleted.', retireTitle: 'Retire instrument', retireReason: 'Reason',
    nameCn: 'Name (Chinese)', nameEn: 'Name (English)', innerId: 'Instrument no. (inner id)', categoryCode: 'Category code (6 digits)', source: 'Source',
    value: 'Original value (CNY)', manufacturer: 'Manufacturer', country: 'Country', model: 'Model', startUseDate: 'Start of use',
    usageKind: 'General/special', status: 'Status', shareMode: 'Share mode', specs: 'Technical specs', functions: 'Functions',
    discipline: 'Discipline', serviceContent: 'Service content', sharingRules: 'Sharing rules', fee: 'Reference fee (CNY)', feeUnit: 'Fee unit',
    location: 'Location', contactName: 'Contact', contactPhone: 'Phone', contactEmail: 'E-mail', lab: 'Lab',
    saved: 'Saved', retiredAt: 'Retired on', required: 'Required',
    assetNo: 'Unit asset no.', carrierType: 'Resource carrier type', carrierNo: 'Carrier inner no.', department: 'Department',
    customsSupervised: 'Under customs supervision', bookedDate: 'Booked on', fundingSources: 'Funding sources (up to 4)', imageName: 'Picture file (.jpg)',
    userNotice: 'Notice to users (500 chars)', bookingUrl: 'Booking URL', addrProvince: 'Province', addrCity: 'City', addrDistrict: 'District',
    addrStreet: 'Street / town', roomLocation: 'Building and room', mailAddress: 'Mailing address', postcode: 'Postcode',
    customsDeclarationNo: 'Import declaration no. (18 digits)', customsItemNo: 'Item no. (2 digits)', customsReleaseDate: 'Customs release date', customsName: 'Name on the declaration',
    platform: 'National platform record', sixDigits: '6 digits', notInTable: 'Not in the national platform\'s table', customs: 'Customs supervision (imported instruments)', disciplines: 'Disciplines (up to 4)',
  },
};

type FormValues = Omit<InstrumentInput, 'originalValueFen' | 'referenceFeeFen' | 'startUseDate' | 'bookedDate' | 'customsReleaseDate' | 'discipline' | 'fundingSources'> & {
  valueText: string;
  feeText: string;
  /** Dates as typed, read by the shared strict parser (an impossible date is an error, never another day). */
  startUse: string;
  booked: string;
  released: string;
  disciplines: string[];
  funding: string[];
};

// The picker offers the platform's table; only codes an instrument may carry can be chosen.
interface TreeNode { value: string; title: string; selectable: boolean; children?: TreeNode[] }
const toTree = (locale: 'zh' | 'en') => (n: CategoryNode): TreeNode =>
  ({ value: n.value, title: `${n.value} ${categoryName(n.value, locale)}`, selectable: n.selectable, ...(n.children ? { children: n.children.map(toTree(locale)) } : {}) });
const CATEGORY_TREE = { zh: categoryTree().map(toTree('zh')), en: categoryTree().map(toTree('en')) };

const list = (s: string) => (s ? s.split(',') : []);

const HL = {
  zh: { year: '年度', hours: '年运行机时 {h} 小时，年对外服务机时 {x} 小时（由使用记录计算）' },
  en: { year: 'Year', hours: 'Annual operating hours {h}, external service hours {x} (from usage records)' },
};

const YEAR_FIRST = 2000;

/** 年运行机时 / 年对外服务机时 of a chosen year: computed from the usage records, never typed. */
function YearHours({ id }: { id: number }) {
  const t = useT(HL);
  // The desk's year in Beijing, not the computer's clock.
  const thisYear = Number(useToday().slice(0, 4));
  const [chosen, setYear] = useState<number | null>(null);
  const year = chosen ?? thisYear - 1;
  const [h, setH] = useState<{ hours: number; externalHours: number } | null>(null);
  useEffect(() => { call('catalog:annualHours', { id, year }).then(setH).catch(showError); }, [id, year]);
  return (
    <Space style={{ marginBottom: 12 }} data-testid="year-hours">
      {/* A choice of the years with records, not a number box: no typed year is silently moved into range. */}
      {t.year}<Select size="small" style={{ width: 96 }} value={year} onChange={setYear} aria-label={t.year} data-testid="year-hours-year"
        options={Array.from({ length: thisYear - YEAR_FIRST + 1 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))} />
      <Typography.Text type="secondary">{h ? fmt(t.hours, { h: h.hours, x: h.externalHours }) : ''}</Typography.Text>
    </Space>
  );
}

export function InstrumentDrawer({ id, onClose }: { id: number | null; onClose(changed: boolean): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const labs = useCatalog((s) => s.labs);
  const [form] = Form.useForm<FormValues>();
  const [inst, setInst] = useState<Instrument | null>(null);
  const [loading, setLoading] = useState(id !== null);
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);
  const [retireReason, setRetireReason] = useState<string | null>(null);

  const fill = (i: Instrument) => {
    setInst(i);
    form.setFieldsValue({
      ...i,
      valueText: (i.originalValueFen / 100).toFixed(2),
      feeText: i.referenceFeeFen === null ? '' : (i.referenceFeeFen / 100).toFixed(2),
      startUse: i.startUseDate ?? '', booked: i.bookedDate ?? '', released: i.customsReleaseDate ?? '',
      disciplines: list(i.discipline), funding: list(i.fundingSources),
    });
  };

  // Filling the form is not a reason to load again: only a new id is.
  const filled = useEffectEvent((i: Instrument) => fill(i));
  useEffect(() => {
    if (id === null) return;
    call('catalog:get', { id }).then(filled).catch(showError).finally(() => setLoading(false));
  }, [id]);

  const save = async () => {
    let v: FormValues;
    try { v = await form.validateFields(); } catch { return; }
    const value = parseMoneyText(v.valueText);
    const fee = v.feeText ? parseMoneyText(v.feeText) : null;
    if (!value.ok || (fee && !fee.ok)) return;
    const { valueText: _a, feeText: _b, startUse, booked, released, disciplines, funding, ...rest } = v;
    const fields: InstrumentInput = {
      ...rest,
      originalValueFen: value.fen,
      referenceFeeFen: fee && fee.ok ? fee.fen : null,
      startUseDate: dateOf(startUse), bookedDate: dateOf(booked), customsReleaseDate: dateOf(released),
      discipline: (disciplines ?? []).join(','), fundingSources: (funding ?? []).join(','),
      customsSupervised: Boolean(rest.customsSupervised),
      labId: rest.labId ?? null,
    };
    setSaving(true);
    try {
      if (id === null || !inst) await call('catalog:create', fields);
      else await call('catalog:update', { id, version: inst.version, fields });
      onClose(true);
    } catch (e) {
      // The drawer stays open with the input; every refused field is marked, the first scrolled to.
      markRefusal(form, e, fieldLabels, {
        originalValueFen: 'valueText', referenceFeeFen: 'feeText', startUseDate: 'startUse', bookedDate: 'booked',
        customsReleaseDate: 'released', discipline: 'disciplines', fundingSources: 'funding',
      });
      showError(e, fieldLabels);
    } finally {
      setSaving(false);
    }
  };

  const act = async (fn: () => Promise<Instrument | { deleted: true }>, close = false) => {
    try {
      const r = await fn();
      setChanged(true);
      if (close || !('id' in r)) onClose(true);
      else fill(r);
    } catch (e) {
      showError(e);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); void save(); }
  };

  const req = (label: string) => [requiredOf(label)];
  const fieldLabels: Record<string, string> = {
    ...Object.fromEntries(INSTRUMENT_FIELD_LABELS.map((f) => [f.key, f[locale]])),
    startUse: t.startUseDate, booked: t.bookedDate, released: t.customsReleaseDate, valueText: t.value, feeText: t.fee,
  };
  const opts = (xs: readonly string[]) => vocabularyOptions(xs, locale);
  return (
    <Drawer open width={760} title={id === null ? t.titleNew : t.titleEdit} onClose={() => onClose(changed)} destroyOnHidden
      extra={
        <Space>
          {inst && !inst.retiredAt && <Button onClick={() => setRetireReason('')}>{t.retire}</Button>}
          {inst?.retiredAt && <Button onClick={() => act(() => call('catalog:restore', { id: inst.id }))}>{t.restore}</Button>}
          {inst && (
            <Popconfirm title={t.delConfirm} onConfirm={() => act(() => call('catalog:delete', { id: inst.id }), true)}>
              <Button danger>{t.del}</Button>
            </Popconfirm>
          )}
          <Button type="primary" loading={saving} onClick={save}>{t.save}</Button>
        </Space>
      }>
      <Spin spinning={loading}>
        {inst && <YearHours id={inst.id} />}
        {inst?.retiredAt && <Typography.Paragraph type="warning">{t.retiredAt} <span data-testid="instrument-retired-on">{civilDateInShanghai(new Date(inst.retiredAt))}</span>：{inst.retireReason}</Typography.Paragraph>}
        <Form form={form} layout="vertical" onKeyDown={onKeyDown} onValuesChange={clearErrorsOnEdit(form)} data-testid="instrument-form"
          initialValues={{ source: '购置', usageKind: '通用', status: '正常', shareMode: '外部共享', feeUnit: '小时', nameEn: '', carrierType: '', customsSupervised: false, disciplines: [], funding: [] }}>
          <Row gutter={12}>
            <Col span={12}><Form.Item name="nameCn" label={t.nameCn} rules={req(t.nameCn)}><Input autoFocus /></Form.Item></Col>
            <Col span={12}><Form.Item name="nameEn" label={t.nameEn}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="innerId" label={t.innerId} rules={req(t.innerId)}><Input /></Form.Item></Col>
            <Col span={8}>
              <Form.Item name="categoryCode" label={t.categoryCode} rules={[...req(t.categoryCode), { pattern: /^\d{6}$/, message: t.sixDigits }]}
                extra={<Form.Item noStyle shouldUpdate={(a, b) => a.categoryCode !== b.categoryCode}>
                  {() => categoryPath(String(form.getFieldValue('categoryCode') ?? ''), locale) || t.notInTable}</Form.Item>}>
                <Input addonAfter={
                  <TreeSelect aria-label="category-picker" variant="borderless" style={{ width: 28 }} popupMatchSelectWidth={420} showSearch
                    treeNodeFilterProp="title" value={undefined} placeholder="…" suffixIcon={null} treeData={CATEGORY_TREE[locale]}
                    onChange={(v: string) => form.setFieldValue('categoryCode', v)} />
                } />
              </Form.Item>
            </Col>
            <Col span={8}><Form.Item name="valueText" label={t.value} rules={[moneyRule(true, t.required)]}
              extra={inst ? formatYuan(inst.originalValueFen) : undefined}><Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="source" label={t.source}><Select options={vocabularyOptions(SOURCES, locale)} /></Form.Item></Col>
            <Col span={6}><Form.Item name="usageKind" label={t.usageKind}><Select options={vocabularyOptions(USAGE_KINDS, locale)} /></Form.Item></Col>
            <Col span={6}><Form.Item name="status" label={t.status}><Select options={vocabularyOptions(STATUSES, locale)} /></Form.Item></Col>
            <Col span={6}><Form.Item name="shareMode" label={t.shareMode}><Select options={vocabularyOptions(SHARE_MODES, locale)} /></Form.Item></Col>
            <Col span={8}><Form.Item name="manufacturer" label={t.manufacturer}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="country" label={t.country}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="model" label={t.model}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="startUse" label={t.startUseDate} rules={[dateRule('startUse', fieldLabels, true)]}><DateInput data-testid="instrument-start-use" /></Form.Item></Col>
            <Col span={8}><Form.Item name="labId" label={t.lab}><Select allowClear options={labs.map((l) => ({ value: l.id, label: l.name }))} /></Form.Item></Col>
            <Col span={8}><Form.Item name="booked" label={t.bookedDate} rules={[dateRule('booked', fieldLabels, true)]}><DateInput data-testid="instrument-booked" /></Form.Item></Col>
            <Col span={12}><Form.Item name="disciplines" label={t.disciplines}>
              <Select mode="multiple" maxCount={PLATFORM_LIMITS.disciplines} optionFilterProp="label"
                options={SUBJECTS.map((x) => ({ value: x.code, label: `${x.code} ${subjectName(x.code, x.name, locale)}` }))} /></Form.Item></Col>
            <Col span={12}><Form.Item name="funding" label={t.fundingSources}>
              <Select mode="multiple" maxCount={PLATFORM_LIMITS.fundingSources} options={opts(FUNDING_SOURCES)} /></Form.Item></Col>
            <Col span={24}><Form.Item name="specs" label={t.specs}><Input.TextArea count={{ show: true, max: PLATFORM_LIMITS.specs }} autoSize={{ minRows: 2, maxRows: 5 }} /></Form.Item></Col>
            <Col span={24}><Form.Item name="functions" label={t.functions}><Input.TextArea count={{ show: true, max: PLATFORM_LIMITS.functions }} autoSize={{ minRows: 2, maxRows: 5 }} /></Form.Item></Col>
            <Col span={24}><Form.Item name="serviceContent" label={t.serviceContent}><Input.TextArea count={{ show: true, max: PLATFORM_LIMITS.serviceContent }} autoSize={{ minRows: 2, maxRows: 5 }} /></Form.Item></Col>
            <Col span={24}><Form.Item name="userNotice" label={t.userNotice}><Input.TextArea count={{ show: true, max: PLATFORM_LIMITS.userNotice }} autoSize={{ minRows: 1, maxRows: 4 }} /></Form.Item></Col>
            <Col span={24}><Form.Item name="sharingRules" label={t.sharingRules}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} /></Form.Item></Col>
            <Col span={8}><Form.Item name="feeText" label={t.fee} rules={[moneyRule(false, t.required)]}><Input /></Form.Item></Col>
            <Col span={4}><Form.Item name="feeUnit" label={t.feeUnit}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="bookingUrl" label={t.bookingUrl}><Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="addrProvince" label={t.addrProvince}><Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="addrCity" label={t.addrCity}><Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="addrDistrict" label={t.addrDistrict}><Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="addrStreet" label={t.addrStreet}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="location" label={t.roomLocation}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="imageName" label={t.imageName}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="contactName" label={t.contactName}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="contactPhone" label={t.contactPhone}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="contactEmail" label={t.contactEmail}><Input /></Form.Item></Col>
            <Col span={16}><Form.Item name="mailAddress" label={t.mailAddress}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="postcode" label={t.postcode}><Input /></Form.Item></Col>
            <Col span={24}><Divider titlePlacement="start" plain>{t.platform}</Divider></Col>
            <Col span={8}><Form.Item name="assetNo" label={t.assetNo}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="department" label={t.department}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="carrierType" label={t.carrierType}>
              <Select allowClear options={opts(CARRIER_TYPES)} onClear={() => form.setFieldValue('carrierType', '')} /></Form.Item></Col>
            <Col span={8}><Form.Item name="carrierNo" label={t.carrierNo}><Input /></Form.Item></Col>
            <Col span={24}><Divider titlePlacement="start" plain>{t.customs}</Divider></Col>
            <Col span={6}><Form.Item name="customsSupervised" label={t.customsSupervised} valuePropName="checked"><Switch /></Form.Item></Col>
            <Col span={10}><Form.Item name="customsDeclarationNo" label={t.customsDeclarationNo}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="customsItemNo" label={t.customsItemNo}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="released" label={t.customsReleaseDate} rules={[dateRule('released', fieldLabels, true)]}><DateInput data-testid="instrument-released" /></Form.Item></Col>
            <Col span={16}><Form.Item name="customsName" label={t.customsName}><Input /></Form.Item></Col>
          </Row>
        </Form>
      </Spin>
      <Modal open={retireReason !== null} title={t.retireTitle} onCancel={() => setRetireReason(null)}
        okButtonProps={{ disabled: !retireReason?.trim() }}
        onOk={() => { const reason = retireReason ?? ''; setRetireReason(null); void act(() => call('catalog:retire', { id: inst!.id, reason })); }}>
        <Input.TextArea placeholder={t.retireReason} value={retireReason ?? ''} onChange={(e) => setRetireReason(e.target.value)} />
      </Modal>
    </Drawer>
  );
}
