// The Beijing performance subsidy (第十一条) of the unit over the labs' consolidated data, beside the
// national self-assessment: open-instrument value and service income from the labs' packages; the
// class boundary, published grade, income and costs are the office's own entries on the assessment page.
import { Card, Descriptions, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { SubsidyResult } from '../../../../shared/ipc/assessment';
import { SUBSIDY_CLASS_LABELS, SUBSIDY_GRADE_LABELS } from '../../../../shared/policy/vocabulary';
import { formatYuan } from '../../../../shared/rules/money';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { showError } from '../../util/errors';

const L = {
  zh: {
    title: '北京绩效补贴测算（全单位，汇总各实验室）', openValue: '外部共享仪器原值', openCount: '外部共享仪器', cls: '类别', grade: '考评结果', cap: '补贴上限',
    income: '开放共享收入', net: '净收入（收入−成本）', needBoundary: '在“年度考核”页填写当年Ⅰ/Ⅱ类分界', needGrade: '在“年度考核”页填写考评结果',
    notApplicable: '当前地区政策未规定开放单位绩效补贴', fromUsage: '按各实验室服务记录与费用', entered: '已填写',
  },
  en: {
    title: 'Beijing performance subsidy (whole unit, from the labs)', openValue: 'Open-instrument value', openCount: 'Open instruments', cls: 'Class', grade: 'Grade', cap: 'Subsidy cap',
    income: 'Open-sharing income', net: 'Net income', needBoundary: 'Enter the year\'s Class I/II boundary on the Assessment page', needGrade: 'Enter the published grade on the Assessment page',
    notApplicable: 'The current region sets no performance subsidy', fromUsage: 'from the labs\' usage and charges', entered: 'entered',
  },
};

export function OfficeSubsidyCard({ year, deskIds, reloadKey }: { year: number; deskIds: string[]; reloadKey: number }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [s, setS] = useState<SubsidyResult | null>(null);
  useEffect(() => {
    let live = true;
    call('evaluation:subsidy', { year, deskIds }).then((r) => { if (live) setS(r); }, showError);
    return () => { live = false; };
  }, [year, deskIds, reloadKey]);
  const yuan = (fen: number | null) => (fen === null ? '—' : locale === 'zh' ? formatYuan(fen, { withUnit: true }) : `CNY ${formatYuan(fen)}`);
  if (!s) return null;
  return (
    <Card size="small" title={`${t.title} · ${year}`} data-testid="office-subsidy" style={{ marginBottom: 12 }}>
      {!s.applicable ? t.notApplicable : (
        <Descriptions size="small" column={3} items={[
          { key: 'count', label: t.openCount, children: <span data-testid="office-subsidy-count">{s.openInstrumentCount}</span> },
          { key: 'value', label: t.openValue, children: <span data-testid="office-subsidy-value">{yuan(s.openValueFen)}</span> },
          { key: 'cls', label: t.cls, children: s.subsidyClass ? <Tag color="blue">{SUBSIDY_CLASS_LABELS[s.subsidyClass][locale]}</Tag> : t.needBoundary },
          { key: 'grade', label: t.grade, children: s.grade ? SUBSIDY_GRADE_LABELS[s.grade][locale] : t.needGrade },
          { key: 'cap', label: t.cap, children: yuan(s.capFen) },
          { key: 'income', label: t.income, children: `${yuan(s.incomeFen)}（${s.incomeSource === 'entered' ? t.entered : t.fromUsage}）` },
          { key: 'net', label: t.net, children: yuan(s.netFen) },
        ]} />
      )}
    </Card>
  );
}
