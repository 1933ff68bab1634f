// Display labels of the Shanghai order flow (沪科规〔2025〕6号 第十条/第十一条).
import type { OrderStatus } from '../../../../shared/rules/orders';

export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  placed: 'default', accepted: 'processing', completed: 'cyan', evaluated: 'blue', uploaded: 'geekblue',
  verified: 'purple', notice: 'gold', paid: 'success', rejected: 'error', cancelled: 'default',
};
