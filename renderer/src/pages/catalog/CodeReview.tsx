import { Alert, Button, Modal, Table } from 'antd';
import { useEffect, useState } from 'react';
import { categoryPath } from '../../../../shared/vocabulary-labels';
import { USER_CELL } from '../../util/user-data';
import type { ChannelOutput } from '../../../../shared/ipc';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { describeIssue } from '../../i18n-errors';
import { showError } from '../../util/errors';

const L = {
  zh: {
    banner: '{n} 台仪器的分类编码不在国家平台仪器分类表中，上报前请逐一改正（系统不会自动改动）', show: '查看并修改', title: '分类编码待改正的仪器',
    innerId: '仪器编号', name: '仪器名称', code: '现有编码', problem: '问题', suggestion: '可考虑', fix: '修改', close: '关闭',
  },
  en: {
    banner: '{n} instruments have a category code that is not in the national platform\'s table; fix each before uploading (the desk changes none by itself)', show: 'Review and fix',
    title: 'Instruments whose category code needs fixing', innerId: 'Instrument no.', name: 'Name', code: 'Current code', problem: 'Problem', suggestion: 'Consider', fix: 'Fix', close: 'Close',
  },
};

type Review = ChannelOutput<'catalog:codeReview'>;

/** The instruments whose code the platform's table does not have, for the user to fix one by one. */
export function CodeReview({ version, onFix }: { version: number; onFix(id: number): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [review, setReview] = useState<Review | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => { call('catalog:codeReview', {}).then(setReview).catch(showError); }, [version]);
  if (!review || review.total === 0) return null;
  const label = locale === 'zh' ? '仪器分类编码' : 'Category code';
  return (
    <>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="code-review" message={fmt(t.banner, { n: review.total })}
        action={<Button size="small" onClick={() => setOpen(true)}>{t.show}</Button>} />
      <Modal open={open} width={900} title={t.title} onCancel={() => setOpen(false)} footer={<Button onClick={() => setOpen(false)}>{t.close}</Button>}>
        <Table size="small" rowKey="id" dataSource={review.rows} pagination={{ pageSize: 10 }}
          columns={[
            { title: t.innerId, dataIndex: 'innerId', width: 120, ...USER_CELL },
            { title: t.name, dataIndex: 'nameCn', ...USER_CELL },
            { title: t.code, dataIndex: 'categoryCode', width: 90 },
            { title: t.problem, key: 'p', render: (_: unknown, r: Review['rows'][number]) => describeIssue({ field: 'categoryCode', reason: r.reason, params: { value: r.categoryCode }, code: 'VALIDATION' }, locale, { categoryCode: label }) },
            { title: t.suggestion, dataIndex: 'suggestion', width: 200, render: (s: string | null) => (s ? `${s} ${categoryPath(s, locale)}` : '—') },
            { title: '', key: 'fix', width: 70, render: (_: unknown, r: Review['rows'][number]) => <Button size="small" type="link" onClick={() => { setOpen(false); onFix(r.id); }}>{t.fix}</Button> },
          ]} />
      </Modal>
    </>
  );
}
