import { Button, Col, Divider, Drawer, Form, Input, Popconfirm, Radio, Row, Select, Space, Spin, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { normaliseCreditCode, normalisePhone } from '../../../../shared/identity';
import { applicantInputSchema, PROJECT_STAGE_LABELS, PROJECT_STAGES, type Applicant, type ApplicantInput } from '../../../../shared/ipc/deals';
import { listProfiles } from '../../../../shared/policy/registry';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { showError } from '../../util/errors';
import { clearErrorsOnEdit, DateInput, dateOf, dateRule, markRefusal, schemaRule } from '../../util/fields';
import { fenOf, fenToText, moneyRule, regionLabel } from '../vouchers/dealLabels';
import { saveKeys } from '../vouchers/formKeys';
import { EligibilityPanel } from './EligibilityPanel';
import { PriceGroupField } from './PriceGroupField';
import { fieldName } from '../../../../shared/vocabulary-labels';
import { punct, UserText } from '../../util/user-data';
import { NumberInput, requiredOf } from '../../util/number-field';

const L = {
  zh: {
    titleNew: '新增申领单位', titleEdit: '编辑申领单位', save: '保存 (Ctrl+S)', del: '删除', delConfirm: '确定删除？已有创新券或合同的单位不能删除。',
    kind: '类型', enterprise: '企业', team: '创业团队', name: '名称', creditCode: '统一社会信用代码', region: '注册地区',
    registeredDate: '注册日期', staff: '职工人数', revenue: '年销售收入（元）', assets: '资产总额（元）', fields: '所属领域（高精尖）',
    highTech: '高新技术企业', smeListed: '科技型中小企业入库', smeYear: '入库年份', specialized: '专精特新', badCredit: '有不良信用记录',
    legal: '已注册法人', unknown: '未填', yes: '是', no: '否', members: '团队人数', students: '其中学生人数', core: '核心成员人数',
    stage: '项目阶段', incubator: '入驻孵化器（名称）', contactName: '联系人', contactPhone: '联系电话', bankName: '开户银行',
    bankAccount: '银行账号', notes: '备注', required: '必填', facts: '申领条件相关信息', contact: '联系与银行信息',
    highTechValid: '高新技术企业证书有效期', smeValid: '入库编号有效期', validHelp: '较高额度仅在有效期内的使用日适用',
    isSme: '属于中小企业（按划型标准）', integrity: '信用与合规（沪 第七条）', dishonesty: '有严重失信记录（未过惩戒期）',
    violationYear: '最近一次重大安全、质量、环境违法年份', abnormal: '列入经营异常名录或严重违法失信名单',
    incubatorRegion: '孵化载体所在地区', companyRegions: '已注册企业的地区', none: '无', from: '起', to: '止',
  },
  en: {
    titleNew: 'New applicant', titleEdit: 'Edit applicant', save: 'Save (Ctrl+S)', del: 'Delete', delConfirm: 'Delete? Applicants with vouchers or contracts cannot be deleted.',
    kind: 'Type', enterprise: 'Enterprise', team: 'Start-up team', name: 'Name', creditCode: 'Credit code', region: 'Region',
    registeredDate: 'Registered on', staff: 'Staff', revenue: 'Annual revenue (CNY)', assets: 'Total assets (CNY)', fields: 'Business fields',
    highTech: 'High-tech enterprise', smeListed: 'Listed tech SME', smeYear: 'Year listed', specialized: 'Specialised SME', badCredit: 'Bad credit record',
    legal: 'Legal entity', unknown: 'Unknown', yes: 'Yes', no: 'No', members: 'Members', students: 'Students among them', core: 'Core members',
    stage: 'Project stage', incubator: 'Incubator (name)', contactName: 'Contact', contactPhone: 'Phone', bankName: 'Bank',
    bankAccount: 'Account', notes: 'Notes', required: 'Required', facts: 'Eligibility facts', contact: 'Contact and bank',
    highTechValid: 'High-tech certificate valid', smeValid: 'Tech-SME listing valid', validHelp: 'The higher quota applies only on days of use within validity',
    isSme: 'Small or medium enterprise (size standard)', integrity: 'Credit and compliance (Shanghai art. 7)', dishonesty: 'Serious dishonesty record (penalty not over)',
    violationYear: 'Year of latest major safety, quality or environmental violation', abnormal: 'On the abnormal-operation or serious-violation list',
    incubatorRegion: 'Incubator region', companyRegions: 'Regions where a company is registered', none: 'None', from: 'from', to: 'to',
  },
};

/** Dates are held as typed text ('' = not given) and read by the shared strict parser. */
type FormValues = Omit<ApplicantInput, 'registeredDate' | 'revenueFen' | 'assetsFen' | 'legalEntity' | 'isSme' | 'highTechValidFrom' | 'highTechValidTo' | 'smeValidFrom' | 'smeValidTo'> & {
  registeredDate: string;
  highTechValidFrom: string;
  highTechValidTo: string;
  smeValidFrom: string;
  smeValidTo: string;
  sme: 'yes' | 'no' | 'unknown';
  revenueText?: string;
  assetsText?: string;
  legal: 'yes' | 'no' | 'unknown';
};

const REGIONS = [...new Set(listProfiles().map((p) => p.region))];
const FIELD_OPTIONS = [...new Set(listProfiles().flatMap((p) => p.eligibility.enterprise.fields ?? []))];

const tri = (b: boolean | null) => (b === null ? 'unknown' : b ? 'yes' : 'no');

function toForm(a: Applicant): FormValues {
  const { registeredDate, revenueFen, assetsFen, legalEntity, isSme, highTechValidFrom, highTechValidTo, smeValidFrom, smeValidTo, ...rest } = a;
  return {
    ...rest, registeredDate: registeredDate ?? '', revenueText: fenToText(revenueFen), assetsText: fenToText(assetsFen),
    legal: tri(legalEntity), sme: tri(isSme),
    highTechValidFrom: highTechValidFrom ?? '', highTechValidTo: highTechValidTo ?? '', smeValidFrom: smeValidFrom ?? '', smeValidTo: smeValidTo ?? '',
    creditCode: rest.creditCode ?? '',
  };
}

function toInput(v: FormValues): ApplicantInput {
  const { registeredDate, revenueText, assetsText, legal, sme, highTechValidFrom, highTechValidTo, smeValidFrom, smeValidTo, ...rest } = v;
  return {
    ...rest, registeredDate: dateOf(registeredDate), revenueFen: fenOf(revenueText), assetsFen: fenOf(assetsText),
    legalEntity: legal === 'unknown' ? null : legal === 'yes',
    isSme: sme === 'unknown' || sme === undefined ? null : sme === 'yes',
    highTechValidFrom: dateOf(highTechValidFrom), highTechValidTo: dateOf(highTechValidTo),
    smeValidFrom: dateOf(smeValidFrom), smeValidTo: dateOf(smeValidTo),
    creditCode: rest.creditCode ?? null,
  };
}

export function ApplicantDrawer({ id, onClose }: { id: number | null; onClose(changed: boolean): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const [current, setCurrent] = useState<Applicant | null>(null);
  const [loading, setLoading] = useState(id !== null);
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (id === null) return;
    call('applicants:get', { id }).then((a) => { setCurrent(a); form.setFieldsValue(toForm(a)); }).catch(showError).finally(() => setLoading(false));
  }, [id, form]);

  const save = async () => {
    let v: FormValues;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    try {
      const input = toInput({ ...form.getFieldsValue(true), ...v });
      const saved = current ? await call('applicants:update', { id: current.id, fields: input }) : await call('applicants:create', input);
      setCurrent(saved);
      setChanged(true);
      setVersion((n) => n + 1);
      form.setFieldsValue(toForm(saved));
    } catch (e) {
      // The drawer keeps the input; every refused field is marked and the first scrolled to.
      if (!markRefusal(form, e, labels, { isSme: 'sme', legalEntity: 'legal', revenueFen: 'revenueText', assetsFen: 'assetsText' })) showError(e, labels);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!current) return;
    try { await call('applicants:delete', { id: current.id }); onClose(true); } catch (e) { showError(e); }
  };

  const labels: Record<string, string> = {
    kind: t.kind, name: t.name, creditCode: t.creditCode, region: t.region, registeredDate: t.registeredDate, staffCount: t.staff,
    revenueFen: t.revenue, revenueText: t.revenue, assetsFen: t.assets, assetsText: t.assets, fields: t.fields, smeListedYear: t.smeYear,
    teamMembers: t.members, studentMembers: t.students, coreMembers: t.core, incubator: t.incubator, contactName: t.contactName,
    contactPhone: t.contactPhone, bankName: t.bankName, bankAccount: t.bankAccount, notes: t.notes, lastMajorViolationYear: t.violationYear,
    highTechValidFrom: `${t.highTechValid}${punct(locale).open}${t.from}${punct(locale).close}`, highTechValidTo: `${t.highTechValid}${punct(locale).open}${t.to}${punct(locale).close}`,
    smeValidFrom: `${t.smeValid}${punct(locale).open}${t.from}${punct(locale).close}`, smeValidTo: `${t.smeValid}${punct(locale).open}${t.to}${punct(locale).close}`,
  };
  const shape = applicantInputSchema.shape;
  const rule = (name: keyof typeof shape) => [schemaRule(shape[name], name, labels)];
  /** Shows the normal form of a typed identity when the user leaves the field. */
  const normaliseOnBlur = (name: 'creditCode' | 'contactPhone', f: (s: string) => string) => () => {
    const v = form.getFieldValue(name) as string | undefined;
    if (v && f(v) !== v) { form.setFieldValue(name, f(v)); void form.validateFields([name]); }
  };
  const req = (label: string) => [requiredOf(label)];
  const yesNo = [{ value: 'unknown', label: t.unknown }, { value: 'yes', label: t.yes }, { value: 'no', label: t.no }];
  return (
    <Drawer open width={820} title={current ? <>{t.titleEdit}{punct(locale).colon}<UserText>{current.name}</UserText></> : t.titleNew} onClose={() => onClose(changed)} destroyOnHidden
      extra={
        <Space>
          {current && <Popconfirm title={t.delConfirm} onConfirm={remove}><Button danger>{t.del}</Button></Popconfirm>}
          <Button type="primary" loading={saving} onClick={save} data-testid="applicant-save">{t.save}</Button>
        </Space>
      }>
      <Spin spinning={loading}>
        <Form form={form} layout="vertical" onKeyDown={saveKeys(() => void save())} data-testid="applicant-form" onValuesChange={clearErrorsOnEdit(form)}
          initialValues={{
            registeredDate: '', highTechValidFrom: '', highTechValidTo: '', smeValidFrom: '', smeValidTo: '', creditCode: '', contactPhone: '',
            kind: 'enterprise', region: 'beijing', fields: [], legal: 'unknown', sme: 'unknown', projectStage: '', highTech: false, smeListed: false,
            specializedSme: false, badCredit: false, seriousDishonesty: false, abnormalList: false, incubatorRegion: '', companyRegions: [],
          }}>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="kind" label={t.kind}>
              <Radio.Group optionType="button" options={[{ value: 'enterprise', label: t.enterprise }, { value: 'team', label: t.team }]} />
            </Form.Item></Col>
            <Col span={16}><Form.Item name="name" label={t.name} rules={req(t.name)}><Input autoFocus data-testid="applicant-name" /></Form.Item></Col>
            <Col span={8}><Form.Item name="region" label={t.region}><Select options={REGIONS.map((r) => ({ value: r, label: regionLabel(r, locale) }))} /></Form.Item></Col>
            <Col span={8}><Form.Item name="creditCode" label={t.creditCode} rules={rule('creditCode')} validateTrigger="onBlur">
              <Input maxLength={40} onBlur={normaliseOnBlur('creditCode', normaliseCreditCode)} data-testid="applicant-credit-code" />
            </Form.Item></Col>
            <Col span={8}><Form.Item name="registeredDate" label={t.registeredDate} rules={[dateRule('registeredDate', labels, true)]}>
              <DateInput data-testid="applicant-registered" />
            </Form.Item></Col>
          </Row>
          <Divider titlePlacement="start" plain>{t.facts}</Divider>
          {kind !== 'team' ? (
            <Row gutter={12}>
              <Col span={6}><Form.Item name="staffCount" label={t.staff} rules={rule('staffCount')}><NumberInput style={{ width: '100%' }} data-testid="applicant-staff" /></Form.Item></Col>
              <Col span={9}><Form.Item name="revenueText" label={t.revenue} rules={[moneyRule(false, t.required)]}><Input data-testid="applicant-revenue" /></Form.Item></Col>
              <Col span={9}><Form.Item name="assetsText" label={t.assets} rules={[moneyRule(false, t.required)]}><Input data-testid="applicant-assets" /></Form.Item></Col>
              <Col span={24}><Form.Item name="fields" label={t.fields}>
                <Select mode="tags" options={FIELD_OPTIONS.map((f) => ({ value: f, label: fieldName(f, locale) }))} data-testid="applicant-fields" />
              </Form.Item></Col>
              <Col span={6}><Form.Item name="highTech" label={t.highTech} valuePropName="checked"><Switch /></Form.Item></Col>
              <Col span={6}><Form.Item name="smeListed" label={t.smeListed} valuePropName="checked"><Switch /></Form.Item></Col>
              <Col span={4}><Form.Item name="smeListedYear" label={t.smeYear} rules={rule('smeListedYear')}><NumberInput style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={4}><Form.Item name="specializedSme" label={t.specialized} valuePropName="checked"><Switch /></Form.Item></Col>
              <Col span={4}><Form.Item name="badCredit" label={t.badCredit} valuePropName="checked"><Switch /></Form.Item></Col>
              <Col span={6}><Form.Item name="highTechValidFrom" label={`${t.highTechValid}${punct(locale).open}${t.from}${punct(locale).close}`} extra={t.validHelp} rules={[dateRule('highTechValidFrom', labels, true)]}>
                <DateInput data-testid="applicant-hightech-from" />
              </Form.Item></Col>
              <Col span={6}><Form.Item name="highTechValidTo" label={`${t.highTechValid}${punct(locale).open}${t.to}${punct(locale).close}`} rules={[dateRule('highTechValidTo', labels, true)]}>
                <DateInput data-testid="applicant-hightech-to" />
              </Form.Item></Col>
              <Col span={12}><Form.Item name="sme" label={t.isSme}><Select options={yesNo} /></Form.Item></Col>
              <Col span={6}><Form.Item name="smeValidFrom" label={`${t.smeValid}${punct(locale).open}${t.from}${punct(locale).close}`} rules={[dateRule('smeValidFrom', labels, true)]}><DateInput /></Form.Item></Col>
              <Col span={6}><Form.Item name="smeValidTo" label={`${t.smeValid}${punct(locale).open}${t.to}${punct(locale).close}`} rules={[dateRule('smeValidTo', labels, true)]}><DateInput /></Form.Item></Col>
            </Row>
          ) : (
            <Row gutter={12}>
              <Col span={6}><Form.Item name="legal" label={t.legal}><Select options={yesNo} /></Form.Item></Col>
              <Col span={6}><Form.Item name="teamMembers" label={t.members} rules={rule('teamMembers')}><NumberInput style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={6}><Form.Item name="studentMembers" label={t.students} rules={rule('studentMembers')}><NumberInput style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={6}><Form.Item name="coreMembers" label={t.core} rules={rule('coreMembers')}><NumberInput style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={8}><Form.Item name="projectStage" label={t.stage}>
                <Select options={[{ value: '', label: t.unknown }, ...PROJECT_STAGES.map((s) => ({ value: s, label: PROJECT_STAGE_LABELS[s][locale] }))]} />
              </Form.Item></Col>
              <Col span={16}><Form.Item name="incubator" label={t.incubator}><Input /></Form.Item></Col>
              <Col span={8}><Form.Item name="incubatorRegion" label={t.incubatorRegion}>
                <Select options={[{ value: '', label: t.unknown }, ...REGIONS.map((r) => ({ value: r, label: regionLabel(r, locale) }))]} data-testid="applicant-incubator-region" />
              </Form.Item></Col>
              <Col span={16}><Form.Item name="companyRegions" label={t.companyRegions}>
                <Select mode="multiple" placeholder={t.none} options={REGIONS.map((r) => ({ value: r, label: regionLabel(r, locale) }))} data-testid="applicant-company-regions" />
              </Form.Item></Col>
            </Row>
          )}
          <Divider titlePlacement="start" plain>{t.integrity}</Divider>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="seriousDishonesty" label={t.dishonesty} valuePropName="checked"><Switch /></Form.Item></Col>
            <Col span={8}><Form.Item name="lastMajorViolationYear" label={t.violationYear} rules={rule('lastMajorViolationYear')}>
              <NumberInput placeholder={t.none} style={{ width: '100%' }} />
            </Form.Item></Col>
            <Col span={8}><Form.Item name="abnormalList" label={t.abnormal} valuePropName="checked"><Switch /></Form.Item></Col>
          </Row>
          <Divider titlePlacement="start" plain>{t.contact}</Divider>
          <Row gutter={12}>
            <Col span={6}><Form.Item name="contactName" label={t.contactName}><Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="contactPhone" label={t.contactPhone} rules={rule('contactPhone')} validateTrigger="onBlur">
              <Input onBlur={normaliseOnBlur('contactPhone', normalisePhone)} data-testid="applicant-phone" />
            </Form.Item></Col>
            <Col span={6}><Form.Item name="bankName" label={t.bankName}><Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="bankAccount" label={t.bankAccount}><Input /></Form.Item></Col>
            <Col span={24}><Form.Item name="notes" label={t.notes}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} /></Form.Item></Col>
          </Row>
        </Form>
        {current && <PriceGroupField applicantId={current.id} />}
        {current && <EligibilityPanel applicantId={current.id} version={version} />}
      </Spin>
    </Drawer>
  );
}
