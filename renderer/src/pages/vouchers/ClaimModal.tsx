import { Alert, Checkbox, Form, Input, List, Modal, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { EligibilityReport } from '../../../../shared/ipc/deals';
import { call } from '../../api';
import { profileFor } from '../../../../shared/policy/registry';
import { articleFor } from '../../../../shared/rules/violations';
import { crossRegionUncheckedRules } from '../../../../shared/rules/voucher-checks';
import { uncheckedRulesText } from '../orders/unchecked';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { articleName, describeIssue, documentName, showError } from '../../util/errors';
import { clearErrorsOnEdit, DateInput, dateOf, dateRule, markRefusal } from '../../util/fields';
import { fenOf, moneyRule } from './dealLabels';
import { saveKeys } from './formKeys';
import { QuotaLine } from './QuotaLine';
import { ApplicantSelect } from '../../util/pickers';
import { requiredOf } from '../../util/number-field';

const L = {
  zh: {
    title: '登记申领的创新券', number: '券号', applicant: '申领单位', face: '面额（元，可写“5万”）', claimDate: '申领日期',
    registered: '已登记日期（可空）', cityFunded: '项目已获{term}支持', ok: '保存 (Enter)', required: '必填',
    cross: '跨区域创新券', local: '本地创新券', issuing: '发券地区',
    crossNote: '跨区域创新券（{scheme}）按发券地区的规则使用（{art}）：本软件记录它、不计入本地年度额度，也不按本地政策核对：{rules}。',
    ineligible: '该申领单位在 {date} 不符合 {n} 项申领条件（{doc}）', override: '仍然登记（须说明原因，记入审计日志）', overrideReason: '登记原因',
  },
  en: {
    title: 'Record a claimed voucher', number: 'Voucher number', applicant: 'Applicant', face: 'Face value (CNY)', claimDate: 'Claimed on',
    registered: 'Registered on (optional)', cityFunded: 'Project funded by {term}', ok: 'Save (Enter)', required: 'Required',
    cross: 'Cross-region voucher', local: 'Local voucher', issuing: 'Issuing region',
    crossNote: 'A cross-region voucher ({scheme}) follows the rules of the region that issued it ({art}): the desk records it, leaves it out of the local annual quota and does not check: {rules}.',
    ineligible: 'On {date} this applicant fails {n} condition(s) ({doc})', override: 'Record it anyway (give the reason; it goes into the audit log)', overrideReason: 'Reason',
  },
};

interface Values {
  number: string; applicantId: number; faceText: string; claim: string; registered: string; cityFunded: boolean;
  crossRegion: 'jingjinji' | 'yangtze' | ''; issuingRegion?: string;
  /** The user overrides failed eligibility conditions, with the reason. */
  override: boolean; eligibilityOverride?: string;
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
  const [report, setReport] = useState<EligibilityReport | null>(null);
  const override = Form.useWatch('override', form);
  const labels = { eligibilityOverride: t.overrideReason, number: t.number, applicantId: t.applicant, faceValueFen: t.face, faceText: t.face, claimDate: t.claimDate, registeredDate: t.registered, issuingRegion: t.issuing };

  useEffect(() => { if (today && !form.getFieldValue('claim')) form.setFieldValue('claim', today); }, [today, form]);
  // Eligibility is checked where the user acts: every failed condition shows before saving.
  useEffect(() => {
    setReport(null);
    if (!chosen || !claimDate || crossRegion) return;
    let live = true;
    call('applicants:eligibility', { id: chosen, date: claimDate }).then((r) => { if (live) setReport(r); }).catch(() => undefined);
    return () => { live = false; };
  }, [chosen, claimDate, crossRegion]);

  const save = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    try {
      await call('vouchers:claim', {
        number: v.number, applicantId: v.applicantId, faceValueFen: fenOf(v.faceText) ?? 0, claimDate: dateOf(v.claim) ?? v.claim,
        registeredDate: dateOf(v.registered), cityFunded: v.cityFunded,
        crossRegion: v.crossRegion || null, issuingRegion: v.crossRegion ? v.issuingRegion ?? null : null,
        eligibilityOverride: v.override ? v.eligibilityOverride ?? '' : '',
      });
      onClose(true);
    } catch (e) {
      // The dialog stays open with the input; each refused field shows its error, the first is scrolled to.
      if (!markRefusal(form, e, labels, { faceValueFen: 'faceText', claimDate: 'claim', registeredDate: 'registered' })) showError(e, labels);
    } finally {
      setSaving(false);
    }
  };

  const req = (label: string) => [requiredOf(label)];
  return (
    <Modal open title={t.title} onCancel={() => onClose(false)} onOk={save} okText={t.ok} confirmLoading={saving} destroyOnHidden width={560}
      okButtonProps={{ 'data-testid': 'claim-save' } as Record<`data-${string}`, string>}>
      <Form form={form} layout="vertical" onKeyDown={saveKeys(() => void save())} onValuesChange={clearErrorsOnEdit(form)}
        initialValues={{ applicantId, cityFunded: false, registered: '', crossRegion: '', claim: today ?? '', override: false }}>
        <Form.Item name="applicantId" label={t.applicant} rules={req(t.applicant)}>
          <ApplicantSelect data-testid="claim-applicant" />
        </Form.Item>
        {chosen && <div style={{ margin: '-8px 0 12px' }}><QuotaLine applicantId={chosen} year={claimDate ? Number(claimDate.slice(0, 4)) : undefined} pendingFen={fenOf(faceText) ?? 0} /></div>}
        <Form.Item name="number" label={t.number} rules={req(t.number)}><Input autoFocus data-testid="claim-number" /></Form.Item>
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
            <Form.Item name="issuingRegion" label={t.issuing} rules={req(t.issuing)}>
              <Select data-testid="claim-issuing-region" options={scheme.issuingRegions.map((r) => ({ value: r.id, label: r.label[locale] }))} />
            </Form.Item>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="claim-cross-note" message={profile ? fmt(t.crossNote, {
              scheme: scheme.label[locale], art: articleName(articleFor(profile, 'crossRegion'), locale),
              rules: uncheckedRulesText(crossRegionUncheckedRules(profile, 'voucher'), profile, locale),
            }) : ''} />
          </>
        )}
        {report && !report.eligible && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="claim-ineligible"
            message={fmt(t.ineligible, { date: report.date, n: report.violations.length, doc: documentName(report.documentNumber, locale) })}
            description={(
              <List size="small" dataSource={report.violations} renderItem={(v) => (
                <List.Item data-testid="claim-ineligible-condition"><Space><Tag>{articleName(v.article, locale)}</Tag>{describeIssue(v, locale)}</Space></List.Item>
              )} />
            )} />
        )}
        {report && !report.eligible && (
          <Form.Item name="override" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox data-testid="claim-override">{t.override}</Checkbox>
          </Form.Item>
        )}
        {report && !report.eligible && override && (
          <Form.Item name="eligibilityOverride" label={t.overrideReason} rules={[requiredOf(t.overrideReason)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="claim-override-reason" />
          </Form.Item>
        )}
        <Form.Item name="cityFunded" valuePropName="checked">
          <Checkbox>{fmt(t.cityFunded, { term: profile ? profile.doubleFundingTerm[locale] : locale === 'zh' ? '市级财政科技资金' : 'city funds' })}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
