import { Alert, Card, List, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { EligibilityReport } from '../../../../shared/ipc/deals';
import { listProfiles, profileById } from '../../../../shared/policy/registry';
import { articleName, describeIssue, documentName } from '../../i18n-errors';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { showError } from '../../util/errors';
import { kindLabel } from '../vouchers/dealLabels';

const L = {
  zh: { title: '申领资格检查', profile: '政策版本', auto: '按地区与今天自动选择', ok: '符合全部申领条件', bad: '不符合 {n} 项条件', kind: '额度类别', reading: '原文未明确之处（本软件的理解）' },
  en: { title: 'Eligibility check', profile: 'Policy profile', auto: 'By region and today', ok: 'Meets every condition', bad: 'Fails {n} condition(s)', kind: 'Quota kind', reading: 'Where the text is open (how the desk reads it)' },
};

/** Runs the policy engine's eligibility check and lists every failed condition with its article. */
export function EligibilityPanel({ applicantId, version }: { applicantId: number; version: number }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [profileId, setProfileId] = useState<string | undefined>();
  const [report, setReport] = useState<EligibilityReport | null>(null);

  useEffect(() => {
    call('applicants:eligibility', { id: applicantId, profileId }).then(setReport).catch(showError);
  }, [applicantId, profileId, version]);

  return (
    <Card size="small" title={t.title} data-testid="eligibility-panel"
      extra={<Select size="small" allowClear placeholder={t.auto} style={{ width: 260 }} value={profileId} onChange={setProfileId}
        options={listProfiles().map((p) => ({ value: p.id, label: locale === 'en' ? `${p.titleEn} (${documentName(p.documentNumber, 'en')})` : `${p.title}（${p.documentNumber}）` }))} aria-label={t.profile} />}>
      {report && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {locale === 'en'
              ? `${profileById(report.profileId)?.titleEn ?? report.profileTitle} (${documentName(report.documentNumber, 'en')}) · ${report.date} · ${t.kind}: ${kindLabel(report.voucherKind, locale)}`
              : `${report.profileTitle}（${report.documentNumber}）· ${report.date} · ${t.kind}：${kindLabel(report.voucherKind, locale)}`}
          </Typography.Text>
          {report.eligible
            ? <Alert type="success" showIcon message={t.ok} data-testid="eligibility-ok" />
            : <Alert type="warning" showIcon message={t.bad.replace('{n}', String(report.violations.length))} />}
          {!report.eligible && (
            <List size="small" dataSource={report.violations} renderItem={(v) => (
              <List.Item data-testid="eligibility-violation">
                <Space direction="vertical" size={0}>
                  <Space><Tag>{articleName(v.article, locale)}</Tag>{describeIssue(v, locale)}</Space>
                  {v.note && <Typography.Text type="secondary">{v.note[locale]}</Typography.Text>}
                </Space>
              </List.Item>
            )} />
          )}
          {report.notes.length > 0 && (
            <Alert type="info" showIcon message={t.reading} data-testid="eligibility-notes"
              description={<ul style={{ margin: 0, paddingLeft: 18 }}>{report.notes.map((n) => <li key={n.zh}>{n[locale]}</li>)}</ul>} />
          )}
        </Space>
      )}
    </Card>
  );
}
