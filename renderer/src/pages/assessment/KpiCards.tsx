import { Card, Col, Row, Statistic, Tooltip } from 'antd';
import type { AssessmentResult } from '../../../../shared/ipc/assessment';
import { formatPercent, formatWan, formatYuan } from '../../../../shared/rules';
import { useLocale, useT } from '../../i18n';

const L = {
  zh: {
    instruments: '仪器台套', effective: '有效机时(h)', external: '对外服务机时(h)', utilisation: '利用率', share: '共享率',
    users: '外部用户', contracts: '合同 / 创新券合同', vouchers: '创新券金额', income: '服务收入', payments: '已收款（{n} 笔）', national: '≥{t}仪器',
    open: '开放率', avg: '台均有效机时(h)', avgTip: '全国平均 {y} 年：{e} h 有效 / {x} h 对外', rated: '额定机时 {h} h/台·年',
    openTip: '内部共享或外部共享的仪器占比；外部共享 {x}',
  },
  en: {
    instruments: 'Instruments', effective: 'Effective hours', external: 'External hours', utilisation: 'Utilisation', share: 'Share rate',
    users: 'External users', contracts: 'Contracts / with vouchers', vouchers: 'Voucher amount', income: 'Service income', payments: 'Payments received ({n})', national: '≥{t} instruments',
    open: 'Open rate', avg: 'Avg effective h/instrument', avgTip: 'National average {y}: {e} h effective / {x} h external', rated: 'Rated {h} h per instrument-year',
    openTip: 'Share of instruments shared internally or externally; external only {x}',
  },
};

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k]));

export function KpiCards({ result: r }: { result: AssessmentResult }) {
  const t = useT(L);
  const locale = useLocale((st) => st.locale);
  // 万 is a Chinese unit: English shows the amount in yuan.
  const money = (fen: number) => (locale === 'en' ? `${formatYuan(fen)} yuan` : formatWan(fen));
  const avg = r.nationalAverages;
  const cards: { key: string; title: string; value: string | number; tip?: string }[] = [
    { key: 'instruments', title: t.instruments, value: r.instrumentCount },
    { key: 'effective', title: t.effective, value: r.effectiveHours },
    { key: 'external', title: t.external, value: r.externalHours },
    { key: 'utilisation', title: t.utilisation, value: formatPercent(r.utilisation), tip: fill(t.rated, { h: r.ratedHours }) },
    { key: 'share', title: t.share, value: formatPercent(r.shareRate) },
    { key: 'avg', title: t.avg, value: r.avgEffectiveHours ?? '—', tip: avg ? fill(t.avgTip, { y: avg.year, e: avg.effectiveHours, x: avg.externalHours }) : undefined },
    { key: 'users', title: t.users, value: r.externalUsers },
    { key: 'contracts', title: t.contracts, value: `${r.contracts} / ${r.voucherContracts}` },
    { key: 'vouchers', title: t.vouchers, value: money(r.voucherAmountFen) },
    { key: 'income', title: t.income, value: money(r.serviceIncomeFen) },
    { key: 'payments', title: fill(t.payments, { n: r.payments }), value: money(r.paymentsReceivedFen) },
    { key: 'national', title: fill(t.national, { t: money(r.national.thresholdFen) }), value: `${r.national.count} / ${money(r.national.valueFen)}` },
    { key: 'open', title: t.open, value: formatPercent(r.openRate), tip: fill(t.openTip, { x: formatPercent(r.externalOpenRate) }) },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} md={8} xl={4}>
          <Tooltip title={c.tip}>
            <Card size="small" data-testid={`kpi-${c.key}`}><Statistic title={c.title} value={c.value} /></Card>
          </Tooltip>
        </Col>
      ))}
    </Row>
  );
}
