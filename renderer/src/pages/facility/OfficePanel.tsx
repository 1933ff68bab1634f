import { Button, Card, Descriptions, Input, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ConflictItem, ImportPreview, KeyCard, OfficeLab } from '../../../../shared/ipc/office';
import { call } from '../../api';
import { fmt, useT } from '../../i18n';
import { showError } from '../../util/errors';
import { isCancelled, JobProgress, useJob } from '../../util/JobProgress';
import { FilePick } from './FilePick';
import { LabRecordsDrawer } from './LabRecordsDrawer';
import { beijingTime } from '../../util/time';

const L = {
  zh: {
    register: '登记实验室（公钥卡片）', registerHint: '粘贴实验室的公钥卡片内容，或选择卡片文件；登记前请与实验室电话核对指纹',
    card: '公钥卡片', pickCard: '选择卡片文件', doRegister: '登记', registered: '已登记 {lab}，指纹 {fp}', labs: '已登记的实验室',
    labName: '实验室', fingerprint: '指纹', current: '当前数据包', period: '期间', none: '尚未导入', importPkg: '导入实验室数据包',
    preview: '数据包内容', status: '状态', new: '首次导入', newer: '较新的包，将替换该实验室本期间各年度的数据', kept: '保留的年度', keptNone: '无（替换全部数据）', held: '已有年度', sep: '、', same: '已导入过，不会有任何变化',
    part: '部件', records: '条数', added: '新增', changed: '修改', removed: '删除', confirm: '导入并替换', imported: '已导入 {lab} 的数据包',
    conflicts: '跨实验室冲突', kind: '类型', key: '编号/代码', entries: '涉及', resolution: '处理', instrument: '所在单位仪器编号相同', contract: '合同编号相同',
    applicant: '同一统一社会信用代码不同名称', same_: '是同一对象', distinct: '确为不同对象', corrected_at_lab: '已通知实验室更正', unresolved: '未处理', sealed: '加密', view: '查看数据',
    part_instruments: '仪器', part_ratedHours: '额定机时', part_usage: '服务记录', part_applicants: '申领单位', part_contracts: '合同', part_vouchers: '创新券',
    part_redemptions: '兑现申请', part_derived: '实验室自算指标', part_orders: '上海订单', part_charges: '费用明细', part_attachments: '附件',
  },
  en: {
    register: 'Register a lab (key card)', registerHint: 'Paste the lab\'s key card or choose the card file; compare the fingerprint with the lab by phone first',
    card: 'Key card', pickCard: 'Choose card file', doRegister: 'Register', registered: 'Registered {lab}, fingerprint {fp}', labs: 'Registered labs',
    labName: 'Lab', fingerprint: 'Fingerprint', current: 'Current package', period: 'Period', none: 'Nothing imported', importPkg: 'Import a lab package',
    preview: 'Package contents', status: 'Status', new: 'First package', newer: 'Newer package: replaces this lab\'s data for the years of its period', kept: 'Years kept', keptNone: 'None (replaces all data)', held: 'Years held', sep: ', ', same: 'Already imported: nothing changes',
    part: 'Part', records: 'Records', added: 'Added', changed: 'Changed', removed: 'Removed', confirm: 'Import and replace', imported: 'Imported the package of {lab}',
    conflicts: 'Conflicts across labs', kind: 'Kind', key: 'Number/code', entries: 'Involved', resolution: 'Decision', instrument: 'Same unit asset no.', contract: 'Same contract number',
    applicant: 'One credit code, two names', same_: 'Same object', distinct: 'Different objects', corrected_at_lab: 'Lab asked to correct', unresolved: 'Open', sealed: 'Sealed', view: 'View data',
    part_instruments: 'Instruments', part_ratedHours: 'Rated hours', part_usage: 'Usage records', part_applicants: 'Applicants', part_contracts: 'Contracts', part_vouchers: 'Vouchers',
    part_redemptions: 'Redemptions', part_derived: 'Lab\'s own figures', part_orders: 'Shanghai orders', part_charges: 'Charges', part_attachments: 'Attachments',
  },
};

export function OfficePanel({ onImported }: { onImported(): void }) {
  const t = useT(L);
  const [labs, setLabs] = useState<OfficeLab[]>([]);
  const [conflicts, setConflicts] = useState<ConflictItem[]>([]);
  const [cardText, setCardText] = useState('');
  const [preview, setPreview] = useState<{ file: { fileName: string; dataBase64: string }; p: ImportPreview } | null>(null);
  const [busy, setBusy] = useState(false);
  const importJob = useJob();
  const [viewing, setViewing] = useState<OfficeLab | null>(null);

  const load = useCallback(async () => {
    try {
      setLabs(await call('office:labs', {}));
      setConflicts(await call('office:conflicts', {}));
    } catch (e) { showError(e); }
  }, []);
  useEffect(() => { void load(); }, [load]);

  const register = async () => {
    try {
      const card = JSON.parse(cardText) as KeyCard;
      const lab = await call('office:registerLab', { deskId: card.deskId, labName: card.labName, publicKey: card.publicKey });
      void message.success(fmt(t.registered, { lab: lab.labName, fp: lab.fingerprint }));
      setCardText('');
      await load();
    } catch (e) { showError(e); }
  };
  const inspect = async (file: { fileName: string; dataBase64: string }) => {
    try { setPreview({ file, p: await call('package:inspect', file) }); } catch (e) { showError(e); }
  };
  const doImport = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const p = await importJob.run('package:import', preview.file);
      void message.success(fmt(t.imported, { lab: p.labName }));
      setPreview(null);
      await load();
      onImported();
    } catch (e) { if (!isCancelled(e)) showError(e); } finally { setBusy(false); }
  };
  const kindText = { instrument: t.instrument, contract: t.contract, applicant: t.applicant };
  // The parts of a lab package by name; a part this desk does not know shows its own name.
  const partName = (part: string) => (t as Record<string, string>)[`part_${part}`] ?? part;
  const resText = { same: t.same_, distinct: t.distinct, corrected_at_lab: t.corrected_at_lab };

  return (
    <div>
      <Card size="small" title={t.register} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary">{t.registerHint}</Typography.Paragraph>
        <Space align="start" wrap>
          <Input.TextArea data-testid="office-card" rows={3} style={{ width: 480 }} placeholder={t.card} value={cardText} onChange={(e) => setCardText(e.target.value)} />
          <FilePick testId="office-card-file" label={t.pickCard} accept=".json" onFile={(f) => setCardText(new TextDecoder().decode(Uint8Array.from(atob(f.dataBase64), (c) => c.charCodeAt(0))))} />
          <Button type="primary" data-testid="office-register" disabled={!cardText.trim()} onClick={() => void register()}>{t.doRegister}</Button>
        </Space>
      </Card>
      <Card size="small" title={t.labs} style={{ marginBottom: 12 }} extra={<FilePick testId="office-pkg-file" label={t.importPkg} accept=".oidpkg" onFile={(f) => void inspect(f)} />}>
        <Table<OfficeLab> size="small" rowKey="deskId" dataSource={labs} pagination={false} data-testid="office-labs" columns={[
          { title: t.labName, dataIndex: 'labName' }, { title: t.fingerprint, dataIndex: 'fingerprint' },
          { title: t.current, render: (_, l) => (l.current ? `${beijingTime(l.current.createdAt).slice(0, 16)}${l.current.sealed ? ` · ${t.sealed}` : ''}` : t.none) },
          { title: t.period, render: (_, l) => (l.current ? `${l.current.fromYear}–${l.current.toYear}` : '—') },
          { title: t.held, render: (_, l) => (l.years.length ? l.years.map((y) => y.year).join(t.sep) : '—') },
          { title: t.records, render: (_, l) => (l.current ? Object.entries(l.current.counts).map(([k, n]) => `${partName(k)} ${n}`).join(' · ') : '—') },
          { title: '', key: 'view', render: (_, l) => (l.current ? <Button size="small" data-testid={`office-view-${l.deskId}`} onClick={() => setViewing(l)}>{t.view}</Button> : null) },
        ]} />
        <LabRecordsDrawer lab={viewing} partName={partName} onClose={() => setViewing(null)} />
      </Card>
      <Card size="small" title={`${t.conflicts}（${conflicts.filter((c) => !c.resolution).length}）`}>
        <Table<ConflictItem> size="small" rowKey={(c) => `${c.kind}:${c.key}`} dataSource={conflicts} pagination={{ pageSize: 20 }} data-testid="office-conflicts" columns={[
          { title: t.kind, dataIndex: 'kind', render: (k: ConflictItem['kind']) => kindText[k] }, { title: t.key, dataIndex: 'key' },
          { title: t.entries, render: (_, c) => c.entries.map((e) => `${e.labName}：${e.label}`).join('；') },
          { title: t.resolution, render: (_, c) => (
            <Select size="small" style={{ width: 170 }} value={c.resolution?.resolution ?? null} placeholder={t.unresolved} allowClear
              options={(['same', 'distinct', 'corrected_at_lab'] as const).map((v) => ({ value: v, label: resText[v] }))}
              onChange={(v) => void call('office:resolveConflict', { kind: c.kind, key: c.key, resolution: v ?? null }).then(setConflicts, showError)} />
          ) },
        ]} />
      </Card>
      <Modal open={!!preview} destroyOnHidden width={760} title={t.preview} onCancel={() => setPreview(null)} okText={t.confirm}
        okButtonProps={{ disabled: preview?.p.status === 'same', loading: busy, ...({ 'data-testid': 'office-import-confirm' } as Record<string, string>) }} onOk={() => void doImport()}>
        {preview && (
          <div data-testid="office-preview">
            <Descriptions size="small" column={2} items={[
              { key: 'lab', label: t.labName, children: preview.p.labName },
              { key: 'period', label: t.period, children: `${preview.p.period.fromYear}–${preview.p.period.toYear}` },
              { key: 'status', label: t.status, children: <Tag color={preview.p.status === 'same' ? 'default' : 'blue'}>{t[preview.p.status]}</Tag> },
              { key: 'sealed', label: t.sealed, children: preview.p.sealed ? '✓' : '—' },
              ...(preview.p.status === 'newer' ? [{ key: 'kept', label: t.kept, children: preview.p.keptYears.length ? preview.p.keptYears.join(t.sep) : t.keptNone }] : []),
            ]} />
            <Table size="small" rowKey="part" pagination={false} dataSource={preview.p.diff} columns={[
              { title: t.part, dataIndex: 'part', render: (p: string) => partName(p) }, { title: t.records, dataIndex: 'records' }, { title: t.added, dataIndex: 'added' },
              { title: t.changed, dataIndex: 'changed' }, { title: t.removed, dataIndex: 'removed' },
            ]} expandable={{ rowExpandable: (d) => d.examples.length > 0, expandedRowRender: (d) => d.examples.map((x) => `${t[x.change]} ${x.label}`).join('；') }} />
            <JobProgress job={importJob.job} onCancel={importJob.cancel} cancelling={importJob.cancelling} testId="office-import-progress" />
          </div>
        )}
      </Modal>
    </div>
  );
}
