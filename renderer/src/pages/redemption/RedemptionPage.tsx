import { Empty } from 'antd';

export function RedemptionPage() {
  return <Empty description="建设中 (under construction)" />;
}
