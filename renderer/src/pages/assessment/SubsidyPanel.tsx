import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Segmented, Select, Tag } from 'antd';
import { useEffect } from 'react';
import { SUBSIDY_GRADES } from '../../../../shared/ipc/assessment';
import { SUBSIDY_CLASS_LABELS, SUBSIDY_GRADE_LABELS, type SubsidyGrade } from '../../../../shared/policy/vocabulary';
import { formatYuan, parseMoneyText } from '../../../../shared/rules/money';
import { useLocale, useT } from '../../i18n';
import { punct } from '../../util/user-data';
import { articleName, citation, describeIssue } from '../../i18n-errors';
import { useAssessment } from '../../stores/assessment';
import { showError } from '../../util/errors';
import { moneyRule } from '../../util/money-field';

const L = {
  zh: {
    title: '绩效补贴测算', boundary: 'Ⅰ/Ⅱ类分界（元，当年公布）', grade: '考评结果（公布后填写）', income: '开放共享收入（元，空=服务记录合计）',
    costs: '开放共享成本（元）', save: '保存（Ctrl+S）', whatIf: '假设结果', published: '按公布结果', openValue: '外部共享仪器原值',
    cls: '类别', cap: '补贴上限', net: '净收入（收入−成本）', staff: '人员绩效奖励', staffUse: '（可选用途，{art}“可按照不低于”）', needBoundary: '填写分界后确定类别',
    needGrade: '填写或假设考评结果', thirdParty: '本单位为第三方检测机构：不享受绩效补贴', notApplicable: '当前地区政策未规定开放单位绩效补贴',
    fromUsage: '按服务记录', entered: '已填写', saved: '已保存',
  },
  en: {
    title: 'Performance subsidy', boundary: 'Class I/II boundary (CNY, published yearly)', grade: 'Published grade', income: 'Open-sharing income (CNY, empty = service records)',
    costs: 'Open-sharing costs (CNY)', save: 'Save (Ctrl+S)', whatIf: 'What if', published: 'Published', openValue: 'Open-instrument value',
    cls: 'Class', cap: 'Subsidy cap', net: 'Net income', staff: 'Staff awards', staffUse: ' (a permitted use, {art}: "may, at no less than")', needBoundary: 'Enter the boundary to classify',
    needGrade: 'Enter or assume a grade', thirdParty: 'Third-party testing institution: no performance subsidy', notApplicable: 'The current region sets no performance subsidy',
    fromUsage: 'from service records', entered: 'entered', saved: 'Saved',
  },
};

interface FormValues { boundary: string; grade: SubsidyGrade | null; income: string; costs: string }

const toText = (fen: number | null) => (fen === null ? '' : formatYuan(fen));
const fenOf = (v: string): number | null => { if (!v?.trim()) return null; const r = parseMoneyText(v); return r.ok ? r.fen : null; };

export function SubsidyPanel() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { year, inputs, subsidy: s, whatIfGrade, setWhatIf, saveInputs } = useAssessment();
  const [form] = Form.useForm<FormValues>();

  useEffect(() => {
    if (inputs) form.setFieldsValue({ boundary: toText(inputs.classBoundaryFen), grade: inputs.publishedGrade, income: toText(inputs.incomeFen), costs: toText(inputs.costsFen) });
  }, [inputs, form]);

  const save = async () => {
    try {
      const v = await form.validateFields();
      await saveInputs({ year, classBoundaryFen: fenOf(v.boundary), publishedGrade: v.grade ?? null, incomeFen: fenOf(v.income), costsFen: fenOf(v.costs) ?? 0 });
    } catch (e) {
      if ((e as { errorFields?: unknown }).errorFields) return; // the form shows these
      showError(e);
    }
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); void save(); }
  };
  const label = (g: SubsidyGrade) => SUBSIDY_GRADE_LABELS[g][locale];
  const yuan = (fen: number | null) => (fen === null ? '—' : locale === 'zh' ? formatYuan(fen, { withUnit: true }) : `CNY ${formatYuan(fen)}`);

  return (
    <Card size="small" title={t.title} data-testid="subsidy">
      {s && !s.applicable && <Alert type="info" showIcon message={t.notApplicable} style={{ marginBottom: 8 }} />}
      {s?.thirdPartyTesting && <Alert type="warning" showIcon message={t.thirdParty} style={{ marginBottom: 8 }} />}
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Form form={form} layout="vertical" size="small" onKeyDown={onKeyDown} onFinish={() => void save()}>
            <Form.Item name="boundary" label={t.boundary} rules={[moneyRule()]}><Input data-testid="subsidy-boundary" /></Form.Item>
            <Form.Item name="grade" label={t.grade}>
              <Select allowClear options={SUBSIDY_GRADES.map((g) => ({ value: g, label: label(g) }))} />
            </Form.Item>
            <Form.Item name="income" label={t.income} rules={[moneyRule()]}><Input /></Form.Item>
            <Form.Item name="costs" label={t.costs} rules={[moneyRule()]}><Input /></Form.Item>
            <Button type="primary" htmlType="submit" data-testid="subsidy-save">{t.save}</Button>
          </Form>
        </Col>
        <Col xs={24} lg={14}>
          <div style={{ marginBottom: 8 }}>
            {t.whatIf}{punct(locale).colon}
            <Segmented size="small" value={whatIfGrade ?? 'published'} onChange={(v) => setWhatIf(v === 'published' ? undefined : (v as SubsidyGrade))}
              options={[{ value: 'published', label: t.published }, ...SUBSIDY_GRADES.map((g) => ({ value: g, label: label(g) }))]} />
          </div>
          {s && (
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t.openValue}>{yuan(s.openValueFen)}{punct(locale).open}{s.openInstrumentCount}{punct(locale).close}</Descriptions.Item>
              <Descriptions.Item label={t.cls}>{s.subsidyClass ? SUBSIDY_CLASS_LABELS[s.subsidyClass][locale] : t.needBoundary}</Descriptions.Item>
              <Descriptions.Item label={t.cap}>
                <span data-testid="subsidy-cap">{s.grade ? yuan(s.capFen) : t.needGrade}</span>
                {s.grade && <Tag style={{ marginLeft: 8 }}>{label(s.grade)} · {s.gradeSource === 'whatIf' ? t.whatIf : t.published}</Tag>}
                {s.capReason && <div style={{ color: '#d46b08' }}>{describeIssue(s.capReason, locale)}{citation(s.capReason, locale)}</div>}
              </Descriptions.Item>
              <Descriptions.Item label={t.net}>
                {yuan(s.netFen)} <Tag>{s.incomeSource === 'usage' ? t.fromUsage : t.entered}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={`${t.staff}${s.staffAwardArticle ? t.staffUse.replace('{art}', articleName(s.staffAwardArticle, locale)) : ''}${s.staffAwardShare ? ` ${s.staffAwardShare}` : ''}`}>
                <span data-testid="subsidy-staff">{yuan(s.staffAwardMinFen)}</span>
              </Descriptions.Item>
            </Descriptions>
          )}
        </Col>
      </Row>
    </Card>
  );
}
