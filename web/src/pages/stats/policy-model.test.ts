import { describe, expect, it } from 'vitest';
import type { PolicyAlert } from './policy-api.ts';
import {
  chineseNumber,
  langOf,
  measureTitle,
  progressBarsOption,
  quarterOfDay,
  sortAlerts,
  statusDonutOption,
  taskTitle,
} from './policy-model.ts';

describe('policy-measure view model', () => {
  it('numbers measures as the policy does', () => {
    expect([1, 4, 10, 14, 20, 24].map(chineseNumber)).toEqual(['一', '四', '十', '十四', '二十', '二十四']);
    const measure = {
      number: 24,
      titleZh: '建立联动协同工作机制',
      titleEn: 'Establish a coordinated joint working mechanism',
    };
    expect(measureTitle(measure, 'zh')).toBe('（二十四）建立联动协同工作机制');
    expect(measureTitle(measure, 'en')).toBe('(24) Establish a coordinated joint working mechanism');
  });

  it('falls back to the other language for a task titled in one only', () => {
    expect(taskTitle({ titleZh: null, titleEn: 'Pilot' }, 'zh')).toBe('Pilot');
    expect(taskTitle({ titleZh: '试点', titleEn: null }, 'en')).toBe('试点');
    expect(langOf('zh-CN')).toBe('zh');
    expect(langOf('en')).toBe('en');
  });

  it('finds the quarter of a day', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-12-31'].map(quarterOfDay)).toEqual([
      '2026-Q1',
      '2026-Q1',
      '2026-Q2',
      '2026-Q4',
    ]);
  });

  it('draws progress bars per measure, red where work is overdue, and a status donut', () => {
    const option = progressBarsOption(
      [
        { number: 4, progress: 40, overdue: 1, titleZh: 'a', titleEn: 'a' },
        { number: 5, progress: null, overdue: 0, titleZh: 'b', titleEn: 'b' },
      ],
      { axis: '%', lang: 'en' },
    );
    const series = (option.series as { data: { value: number | null; itemStyle: { color: string } }[] }[])[0];
    expect(series?.data.map((d) => [d.value, d.itemStyle.color])).toEqual([
      [40, '#ff4d4f'],
      [null, '#1677ff'],
    ]);
    const donut = statusDonutOption({ total: 3, planned: 1, in_progress: 1, done: 1, blocked: 0 }, (s) => s);
    const slices = (donut.series as { data: { name: string; value: number }[] }[])[0]?.data;
    expect(slices?.map((s) => [s.name, s.value])).toEqual([
      ['planned', 1],
      ['in_progress', 1],
      ['done', 1],
      ['blocked', 0],
    ]);
  });

  it('puts the longest overdue first and reminders last', () => {
    const alert = (kind: PolicyAlert['kind'], daysOverdue: number, overdue: boolean): PolicyAlert => ({
      kind,
      taskId: `t${daysOverdue}`,
      milestoneId: null,
      measureNumber: 4,
      agencyCode: 'zj-commerce',
      dueDate: '2026-01-01',
      period: null,
      daysOverdue,
      titleZh: null,
      titleEn: 'x',
      overdue,
      taskStatus: 'planned',
    });
    expect(
      sortAlerts([
        alert('task_due_soon', -3, false),
        alert('task_overdue', 2, true),
        alert('task_overdue', 9, true),
      ]).map((a) => a.daysOverdue),
    ).toEqual([9, 2, -3]);
  });
});
