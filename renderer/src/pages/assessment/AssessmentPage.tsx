import { Empty } from 'antd';

export function AssessmentPage() {
  return <Empty description="建设中 (under construction)" />;
}
