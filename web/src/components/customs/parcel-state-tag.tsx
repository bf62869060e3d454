import { Tag } from 'antd';
import { useCustomsLabels } from './use-customs-labels.ts';

// Blue waits for documents, red failed or refused, orange is with an officer, green cleared,
// grey is over without effect.
const COLOURS: Record<string, string> = {
  waiting: 'processing',
  failed: 'red',
  released: 'success',
  inspection: 'orange',
  refused: 'volcano',
  cancelled: 'default',
  returned: 'purple',
};

export const ParcelStateTag = ({ state }: { state: string }) => {
  const labels = useCustomsLabels();
  return (
    <Tag color={COLOURS[state] ?? 'default'} data-testid="parcel-state" data-state={state}>
      {labels.state(state)}
    </Tag>
  );
};

/** The fill of a state's bar in the board chart, matching the tag colours. */
export const STATE_FILLS: Record<string, string> = {
  waiting: '#1677ff',
  failed: '#f5222d',
  released: '#52c41a',
  inspection: '#fa8c16',
  refused: '#fa541c',
  cancelled: '#8c8c8c',
  returned: '#722ed1',
};
