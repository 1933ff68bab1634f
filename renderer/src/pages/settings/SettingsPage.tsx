import { Empty } from 'antd';

export function SettingsPage() {
  return <Empty description="建设中 (under construction)" />;
}
