import { Empty } from 'antd';

export function CalendarPage() {
  return <Empty description="建设中 (under construction)" />;
}
