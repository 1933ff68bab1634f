import { Empty } from 'antd';

export function ContractsPage() {
  return <Empty description="建设中 (under construction)" />;
}
