import { Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { formErrors, showError } from '../../util/errors';
import { fenOf, moneyRule } from './dealLabels';
import { saveKeys } from './formKeys';
import { QuotaLine } from './QuotaLine';

const L = {
  zh: {
    title: '登记申领的创新券', number: '券号', applicant: '申领单位', face: '面额（元，可写“5万”）', claimDate: '申领日期',
    registered: '已登记日期（可空）', cityFunded: '项目已获市级财政资金支持', ok: '保存 (Enter)', required: '必填',
  },
  en: {
    title: 'Record a claimed voucher', number: 'Voucher number', applicant: 'Applicant', face: 'Face value (CNY, "5万" ok)', claimDate: 'Claimed on',
    registered: 'Registered on (optional)', cityFunded: 'Project funded by city finance', ok: 'Save (Enter)', required: 'Required',
  },
};

interface Values { number: string; applicantId: number; faceText: string; claim: dayjs.Dayjs; registered: dayjs.Dayjs | null; cityFunded: boolean }

export function ClaimModal({ applicantId, onClose }: { applicantId?: number; onClose(changed: boolean): void }) {
  const t = useT(L);
  const { applicants, today } = useDeals();
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('applicantId', form);
  const faceText = Form.useWatch('faceText', form);
  const claim = Form.useWatch('claim', form);
  const [saving, setSaving] = useState(false);

  useEffect(() => { if (today) form.setFieldValue('claim', dayjs(today)); }, [today, form]);

  const save = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    try {
      await call('vouchers:claim', {
        number: v.number, applicantId: v.applicantId, faceValueFen: fenOf(v.faceText) ?? 0, claimDate: v.claim.format('YYYY-MM-DD'),
        registeredDate: v.registered ? v.registered.format('YYYY-MM-DD') : null, cityFunded: v.cityFunded,
      });
      onClose(true);
    } catch (e) {
      const map: Record<string, keyof Values> = { faceValueFen: 'faceText', claimDate: 'claim', registeredDate: 'registered' };
      form.setFields(formErrors(e).map((x) => ({ name: map[x.name[0]] ?? (x.name[0] as keyof Values), errors: x.errors })));
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const req = [{ required: true, message: t.required }];
  return (
    <Modal open title={t.title} onCancel={() => onClose(false)} onOk={save} okText={t.ok} confirmLoading={saving} destroyOnHidden width={560}
      okButtonProps={{ 'data-testid': 'claim-save' } as Record<`data-${string}`, string>}>
      <Form form={form} layout="vertical" onKeyDown={saveKeys(() => void save())} initialValues={{ applicantId, cityFunded: false, registered: null }}>
        <Form.Item name="applicantId" label={t.applicant} rules={req}>
          <Select showSearch optionFilterProp="label" options={applicants.map((a) => ({ value: a.id, label: a.name }))} data-testid="claim-applicant" />
        </Form.Item>
        {chosen && <div style={{ margin: '-8px 0 12px' }}><QuotaLine applicantId={chosen} year={claim?.year()} pendingFen={fenOf(faceText) ?? 0} /></div>}
        <Form.Item name="number" label={t.number} rules={req}><Input autoFocus data-testid="claim-number" /></Form.Item>
        <Form.Item name="faceText" label={t.face} rules={[moneyRule(true, t.required)]}><Input data-testid="claim-face" /></Form.Item>
        <Form.Item name="claim" label={t.claimDate} rules={req}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="registered" label={t.registered}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="cityFunded" valuePropName="checked"><Checkbox>{t.cityFunded}</Checkbox></Form.Item>
      </Form>
    </Modal>
  );
}
