import { Alert, Button, Checkbox, Col, DatePicker, Divider, Drawer, Form, Input, Row, Select, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { InstrumentRow } from '../../../../shared/catalog/instrument';
import type { Lab } from '../../../../shared/ipc/catalog';
import { CONTRACT_STATUSES, type ContractDetail, type ContractInput } from '../../../../shared/ipc/deals';
import { profileFor } from '../../../../shared/policy/registry';
import { SERVICE_KIND_LABELS, type ServiceKind } from '../../../../shared/policy/vocabulary';
import { articleFor } from '../../../../shared/rules/violations';
import { formatRatio } from '../../../../shared/rules/ratio';
import { maxVoucherForContract, serviceVocabulary } from '../../../../shared/rules/voucher-checks';
import { ApiError, call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { formErrors, showError } from '../../util/errors';
import { CONTRACT_STATUS_LABELS, fenOf, fenToText, moneyRule } from '../vouchers/dealLabels';
import { saveKeys } from '../vouchers/formKeys';
import { QuotaLine } from '../vouchers/QuotaLine';
import { VoucherPicker, type VoucherLink } from './VoucherPicker';
import { ApplicantSelect } from '../../util/pickers';

const L = {
  zh: {
    titleNew: '新建创新券服务合同', titleEdit: '编辑合同', save: '保存 (Ctrl+S)', number: '合同编号', applicant: '申领单位（甲方）',
    lab: '开放单位 / 实验室（乙方）', title: '合同名称', services: '服务内容', signed: '签订日期', start: '开始日期', end: '结束日期',
    registration: '合同登记日期', amount: '合同金额（元）', actual: '实际金额（元，未结算可空）', cityFunded: '项目已获{term}支持',
    serviceKinds: '服务类别（按政策范围选择）', servicesNote: '服务内容说明（备注）', noKinds: '未选择服务类别：保存时无法核对服务范围（{doc} {art}）。',
    excluded: '（不予支持）',
    status: '状态', applyBy: '兑现申请截止 {d}', daysLeft: '（剩 {n} 天）', instruments: '使用仪器', instrumentsHint: '输入名称或编号搜索', vouchers: '使用的创新券', required: '必填', quota: '年度额度',
  },
  en: {
    titleNew: 'New voucher service contract', titleEdit: 'Edit contract', save: 'Save (Ctrl+S)', number: 'Contract number', applicant: 'Applicant (client)',
    lab: 'Open unit / lab (provider)', title: 'Title', services: 'Services', signed: 'Signed on', start: 'Starts', end: 'Ends',
    registration: 'Registered on (合同登记)', amount: 'Amount (CNY)', actual: 'Actual amount (CNY, blank until settled)', cityFunded: 'Project funded by {term}',
    serviceKinds: 'Service kinds (policy scope)', servicesNote: 'Service description (note)', noKinds: 'No service kind chosen: the scope cannot be checked on save ({doc} {art}).',
    excluded: ' (not covered)',
    status: 'Status', applyBy: 'Apply for redemption by {d}', daysLeft: ' ({n} days left)', instruments: 'Instruments', instrumentsHint: 'Search by name or id', vouchers: 'Vouchers applied', required: 'Required', quota: 'Annual quota',
  },
};

interface Values {
  number: string; applicantId: number; labId: number | null; title: string; services: string; serviceKinds: ServiceKind[];
  signed: dayjs.Dayjs; start: dayjs.Dayjs; end: dayjs.Dayjs; registration: dayjs.Dayjs | null;
  amountText: string; actualText?: string; cityFunded: boolean; status: ContractInput['status']; instrumentIds: number[];
}

const day = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const FIELD_OF: Record<string, keyof Values> = {
  serviceKinds: 'serviceKinds',
  signedDate: 'signed', startDate: 'start', endDate: 'end', registrationDate: 'registration', amountFen: 'amountText', actualAmountFen: 'actualText',
};

export function ContractDrawer({ id, onClose }: { id: number | null; onClose(changed: boolean): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { applicants, today } = useDeals();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<ContractDetail | null>(null);
  const [links, setLinks] = useState<VoucherLink[]>([]);
  const [labs, setLabs] = useState<Lab[]>([]);
  const [instrumentOptions, setInstrumentOptions] = useState<{ value: number; label: string }[]>([]);
  const [instrumentQuery, setInstrumentQuery] = useState('');
  const [loading, setLoading] = useState(id !== null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const applicantId = Form.useWatch('applicantId', form);
  const signed = Form.useWatch('signed', form);
  const amountText = Form.useWatch('amountText', form);
  const actualText = Form.useWatch('actualText', form);

  useEffect(() => { call('labs:list', {}).then(setLabs).catch(showError); }, []);
  useEffect(() => {
    if (id !== null || !today) return;
    form.setFieldsValue({ signed: dayjs(today), start: dayjs(today) });
  }, [id, today, form]);
  useEffect(() => {
    if (id === null) return;
    call('contracts:get', { id }).then((c) => {
      setCurrent(c);
      setLinks(c.vouchers.map((v) => ({ voucherId: v.voucherId, amountFen: v.amountFen })));
      setInstrumentOptions(c.instruments.map((i) => ({ value: i.id, label: `${i.innerId} ${i.nameCn}` })));
      form.setFieldsValue({
        number: c.number, applicantId: c.applicantId, labId: c.labId, title: c.title, services: c.services, serviceKinds: c.serviceKinds, signed: dayjs(c.signedDate),
        start: dayjs(c.startDate), end: dayjs(c.endDate), registration: c.registrationDate ? dayjs(c.registrationDate) : null,
        amountText: fenToText(c.amountFen), actualText: fenToText(c.actualAmountFen), cityFunded: c.cityFunded, status: c.status,
        instrumentIds: c.instruments.map((i) => i.id),
      });
    }).catch(showError).finally(() => setLoading(false));
  }, [id, form]);

  // Instruments are searched on the catalog as the user types.
  useEffect(() => {
    const timer = setTimeout(() => {
      call('catalog:list', { query: instrumentQuery, limit: 50 }).then(({ rows }: { rows: InstrumentRow[] }) => {
        setInstrumentOptions((old) => {
          const chosen = new Set<number>(form.getFieldValue('instrumentIds') ?? []);
          const kept = old.filter((o) => chosen.has(o.value));
          const fresh = rows.filter((r) => !chosen.has(r.id)).map((r) => ({ value: r.id, label: `${r.innerId} ${r.nameCn}` }));
          return [...kept, ...fresh];
        });
      }).catch(showError);
    }, 200);
    return () => clearTimeout(timer);
  }, [instrumentQuery, form]);

  // The live cap: the profile's share of the actual amount (or the amount while actual is blank).
  const applicant = applicants.find((a) => a.id === applicantId);
  const profile = applicant && signed ? profileFor(applicant.region, signed.format('YYYY-MM-DD')) : null;
  const baseFen = fenOf(actualText) ?? fenOf(amountText);
  const maxFen = profile && baseFen !== null ? maxVoucherForContract(baseFen, profile) : null;
  const sum = links.reduce((s, l) => s + l.amountFen, 0);
  const alreadyCounted = current && signed && current.signedDate.slice(0, 4) === String(signed.year()) ? current.voucherTotalFen : 0;
  const shareText = useMemo(() => (profile ? formatRatio(profile.contractVoucherShareMax) : ''), [profile]);
  const kinds = Form.useWatch('serviceKinds', form);
  const kindOptions = profile ? serviceVocabulary(profile).map((k) => ({
    value: k, label: `${SERVICE_KIND_LABELS[k][locale]}${profile.excludedServiceKinds.includes(k) ? t.excluded : ''}`,
  })) : [];

  const save = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    const input: ContractInput = {
      number: v.number, applicantId: v.applicantId, labId: v.labId ?? null, title: v.title ?? '', services: v.services ?? '', serviceKinds: v.serviceKinds ?? [],
      signedDate: day(v.signed)!, startDate: day(v.start)!, endDate: day(v.end)!, registrationDate: day(v.registration),
      amountFen: fenOf(v.amountText) ?? 0, actualAmountFen: fenOf(v.actualText), cityFunded: v.cityFunded ?? false,
      status: v.status ?? 'active', instrumentIds: v.instrumentIds ?? [], vouchers: links,
    };
    setSaving(true);
    setError(null);
    try {
      const saved = current ? await call('contracts:update', { id: current.id, fields: input }) : await call('contracts:create', input);
      setCurrent(saved);
      setChanged(true);
      onClose(true);
    } catch (e) {
      form.setFields(formErrors(e).filter((x) => x.name[0] !== 'vouchers').map((x) => ({ name: FIELD_OF[x.name[0]] ?? (x.name[0] as keyof Values), errors: x.errors })));
      // Refusals show inline, next to the vouchers they concern; anything else as a message.
      if (e instanceof ApiError) setError(e.message);
      else showError(e);
    } finally {
      setSaving(false);
    }
  };

  const req = [{ required: true, message: t.required }];
  return (
    <Drawer open width={900} title={current ? `${t.titleEdit}：${current.number}` : t.titleNew} onClose={() => onClose(changed)} destroyOnHidden
      extra={<Button type="primary" loading={saving} onClick={save} data-testid="contract-save">{t.save}</Button>}>
      <Spin spinning={loading}>
        {current?.redemptionApplyBy && (
          <Typography.Paragraph type={current.redemptionDaysLeft !== null && current.redemptionDaysLeft <= 7 ? 'warning' : 'secondary'}>
            {fmt(t.applyBy, { d: current.redemptionApplyBy })}{current.redemptionDaysLeft !== null && current.redemptionDaysLeft >= 0 ? fmt(t.daysLeft, { n: current.redemptionDaysLeft }) : ''}
          </Typography.Paragraph>
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="contract-error" closable onClose={() => setError(null)} />}
        <Form form={form} layout="vertical" onKeyDown={saveKeys(() => void save())} initialValues={{ status: 'active', cityFunded: false, instrumentIds: [], labId: null, serviceKinds: [] }}>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="number" label={t.number} rules={req}><Input autoFocus data-testid="contract-number" /></Form.Item></Col>
            <Col span={16}><Form.Item name="title" label={t.title}><Input data-testid="contract-title" /></Form.Item></Col>
            <Col span={12}><Form.Item name="applicantId" label={t.applicant} rules={req}>
              <ApplicantSelect data-testid="contract-applicant" onChange={() => setLinks([])} />
            </Form.Item></Col>
            <Col span={12}><Form.Item name="labId" label={t.lab}>
              <Select allowClear options={labs.map((l) => ({ value: l.id, label: l.unitName ? `${l.name}（${l.unitName}）` : l.name }))} />
            </Form.Item></Col>
            <Col span={6}><Form.Item name="signed" label={t.signed} rules={req}><DatePicker style={{ width: '100%' }} data-testid="contract-signed" /></Form.Item></Col>
            <Col span={6}><Form.Item name="start" label={t.start} rules={req}><DatePicker style={{ width: '100%' }} data-testid="contract-start" /></Form.Item></Col>
            <Col span={6}><Form.Item name="end" label={t.end} rules={req}><DatePicker style={{ width: '100%' }} data-testid="contract-end" /></Form.Item></Col>
            <Col span={6}><Form.Item name="registration" label={t.registration}><DatePicker style={{ width: '100%' }} data-testid="contract-registration" /></Form.Item></Col>
            <Col span={8}><Form.Item name="amountText" label={t.amount} rules={[moneyRule(true, t.required)]}><Input data-testid="contract-amount" /></Form.Item></Col>
            <Col span={8}><Form.Item name="actualText" label={t.actual} rules={[moneyRule(false, t.required)]}><Input data-testid="contract-actual" /></Form.Item></Col>
            <Col span={8}><Form.Item name="status" label={t.status}>
              <Select options={CONTRACT_STATUSES.map((s) => ({ value: s, label: CONTRACT_STATUS_LABELS[s][locale] }))} />
            </Form.Item></Col>
            <Col span={24}><Form.Item name="serviceKinds" label={t.serviceKinds}
              extra={profile && (kinds ?? []).length === 0 ? fmt(t.noKinds, { doc: profile.documentNumber, art: articleFor(profile, 'voucher.scope') }) : undefined}>
              <Select mode="multiple" options={kindOptions} data-testid="contract-service-kinds" />
            </Form.Item></Col>
            <Col span={24}><Form.Item name="services" label={t.servicesNote}><Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} /></Form.Item></Col>
            <Col span={24}><Form.Item name="instrumentIds" label={t.instruments}>
              <Select mode="multiple" showSearch filterOption={false} onSearch={setInstrumentQuery} placeholder={t.instrumentsHint}
                options={instrumentOptions} data-testid="contract-instruments" />
            </Form.Item></Col>
            <Col span={24}><Form.Item name="cityFunded" valuePropName="checked">
              <Checkbox>{fmt(t.cityFunded, { term: profile ? profile.doubleFundingTerm[locale] : locale === 'zh' ? '市级财政科技资金' : 'city funds' })}</Checkbox>
            </Form.Item></Col>
          </Row>
        </Form>
        {applicantId && (
          <>
            <Divider titlePlacement="start" plain>{t.vouchers}</Divider>
            <Space direction="vertical" style={{ width: '100%' }}>
              <QuotaLine applicantId={applicantId} year={signed?.year()} use="apply" pendingFen={sum - alreadyCounted} />
              <VoucherPicker applicantId={applicantId} contractId={current?.id ?? null} value={links} onChange={setLinks}
                maxFen={maxFen} baseFen={baseFen} shareText={shareText} />
            </Space>
          </>
        )}
      </Spin>
    </Drawer>
  );
}
