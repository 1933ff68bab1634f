import { Alert, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../api';
import { profileFor } from '../../../../shared/policy/registry';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { showError } from '../../util/errors';
import { clearErrorsOnEdit, DateInput, dateOf, dateRule, markRefusal } from '../../util/fields';
import { fenOf, moneyRule } from './dealLabels';
import { saveKeys } from './formKeys';
import { QuotaLine } from './QuotaLine';
import { ApplicantSelect } from '../../util/pickers';

const L = {
  zh: {
    title: '登记申领的创新券', number: '券号', applicant: '申领单位', face: '面额（元，可写“5万”）', claimDate: '申领日期',
    registered: '已登记日期（可空）', cityFunded: '项目已获{term}支持', ok: '保存 (Enter)', required: '必填',
    cross: '跨区域创新券', local: '本地创新券', issuing: '发券地区',
    crossNote: '跨区域创新券按发券地区的规则使用：本软件记录它，但不按本地政策核对面额、年度额度、50%比例和登记/有效期/兑现期限。',
  },
  en: {
    title: 'Record a claimed voucher', number: 'Voucher number', applicant: 'Applicant', face: 'Face value (CNY, "5万" ok)', claimDate: 'Claimed on',
    registered: 'Registered on (optional)', cityFunded: 'Project funded by {term}', ok: 'Save (Enter)', required: 'Required',
    cross: 'Cross-region voucher', local: 'Local voucher', issuing: 'Issuing region',
    crossNote: 'A cross-region voucher follows the rules of the region that issued it: the desk records it but does not check the local face value, annual quota, 50% share or register / validity / redemption windows.',
  },
};

interface Values {
  number: string; applicantId: number; faceText: string; claim: string; registered: string; cityFunded: boolean;
  crossRegion: 'jingjinji' | 'yangtze' | ''; issuingRegion?: string;
}

export function ClaimModal({ applicantId, onClose }: { applicantId?: number; onClose(changed: boolean): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { applicants, today } = useDeals();
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('applicantId', form);
  const faceText = Form.useWatch('faceText', form);
  const claim = Form.useWatch('claim', form);
  const crossRegion = Form.useWatch('crossRegion', form);
  const applicant = applicants.find((a) => a.id === chosen);
  const claimDate = dateOf(claim);
  const profile = applicant && claimDate ? profileFor(applicant.region, claimDate) : null;
  const scheme = profile?.crossRegion ?? null;
  const [saving, setSaving] = useState(false);
  const labels = { number: t.number, applicantId: t.applicant, faceValueFen: t.face, faceText: t.face, claimDate: t.claimDate, registeredDate: t.registered, issuingRegion: t.issuing };

  useEffect(() => { if (today && !form.getFieldValue('claim')) form.setFieldValue('claim', today); }, [today, form]);

  const save = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    try {
      await call('vouchers:claim', {
        number: v.number, applicantId: v.applicantId, faceValueFen: fenOf(v.faceText) ?? 0, claimDate: dateOf(v.claim) ?? v.claim,
        registeredDate: dateOf(v.registered), cityFunded: v.cityFunded,
        crossRegion: v.crossRegion || null, issuingRegion: v.crossRegion ? v.issuingRegion ?? null : null,
      });
      onClose(true);
    } catch (e) {
      // The dialog stays open with the input; each refused field shows its error, the first is scrolled to.
      if (!markRefusal(form, e, labels, { faceValueFen: 'faceText', claimDate: 'claim', registeredDate: 'registered' })) showError(e, labels);
    } finally {
      setSaving(false);
    }
  };

  const req = [{ required: true, message: t.required }];
  return (
    <Modal open title={t.title} onCancel={() => onClose(false)} onOk={save} okText={t.ok} confirmLoading={saving} destroyOnHidden width={560}
      okButtonProps={{ 'data-testid': 'claim-save' } as Record<`data-${string}`, string>}>
      <Form form={form} layout="vertical" onKeyDown={saveKeys(() => void save())} onValuesChange={clearErrorsOnEdit(form)}
        initialValues={{ applicantId, cityFunded: false, registered: '', crossRegion: '', claim: today ?? '' }}>
        <Form.Item name="applicantId" label={t.applicant} rules={req}>
          <ApplicantSelect data-testid="claim-applicant" />
        </Form.Item>
        {chosen && <div style={{ margin: '-8px 0 12px' }}><QuotaLine applicantId={chosen} year={claimDate ? Number(claimDate.slice(0, 4)) : undefined} pendingFen={fenOf(faceText) ?? 0} /></div>}
        <Form.Item name="number" label={t.number} rules={req}><Input autoFocus data-testid="claim-number" /></Form.Item>
        <Form.Item name="faceText" label={t.face} rules={[moneyRule(true, t.required)]}><Input data-testid="claim-face" /></Form.Item>
        <Form.Item name="claim" label={t.claimDate} rules={[dateRule('claimDate', labels)]}><DateInput data-testid="claim-date" /></Form.Item>
        <Form.Item name="registered" label={t.registered} rules={[dateRule('registeredDate', labels, true)]}><DateInput data-testid="claim-registered" /></Form.Item>
        {scheme && (
          <Form.Item name="crossRegion" label={t.cross}>
            <Select data-testid="claim-cross-region" options={[{ value: '', label: t.local }, { value: scheme.id, label: scheme.label[locale] }]} />
          </Form.Item>
        )}
        {scheme && crossRegion && (
          <>
            <Form.Item name="issuingRegion" label={t.issuing} rules={req}>
              <Select data-testid="claim-issuing-region" options={scheme.issuingRegions.map((r) => ({ value: r.id, label: r.label[locale] }))} />
            </Form.Item>
            <Alert type="info" showIcon message={t.crossNote} style={{ marginBottom: 12 }} data-testid="claim-cross-note" />
          </>
        )}
        <Form.Item name="cityFunded" valuePropName="checked">
          <Checkbox>{fmt(t.cityFunded, { term: profile ? profile.doubleFundingTerm[locale] : locale === 'zh' ? '市级财政科技资金' : 'city funds' })}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
