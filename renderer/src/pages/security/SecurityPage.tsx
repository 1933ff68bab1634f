import { Empty } from 'antd';

export function SecurityPage() {
  return <Empty description="建设中 (under construction)" />;
}
