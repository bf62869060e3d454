/**
 * The tracker's pure rules (docs/policy-measures.md): task states, quarters, and what is overdue on
 * a given day. Days are calendar days in China (UTC+8), read from the hub's clock by the caller.
 */

export const taskStatuses = ['planned', 'in_progress', 'done', 'blocked'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

// planned → in_progress → done | blocked; a blocked task resumes; done is final (a correction is a
// new task), so that a measure's finished work cannot silently reopen.
const transitions: Record<TaskStatus, readonly TaskStatus[]> = {
  planned: ['in_progress', 'blocked'],
  in_progress: ['done', 'blocked'],
  blocked: ['in_progress'],
  done: [],
};

export const canTransition = (from: TaskStatus, to: TaskStatus): boolean => transitions[from].includes(to);
export const nextStatuses = (from: TaskStatus): readonly TaskStatus[] => transitions[from];

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day in China of an instant, YYYY-MM-DD. */
export const chinaDay = (at: Date): string =>
  new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** Whole days from one date to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A real calendar date written YYYY-MM-DD (not 2026-02-30). */
export const isCalendarDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return false;
  }
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
};

/** The quarter a day falls in, YYYY-Qn. */
export const quarterOf = (day: string): string => {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
};

/** The quarter before the one a day falls in: the one whose report is watched. */
export const previousQuarter = (day: string): string => {
  const year = Number(day.slice(0, 4));
  const quarter = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
};

const quarterParts = (quarter: string) => ({
  year: Number(quarter.slice(0, 4)),
  q: Number(quarter.slice(6, 7)),
});

/** The last day of a quarter. */
export const quarterEnd = (quarter: string): string => {
  const { year, q } = quarterParts(quarter);
  return ['', `${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`][q] ?? '';
};

/** A quarter's report is due by the 15th of the month after it ends, like the monthly direct reports. */
export const REPORT_GRACE_DAYS = 15;
export const reportDueDate = (quarter: string): string => {
  const { year, q } = quarterParts(quarter);
  return q === 4 ? `${year + 1}-01-15` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-15`;
};

/** Reminders are raised this many days before a due date. */
export const DUE_SOON_DAYS = 7;

export type AlertKind = 'task_overdue' | 'milestone_overdue' | 'report_missing' | 'task_due_soon';

export type TaskForAlerts = {
  id: string;
  measureNumber: number;
  ownerAgencyCode: string;
  dueDate: string;
  status: TaskStatus;
  /** The day the task was created (China): a task created after a quarter owes no report for it. */
  createdDay: string;
  milestones: readonly { id: string; dueDate: string; done: boolean }[];
  /** Quarters with a report. */
  reportedPeriods: ReadonlySet<string>;
};

export type Alert = {
  kind: AlertKind;
  taskId: string;
  milestoneId: string | null;
  measureNumber: number;
  agencyCode: string;
  /** The date missed (or, for a reminder, the one coming). */
  dueDate: string;
  /** For a missing report, the quarter. */
  period: string | null;
  /** Days past the due date; negative for a reminder (days left). */
  daysOverdue: number;
};

/**
 * What is overdue on `today`:
 * - a task not done whose due date is before today (due today is not yet late);
 * - a milestone not done whose date is before today, on a task not done;
 * - a task not done, created on or before the last quarter's end, with no report for that quarter
 *   once the report's due date (the 15th after the quarter) has passed;
 * and, as reminders, tasks not done that fall due within DUE_SOON_DAYS.
 */
export const alertsFor = (task: TaskForAlerts, today: string): Alert[] => {
  if (task.status === 'done') {
    return [];
  }
  const base = { taskId: task.id, measureNumber: task.measureNumber, agencyCode: task.ownerAgencyCode };
  const alerts: Alert[] = [];
  const late = daysBetween(task.dueDate, today);
  if (late > 0) {
    alerts.push({
      ...base,
      kind: 'task_overdue',
      milestoneId: null,
      dueDate: task.dueDate,
      period: null,
      daysOverdue: late,
    });
  } else if (-late <= DUE_SOON_DAYS) {
    alerts.push({
      ...base,
      kind: 'task_due_soon',
      milestoneId: null,
      dueDate: task.dueDate,
      period: null,
      daysOverdue: late,
    });
  }
  for (const milestone of task.milestones) {
    const behind = daysBetween(milestone.dueDate, today);
    if (!milestone.done && behind > 0) {
      alerts.push({
        ...base,
        kind: 'milestone_overdue',
        milestoneId: milestone.id,
        dueDate: milestone.dueDate,
        period: null,
        daysOverdue: behind,
      });
    }
  }
  const quarter = previousQuarter(today);
  const due = reportDueDate(quarter);
  const missingFor = daysBetween(due, today);
  if (task.createdDay <= quarterEnd(quarter) && !task.reportedPeriods.has(quarter) && missingFor > 0) {
    alerts.push({
      ...base,
      kind: 'report_missing',
      milestoneId: null,
      dueDate: due,
      period: quarter,
      daysOverdue: missingFor,
    });
  }
  return alerts;
};

export const isOverdue = (alert: Pick<Alert, 'kind'>): boolean => alert.kind !== 'task_due_soon';

/**
 * A task's progress in whole percent: 100 when done, else its latest report's percent, 0 without one.
 * A measure's progress is the rounded mean of its tasks', null while it has none.
 */
export const taskProgress = (status: TaskStatus, latestPercent: number | undefined): number =>
  status === 'done' ? 100 : (latestPercent ?? 0);

export const measureProgress = (taskPercents: readonly number[]): number | null =>
  taskPercents.length === 0
    ? null
    : Math.round(taskPercents.reduce((sum, percent) => sum + percent, 0) / taskPercents.length);
