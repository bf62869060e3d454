import type { EChartsOption } from 'echarts';
import type { ReturnCase, ReturnFunnel, ReturnGrade, ReturnStage } from '../../api/logistics.ts';

// The returns funnel: the API counts cases by the stage they stand at now; the funnel shows how
// many reached each step of the process (a restocked case was also received, inspected and
// graded), and then where the decided ones went. Pure, so it is tested without a canvas.

/** The steps every case passes through, in order: each holds at most as many as the one before. */
export const FUNNEL_STEPS = ['received', 'inspected', 'decided'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** Where an inspected case stands: refurbishing (a grade B at an after-sales centre) or decided. */
export const OUTCOMES = [
  'refurbishing',
  'restocked',
  're_exported',
  'returned_to_china',
  'scrapped',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

const DECIDED: readonly ReturnStage[] = ['restocked', 're_exported', 'returned_to_china', 'scrapped'];

export type FunnelLevel<Step extends string = FunnelStep> = { step: Step; count: number };

export type Funnel = { steps: FunnelLevel[]; outcomes: FunnelLevel<Outcome>[] };

/** Cases that reached each step (all were received; inspected = inspected now or beyond), and outcomes. */
export const funnelLevels = (counts: ReturnFunnel): Funnel => {
  const at = (stage: ReturnStage) => counts[stage] ?? 0;
  const decided = DECIDED.reduce((sum, stage) => sum + at(stage), 0);
  const inspected = at('inspected') + at('refurbishing') + decided;
  return {
    steps: [
      { step: 'received', count: at('received') + inspected },
      { step: 'inspected', count: inspected },
      { step: 'decided', count: decided },
    ],
    outcomes: OUTCOMES.map((stage) => ({ step: stage, count: at(stage) })),
  };
};

/** Grades given at inspection (A resaleable, B refurbish, C scrap), from the listed cases. */
export const gradeCounts = (cases: readonly Pick<ReturnCase, 'grade'>[]): Record<ReturnGrade, number> => {
  const counts: Record<ReturnGrade, number> = { A: 0, B: 0, C: 0 };
  for (const item of cases) {
    if (item.grade) {
      counts[item.grade] += 1;
    }
  }
  return counts;
};

const STEP_COLOUR: Record<FunnelStep, string> = {
  received: '#1677ff',
  inspected: '#13c2c2',
  decided: '#52c41a',
};

/** ECharts funnel, widest first in process order (never re-sorted: the order is the process). */
export const buildFunnelOption = (
  steps: readonly FunnelLevel[],
  label: (step: FunnelStep) => string,
): EChartsOption => {
  const widest = Math.max(1, ...steps.map((level) => level.count));
  return {
    tooltip: { trigger: 'item', renderMode: 'richText', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        id: 'returns-funnel',
        sort: 'none',
        min: 0,
        max: widest,
        minSize: '12%',
        left: '5%',
        width: '90%',
        gap: 2,
        label: { show: true, position: 'inside', formatter: '{b}: {c}' },
        data: steps.map((level) => ({
          name: label(level.step),
          value: level.count,
          itemStyle: { color: STEP_COLOUR[level.step] },
        })),
      },
    ],
  };
};
