import { Empty } from 'antd';

export function VouchersPage() {
  return <Empty description="建设中 (under construction)" />;
}
