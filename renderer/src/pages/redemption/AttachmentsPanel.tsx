// Attachments of the contract: upload by kind (read in the renderer as base64), download, remove.
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Select, Space, Table, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ATTACHMENT_KINDS, ATTACHMENT_KIND_LABELS, type AttachmentInfo, type AttachmentKind } from '../../../../shared/ipc/redemption';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { fileToBase64, saveDownload } from '../../util/download';
import { showError } from '../../util/errors';

const L = {
  zh: { kind: '类别', upload: '上传附件', name: '文件名', size: '大小', sha: 'SHA-256', actions: '操作', removeConfirm: '确定删除此附件？文件将一并删除。' },
  en: { kind: 'Kind', upload: 'Upload', name: 'File', size: 'Size', sha: 'SHA-256', actions: 'Actions', removeConfirm: 'Delete this attachment and its file?' },
};

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function AttachmentsPanel({ contractId, onChanged }: { contractId: number; onChanged(): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [rows, setRows] = useState<AttachmentInfo[]>([]);
  const [kind, setKind] = useState<AttachmentKind>('contract');
  const [uploading, setUploading] = useState(false);

  const load = useCallback(() => call('attachments:list', { contractId }).then(setRows).catch(showError), [contractId]);
  useEffect(() => { void load(); }, [load]);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      await call('attachments:add', { contractId, kind, fileName: file.name, dataBase64: await fileToBase64(file) });
      await load();
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
    }
  };

  const remove = async (id: number) => {
    try { await call('attachments:remove', { id }); await load(); onChanged(); } catch (e) { showError(e); }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Select value={kind} onChange={setKind} style={{ width: 140 }} aria-label={t.kind} data-testid="attachment-kind"
          options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: ATTACHMENT_KIND_LABELS[k][locale] }))} />
        <Upload multiple showUploadList={false} accept=".pdf,.ofd,.jpg,.jpeg,.png,.xlsx,.docx" beforeUpload={(file) => { void upload(file); return false; }}>
          <Button icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">{t.upload}</Button>
        </Upload>
      </Space>
      <Table<AttachmentInfo> size="small" rowKey="id" pagination={false} dataSource={rows} data-testid="attachment-table" columns={[
        { title: t.kind, dataIndex: 'kind', width: 100, render: (k: AttachmentKind) => ATTACHMENT_KIND_LABELS[k][locale] },
        { title: t.name, dataIndex: 'originalName', ellipsis: true },
        { title: t.size, dataIndex: 'sizeBytes', width: 90, render: sizeText },
        { title: t.sha, dataIndex: 'sha256', width: 120, render: (s: string) => <code title={s}>{s.slice(0, 12)}</code> },
        {
          title: t.actions, key: 'a', width: 100, render: (_: unknown, r) => (
            <Space>
              <Button size="small" icon={<DownloadOutlined />} aria-label="download"
                onClick={() => call('attachments:get', { id: r.id }).then(saveDownload).catch(showError)} />
              <Popconfirm title={t.removeConfirm} onConfirm={() => remove(r.id)}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label="delete" />
              </Popconfirm>
            </Space>
          ),
        },
      ]} />
    </Space>
  );
}
