// First run: the administrator chooses, once, whether the database is encrypted at rest.
import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { call } from './api';
import { useT } from './i18n';
import { useSecurity } from './stores/security';
import { showError } from './util/errors';
import { minLengthOf, requiredOf } from './util/number-field';

const L = {
  zh: {
    title: '首次使用：是否加密数据库？',
    intro: '合同与申领单位资料属于商业秘密。加密后，数据库文件离开本机也无法读取；每次启动及空闲超时后需要输入口令。',
    plain: '不加密', encrypted: '加密（推荐用于共用电脑）', passphrase: '口令（至少 8 个字符）', confirm: '再次输入口令',
    mismatch: '两次输入的口令不一致', warn: '口令无法找回：忘记口令将无法打开数据库，请妥善保管。', start: '开始使用',
    later: '以后可在“备份与安全”中加密或修改口令。',
  },
  en: {
    title: 'First run: encrypt the database?',
    intro: 'Contracts and applicant records are commercial secrets. Encrypted, the database file cannot be read off this computer; the desk asks for the passphrase at start and after idle time.',
    plain: 'Do not encrypt', encrypted: 'Encrypt (recommended on shared computers)', passphrase: 'Passphrase (8+ characters)', confirm: 'Repeat passphrase',
    mismatch: 'The passphrases differ', warn: 'A forgotten passphrase cannot be recovered: the database cannot be opened without it.', start: 'Start',
    later: 'You can encrypt or change the passphrase later under Backup & security.',
  },
};

/** Shown over the app until the first-run choice is made (security:status.setupDone). */
export function FirstRun() {
  const t = useT(L);
  const { status, set } = useSecurity();
  const [mode, setMode] = useState<'plain' | 'encrypted'>('plain');
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ passphrase: string; confirm: string }>();
  if (!status || status.setupDone || status.locked) return null;

  const start = async () => {
    let passphrase = '';
    if (mode === 'encrypted') {
      try { passphrase = (await form.validateFields()).passphrase; } catch { return; }
    }
    setBusy(true);
    try {
      set(await call('security:setup', mode === 'plain' ? { mode } : { mode, passphrase }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t.title} closable={false} maskClosable={false} keyboard={false} data-testid="first-run"
      footer={<Button type="primary" loading={busy} onClick={() => void start()} data-testid="first-run-start">{t.start}</Button>}>
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ marginBottom: 12 }}>
        <Space direction="vertical">
          <Radio value="plain" data-testid="first-run-plain">{t.plain}</Radio>
          <Radio value="encrypted" data-testid="first-run-encrypted"><LockOutlined /> {t.encrypted}</Radio>
        </Space>
      </Radio.Group>
      {mode === 'encrypted' && (
        <Form form={form} layout="vertical" onFinish={() => void start()}>
          <Form.Item name="passphrase" label={t.passphrase} rules={[requiredOf(t.passphrase), minLengthOf(t.passphrase, 8)]}>
            <Input.Password autoFocus autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirm" label={t.confirm} dependencies={['passphrase']} rules={[requiredOf(t.confirm),
            ({ getFieldValue }) => ({ validator: async (_, v) => { if (v && v !== getFieldValue('passphrase')) throw new Error(t.mismatch); } })]}>
            <Input.Password autoComplete="new-password" onPressEnter={() => form.submit()} />
          </Form.Item>
          <Alert type="warning" showIcon message={t.warn} />
        </Form>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t.later}</Typography.Paragraph>
    </Modal>
  );
}
