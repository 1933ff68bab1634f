import { Button, Card, Form, Input, Select, Switch, message } from 'antd';
import { useEffect, useState } from 'react';
import { REGIONS, settingsSchema, type DeskSettings, type SettingsView } from '../../../../shared/ipc/assessment';
import { call } from '../../api';
import { profileById } from '../../../../shared/policy/registry';
import { useLocale, useT } from '../../i18n';
import { documentName } from '../../i18n-errors';
import { showError } from '../../util/errors';
import { clearErrorsOnEdit, markRefusal, schemaRule } from '../../util/fields';
import { HolidayEditor } from './HolidayEditor';
import { NumberInput } from '../../util/number-field';

const L = {
  zh: {
    general: '基本设置', region: '地区（政策配置）', beijing: '北京', shanghai: '上海', rated: '额定机时（小时/台·年）',
    ratedPh: '默认 {h}（政策配置）', unitName: '单位名称', thirdParty: '以测试、检测、研发服务为主业的第三方服务机构',
    thirdPartyHelp: '第三方机构不享受开放单位绩效补贴', notify: '到期提醒提前天数', save: '保存（Ctrl+S）', saved: '设置已保存', profile: '当前政策',
    noProfile: '{date} 该地区没有生效的政策版本：不按其他版本计算，相关数字暂不显示。',
  },
  en: {
    general: 'General', region: 'Region (policy profile)', beijing: 'Beijing', shanghai: 'Shanghai', rated: 'Rated hours (per instrument-year)',
    ratedPh: 'Default {h} (profile)', unitName: 'Unit name', thirdParty: 'Third-party testing / R&D service institution',
    thirdPartyHelp: 'Third-party institutions receive no performance subsidy', notify: 'Remind days ahead', save: 'Save (Ctrl+S)', saved: 'Settings saved', profile: 'Policy in force',
    noProfile: 'No policy profile of this region is in force on {date}: no other profile is used, so figures are not shown.',
  },
};

export function SettingsPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [form] = Form.useForm<DeskSettings>();
  const [view, setView] = useState<SettingsView | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    call('settings:get', {}).then((v) => { setView(v); form.setFieldsValue(v.settings); }, showError);
  }, [form]);

  const save = async () => {
    setSaving(true);
    try {
      const values = await form.validateFields();
      const v = await call('settings:set', { ...values, ratedHours: values.ratedHours ?? null });
      setView(v);
      form.setFieldsValue(v.settings);
      void message.success(t.saved);
    } catch (e) {
      if ((e as { errorFields?: unknown }).errorFields) return;
      markRefusal(form, e, labels);
      showError(e, labels);
    } finally {
      setSaving(false);
    }
  };
  const labels = { region: t.region, ratedHours: t.rated, unitName: t.unitName, thirdPartyTesting: t.thirdParty, notificationDays: t.notify };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); void save(); }
  };

  return (
    <div>
      <Card size="small" title={t.general} style={{ marginBottom: 12, maxWidth: 720 }}>
        {/* Editable once the saved settings are in: what the user types is never overwritten by the load. */}
        <Form form={form} layout="vertical" disabled={!view} onKeyDown={onKeyDown} onFinish={() => void save()} onValuesChange={clearErrorsOnEdit(form)}>
          <Form.Item name="region" label={t.region} extra={view?.profile ? (locale === 'en'
            ? `${t.profile}: ${profileById(view.profile.id)?.titleEn ?? view.profile.title} (${documentName(view.profile.documentNumber, 'en')})`
            : `${t.profile}：${view.profile.title}（${view.profile.documentNumber}）`)
            : view?.noProfile ? <span data-testid="settings-no-profile">{t.noProfile.replace('{date}', view.noProfile.date)}</span> : undefined}>
            <Select data-testid="settings-region" options={REGIONS.map((r) => ({ value: r, label: t[r] }))} />
          </Form.Item>
          {/* Out of range is an error on the field, never clamped to the nearest allowed value. */}
          <Form.Item name="ratedHours" label={t.rated} rules={[schemaRule(settingsSchema.shape.ratedHours, 'ratedHours', labels)]}>
            <NumberInput data-testid="settings-rated" style={{ width: 200 }}
              placeholder={t.ratedPh.replace('{h}', String(view?.ratedHoursDefault ?? ''))} />
          </Form.Item>
          <Form.Item name="unitName" label={t.unitName} rules={[schemaRule(settingsSchema.shape.unitName, 'unitName', labels)]}><Input data-testid="settings-unit" /></Form.Item>
          <Form.Item name="thirdPartyTesting" label={t.thirdParty} extra={t.thirdPartyHelp} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="notificationDays" label={t.notify} rules={[schemaRule(settingsSchema.shape.notificationDays, 'notificationDays', labels)]}>
            <NumberInput data-testid="settings-notify" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">{t.save}</Button>
        </Form>
      </Card>
      <HolidayEditor />
    </div>
  );
}
