import { useId } from 'react';
import { STATE_FILLS } from './parcel-state-tag.tsx';

export type BarDatum = { key: string; label: string; value: number; formatted: string };

type StateBarChartProps = { title: string; description: string; data: readonly BarDatum[] };

const ROW_HEIGHT = 28;
const LABEL_WIDTH = 96;
const VALUE_WIDTH = 56;
const WIDTH = 360;

/**
 * Horizontal bars, one per state. Drawn in a viewBox that scales to its container, so it fits a
 * 390 px phone as well as the board's column; labels sit left and counts right of the bars so
 * neither ever overlaps a short bar. Screen readers read the chart as one image: its title, and
 * a description that the caller makes list every state's count.
 */
export const StateBarChart = ({ title, description, data }: StateBarChartProps) => {
  const id = useId();
  const max = Math.max(1, ...data.map((d) => d.value));
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = data.length * ROW_HEIGHT + 4;
  return (
    <svg
      className="customs-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-testid="customs-state-chart"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {data.map((d, index) => {
        const y = index * ROW_HEIGHT + 4;
        const width = d.value === 0 ? 0 : Math.max(2, (d.value / max) * barSpace);
        return (
          <g key={d.key} data-state={d.key}>
            <text
              x={LABEL_WIDTH - 8}
              y={y + ROW_HEIGHT / 2}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="12"
            >
              {d.label}
            </text>
            <rect
              x={LABEL_WIDTH}
              y={y + 4}
              width={width}
              height={ROW_HEIGHT - 10}
              rx="3"
              fill={STATE_FILLS[d.key] ?? '#1677ff'}
            />
            <text x={LABEL_WIDTH + width + 6} y={y + ROW_HEIGHT / 2} dominantBaseline="middle" fontSize="12">
              {d.formatted}
            </text>
          </g>
        );
      })}
    </svg>
  );
};
