import type { EChartsOption } from 'echarts';
import type { AgencyRef, MeasureSummary, PolicyAlert, StatusCounts, TaskStatus } from './policy-api.ts';

// Pure view helpers of the policy-measure pages: names in the UI language, the board's ECharts
// options, and which status moves a task may offer. Tested without a canvas (policy-model.test.ts).

export type Lang = 'zh' | 'en';
export const langOf = (language: string): Lang => (language.startsWith('zh') ? 'zh' : 'en');

/** An agency as the reader reads it: its name in the UI language (Chinese names are the policy's own). */
export const agencyName = (
  agency: Pick<AgencyRef, 'zh' | 'en'> | undefined,
  lang: Lang,
  fallback = '',
): string => (agency === undefined ? fallback : lang === 'zh' ? agency.zh : agency.en);

/** A measure's title in the UI language, with its number as the policy writes it in Chinese. */
export const measureTitle = (
  measure: Pick<MeasureSummary, 'number' | 'titleZh' | 'titleEn'>,
  lang: Lang,
): string =>
  lang === 'zh'
    ? `（${chineseNumber(measure.number)}）${measure.titleZh}`
    : `(${measure.number}) ${measure.titleEn}`;

/** A task's title: the one in the UI language, else the other (a task may have one only). */
export const taskTitle = (task: { titleZh: string | null; titleEn: string | null }, lang: Lang): string =>
  (lang === 'zh' ? (task.titleZh ?? task.titleEn) : (task.titleEn ?? task.titleZh)) ?? '';

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1–99 in Chinese numerals, as the policy numbers its measures: 四, 十四, 二十四. */
export const chineseNumber = (n: number): string => {
  if (n < 10) {
    return DIGITS[n] ?? String(n);
  }
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${DIGITS[n % 10] ?? ''}`;
};

/** The quarter a YYYY-MM-DD day falls in, YYYY-Qn: the default period of a new report. */
export const quarterOfDay = (day: string): string =>
  `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

export const STATUS_COLOURS: Record<TaskStatus, string> = {
  planned: '#8c8c8c',
  in_progress: '#1677ff',
  done: '#52c41a',
  blocked: '#fa8c16',
};
export const STATUS_TAG_COLOURS: Record<TaskStatus, string> = {
  planned: 'default',
  in_progress: 'processing',
  done: 'success',
  blocked: 'warning',
};

/** Progress per measure as bars (whole percent); measures without tasks show no bar. */
export const progressBarsOption = (
  measures: readonly Pick<MeasureSummary, 'number' | 'progress' | 'overdue' | 'titleZh' | 'titleEn'>[],
  texts: { axis: string; lang: Lang },
): EChartsOption => ({
  animation: false,
  grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis', renderMode: 'richText' },
  xAxis: {
    type: 'category',
    // Arabic numerals in both languages: 24 Chinese numerals do not fit a phone's axis; the
    // tooltip names the measure in full.
    data: measures.map((m) => String(m.number)),
    axisLabel: { fontSize: 10 },
  },
  yAxis: { type: 'value', min: 0, max: 100, name: texts.axis, nameTextStyle: { align: 'left' } },
  series: [
    {
      type: 'bar',
      id: 'progress',
      name: texts.axis,
      data: measures.map((m) => ({
        value: m.progress,
        name: measureTitle(m, texts.lang),
        // A measure with overdue work is drawn red on the board.
        itemStyle: { color: m.overdue > 0 ? '#ff4d4f' : '#1677ff' },
      })),
    },
  ],
});

/** Tasks by status as a donut. */
export const statusDonutOption = (
  totals: StatusCounts,
  statusLabel: (status: TaskStatus) => string,
): EChartsOption => ({
  animation: false,
  tooltip: { trigger: 'item', renderMode: 'richText' },
  legend: { bottom: 0 },
  series: [
    {
      type: 'pie',
      id: 'status',
      radius: ['45%', '70%'],
      center: ['50%', '45%'],
      label: { formatter: '{c}' },
      data: (['planned', 'in_progress', 'done', 'blocked'] as const).map((status) => ({
        name: statusLabel(status),
        value: totals[status],
        itemStyle: { color: STATUS_COLOURS[status] },
      })),
    },
  ],
});

/** Overdue first, longest overdue first: the order the board's table reads in. */
export const sortAlerts = (alerts: readonly PolicyAlert[]): PolicyAlert[] =>
  [...alerts].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      b.daysOverdue - a.daysOverdue ||
      a.measureNumber - b.measureNumber,
  );
