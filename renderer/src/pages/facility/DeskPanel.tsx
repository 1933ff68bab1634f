import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Switch, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { yearSchema } from '../../../../shared/ipc/catalog';
import type { DeskIdentityView } from '../../../../shared/ipc/office';
import { call } from '../../api';
import { fmt, useT } from '../../i18n';
import { saveDownload } from '../../util/download';
import { showError } from '../../util/errors';
import { NumberField, numberIssue, specOf } from '../../util/number-field';
import { FilePick } from './FilePick';

/** The years of an export package, as package:exportLab accepts them. */
const YEAR = specOf(yearSchema, { required: true });

const L = {
  zh: {
    identity: '本机身份', role: '本机角色', lab: '实验室工作台', office: '设备处工作台', unitName: '单位名称', creditCode: '单位统一社会信用代码',
    labName: '实验室名称', save: '保存', saved: '已保存', deskId: '工作台标识', fingerprint: '签名公钥指纹（电话核对）', boxFingerprint: '加密公钥指纹',
    keyCard: '下载公钥卡片（交设备处登记）', officeReg: '已登记的设备处', none: '未登记', importRef: '导入设备处参考数据包', exportRef: '导出参考数据包（交各实验室）',
    confirmFp: '首次导入：请与设备处电话核对指纹，并输入其指纹', refFp: '数据包签名指纹：{fp}', imported: '参考数据已导入：预设 {p} 个，年度默认 {y} 个，节假日 {h} 条',
    exportTitle: '导出实验室数据包', from: '起始年度', to: '截止年度', attachments: '包含附件', export: '导出数据包', encrypted: '本机已加密：数据包将加密给设备处',
  },
  en: {
    identity: 'This desk', role: 'Role', lab: 'Lab desk', office: 'Facility office desk', unitName: 'Unit name', creditCode: 'Unit credit code',
    labName: 'Lab name', save: 'Save', saved: 'Saved', deskId: 'Desk id', fingerprint: 'Signing key fingerprint (compare by phone)', boxFingerprint: 'Encryption key fingerprint',
    keyCard: 'Download key card (for the office)', officeReg: 'Registered office', none: 'Not registered', importRef: 'Import the office reference package', exportRef: 'Export reference package (for labs)',
    confirmFp: 'First import: compare the fingerprint with the office by phone and type it', refFp: 'Package signed by: {fp}', imported: 'Reference data imported: {p} presets, {y} year defaults, {h} holidays',
    exportTitle: 'Export lab data package', from: 'From year', to: 'To year', attachments: 'Include attachments', export: 'Export package', encrypted: 'This desk is encrypted: the package is sealed to the office',
  },
};

export function DeskPanel({ year, onChange }: { year: number; onChange(v: DeskIdentityView): void }) {
  const t = useT(L);
  const [view, setView] = useState<DeskIdentityView | null>(null);
  const [form] = Form.useForm<{ role: 'lab' | 'office'; unitName: string; unitCreditCode: string; labName: string }>();
  const [range, setRange] = useState<[number | null, number | null]>([year - 1, year]);
  const rangeOk = numberIssue(range[0], YEAR) === null && numberIssue(range[1], YEAR) === null;
  const [attachments, setAttachments] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('desk:identity', {}).then((v) => { setView(v); onChange(v); form.setFieldsValue(v); }, showError);
  }, [form, onChange]);

  const save = async () => {
    try {
      const v = await call('desk:setIdentity', form.getFieldsValue());
      setView(v); onChange(v); void message.success(t.saved);
    } catch (e) { showError(e); }
  };
  const importRef = async (file: { fileName: string; dataBase64: string }) => {
    try {
      const info = await call('package:inspectReference', file);
      let confirmFingerprint: string | undefined;
      if (info.firstTime) {
        confirmFingerprint = await new Promise<string | undefined>((resolve) => {
          let typed = '';
          Modal.confirm({
            title: t.confirmFp,
            content: <div><Typography.Paragraph>{fmt(t.refFp, { fp: info.fingerprint })}</Typography.Paragraph>
              <Input data-testid="ref-confirm-fp" onChange={(e) => { typed = e.target.value; }} /></div>,
            onOk: () => resolve(typed), onCancel: () => resolve(undefined),
          });
        });
        if (confirmFingerprint === undefined) return;
      }
      const r = await call('package:importReference', { ...file, confirmFingerprint });
      void message.success(fmt(t.imported, { p: r.presets, y: r.ratedYears, h: r.holidays }));
      const v = await call('desk:identity', {});
      setView(v); onChange(v); form.setFieldsValue(v);
    } catch (e) { showError(e); }
  };
  const exportLab = async () => {
    if (!rangeOk || range[0] === null || range[1] === null) return;
    setBusy(true);
    try { saveDownload(await call('package:exportLab', { fromYear: range[0], toYear: range[1], attachments })); } catch (e) { showError(e); } finally { setBusy(false); }
  };

  return (
    <div>
      <Card size="small" title={t.identity} style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" onFinish={() => void save()}>
          <Form.Item name="role" label={t.role}><Select data-testid="desk-role" style={{ width: 160 }} options={[{ value: 'lab', label: t.lab }, { value: 'office', label: t.office }]} /></Form.Item>
          <Form.Item name="unitName" label={t.unitName}><Input data-testid="desk-unit" style={{ width: 200 }} /></Form.Item>
          <Form.Item name="unitCreditCode" label={t.creditCode}><Input data-testid="desk-code" style={{ width: 200 }} /></Form.Item>
          <Form.Item name="labName" label={t.labName}><Input data-testid="desk-lab" style={{ width: 160 }} /></Form.Item>
          <Button type="primary" htmlType="submit" data-testid="desk-save">{t.save}</Button>
        </Form>
        {view && (
          <Descriptions size="small" column={2} style={{ marginTop: 12 }} items={[
            { key: 'id', label: t.deskId, children: view.deskId },
            { key: 'fp', label: t.fingerprint, children: <Typography.Text strong data-testid="desk-fingerprint">{view.fingerprint}</Typography.Text> },
            { key: 'bfp', label: t.boxFingerprint, children: view.boxFingerprint },
            { key: 'office', label: t.officeReg, children: view.office ? `${view.office.unitName} · ${view.office.fingerprint}` : t.none },
          ]} />
        )}
        <Space style={{ marginTop: 8 }} wrap>
          <Button data-testid="desk-keycard" onClick={() => void call('desk:keyCard', {}).then(saveDownload, showError)}>{t.keyCard}</Button>
          {view?.role === 'lab' && <FilePick testId="ref-file" label={t.importRef} onFile={(f) => void importRef(f)} />}
          {view?.role === 'office' && <Button data-testid="ref-export" onClick={() => void call('package:exportReference', {}).then(saveDownload, showError)}>{t.exportRef}</Button>}
        </Space>
      </Card>
      {view?.role === 'lab' && (
        <Card size="small" title={t.exportTitle}>
          <Space wrap>
            {t.from}<NumberField data-testid="pkg-from" label={t.from} spec={YEAR} value={range[0]} onChange={(v) => setRange([v, range[1]])} />
            {t.to}<NumberField data-testid="pkg-to" label={t.to} spec={YEAR} value={range[1]} onChange={(v) => setRange([range[0], v])} />
            <Switch checked={attachments} onChange={setAttachments} /> {t.attachments}
            <Button type="primary" data-testid="pkg-export" loading={busy} disabled={!rangeOk} onClick={() => void exportLab()}>{t.export}</Button>
          </Space>
          {view.encrypted && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t.encrypted}</Typography.Paragraph>}
        </Card>
      )}
    </div>
  );
}
