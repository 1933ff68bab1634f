import { Empty } from 'antd';

export function ApplicantsPage() {
  return <Empty description="建设中 (under construction)" />;
}
