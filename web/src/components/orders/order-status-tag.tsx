import { Tag } from 'antd';
import type { OrderStatus } from '../../api/orders.ts';
import { useOrderLabels } from './use-order-labels.ts';

// Colours follow what needs attention: blue/orange wait for someone, green is agreed or done,
// red is refused, grey is over without effect.
const COLOURS: Record<OrderStatus, string> = {
  draft: 'default',
  offered: 'processing',
  countered: 'orange',
  accepted: 'green',
  rejected: 'red',
  in_fulfilment: 'cyan',
  completed: 'success',
  cancelled: 'default',
};

export const OrderStatusTag = ({ status }: { status: OrderStatus }) => {
  const labels = useOrderLabels();
  return (
    <Tag color={COLOURS[status]} data-testid="order-status" data-status={status}>
      {labels.status(status)}
    </Tag>
  );
};
