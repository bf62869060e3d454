import { describe, expect, it } from 'vitest';
import {
  alertsFor,
  canTransition,
  chinaDay,
  isCalendarDate,
  measureProgress,
  previousQuarter,
  quarterEnd,
  quarterOf,
  reportDueDate,
  type TaskForAlerts,
  taskProgress,
  taskStatuses,
} from './rules.ts';

const task = (change: Partial<TaskForAlerts> = {}): TaskForAlerts => ({
  id: 'pmt_1',
  measureNumber: 4,
  ownerAgencyCode: 'zj-commerce',
  dueDate: '2026-06-30',
  status: 'in_progress',
  createdDay: '2026-04-10',
  milestones: [],
  reportedPeriods: new Set(['2026-Q1', '2026-Q2', '2026-Q3']),
  ...change,
});
const kinds = (t: TaskForAlerts, today: string) => alertsFor(t, today).map((a) => a.kind);

describe('task states', () => {
  it('moves planned → in_progress → done | blocked, resumes a blocked task, never leaves done', () => {
    const allowed = taskStatuses.flatMap((from) =>
      taskStatuses.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([
      'planned→in_progress',
      'planned→blocked',
      'in_progress→done',
      'in_progress→blocked',
      'blocked→in_progress',
    ]);
  });
});

describe('the hub clock in China', () => {
  it('turns the day at 16:00 UTC', () => {
    expect(chinaDay(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30');
    expect(chinaDay(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });

  it('knows real calendar dates', () => {
    expect(['2026-02-28', '2028-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-6-1', 'x'].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('quarters', () => {
  it('finds the quarter, the one before, its end and its report due date', () => {
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(previousQuarter('2026-01-01')).toBe('2025-Q4');
    expect(previousQuarter('2026-07-15')).toBe('2026-Q2');
    expect(quarterEnd('2026-Q2')).toBe('2026-06-30');
    expect(reportDueDate('2026-Q2')).toBe('2026-07-15');
    expect(reportDueDate('2025-Q4')).toBe('2026-01-15');
  });
});

describe('overdue rules at their boundaries', () => {
  it('flags a task the day after its due date, not on it', () => {
    expect(kinds(task(), '2026-06-30')).toEqual(['task_due_soon']);
    const late = alertsFor(task(), '2026-07-01');
    expect(late.map((a) => [a.kind, a.daysOverdue])).toEqual([['task_overdue', 1]]);
  });

  it('reminds 7 days ahead, not 8', () => {
    expect(kinds(task(), '2026-06-23')).toEqual(['task_due_soon']);
    expect(kinds(task(), '2026-06-22')).toEqual([]);
  });

  it('flags a blocked task past due, never a done one', () => {
    expect(kinds(task({ status: 'blocked' }), '2026-07-01')).toEqual(['task_overdue']);
    expect(kinds(task({ status: 'done', reportedPeriods: new Set() }), '2027-01-01')).toEqual([]);
  });

  it('flags a milestone the day after its date while it is not done', () => {
    const milestones = [
      { id: 'pms_1', dueDate: '2026-05-31', done: false },
      { id: 'pms_2', dueDate: '2026-05-31', done: true },
    ];
    const t = task({ dueDate: '2026-12-31', milestones });
    expect(kinds(t, '2026-05-31')).toEqual([]);
    const after = alertsFor(t, '2026-06-01');
    expect(after.map((a) => [a.kind, a.milestoneId])).toEqual([['milestone_overdue', 'pms_1']]);
  });

  it("misses last quarter's report after the 15th of the next month, not on it", () => {
    const t = task({ dueDate: '2026-12-31', reportedPeriods: new Set(['2026-Q1']) });
    expect(kinds(t, '2026-07-15')).toEqual([]);
    const missing = alertsFor(t, '2026-07-16');
    expect(missing.map((a) => [a.kind, a.period, a.dueDate, a.daysOverdue])).toEqual([
      ['report_missing', '2026-Q2', '2026-07-15', 1],
    ]);
    // Reported: nothing missing.
    expect(kinds(task({ dueDate: '2026-12-31' }), '2026-07-16')).toEqual([]);
  });

  it('asks no report for a quarter that ended before the task was created', () => {
    const created = (day: string) =>
      task({ dueDate: '2026-12-31', createdDay: day, reportedPeriods: new Set() });
    expect(kinds(created('2026-06-30'), '2026-07-16')).toEqual(['report_missing']);
    expect(kinds(created('2026-07-01'), '2026-07-16')).toEqual([]);
  });

  it('crosses the year: Q4 is watched in January', () => {
    const t = task({ dueDate: '2027-06-30', createdDay: '2026-10-01', reportedPeriods: new Set() });
    expect(alertsFor(t, '2027-01-16').map((a) => a.period)).toEqual(['2026-Q4']);
  });
});

describe('progress', () => {
  it('counts a done task as 100 and a task without reports as 0; a measure averages, rounded', () => {
    expect(taskProgress('done', 40)).toBe(100);
    expect(taskProgress('in_progress', undefined)).toBe(0);
    expect(taskProgress('blocked', 35)).toBe(35);
    expect(measureProgress([])).toBeNull();
    expect(measureProgress([100, 0, 50])).toBe(50);
    expect(measureProgress([33, 34])).toBe(34);
  });
});
