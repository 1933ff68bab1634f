// 收费标准: the rate table of one instrument (or the unit-wide service items), each item's price
// versions with their effective dates, and the 参考收费标准 text generated from them.
import { Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useEffectEvent, useState, type ReactNode } from 'react';
import type { PriceGroup, RateItem, RateVersion } from '../../../../shared/ipc/money';
import { BILLING_INCREMENTS, CHARGE_UNITS, CHARGE_UNIT_LABELS, type ChargeUnit } from '../../../../shared/money/rates';
import { formatYuan } from '../../../../shared/rules/money';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { useAppInfo, useToday } from '../../stores/app-info';
import { showError } from '../../util/errors';
import { fenOf, fenToText, moneyRule } from '../../util/money-field';
import { clearErrorsOnEdit, DateInput, dateOf, dateRule, markRefusal } from '../../util/fields';

const VERSION_FIELDS: Record<string, string> = { effectiveFrom: 'from', effectiveTo: 'to', incrementMinutes: 'increment', minimumFen: 'minimum', setupFeeFen: 'setup' };
import { punct, UserText } from '../../util/user-data';
import { requiredOf } from '../../util/number-field';

const L = {
  zh: {
    instrument: '仪器', pick: '搜索仪器名称或编号', serviceItems: '（不属于某台仪器的服务项目）', items: '收费项目', addItem: '新增收费项目',
    name: '项目名称', unit: '计费单位', billsUsage: '按使用记录计费', addVersion: '新价格', from: '生效日期', to: '失效日期', increment: '计费时长（分钟）',
    minimum: '最低收费（元）', setup: '开机费（元）', prices: '单价（元）', used: '已使用', edit: '修改', reference: '参考收费标准', none: '（无）',
    save: '保存', cancel: '取消', versionTitle: '价格版本', itemTitle: '收费项目', open: '长期', groups: '价格类别', addGroup: '新增价格类别',
  },
  en: {
    instrument: 'Instrument', pick: 'Search instrument name or number', serviceItems: '(service items of no instrument)', items: 'Rate items', addItem: 'New rate item',
    name: 'Item', unit: 'Unit', billsUsage: 'Bills usage records', addVersion: 'New rate', from: 'Effective from', to: 'Until', increment: 'Increment (min)',
    minimum: 'Minimum (yuan)', setup: 'Set-up fee (yuan)', prices: 'Unit price (yuan)', used: 'Used', edit: 'Edit', reference: 'Reference fee', none: '(none)',
    save: 'Save', cancel: 'Cancel', versionTitle: 'Rate version', itemTitle: 'Rate item', open: 'open-ended', groups: 'Price groups', addGroup: 'New price group',
  },
};

interface VersionForm { from: string; to?: string | null; increment?: number | null; minimum?: string; setup?: string; prices: Record<string, string | null | undefined> }

export function RatesPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const today = useToday();
  useEffect(() => { void useAppInfo.getState().load(); }, []);
  const [instrument, setInstrument] = useState<number | null>(null);
  const [choices, setChoices] = useState<{ value: number; label: ReactNode; title?: string }[]>([]);
  const [items, setItems] = useState<RateItem[]>([]);
  const [groups, setGroups] = useState<PriceGroup[]>([]);
  const [reference, setReference] = useState('');
  const [itemModal, setItemModal] = useState(false);
  const [versionFor, setVersionFor] = useState<{ item: RateItem; version: RateVersion | null } | null>(null);
  const [groupModal, setGroupModal] = useState(false);
  const [itemForm] = Form.useForm<{ name: string; unit: ChargeUnit; billsUsage: boolean }>();
  const [versionForm] = Form.useForm<VersionForm>();
  const [groupForm] = Form.useForm<{ name: string; nameEn: string }>();

  const search = async (query: string) => {
    try {
      const r = await call('catalog:list', { query, limit: 50 });
      setChoices([{ value: 0, label: t.serviceItems }, ...r.rows.map((i) => ({ value: i.id, label: <UserText>{`${i.innerId} ${i.nameCn}`}</UserText>, title: `${i.innerId} ${i.nameCn}` }))]);
    } catch (e) { showError(e); }
  };
  // First page once per mount; typing searches further.
  const firstPage = useEffectEvent(() => { void search(''); });
  useEffect(() => { firstPage(); call('money:priceGroups', {}).then(setGroups, showError); }, []);

  const load = useCallback(() => {
    if (instrument === null) return;
    call('money:rates', { instrumentId: instrument === 0 ? null : instrument }).then(setItems, showError);
    if (instrument > 0) call('money:referenceFee', { instrumentId: instrument }).then((r) => setReference(r.text), showError);
    else setReference('');
  }, [instrument]);
  useEffect(load, [load]);

  const saveItem = async () => {
    const f = await itemForm.validateFields();
    try {
      await call('money:rateItemSave', { id: null, fields: { instrumentId: instrument ? instrument : null, name: f.name, unit: f.unit, billsUsage: !!f.billsUsage } });
      setItemModal(false);
      load();
    } catch (e) { if (!markRefusal(itemForm, e)) showError(e); }
  };

  const openVersion = (item: RateItem, version: RateVersion | null) => {
    setVersionFor({ item, version });
    const timed = item.unit === 'hour' || item.unit === 'core_hour';
    versionForm.setFieldsValue(version ? {
      from: version.effectiveFrom, to: version.effectiveTo ?? '', increment: version.incrementMinutes,
      minimum: fenToText(version.minimumFen), setup: fenToText(version.setupFeeFen),
      prices: Object.fromEntries(version.prices.map((p) => [String(p.priceGroupId), fenToText(p.unitPriceFen)])),
    } : {
      // An item's first rate runs from 1 January of this year; later ones from today.
      from: item.versions.length === 0 ? `${today.slice(0, 4)}-01-01` : today, to: '', increment: timed ? 30 : null, minimum: '0.00', setup: '0.00', prices: {} });
  };

  const saveVersion = async () => {
    if (!versionFor) return;
    const f = await versionForm.validateFields();
    const fields = {
      effectiveFrom: dateOf(f.from)!, effectiveTo: dateOf(f.to),
      incrementMinutes: (f.increment ?? null) as (typeof BILLING_INCREMENTS)[number] | null, minimumFen: fenOf(f.minimum) ?? 0, setupFeeFen: fenOf(f.setup) ?? 0,
      prices: groups.filter((g) => fenOf(f.prices?.[String(g.id)]) !== null).map((g) => ({ priceGroupId: g.id, unitPriceFen: fenOf(f.prices[String(g.id)])! })),
    };
    try {
      if (versionFor.version) await call('money:rateVersionUpdate', { versionId: versionFor.version.id, fields });
      else await call('money:rateVersionAdd', { itemId: versionFor.item.id, fields });
      setVersionFor(null);
      load();
    } catch (e) { if (!markRefusal(versionForm, e, {}, VERSION_FIELDS)) showError(e); }
  };

  const saveGroup = async () => {
    const f = await groupForm.validateFields();
    try {
      await call('money:priceGroupSave', { id: null, fields: { name: f.name, nameEn: f.nameEn ?? '', sortOrder: groups.length + 1 } });
      setGroupModal(false);
      setGroups(await call('money:priceGroups', {}));
    } catch (e) { if (!markRefusal(groupForm, e)) showError(e); }
  };

  const groupName = (id: number) => { const g = groups.find((x) => x.id === id); return g ? (locale === 'en' && g.nameEn ? g.nameEn : g.name) : String(id); };
  const unitLabel = (u: ChargeUnit) => CHARGE_UNIT_LABELS[u][locale];

  return (
    <div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t.instrument}</span>
          <Select data-testid="rates-instrument" showSearch filterOption={false} style={{ width: 420 }} placeholder={t.pick} value={instrument ?? undefined}
            onSearch={(q) => void search(q)} onChange={(v: number) => setInstrument(v)} options={choices} />
          <Button disabled={instrument === null} onClick={() => { itemForm.setFieldsValue({ name: instrument ? '上机' : '', unit: instrument ? 'hour' : 'sample', billsUsage: !!instrument }); setItemModal(true); }} data-testid="rates-add-item">{t.addItem}</Button>
          <Button onClick={() => { groupForm.resetFields(); setGroupModal(true); }}>{t.addGroup}</Button>
          <span>{t.groups}{punct(locale).colon}{groups.map((g) => <Tag key={g.id}>{groupName(g.id)}</Tag>)}</span>
        </Space>
        {instrument ? <div style={{ marginTop: 8 }}><Typography.Text type="secondary">{t.reference}{punct(locale).colon}</Typography.Text><span data-testid="rates-reference" data-user="">{reference || t.none}</span></div> : null}
      </Card>
      {items.map((item) => (
        <Card key={item.id} size="small" style={{ marginBottom: 8 }} data-testid={`rate-item-${item.name}`}
          title={<Space>{item.name}<Tag>{unitLabel(item.unit)}</Tag>{item.billsUsage && <Tag color="blue">{t.billsUsage}</Tag>}</Space>}
          extra={<Button size="small" onClick={() => openVersion(item, null)} data-testid="rates-add-version">{t.addVersion}</Button>}>
          <Table<RateVersion> size="small" rowKey="id" pagination={false} dataSource={item.versions}
            columns={[
              { title: t.from, dataIndex: 'effectiveFrom', width: 110 },
              { title: t.to, dataIndex: 'effectiveTo', width: 110, render: (v: string | null) => v ?? t.open },
              { title: t.increment, dataIndex: 'incrementMinutes', width: 110, render: (v: number | null) => v ?? '—' },
              { title: t.prices, key: 'p', render: (_, v) => v.prices.map((p) => `${groupName(p.priceGroupId)} ${formatYuan(p.unitPriceFen)}`).join('；') },
              { title: t.minimum, dataIndex: 'minimumFen', width: 100, render: (f: number) => formatYuan(f) },
              { title: t.setup, dataIndex: 'setupFeeFen', width: 100, render: (f: number) => formatYuan(f) },
              { title: t.used, dataIndex: 'usedBy', width: 70 },
              { title: '', key: 'e', width: 70, render: (_, v) => <Button size="small" disabled={v.usedBy > 0} onClick={() => openVersion(item, v)}>{t.edit}</Button> },
            ]} />
        </Card>
      ))}
      <Modal open={itemModal} title={t.itemTitle} okText={t.save} cancelText={t.cancel} onOk={() => void saveItem()} onCancel={() => setItemModal(false)} destroyOnHidden>
        <Form form={itemForm} layout="vertical" onValuesChange={clearErrorsOnEdit(itemForm)}>
          <Form.Item name="name" label={t.name} rules={[requiredOf(t.name)]}><Input data-testid="rate-item-name" /></Form.Item>
          <Form.Item name="unit" label={t.unit}><Select options={CHARGE_UNITS.map((u) => ({ value: u, label: unitLabel(u) }))} /></Form.Item>
          {instrument ? <Form.Item name="billsUsage" valuePropName="checked"><Checkbox>{t.billsUsage}</Checkbox></Form.Item> : null}
        </Form>
      </Modal>
      <Modal open={versionFor !== null} title={t.versionTitle} okText={t.save} cancelText={t.cancel} onOk={() => void saveVersion()} onCancel={() => setVersionFor(null)} destroyOnHidden>
        <Form form={versionForm} layout="vertical" onValuesChange={clearErrorsOnEdit(versionForm)}>
          <Space>
            <Form.Item name="from" label={t.from} rules={[dateRule('from', { from: t.from })]}><DateInput data-testid="rate-from" /></Form.Item>
            <Form.Item name="to" label={t.to} rules={[dateRule('to', { to: t.to }, true)]}><DateInput /></Form.Item>
          </Space>
          {versionFor && (versionFor.item.unit === 'hour' || versionFor.item.unit === 'core_hour') && (
            <Form.Item name="increment" label={t.increment}><Select style={{ width: 160 }} options={BILLING_INCREMENTS.map((m) => ({ value: m, label: String(m) }))} /></Form.Item>
          )}
          {groups.map((g) => (
            <Form.Item key={g.id} name={['prices', String(g.id)]} label={`${t.prices} · ${groupName(g.id)}`} rules={[moneyRule({ label: `${t.prices} · ${groupName(g.id)}` })]}>
              <Input data-testid={`rate-price-${g.name}`} style={{ width: 200 }} />
            </Form.Item>
          ))}
          <Space>
            <Form.Item name="minimum" label={t.minimum} rules={[moneyRule({ label: t.minimum })]}><Input /></Form.Item>
            <Form.Item name="setup" label={t.setup} rules={[moneyRule({ label: t.setup })]}><Input /></Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal open={groupModal} title={t.addGroup} okText={t.save} cancelText={t.cancel} onOk={() => void saveGroup()} onCancel={() => setGroupModal(false)} destroyOnHidden>
        <Form form={groupForm} layout="vertical" onValuesChange={clearErrorsOnEdit(groupForm)}>
          <Form.Item name="name" label={t.name} rules={[requiredOf(t.name)]}><Input /></Form.Item>
          <Form.Item name="nameEn" label="English"><Input /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
