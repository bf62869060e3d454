import { describe, expect, it } from 'vitest';
import type { Report, ReportForm } from '../../api/stats-reporting.ts';
import { cellStates, isEditable, lastMonth, valuesToSend } from './reporting-model.ts';

describe('direct-reporting page model', () => {
  it('gathers errors, warnings and comments per cell', () => {
    const report = {
      status: 'returned',
      errors: [{ cell: 'rows.SI.export', code: 'stats.report_negative', severity: 'error', message: '' }],
      warnings: [{ cell: 'rows.total.export', code: 'stats.report_jump', severity: 'warning', message: '' }],
      reviewComments: { 'rows.SI.export': 'check', report: 'see SI' },
    } as unknown as Report;
    const states = cellStates(report);
    expect(states.get('rows.SI.export')?.errors.map((e) => e.code)).toEqual(['stats.report_negative']);
    expect(states.get('rows.SI.export')?.comment).toBe('check');
    expect(states.get('rows.total.export')?.warnings).toHaveLength(1);
    expect(states.get('report')?.comment).toBe('see SI');
    expect(isEditable(report)).toBe(true);
    expect(isEditable({ status: 'submitted' })).toBe(false);
  });

  it('proposes last month and sends only the filled cells of the form', () => {
    expect(lastMonth(new Date('2026-01-10T00:00:00Z'))).toBe('2025-12');
    expect(lastMonth(new Date('2026-11-27T00:00:00Z'))).toBe('2026-10');
    const form = { cells: [{ name: 'a' }, { name: 'b' }] } as unknown as ReportForm;
    expect(valuesToSend(form, { a: ' 12 ', b: '', c: '3' })).toEqual({ a: '12' });
  });
});
