// 兑付材料 of an order (沪科规〔2025〕6号 第十一条): after completion, the party of the 兑付方式 (or the
// other one, recorded as such) uploads the materials; the desk exports the whole order packet.
import { DeleteOutlined, DownloadOutlined, FileZipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Divider, Input, Modal, Select, Space, Table, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ORDER_MATERIAL_KINDS, ORDER_MATERIAL_KIND_LABELS, type OrderDetail, type OrderMaterial, type OrderMaterialKind } from '../../../../shared/ipc/orders';
import { PAYOUT_PARTIES, PAYOUT_PARTY_LABELS, type PayoutParty } from '../../../../shared/rules/orders';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { fileToBase64, saveDownload } from '../../util/download';
import { showError } from '../../util/errors';

const L = {
  zh: {
    title: '兑付材料（第十一条）', kind: '类别', by: '上传方', upload: '上传材料', name: '文件', size: '大小', when: '上传时间',
    packet: '导出订单兑付材料包', hint: '服务完成后、核验前上传；按所选兑付方式由企业（团队）或服务机构上传。', none: '尚无材料',
    remove: '删除', removeTitle: '删除兑付材料“{name}”？', removeReason: '删除原因（记入操作日志）', removeOk: '确认删除', cancel: '取消',
    removeNote: '沪科规〔2025〕6号第十一条未规定撤回已上传的材料。本软件允许在核验通过前删除（须填写原因并记入操作日志），核验通过后材料作为兑付依据不能删除；“材料已上传”状态下至少保留一份。',
  },
  en: {
    title: 'Payment materials (Article 11)', kind: 'Kind', by: 'Uploaded by', upload: 'Upload material', name: 'File', size: 'Size', when: 'Uploaded',
    packet: 'Export order materials packet', hint: 'Uploaded after the service is completed and before verification, by the enterprise (team) or the institution as the payment choice says.', none: 'No materials yet',
    remove: 'Remove', removeTitle: 'Remove the material “{name}”?', removeReason: 'Reason (kept in the audit log)', removeOk: 'Remove', cancel: 'Cancel',
    removeNote: 'Article 11 of 沪科规〔2025〕6号 says nothing about withdrawing uploaded materials. The desk lets you remove one before verification (with a reason, kept in the audit log); from verification on the materials are the evidence for payment and stay. At “materials uploaded” at least one must remain.',
  },
};

const UPLOAD_STATES: readonly OrderDetail['status'][] = ['completed', 'evaluated', 'uploaded'];
const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function MaterialsPanel({ order, onChanged }: { order: OrderDetail; onChanged(): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [rows, setRows] = useState<OrderMaterial[]>([]);
  const [kind, setKind] = useState<OrderMaterialKind>('deliverable');
  const [by, setBy] = useState<PayoutParty>(order.payoutParty);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<OrderMaterial | null>(null);
  const [reason, setReason] = useState('');

  const load = useCallback(() => call('orders:materials', { orderId: order.id }).then(setRows).catch(showError), [order.id]);
  useEffect(() => { void load(); }, [load, order.status]);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await call('orders:addMaterial', { orderId: order.id, kind, uploadedBy: by, fileName: file.name, dataBase64: await fileToBase64(file) });
      await load();
      onChanged();
    } catch (e) { showError(e); } finally { setBusy(false); }
  };
  const exportPacket = async () => {
    setBusy(true);
    try { saveDownload(await call('orders:packet', { orderId: order.id })); } catch (e) { showError(e); } finally { setBusy(false); }
  };

  const remove = async () => {
    if (!removing || !reason.trim()) return;
    try {
      await call('orders:removeMaterial', { id: removing.id, reason: reason.trim() });
      setRemoving(null);
      setReason('');
      await load();
      onChanged();
    } catch (e) { showError(e); }
  };

  const canUpload = UPLOAD_STATES.includes(order.status);
  return (
    <>
      <Divider titlePlacement="start" plain>{t.title}</Divider>
      <Space direction="vertical" style={{ width: '100%' }} data-testid="order-materials">
        <Typography.Text type="secondary">{t.hint}</Typography.Text>
        {canUpload && rows.length > 0 && <Alert type="info" showIcon message={t.removeNote} data-testid="order-material-remove-note" />}
        <Space wrap>
          {canUpload && (
            <>
              <Select value={kind} onChange={setKind} style={{ width: 200 }} aria-label={t.kind} data-testid="order-material-kind"
                options={ORDER_MATERIAL_KINDS.map((k) => ({ value: k, label: ORDER_MATERIAL_KIND_LABELS[k][locale] }))} />
              <Select value={by} onChange={setBy} style={{ width: 220 }} aria-label={t.by} data-testid="order-material-by"
                options={PAYOUT_PARTIES.map((p) => ({ value: p, label: PAYOUT_PARTY_LABELS[p][locale] }))} />
              <Upload multiple showUploadList={false} accept=".pdf,.ofd,.jpg,.jpeg,.png,.xlsx,.docx" beforeUpload={(file) => { void upload(file); return false; }}>
                <Button icon={<UploadOutlined />} loading={busy} data-testid="order-material-upload">{t.upload}</Button>
              </Upload>
            </>
          )}
          <Button icon={<FileZipOutlined />} loading={busy} onClick={() => void exportPacket()} data-testid="order-packet">{t.packet}</Button>
        </Space>
        <Table<OrderMaterial> size="small" rowKey="id" dataSource={rows} pagination={false} locale={{ emptyText: t.none }} data-testid="order-material-list" columns={[
          { title: t.kind, dataIndex: 'kind', width: 170, render: (k: OrderMaterialKind) => ORDER_MATERIAL_KIND_LABELS[k][locale] },
          { title: t.name, dataIndex: 'originalName' },
          { title: t.by, dataIndex: 'uploadedBy', width: 180, render: (p: PayoutParty) => PAYOUT_PARTY_LABELS[p][locale] },
          { title: t.size, dataIndex: 'sizeBytes', width: 80, render: sizeText },
          {
            title: '', key: 'get', width: 50,
            render: (_: unknown, r) => <Button size="small" icon={<DownloadOutlined />} aria-label="download"
              onClick={() => call('orders:getMaterial', { id: r.id }).then(saveDownload).catch(showError)} />,
          },
          ...(canUpload ? [{
            title: '', key: 'remove', width: 50,
            render: (_: unknown, r: OrderMaterial) => <Button size="small" danger icon={<DeleteOutlined />} aria-label={t.remove}
              onClick={() => { setReason(''); setRemoving(r); }} data-testid={`order-material-remove-${r.id}`} />,
          }] : []),
        ]} />
        <Modal open={removing !== null} title={removing ? fmt(t.removeTitle, { name: removing.originalName }) : ''} okText={t.removeOk} cancelText={t.cancel}
          okButtonProps={{ danger: true, disabled: !reason.trim() }} onOk={() => void remove()} onCancel={() => setRemoving(null)} destroyOnHidden>
          <Typography.Paragraph type="secondary">{t.removeNote}</Typography.Paragraph>
          <Input.TextArea rows={2} placeholder={t.removeReason} aria-label={t.removeReason} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="order-material-remove-reason" />
        </Modal>
      </Space>
    </>
  );
}
