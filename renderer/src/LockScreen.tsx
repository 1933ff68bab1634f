// The lock screen, and the hook App uses to know when to show it: the desk starts locked when the
// database is encrypted, and locks itself after the idle timeout (security:lock).
import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, type InputRef, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from './api';
import { useT } from './i18n';
import { useSecurity } from './stores/security';
import { errorText } from './util/errors';

const L = {
  zh: {
    title: '工作台已锁定', hint: '数据库已加密。请输入口令解锁。', placeholder: '口令', unlock: '解锁',
    wrong: '口令不正确，数据库未被改动。请重试。', empty: '请输入口令',
  },
  en: {
    title: 'Desk locked', hint: 'The database is encrypted. Enter the passphrase to unlock.', placeholder: 'Passphrase', unlock: 'Unlock',
    wrong: 'Wrong passphrase; the database was not changed. Try again.', empty: 'Enter the passphrase',
  },
};

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
const STATUS_POLL_MS = 30_000;

/** True while the desk is locked; also runs the idle timer that locks it. */
export function useLocked(): boolean {
  const { status, refresh, lock } = useSecurity();
  useEffect(() => {
    void refresh().catch(() => undefined);
    // Another window or a restart may lock the desk: look again now and then.
    const timer = setInterval(() => void refresh().catch(() => undefined), STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const idleMinutes = status && status.encrypted && !status.locked ? status.idleMinutes : 0;
  useEffect(() => {
    if (!idleMinutes) return;
    let last = Date.now();
    const touch = () => { last = Date.now(); };
    for (const e of ACTIVITY) window.addEventListener(e, touch, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= idleMinutes * 60_000) void lock().catch(() => undefined);
    }, 5_000);
    return () => {
      clearInterval(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, touch);
    };
  }, [idleMinutes, lock]);

  return Boolean(status?.locked);
}

export function LockScreen() {
  const t = useT(L);
  const unlock = useSecurity((s) => s.unlock);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<InputRef>(null);
  useEffect(() => { input.current?.focus(); }, []);

  const submit = async () => {
    if (!passphrase) { setError(t.empty); return; }
    setBusy(true);
    setError(null);
    try {
      await unlock(passphrase);
    } catch (e) {
      // A refusal is worded from its reason (wrong passphrase, file not a database …) in the chosen language.
      setError(e instanceof ApiError && e.error.code === 'LOCKED' && !e.error.reason ? t.wrong : errorText(e));
      setPassphrase('');
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f7fa' }} data-testid="lock-screen">
      <Card style={{ width: 400 }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}><LockOutlined /> {t.title}</Typography.Title>
          <Typography.Text type="secondary">{t.hint}</Typography.Text>
          <Input.Password
            ref={input}
            data-testid="lock-passphrase"
            placeholder={t.placeholder}
            value={passphrase}
            autoComplete="current-password"
            onChange={(e) => setPassphrase(e.target.value)}
            onPressEnter={() => void submit()}
          />
          {error && <Alert type="error" showIcon message={error} data-testid="lock-error" />}
          <Button type="primary" block loading={busy} onClick={() => void submit()} data-testid="lock-unlock">{t.unlock}</Button>
        </Space>
      </Card>
    </div>
  );
}
