// Service products of the 服务机构, each under one category of the platform's service-item list.
import { Button, Form, Input, Select, Space, Switch, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Product, ProductInput } from '../../../../shared/ipc/orders';
import { profileFor } from '../../../../shared/policy/registry';
import { SERVICE_KIND_LABELS, type ServiceKind } from '../../../../shared/policy/vocabulary';
import { serviceVocabulary } from '../../../../shared/rules/voucher-checks';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { formErrors, showError } from '../../util/errors';
import { clearErrorsOnEdit } from '../../util/fields';
import { requiredOf } from '../../util/number-field';

const L = {
  zh: {
    code: '产品编号', name: '产品名称', kind: '服务事项类别', item: '服务事项清单条目', price: '收费说明', active: '在售', save: '新增产品',
    excluded: '（不予支持）', required: '必填',
  },
  en: {
    code: 'Code', name: 'Name', kind: 'Service-item category', item: 'Item-list entry', price: 'Price note', active: 'Offered', save: 'Add product',
    excluded: ' (not covered)', required: 'Required',
  },
};

export function ProductsPanel() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { today } = useDeals();
  const [form] = Form.useForm<ProductInput>();
  const [rows, setRows] = useState<Product[]>([]);
  const profile = today ? profileFor('shanghai', today) : null;
  const kinds: ServiceKind[] = profile ? serviceVocabulary(profile) : [];

  const reload = useCallback(() => { call('products:list', { activeOnly: false }).then(setRows).catch(showError); }, []);
  useEffect(reload, [reload]);

  const save = async () => {
    let v: ProductInput;
    try { v = await form.validateFields(); } catch { return; }
    try {
      await call('products:save', { id: null, fields: { ...v, active: v.active ?? true } });
      form.resetFields();
      reload();
    } catch (e) {
      form.setFields(formErrors(e).map((x) => ({ name: x.name[0] as keyof ProductInput, errors: x.errors })));
      showError(e);
    }
  };
  const req = (label: string) => [requiredOf(label)];
  return (
    <div>
      <Form form={form} onValuesChange={clearErrorsOnEdit(form)} layout="inline" style={{ marginBottom: 12, rowGap: 8 }} initialValues={{ active: true }} onFinish={() => void save()}>
        <Form.Item name="code" rules={req(t.code)}><Input placeholder={t.code} style={{ width: 120 }} data-testid="product-code" /></Form.Item>
        <Form.Item name="name" rules={req(t.name)}><Input placeholder={t.name} style={{ width: 200 }} data-testid="product-name" /></Form.Item>
        <Form.Item name="serviceKind" rules={req(t.kind)}>
          <Select placeholder={t.kind} style={{ width: 200 }} data-testid="product-kind" options={kinds.map((k) => ({
            value: k, label: `${SERVICE_KIND_LABELS[k][locale]}${profile?.excludedServiceKinds.includes(k) ? t.excluded : ''}`,
          }))} />
        </Form.Item>
        <Form.Item name="itemCategory"><Input placeholder={t.item} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="priceNote"><Input placeholder={t.price} style={{ width: 160 }} /></Form.Item>
        <Form.Item name="active" valuePropName="checked" label={t.active}><Switch /></Form.Item>
        <Space><Button type="primary" htmlType="submit" data-testid="product-save">{t.save}</Button></Space>
      </Form>
      <Table<Product> size="small" rowKey="id" dataSource={rows} pagination={false} data-testid="products-table" columns={[
        { title: t.code, dataIndex: 'code', width: 120 },
        { title: t.name, dataIndex: 'name' },
        { title: t.kind, dataIndex: 'serviceKind', render: (k: ServiceKind) => SERVICE_KIND_LABELS[k][locale] },
        { title: t.item, dataIndex: 'itemCategory' },
        { title: t.price, dataIndex: 'priceNote' },
        { title: t.active, dataIndex: 'active', width: 80, render: (a: boolean) => (a ? '✓' : '') },
      ]} />
    </div>
  );
}
