// 价格组 of an applicant: the group its charges are priced at (校内, 校外高校及科研院所, 企业, …).
// Saved on change through money:setApplicantGroup; a refusal is worded here on the field.
import { Divider, Form, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { PriceGroup } from '../../../../shared/ipc/money';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { errorText, showError } from '../../util/errors';
import { punct } from '../../util/user-data';

const L = {
  zh: { title: '收费', label: '价格组', byDefault: '默认', help: '按此价格组计算此后生成的费用；已生成的费用不变', saved: '已保存' },
  en: { title: 'Charges', label: 'Price group', byDefault: 'Default', help: 'Charges generated from now on are priced for this group; existing charges stay as they are', saved: 'Saved' },
};

export function PriceGroupField({ applicantId }: { applicantId: number }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [groups, setGroups] = useState<PriceGroup[]>([]);
  const [value, setValue] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    call('money:priceGroups', {}).then(setGroups, showError);
    call('money:applicantGroup', { applicantId }).then((g) => setValue(g.priceGroupId), showError);
  }, [applicantId]);

  const name = (g: PriceGroup) => (locale === 'en' && g.nameEn ? g.nameEn : g.name);
  const fallback = groups.find((g) => g.isDefault);
  const save = async (next: number | null) => {
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const r = await call('money:setApplicantGroup', { applicantId, priceGroupId: next });
      setValue(r.priceGroupId);
      setSaved(true);
    } catch (e) {
      setError(errorText(e, { priceGroupId: t.label, applicantId: t.label }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Divider titlePlacement="start" plain>{t.title}</Divider>
      <Form layout="vertical" component="div">
        <Form.Item label={t.label} validateStatus={error ? 'error' : saved ? 'success' : undefined} hasFeedback={saved && !error}
          help={error ?? (saved ? t.saved : t.help)}>
          <Select style={{ maxWidth: 360 }} loading={saving} disabled={saving} data-testid="applicant-price-group" allowClear
            value={value ?? undefined} onChange={(v: number | undefined) => void save(v ?? null)}
            placeholder={fallback ? `${t.byDefault}${punct(locale).colon}${name(fallback)}` : t.byDefault}
            options={groups.map((g) => ({ value: g.id, label: name(g) }))} />
        </Form.Item>
      </Form>
    </>
  );
}
