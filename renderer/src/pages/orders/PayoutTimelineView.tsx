// The public-notice end and the expected disbursement quarter of a redemption or order, as the
// profile states them; where the text sets no schedule it says so.
import { Alert, Space, Tag, Typography } from 'antd';
import type { PayoutTimeline } from '../../../../shared/rules/payout-timeline';
import { fmt, useLocale, useT } from '../../i18n';
import { articleName, documentName } from '../../i18n-errors';

const L = {
  zh: {
    notice: '公示：{start} 发布，{n} 个{unit}，至 {end} 24:00 止', workingDays: '工作日', calendarDays: '天', noNotice: '公示期：待核验/审核通过后开始',
    quarter: '预计兑付：{y} 年第 {q} 季度', roll: '第四季度通过的，可顺延至 {y} 年第 {qs} 季度兑付', noQuarter: '预计兑付季度：待审核通过后确定',
    estimate: '（{years} 年假日数据缺失，日期为估计）',
  },
  en: {
    notice: 'Public notice: published {start}, {n} {unit}, ends {end} 24:00', workingDays: 'working days', calendarDays: 'days', noNotice: 'Public notice: starts once verified/approved',
    quarter: 'Expected payment: Q{q} {y}', roll: 'Approved in Q4: may be paid in {qs} of {y}', noQuarter: 'Expected quarter: set once approved',
    estimate: ' (no holiday data for {years}; the date is an estimate)',
  },
};

/** '沪科规〔2025〕6号 第十一条' in Chinese, 'Article 11, Hu Ke Gui [2025] No. 6 (…)' in English. */
function cite(document: string, article: string, locale: 'zh' | 'en'): string {
  // An article that is the document itself (no article of its own) is cited once.
  if (article === document) return documentName(document, locale);
  return locale === 'zh' ? `${document} ${article}` : `${articleName(article, locale)}, ${documentName(document, locale)}`;
}

/** The quarters a payment may roll to, as a range: 1–3 in Chinese (第 1–3 季度), Q1–Q3 in English; apart ones listed. */
export function quarterRange(quarters: readonly number[], locale: 'zh' | 'en'): string {
  const q = (n: number) => (locale === 'zh' ? String(n) : `Q${n}`);
  const sorted = [...quarters].sort((a, b) => a - b);
  const contiguous = sorted.every((n, i) => i === 0 || n === sorted[i - 1] + 1);
  if (sorted.length > 1 && contiguous) return `${q(sorted[0])}–${q(sorted[sorted.length - 1])}`;
  return sorted.map(q).join(locale === 'zh' ? '、' : ', ');
}

export function PayoutTimelineView({ timeline }: { timeline: PayoutTimeline }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { notice, disbursement, noSchedule } = timeline;
  return (
    <Space direction="vertical" size={2} data-testid="payout-timeline">
      {notice ? (
        <Typography.Text data-testid="notice-end">
          <Tag>{cite(notice.document, notice.article, locale)}</Tag>
          {fmt(t.notice, { start: notice.startsOn, n: notice.count, unit: notice.kind === 'workingDays' ? t.workingDays : t.calendarDays, end: notice.lastDay })}
          {notice.missingYears.length > 0 ? fmt(t.estimate, { years: notice.missingYears.join(locale === 'zh' ? '、' : ', ') }) : ''}
          {notice.note && <Typography.Text type="secondary"> — {notice.note[locale]}</Typography.Text>}
        </Typography.Text>
      ) : <Typography.Text type="secondary">{t.noNotice}</Typography.Text>}
      {disbursement ? (
        <Typography.Text data-testid="disbursement-quarter">
          <Tag>{cite(disbursement.document, disbursement.article, locale)}</Tag>
          {fmt(t.quarter, { y: disbursement.year, q: disbursement.quarter })}
          {disbursement.rollsTo && <Typography.Text type="warning">{locale === 'zh' ? '；' : '; '}{fmt(t.roll, { y: disbursement.rollsTo.year, qs: quarterRange(disbursement.rollsTo.quarters, locale) })}</Typography.Text>}
        </Typography.Text>
      ) : noSchedule ? <Alert type="info" showIcon message={noSchedule[locale]} data-testid="disbursement-none" />
        : <Typography.Text type="secondary">{t.noQuarter}</Typography.Text>}
    </Space>
  );
}
