import { Alert, Button, Modal, Table } from 'antd';
import { useEffect, useState } from 'react';
import { SUBJECTS } from '../../../../shared/catalog/platform';
import { INSTRUMENT_FIELD_LABELS } from '../../../../shared/catalog/instrument-fields';
import { categoryPath, subjectName } from '../../../../shared/vocabulary-labels';
import { USER_CELL } from '../../util/user-data';
import type { ChannelOutput } from '../../../../shared/ipc';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { describeIssue } from '../../i18n-errors';
import { showError } from '../../util/errors';

const L = {
  zh: {
    banner: '{n} 台仪器的分类编码或学科不在国家平台的编码表中，上报前请逐一改正（系统不会自动改动）', show: '查看并修改', title: '编码待改正的仪器',
    innerId: '仪器编号', name: '仪器名称', field: '字段', code: '现有值', problem: '问题', suggestion: '可考虑', fix: '修改', close: '关闭',
  },
  en: {
    banner: '{n} instruments have a category code or disciplines that are not in the national platform\'s tables; fix each before uploading (the desk changes none by itself)', show: 'Review and fix',
    title: 'Instruments whose codes need fixing', innerId: 'Instrument no.', name: 'Name', field: 'Field', code: 'Current value', problem: 'Problem', suggestion: 'Consider', fix: 'Fix', close: 'Close',
  },
};

type Review = ChannelOutput<'catalog:codeReview'>;
const fieldLabel = (key: string, locale: 'zh' | 'en') => INSTRUMENT_FIELD_LABELS.find((f) => f.key === key)?.[locale] ?? key;

/**
 * The instruments whose category code or disciplines the platform's tables do not have, for the user to fix one by one.
 * Asked for only once `ready` (the page's first list has arrived), so the review never holds up the first rows.
 */
export function CodeReview({ ready, version, onFix }: { ready: boolean; version: number; onFix(id: number): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [review, setReview] = useState<Review | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (ready) call('catalog:codeReview', {}).then(setReview).catch(showError);
  }, [ready, version]);
  if (!review || review.total === 0) return null;
  const labels = { categoryCode: fieldLabel('categoryCode', locale), discipline: fieldLabel('discipline', locale) };
  const subject = (codes: string) => codes.split(',').map((c) => `${c} ${subjectName(c, SUBJECTS.find((x) => x.code === c)?.name ?? '', locale)}`).join('、');
  return (
    <>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="code-review" message={fmt(t.banner, { n: review.total })}
        action={<Button size="small" onClick={() => setOpen(true)}>{t.show}</Button>} />
      <Modal open={open} width={900} title={t.title} onCancel={() => setOpen(false)} footer={<Button onClick={() => setOpen(false)}>{t.close}</Button>}>
        <Table size="small" rowKey={(r) => `${r.id}-${r.field}`} dataSource={review.rows} pagination={{ pageSize: 10 }}
          columns={[
            { title: t.innerId, dataIndex: 'innerId', width: 120, ...USER_CELL },
            { title: t.name, dataIndex: 'nameCn', ...USER_CELL },
            { title: t.field, dataIndex: 'field', width: 110, render: (f: 'categoryCode' | 'discipline') => labels[f] },
            { title: t.code, dataIndex: 'value', width: 110, ...USER_CELL },
            { title: t.problem, key: 'p', render: (_: unknown, r: Review['rows'][number]) => describeIssue({ field: r.field, reason: r.reason, params: r.params, code: 'VALIDATION' }, locale, labels) },
            { title: t.suggestion, key: 'suggestion', width: 200, render: (_: unknown, r: Review['rows'][number]) => (r.suggestion ? (r.field === 'discipline' ? subject(r.suggestion) : `${r.suggestion} ${categoryPath(r.suggestion, locale)}`) : '—') },
            { title: '', key: 'fix', width: 70, render: (_: unknown, r: Review['rows'][number]) => <Button size="small" type="link" onClick={() => { setOpen(false); onFix(r.id); }}>{t.fix}</Button> },
          ]} />
      </Modal>
    </>
  );
}
