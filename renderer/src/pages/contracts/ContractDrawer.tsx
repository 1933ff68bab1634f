import { Alert, Button, Checkbox, Col, Divider, Drawer, Form, Input, Row, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
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
import { describeIssue, errorText, issuesOf, showError } from '../../util/errors';
import { clearErrorsOnEdit, DateInput, dateOf, dateRule, markRefusal } from '../../util/fields';
import { CONTRACT_STATUS_LABELS, fenOf, fenToText, moneyRule } from '../vouchers/dealLabels';
import { saveKeys } from '../vouchers/formKeys';
import { QuotaLine } from '../vouchers/QuotaLine';
import { VoucherPicker, type VoucherLink } from './VoucherPicker';
import { ApplicantSelect } from '../../util/pickers';
import { punct, UserText } from '../../util/user-data';
import { articleName, documentName } from '../../i18n-errors';
import { requiredOf } from '../../util/number-field';

const L = {
  zh: {
    titleNew: '新建创新券服务合同', titleEdit: '编辑合同', save: '保存 (Ctrl+S)', number: '合同编号', applicant: '申领单位（甲方）',
    lab: '开放单位 / 实验室（乙方）', title: '合同名称', services: '服务内容', signed: '签订日期', start: '开始日期', end: '结束日期',
    registration: '合同登记日期', amount: '合同金额（元）', actual: '实际金额（元，未结算可空）', cityFunded: '项目已获{term}支持',
    serviceKinds: '服务类别（按政策范围选择）', servicesNote: '服务内容说明（备注）', noKinds: '须从服务范围中选择至少一项服务类别才能保存（{doc} {art}）；服务内容说明仅作备注。',
    excluded: '（不予支持）',
    status: '状态', applyBy: '兑现申请截止 {d}', daysLeft: '（剩 {n} 天）', instruments: '使用仪器', instrumentsHint: '输入名称或编号搜索', vouchers: '使用的创新券', required: '必填', quota: '年度额度', amountUsed: '用券金额', amountUnreadable: '用券金额不是有效金额（元，最多两位小数）',
  },
  en: {
    titleNew: 'New voucher service contract', titleEdit: 'Edit contract', save: 'Save (Ctrl+S)', number: 'Contract number', applicant: 'Applicant (client)',
    lab: 'Open unit / lab (provider)', title: 'Title', services: 'Services', signed: 'Signed on', start: 'Starts', end: 'Ends',
    registration: 'Contract registered on', amount: 'Amount (CNY)', actual: 'Actual amount (CNY, blank until settled)', cityFunded: 'Project funded by {term}',
    serviceKinds: 'Service kinds (policy scope)', servicesNote: 'Service description (note)', noKinds: 'Choose at least one service kind from the policy scope to save ({art}, {doc}); the description is only a note.',
    excluded: ' (not covered)',
    status: 'Status', applyBy: 'Apply for redemption by {d}', daysLeft: ' ({n} days left)', instruments: 'Instruments', instrumentsHint: 'Search by name or id', vouchers: 'Vouchers applied', required: 'Required', quota: 'Annual quota', amountUsed: 'Amount used', amountUnreadable: 'The amount used is not a valid amount (CNY, at most two decimals)',
  },
};

interface Values {
  number: string; applicantId: number; labId: number | null; title: string; services: string; serviceKinds: ServiceKind[];
  /** Dates as typed, read by the shared strict parser. */
  signed: string; start: string; end: string; registration: string;
  amountText: string; actualText?: string; cityFunded: boolean; status: ContractInput['status']; instrumentIds: number[];
}

const FIELD_OF: Record<string, keyof Values> = {
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
  const [instrumentOptions, setInstrumentOptions] = useState<{ value: number; label: ReactNode; title?: string }[]>([]);
  const [instrumentQuery, setInstrumentQuery] = useState('');
  const [loading, setLoading] = useState(id !== null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Refusals of voucher rows, by voucher id: the row is highlighted and scrolled to. */
  const [rowErrors, setRowErrors] = useState<Map<number, string>>(new Map());
  const vouchersRef = useRef<HTMLDivElement>(null);
  const [scrollTarget, setScrollTarget] = useState<{ voucherId: number | null } | null>(null);
  const [changed, setChanged] = useState(false);
  const applicantId = Form.useWatch('applicantId', form);
  const signed = Form.useWatch('signed', form);
  const amountText = Form.useWatch('amountText', form);
  const actualText = Form.useWatch('actualText', form);

  useEffect(() => { call('labs:list', {}).then(setLabs).catch(showError); }, []);
  useEffect(() => {
    if (id !== null || !today) return;
    form.setFieldsValue({ signed: today, start: today });
  }, [id, today, form]);
  useEffect(() => {
    if (id === null) return;
    call('contracts:get', { id }).then((c) => {
      setCurrent(c);
      setLinks(c.vouchers.map((v) => ({ voucherId: v.voucherId, amountFen: v.amountFen })));
      setInstrumentOptions(c.instruments.map((i) => ({ value: i.id, label: <UserText>{`${i.innerId} ${i.nameCn}`}</UserText>, title: `${i.innerId} ${i.nameCn}` })));
      form.setFieldsValue({
        number: c.number, applicantId: c.applicantId, labId: c.labId, title: c.title, services: c.services, serviceKinds: c.serviceKinds, signed: c.signedDate,
        start: c.startDate, end: c.endDate, registration: c.registrationDate ?? '',
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
          const fresh = rows.filter((r) => !chosen.has(r.id)).map((r) => ({ value: r.id, label: <UserText>{`${r.innerId} ${r.nameCn}`}</UserText>, title: `${r.innerId} ${r.nameCn}` }));
          return [...kept, ...fresh];
        });
      }).catch(showError);
    }, 200);
    return () => clearTimeout(timer);
  }, [instrumentQuery, form]);

  // The live cap: the profile's share of the actual amount (or the amount while actual is blank).
  const applicant = applicants.find((a) => a.id === applicantId);
  const signedDate = dateOf(signed);
  const signedYear = signedDate ? Number(signedDate.slice(0, 4)) : undefined;
  const profile = applicant && signedDate ? profileFor(applicant.region, signedDate) : null;
  const baseFen = fenOf(actualText) ?? fenOf(amountText);
  const maxFen = profile && baseFen !== null ? maxVoucherForContract(baseFen, profile) : null;
  const sum = links.reduce((s, l) => s + (l.amountFen ?? 0), 0);
  const alreadyCounted = current && signedYear !== undefined && current.signedDate.slice(0, 4) === String(signedYear) ? current.voucherTotalFen : 0;
  const shareText = useMemo(() => (profile ? formatRatio(profile.contractVoucherShareMax) : ''), [profile]);
  const kinds = Form.useWatch('serviceKinds', form);
  const kindOptions = profile ? serviceVocabulary(profile).map((k) => ({
    value: k, label: `${SERVICE_KIND_LABELS[k][locale]}${profile.excludedServiceKinds.includes(k) ? t.excluded : ''}`,
  })) : [];

  const labels: Record<string, string> = {
    number: t.number, applicantId: t.applicant, labId: t.lab, title: t.title, services: t.servicesNote, serviceKinds: t.serviceKinds,
    signedDate: t.signed, startDate: t.start, endDate: t.end, registrationDate: t.registration, amountFen: t.amount, actualAmountFen: t.actual,
    status: t.status, instrumentIds: t.instruments, vouchers: t.vouchers, 'vouchers.amountFen': t.amountUsed, 'vouchers.voucherId': t.vouchers,
  };

  /** Shows a refusal where it concerns: form fields inline, voucher rows highlighted and scrolled to, the headline above. */
  const showRefusal = (e: ApiError) => {
    const marked = markRefusal(form, e, labels, FIELD_OF);
    const rows = new Map<number, string>();
    let tableLevel = false;
    for (const i of issuesOf(e.error)) {
      if (!i.field.startsWith('vouchers')) continue;
      const link = i.row !== undefined ? links[i.row] : undefined;
      const text = describeIssue({ ...i, code: e.error.code, row: undefined }, locale, labels);
      if (link) rows.set(link.voucherId, rows.has(link.voucherId) ? `${rows.get(link.voucherId)}；${text}` : text);
      else tableLevel = true;
    }
    setRowErrors(rows);
    setError(errorText(e, labels));
    setScrollTarget(rows.size || (tableLevel && !marked) ? { voucherId: [...rows.keys()][0] ?? null } : null);
  };

  // The voucher table is where the user acts: once the refusal is drawn, the refused row (or the
  // table) is brought into view, so 保存 never seems to do nothing.
  useEffect(() => {
    if (!scrollTarget) return;
    const { voucherId } = scrollTarget;
    const target = voucherId !== null ? vouchersRef.current?.querySelector(`[data-row-key="${voucherId}"]`) : vouchersRef.current;
    target?.scrollIntoView({ block: 'center' });
  }, [scrollTarget]);

  const save = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    const unreadable = links.find((l) => l.amountFen === null);
    if (unreadable) {
      setRowErrors(new Map([[unreadable.voucherId, t.amountUnreadable]]));
      setScrollTarget({ voucherId: unreadable.voucherId });
      return;
    }
    const input: ContractInput = {
      number: v.number, applicantId: v.applicantId, labId: v.labId ?? null, title: v.title ?? '', services: v.services ?? '', serviceKinds: v.serviceKinds ?? [],
      signedDate: dateOf(v.signed) ?? v.signed, startDate: dateOf(v.start) ?? v.start, endDate: dateOf(v.end) ?? v.end, registrationDate: dateOf(v.registration),
      amountFen: fenOf(v.amountText) ?? 0, actualAmountFen: fenOf(v.actualText), cityFunded: v.cityFunded ?? false,
      status: v.status ?? 'active', instrumentIds: v.instrumentIds ?? [], vouchers: links.map((l) => ({ voucherId: l.voucherId, amountFen: l.amountFen ?? 0 })),
    };
    setSaving(true);
    setError(null);
    setRowErrors(new Map());
    try {
      const saved = current ? await call('contracts:update', { id: current.id, fields: input }) : await call('contracts:create', input);
      setCurrent(saved);
      setChanged(true);
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError) showRefusal(e);
      else showError(e);
    } finally {
      setSaving(false);
    }
  };

  const req = (label: string) => [requiredOf(label)];
  return (
    <Drawer open width={900} title={current ? <>{t.titleEdit}{punct(locale).colon}<UserText>{current.number}</UserText></> : t.titleNew} onClose={() => onClose(changed)} destroyOnHidden
      extra={<Button type="primary" loading={saving} onClick={save} data-testid="contract-save">{t.save}</Button>}>
      <Spin spinning={loading}>
        {current?.redemptionApplyBy && (
          <Typography.Paragraph type={current.redemptionDaysLeft !== null && current.redemptionDaysLeft <= 7 ? 'warning' : 'secondary'}>
            {fmt(t.applyBy, { d: current.redemptionApplyBy })}{current.redemptionDaysLeft !== null && current.redemptionDaysLeft >= 0 ? fmt(t.daysLeft, { n: current.redemptionDaysLeft }) : ''}
          </Typography.Paragraph>
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="contract-error" closable onClose={() => setError(null)} />}
        <Form form={form} layout="vertical" onKeyDown={saveKeys(() => void save())} onValuesChange={clearErrorsOnEdit(form)}
          initialValues={{ status: 'active', cityFunded: false, instrumentIds: [], labId: null, serviceKinds: [], registration: '' }}>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="number" label={t.number} rules={req(t.number)}><Input autoFocus data-testid="contract-number" /></Form.Item></Col>
            <Col span={16}><Form.Item name="title" label={t.title}><Input data-testid="contract-title" /></Form.Item></Col>
            <Col span={12}><Form.Item name="applicantId" label={t.applicant} rules={req(t.applicant)}>
              <ApplicantSelect data-testid="contract-applicant" onChange={() => setLinks([])} />
            </Form.Item></Col>
            <Col span={12}><Form.Item name="labId" label={t.lab}>
              <Select allowClear options={labs.map((l) => ({ value: l.id, label: l.unitName ? `${l.name}（${l.unitName}）` : l.name }))} />
            </Form.Item></Col>
            <Col span={6}><Form.Item name="signed" label={t.signed} rules={[dateRule('signedDate', labels)]}><DateInput data-testid="contract-signed" /></Form.Item></Col>
            <Col span={6}><Form.Item name="start" label={t.start} rules={[dateRule('startDate', labels)]}><DateInput data-testid="contract-start" /></Form.Item></Col>
            <Col span={6}><Form.Item name="end" label={t.end} rules={[dateRule('endDate', labels)]}><DateInput data-testid="contract-end" /></Form.Item></Col>
            <Col span={6}><Form.Item name="registration" label={t.registration} rules={[dateRule('registrationDate', labels, true)]}><DateInput data-testid="contract-registration" /></Form.Item></Col>
            <Col span={8}><Form.Item name="amountText" label={t.amount} rules={[moneyRule(true, t.required)]}><Input data-testid="contract-amount" /></Form.Item></Col>
            <Col span={8}><Form.Item name="actualText" label={t.actual} rules={[moneyRule(false, t.required)]}><Input data-testid="contract-actual" /></Form.Item></Col>
            <Col span={8}><Form.Item name="status" label={t.status}>
              <Select options={CONTRACT_STATUSES.map((s) => ({ value: s, label: CONTRACT_STATUS_LABELS[s][locale] }))} />
            </Form.Item></Col>
            <Col span={24}><Form.Item name="serviceKinds" label={t.serviceKinds}
              extra={profile && (kinds ?? []).length === 0 ? fmt(t.noKinds, { doc: documentName(profile.documentNumber, locale), art: articleName(articleFor(profile, 'voucher.scope'), locale) }) : undefined}>
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
            <div ref={vouchersRef}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <QuotaLine applicantId={applicantId} year={signedYear} use="apply" pendingFen={sum - alreadyCounted} />
                {/* The refusal is repeated here, next to the vouchers, not only at the top of the drawer. */}
                {error && <Alert type="error" showIcon message={error} data-testid="contract-voucher-error" />}
                <VoucherPicker applicantId={applicantId} contractId={current?.id ?? null} value={links}
                  onChange={(next) => { setLinks(next); setRowErrors(new Map()); }}
                  maxFen={maxFen} baseFen={baseFen} shareText={shareText} rowErrors={rowErrors} />
              </Space>
            </div>
          </>
        )}
      </Spin>
    </Drawer>
  );
}
