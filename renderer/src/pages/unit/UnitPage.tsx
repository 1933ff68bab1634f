import { Button, Card, Form, Input, Modal, Switch, Table, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { LabDetail, LabFields, UnitFields } from '../../../../shared/ipc/unit';
import { call } from '../../api';
import { useT } from '../../i18n';
import { formErrors, showError } from '../../util/errors';
import { clearErrorsOnEdit } from '../../util/fields';
import { requiredOf } from '../../util/number-field';

const L = {
  zh: {
    unit: '开放单位', name: '单位名称', credit: '统一社会信用代码', address: '地址', bank: '开户银行', account: '银行账号',
    contact: '联系人', phone: '联系电话', third: '以测试、检测、研发服务为主业的第三方服务机构', thirdHelp: '第三方机构不享受开放单位绩效补贴',
    save: '保存（Ctrl+S）', saved: '已保存', usedBy: '兑现申请表、费用结算单和考核报告的单位名称与收款信息取自此处。',
    labs: '实验室', addLab: '新增实验室', edit: '编辑', labName: '实验室名称', head: '负责人', location: '地点', instruments: '仪器数',
    labTitle: '实验室', ok: '保存', cancel: '取消',
  },
  en: {
    unit: 'Open unit', name: 'Unit name', credit: 'Unified social credit code', address: 'Address', bank: 'Bank', account: 'Account number',
    contact: 'Contact', phone: 'Phone', third: 'Third-party testing / R&D service institution', thirdHelp: 'Third-party institutions receive no performance subsidy',
    save: 'Save (Ctrl+S)', saved: 'Saved', usedBy: 'Redemption summaries, statements and assessment reports take the unit name and bank details from here.',
    labs: 'Labs', addLab: 'New lab', edit: 'Edit', labName: 'Lab name', head: 'Head', location: 'Location', instruments: 'Instruments',
    labTitle: 'Lab', ok: 'Save', cancel: 'Cancel',
  },
};

function applyErrors<T>(form: ReturnType<typeof Form.useForm<T>>[0], e: unknown, prefix = ''): void {
  form.setFields(formErrors(e).map((x) => ({ name: (prefix && x.name[0] === prefix ? x.name.slice(1) : x.name) as never, errors: x.errors })));
}

export function UnitPage() {
  const t = useT(L);
  const [form] = Form.useForm<UnitFields>();
  const [labForm] = Form.useForm<LabFields>();
  const [labs, setLabs] = useState<LabDetail[]>([]);
  const [editing, setEditing] = useState<LabDetail | 'new' | null>(null);
  const [saving, setSaving] = useState(false);

  const loadLabs = useCallback(() => { call('unit:labs', {}).then(setLabs, showError); }, []);
  useEffect(() => {
    call('unit:get', {}).then((u) => form.setFieldsValue({ ...u, creditCode: u.creditCode ?? '' }), showError);
    loadLabs();
  }, [form, loadLabs]);

  const save = async () => {
    setSaving(true);
    try {
      const values = await form.validateFields();
      const u = await call('unit:save', values);
      form.setFieldsValue({ ...u, creditCode: u.creditCode ?? '' });
      void message.success(t.saved);
    } catch (e) {
      if ((e as { errorFields?: unknown }).errorFields) return;
      applyErrors(form, e);
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const openLab = (lab: LabDetail | 'new') => {
    setEditing(lab);
    labForm.setFieldsValue(lab === 'new' ? { name: '', head: '', contact: '', contactPhone: '', location: '' } : lab);
  };
  const saveLabForm = async () => {
    try {
      const fields = await labForm.validateFields();
      await call('unit:labSave', { id: editing === 'new' || editing === null ? null : editing.id, fields });
      setEditing(null);
      loadLabs();
    } catch (e) {
      if ((e as { errorFields?: unknown }).errorFields) return;
      applyErrors(labForm, e, 'fields');
      showError(e);
    }
  };

  return (
    <div>
      <Card size="small" title={t.unit} style={{ marginBottom: 12, maxWidth: 820 }} extra={<span style={{ color: '#888' }}>{t.usedBy}</span>}>
        <Form form={form} onValuesChange={clearErrorsOnEdit(form)} layout="vertical" onFinish={() => void save()}
          onKeyDown={(e) => { if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); void save(); } }}>
          <Form.Item name="name" label={t.name} rules={[requiredOf(t.name)]}><Input data-testid="unit-name" /></Form.Item>
          <Form.Item name="creditCode" label={t.credit}><Input data-testid="unit-credit" /></Form.Item>
          <Form.Item name="address" label={t.address}><Input /></Form.Item>
          <Form.Item name="bankName" label={t.bank}><Input data-testid="unit-bank" /></Form.Item>
          <Form.Item name="bankAccount" label={t.account}><Input data-testid="unit-account" /></Form.Item>
          <Form.Item name="contactName" label={t.contact}><Input /></Form.Item>
          <Form.Item name="contactPhone" label={t.phone}><Input /></Form.Item>
          <Form.Item name="thirdPartyTesting" label={t.third} extra={t.thirdHelp} valuePropName="checked"><Switch /></Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="unit-save">{t.save}</Button>
        </Form>
      </Card>
      <Card size="small" title={t.labs} style={{ maxWidth: 1100 }} extra={<Button onClick={() => openLab('new')} data-testid="lab-add">{t.addLab}</Button>}>
        <Table<LabDetail> size="small" rowKey="id" dataSource={labs} pagination={false} scroll={{ y: 360 }}
          columns={[
            { title: t.labName, dataIndex: 'name' },
            { title: t.head, dataIndex: 'head' },
            { title: t.contact, dataIndex: 'contact' },
            { title: t.phone, dataIndex: 'contactPhone' },
            { title: t.location, dataIndex: 'location' },
            { title: t.instruments, dataIndex: 'instrumentCount', width: 80 },
            { title: '', key: 'edit', width: 80, render: (_, lab) => <Button size="small" onClick={() => openLab(lab)}>{t.edit}</Button> },
          ]} />
      </Card>
      <Modal open={editing !== null} title={t.labTitle} okText={t.ok} cancelText={t.cancel} onOk={() => void saveLabForm()} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={labForm} layout="vertical" onValuesChange={clearErrorsOnEdit(labForm)}>
          <Form.Item name="name" label={t.labName} rules={[requiredOf(t.labName)]}><Input data-testid="lab-name" /></Form.Item>
          <Form.Item name="head" label={t.head}><Input data-testid="lab-head" /></Form.Item>
          <Form.Item name="contact" label={t.contact}><Input /></Form.Item>
          <Form.Item name="contactPhone" label={t.phone}><Input /></Form.Item>
          <Form.Item name="location" label={t.location}><Input /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
