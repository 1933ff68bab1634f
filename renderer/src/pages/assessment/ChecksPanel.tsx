import { Badge, Card, Collapse, Table, Typography } from 'antd';
import type { DataCheckCode, DataCheckItem } from '../../../../shared/ipc/assessment';
import { useT } from '../../i18n';
import { useAssessment } from '../../stores/assessment';

const L = {
  zh: {
    title: '数据检查', instrument: '仪器', records: '记录编号', detail: '说明', none: '未发现问题', more: '仅显示前 {n} 条',
    dayOverflow: '单日机时超过 24 小时', yearOverflow: '全年机时超过日历小时数', overlap: '同一仪器使用记录重叠',
    noBooking: '使用记录没有对应预约', noHours: '本年度无机时的仪器', crossesYear: '跨年度记录（已按年度截取）', future: '结束时间晚于今天的记录',
  },
  en: {
    title: 'Data checks', instrument: 'Instrument', records: 'Record ids', detail: 'Detail', none: 'No problems found', more: 'First {n} shown',
    dayOverflow: 'More than 24 h in a day', yearOverflow: 'More hours than the year has', overlap: 'Overlapping records on one instrument',
    noBooking: 'Usage without a booking', noHours: 'Instruments with no hours this year', crossesYear: 'Records crossing the year (clipped)', future: 'Records ending after today',
  },
};

export function ChecksPanel() {
  const t = useT(L);
  const checks = useAssessment((s) => s.checks);
  const total = checks.reduce((n, c) => n + c.count, 0);
  const columns = [
    { title: t.instrument, dataIndex: 'instrumentName', key: 'i', width: 220 },
    { title: t.records, dataIndex: 'recordIds', key: 'r', width: 220, render: (ids: number[]) => ids.slice(0, 20).join(', ') + (ids.length > 20 ? ' …' : '') },
    { title: t.detail, dataIndex: 'detail', key: 'd' },
  ];
  return (
    <Card size="small" title={<span>{t.title} <Badge count={total} showZero color={total ? 'orange' : 'green'} /></span>} style={{ marginBottom: 12 }} data-testid="checks">
      {total === 0 ? <Typography.Text type="success">{t.none}</Typography.Text> : (
        <Collapse size="small" items={checks.filter((c) => c.count > 0).map((c) => ({
          key: c.code,
          label: <span data-testid={`check-${c.code}`}>{t[c.code as DataCheckCode]} <Badge count={c.count} overflowCount={99999} color="orange" /></span>,
          children: (
            <>
              {c.count > c.items.length && <Typography.Text type="secondary">{t.more.replace('{n}', String(c.items.length))}</Typography.Text>}
              <Table<DataCheckItem> size="small" rowKey={(r) => `${r.instrumentId}-${r.recordIds.join(',')}-${r.detail}`} columns={columns}
                dataSource={c.items} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
            </>
          ),
        }))} />
      )}
    </Card>
  );
}
