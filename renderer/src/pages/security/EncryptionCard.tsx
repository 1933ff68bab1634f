import { LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { useSecurity } from '../../stores/security';
import { formErrors, showError } from '../../util/errors';
import { JobProgress, useJob } from '../../util/JobProgress';
import { minLengthOf, requiredOf } from '../../util/number-field';

const L = {
  zh: {
    title: '数据库加密', state: '状态', encrypted: '已加密', plain: '未加密', kdf: '密钥派生', firstRun: '首次使用：请选择是否加密数据库。',
    firstRunHint: '加密后，每次启动和闲置锁定后都需输入口令；口令遗失则数据无法找回。', keepPlain: '保持不加密',
    enable: '启用加密', passphrase: '口令（至少 8 个字符）', confirm: '再次输入口令', mismatch: '两次输入的口令不一致',
    enableConfirm: '加密会先写入并校验加密副本，再替换原文件。继续？', current: '当前口令', next: '新口令', change: '修改口令',
    changed: '口令已修改', lockNow: '立即锁定', encryptedOk: '数据库已加密',
    plainBackups: '此前的备份已一并加密；若下方列表仍有“未加密”的备份，可在那里删除。',
  },
  en: {
    title: 'Database encryption', state: 'State', encrypted: 'Encrypted', plain: 'Not encrypted', kdf: 'Key derivation',
    firstRun: 'First run: choose whether to encrypt the database.',
    firstRunHint: 'Once encrypted, the passphrase is needed at every start and after the idle lock; a lost passphrase cannot be recovered.',
    keepPlain: 'Keep unencrypted', enable: 'Enable encryption', passphrase: 'Passphrase (8+ characters)', confirm: 'Repeat passphrase',
    mismatch: 'The passphrases differ', enableConfirm: 'An encrypted copy is written and verified before it replaces the file. Continue?',
    current: 'Current passphrase', next: 'New passphrase', change: 'Change passphrase', changed: 'Passphrase changed', lockNow: 'Lock now',
    encryptedOk: 'Database encrypted', plainBackups: 'Earlier backups were encrypted too; any still marked plain in the list below can be deleted there.',
  },
};

interface PassForm { passphrase: string; confirm: string }
interface ChangeForm { current: string; next: string; confirm: string }

export function EncryptionCard({ onChanged }: { onChanged(): void }) {
  const t = useT(L);
  const { status, set, lock } = useSecurity();
  const [enableForm] = Form.useForm<PassForm>();
  const [changeForm] = Form.useForm<ChangeForm>();
  const [busy, setBusy] = useState(false);
  const [justEncrypted, setJustEncrypted] = useState(false);
  // Re-sealing every attachment and backup under the new key: progress only, a key change always finishes.
  const keyJob = useJob();
  if (!status) return null;

  const sameAs = (field: string) => ({ getFieldValue }: { getFieldValue(n: string): unknown }) => ({
    validator: (_: unknown, v: string) => (v === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error(t.mismatch))),
  });

  const enable = async () => {
    const { passphrase } = await enableForm.validateFields();
    setBusy(true);
    try {
      set(await keyJob.run('security:setup', { mode: 'encrypted', passphrase }));
      enableForm.resetFields();
      setJustEncrypted(true);
      onChanged();
    } catch (e) {
      enableForm.setFields(formErrors(e).map((x) => ({ name: x.name[0] as keyof PassForm, errors: x.errors })));
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const keepPlain = async () => {
    try {
      set(await call('security:setup', { mode: 'plain' }));
    } catch (e) {
      showError(e);
    }
  };

  const change = async () => {
    const { current, next } = await changeForm.validateFields();
    setBusy(true);
    try {
      set(await keyJob.run('security:changePassphrase', { current, next }));
      changeForm.resetFields();
      onChanged();
    } catch (e) {
      changeForm.setFields(formErrors(e).map((x) => ({ name: x.name[0] as keyof ChangeForm, errors: x.errors })));
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const onKey = (submit: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === 's' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); }
  };

  return (
    <Card title={<><SafetyCertificateOutlined /> {t.title}</>} size="small" data-testid="encryption-card">
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t.state}>
          {status.encrypted ? <Tag color="green" data-testid="encryption-state">{t.encrypted}</Tag> : <Tag data-testid="encryption-state">{t.plain}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t.kdf}><Typography.Text type="secondary">{status.kdf}</Typography.Text></Descriptions.Item>
      </Descriptions>
      <JobProgress job={keyJob.running ? keyJob.job : null} testId="reseal-progress" />
      {justEncrypted && <Alert type="success" showIcon message={t.encryptedOk} description={t.plainBackups} style={{ marginBottom: 12 }} />}
      {!status.setupDone && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t.firstRun} description={t.firstRunHint}
          action={<Button size="small" onClick={() => void keepPlain()} data-testid="setup-plain">{t.keepPlain}</Button>} />
      )}
      {!status.encrypted ? (
        <Form form={enableForm} layout="vertical" style={{ maxWidth: 360 }} onFinish={() => void enable()} onKeyDown={onKey(() => void enable())}>
          <Form.Item name="passphrase" label={t.passphrase} rules={[requiredOf(t.passphrase), minLengthOf(t.passphrase, 8)]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirm" label={t.confirm} dependencies={['passphrase']} rules={[requiredOf(t.confirm), sameAs('passphrase')]}>
            <Input.Password autoComplete="new-password" onPressEnter={() => enableForm.submit()} />
          </Form.Item>
          <Popconfirm title={t.enableConfirm} onConfirm={() => void enable()}>
            <Button type="primary" loading={busy} data-testid="setup-encrypt">{t.enable}</Button>
          </Popconfirm>
        </Form>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Form form={changeForm} layout="vertical" style={{ maxWidth: 360 }} onFinish={() => void change()} onKeyDown={onKey(() => void change())}>
            <Form.Item name="current" label={t.current} rules={[requiredOf(t.current)]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item name="next" label={t.next} rules={[requiredOf(t.next), minLengthOf(t.next, 8)]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item name="confirm" label={t.confirm} dependencies={['next']} rules={[requiredOf(t.confirm), sameAs('next')]}>
              <Input.Password autoComplete="new-password" onPressEnter={() => changeForm.submit()} />
            </Form.Item>
            <Button htmlType="submit" loading={busy}>{t.change}</Button>
          </Form>
          <Button icon={<LockOutlined />} onClick={() => void lock().catch(showError)} data-testid="lock-now">{t.lockNow}</Button>
        </Space>
      )}
    </Card>
  );
}
