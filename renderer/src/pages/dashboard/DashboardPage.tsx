import { Empty } from 'antd';

export function DashboardPage() {
  return <Empty description="建设中 (under construction)" />;
}
