// 使用成效: a short statement of results, saved with the button, Enter-free (multi-line) or Ctrl+S.
import { Button, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';

const L = {
  zh: { save: '保存 (Ctrl+S)', placeholder: '简述服务支撑的创新成效，如完成的测试、解决的问题、形成的成果', locked: '申请已提交，使用成效不可修改' },
  en: { save: 'Save (Ctrl+S)', placeholder: 'Briefly state what the service achieved', locked: 'Locked after submission' },
};

export function ResultsPanel({ value, editable, onSave }: { value: string; editable: boolean; onSave(text: string): Promise<void> }) {
  const t = useT(L);
  const [text, setText] = useState(value);
  const [saving, setSaving] = useState(false);
  useEffect(() => setText(value), [value]);

  const save = async () => {
    setSaving(true);
    try { await onSave(text); } finally { setSaving(false); }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea rows={6} maxLength={4000} showCount value={text} disabled={!editable} data-testid="results-text"
        placeholder={editable ? t.placeholder : t.locked} onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => { if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); void save(); } }} />
      <Button type="primary" disabled={!editable || text === value} loading={saving} onClick={save} data-testid="save-results">{t.save}</Button>
    </Space>
  );
}
