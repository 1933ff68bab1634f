import { Button, Card, Form, message } from 'antd';
import { useEffect } from 'react';
import { call } from '../../api';
import { BACKUP_MONTHS_KEPT, BACKUP_WEEKS_KEPT } from '../../../../shared/ipc/security';
import { fmt, useT } from '../../i18n';
import { useSecurity } from '../../stores/security';
import { formErrors, showError } from '../../util/errors';
import { NumberInput, numberRule, type NumberSpec } from '../../util/number-field';

const L = {
  zh: {
    title: '锁定与备份设置', idle: '闲置自动锁定（分钟，0 = 不锁定；仅加密时生效）', keep: '保留最近的自动备份份数', save: '保存', saved: '已保存',
    maxMb: '备份总大小上限（MB）', rotation: '此外保留最近 {w} 周、{m} 个月各自最新的一份；超过总大小上限时从最旧的删起，最新一份始终保留。',
  },
  en: {
    title: 'Lock and backup settings', idle: 'Lock after idle (minutes, 0 = never; encrypted desks only)', keep: 'Rotated backups to keep', save: 'Save', saved: 'Saved',
    maxMb: 'Total size of backups at most (MB)', rotation: 'The newest copy of each of the last {w} weeks and {m} months is kept too; above the size limit the oldest go first, the newest always stays.',
  },
};

interface Values { idleMinutes: number; keepBackups: number; maxBackupMb: number }

/** The ranges the service accepts (security:setSettings); a value outside them is refused on its field. */
const SPECS: Record<keyof Values, NumberSpec> = {
  idleMinutes: { min: 0, max: 24 * 60, required: true },
  keepBackups: { min: 1, max: 365, required: true },
  maxBackupMb: { min: 1, max: 10 * 1024 * 1024, required: true },
};

export function SettingsCard() {
  const t = useT(L);
  const { status, set } = useSecurity();
  const [form] = Form.useForm<Values>();
  const labels = { idleMinutes: t.idle, keepBackups: t.keep, maxBackupMb: t.maxMb };
  useEffect(() => {
    if (status) form.setFieldsValue({ idleMinutes: status.idleMinutes, keepBackups: status.keepBackups, maxBackupMb: status.maxBackupMb });
  }, [status, form]);

  const save = async () => {
    const values = await form.validateFields();
    try {
      set(await call('security:setSettings', values));
      void message.success(t.saved);
    } catch (e) {
      form.setFields(formErrors(e, labels).map((x) => ({ name: x.name[0] as keyof Values, errors: x.errors })));
      showError(e);
    }
  };

  return (
    <Card title={t.title} size="small">
      <Form form={form} layout="vertical" style={{ maxWidth: 360 }} onFinish={() => void save()}
        onKeyDown={(e) => { if (e.key === 's' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void save(); } }}>
        <Form.Item name="idleMinutes" label={t.idle} rules={[numberRule(SPECS.idleMinutes, 'idleMinutes', labels)]}>
          <NumberInput style={{ width: 160 }} data-testid="idle-minutes" />
        </Form.Item>
        <Form.Item name="keepBackups" label={t.keep} rules={[numberRule(SPECS.keepBackups, 'keepBackups', labels)]}>
          <NumberInput style={{ width: 160 }} data-testid="keep-backups" />
        </Form.Item>
        <Form.Item name="maxBackupMb" label={t.maxMb} rules={[numberRule(SPECS.maxBackupMb, 'maxBackupMb', labels)]} extra={fmt(t.rotation, { w: BACKUP_WEEKS_KEPT, m: BACKUP_MONTHS_KEPT })}>
          <NumberInput style={{ width: 160 }} data-testid="max-backup-mb" />
        </Form.Item>
        <Button htmlType="submit" type="primary">{t.save}</Button>
      </Form>
    </Card>
  );
}
