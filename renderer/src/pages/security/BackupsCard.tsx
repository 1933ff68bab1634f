import { CloudDownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, message, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { BackupInfo } from '../../../../shared/ipc/security';
import { call } from '../../api';
import { fmt, useT } from '../../i18n';
import { useSecurity } from '../../stores/security';
import { showError } from '../../util/errors';

const L = {
  zh: {
    title: '备份', create: '立即备份', name: '文件名', takenAt: '备份时间', size: '大小', kind: '类型', enc: '加密', restore: '恢复',
    auto: '备份', pre: '恢复前副本', yes: '已加密', no: '未加密', created: '已创建备份 {name}',
    confirmTitle: '从备份恢复', confirmText: '将用备份 {name} 替换当前数据库。当前数据库会先完整保存为“恢复前副本”，不会丢失。确定恢复？',
    passHint: '仅当该备份使用的是旧口令时填写', passLabel: '备份口令（可选）', restored: '已恢复 {name}；原数据库已保存为 {pre}',
    note: '每天自动备份一次（启动时若最近的备份已超过一天）。备份保存在数据目录的 backups 文件夹。',
    plainLeft: '有 {n} 个备份未加密，其中的全部记录（含申请人与银行信息）均为明文。', deletePlain: '删除未加密备份',
    deletePlainTitle: '删除 {n} 个未加密备份？', deletePlainText: '以下文件将被永久删除，无法恢复；已加密的备份不受影响：', delete: '删除', deletedPlain: '已删除 {n} 个未加密备份',
  },
  en: {
    title: 'Backups', create: 'Back up now', name: 'File', takenAt: 'Taken at', size: 'Size', kind: 'Kind', enc: 'Encryption', restore: 'Restore',
    auto: 'Backup', pre: 'Pre-restore copy', yes: 'Encrypted', no: 'Plain', created: 'Backup {name} created',
    confirmTitle: 'Restore from backup', confirmText: 'Backup {name} will replace the current database. The current database is first saved whole as a pre-restore copy. Restore?',
    passHint: 'Only for a backup taken under an earlier passphrase', passLabel: 'Backup passphrase (optional)', restored: 'Restored {name}; the previous database was saved as {pre}',
    note: 'A backup is taken daily (at start when the newest is over a day old), into the backups folder of the data directory.',
    plainLeft: '{n} backups are not encrypted: every record in them (applicants and bank details included) is in clear.', deletePlain: 'Delete plain backups',
    deletePlainTitle: 'Delete {n} plain backups?', deletePlainText: 'These files will be deleted for good; encrypted backups are not touched:', delete: 'Delete', deletedPlain: '{n} plain backups deleted',
  },
};

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function BackupsCard({ refreshKey, onRestored }: { refreshKey: number; onRestored(): void }) {
  const t = useT(L);
  const [rows, setRows] = useState<BackupInfo[]>([]);
  const [loading, setLoading] = useState(false);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [modal, holder] = Modal.useModal();
  const encrypted = useSecurity((st) => st.status?.encrypted ?? false);
  const plain = rows.filter((b) => !b.encrypted);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await call('backup:list', {}));
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => { void reload(); }, [reload, refreshKey]);

  const create = async () => {
    setLoading(true);
    try {
      const b = await call('backup:create', {});
      void message.success(fmt(t.created, { name: b.name }));
      await reload();
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  };

  const restore = async () => {
    if (!restoring) return;
    try {
      const res = await call('backup:restore', { name: restoring.name, passphrase: passphrase || undefined });
      setRestoring(null);
      setPassphrase('');
      void modal.success({ title: fmt(t.restored, { name: res.restored, pre: res.preRestore }) });
      onRestored();
      await reload();
    } catch (e) {
      showError(e);
    }
  };

  const deletePlain = () => {
    const names = plain.map((b) => b.name);
    void modal.confirm({
      title: fmt(t.deletePlainTitle, { n: names.length }),
      content: (
        <div data-testid="delete-plain-list">
          <Typography.Paragraph>{t.deletePlainText}</Typography.Paragraph>
          <ul>{names.map((n) => <li key={n}><Typography.Text code>{n}</Typography.Text></li>)}</ul>
        </div>
      ),
      okText: t.delete,
      okButtonProps: { danger: true, ...({ 'data-testid': 'delete-plain-confirm' } as Record<string, string>) },
      onOk: async () => {
        try {
          const r = await call('backup:deletePlain', { names });
          void message.success(fmt(t.deletedPlain, { n: r.deleted.length }));
        } catch (e) {
          showError(e);
        }
        await reload();
      },
    });
  };

  return (
    <Card size="small" title={t.title} extra={
      <Space>
        <Button icon={<ReloadOutlined />} onClick={() => void reload()} aria-label="reload" />
        <Button type="primary" icon={<CloudDownloadOutlined />} loading={loading} onClick={() => void create()} data-testid="backup-create">{t.create}</Button>
      </Space>
    }>
      {holder}
      <Typography.Paragraph type="secondary">{t.note}</Typography.Paragraph>
      {encrypted && plain.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="plain-backups" message={fmt(t.plainLeft, { n: plain.length })}
          action={<Button size="small" danger onClick={deletePlain} data-testid="backup-delete-plain">{t.deletePlain}</Button>} />
      )}
      <Table<BackupInfo>
        data-testid="backup-table"
        size="small"
        rowKey="name"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t.name, dataIndex: 'name', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t.takenAt, dataIndex: 'takenAt', width: 170 },
          { title: t.size, dataIndex: 'sizeBytes', width: 90, render: (v: number) => size(v) },
          { title: t.kind, dataIndex: 'kind', width: 110, render: (v: BackupInfo['kind']) => (v === 'backup' ? t.auto : <Tag color="blue">{t.pre}</Tag>) },
          { title: t.enc, dataIndex: 'encrypted', width: 90, render: (v: boolean) => (v ? <Tag color="green">{t.yes}</Tag> : <Tag color="orange">{t.no}</Tag>) },
          { title: '', key: 'a', width: 80, render: (_: unknown, b) => <Button size="small" onClick={() => setRestoring(b)}>{t.restore}</Button> },
        ]}
      />
      <Modal open={restoring !== null} title={t.confirmTitle} okText={t.restore} okButtonProps={{ danger: true, ...{ 'data-testid': 'restore-confirm' } }}
        onOk={() => void restore()} onCancel={() => { setRestoring(null); setPassphrase(''); }} destroyOnHidden>
        <Typography.Paragraph>{fmt(t.confirmText, { name: restoring?.name ?? '' })}</Typography.Paragraph>
        {restoring?.encrypted && (
          <Form layout="vertical">
            <Form.Item label={t.passLabel} extra={t.passHint}>
              <Input.Password value={passphrase} onChange={(e) => setPassphrase(e.target.value)} onPressEnter={() => void restore()} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Card>
  );
}
