import { describe, expect, it } from 'vitest';
import { dueDate, healthOf, reminderOf, watchedMonth } from './deadlines.ts';
import { currentForms, findForm, formHash } from './forms.ts';
import { validateValues } from './validate.ts';

const monthly = currentForms.monthly_services;
const complete = (overrides: Record<string, string> = {}) => {
  const values: Record<string, string> = { usdCnyRate: '7.2', deliveredDigitally: 'no' };
  for (const cell of monthly.cells) {
    if (cell.name.startsWith('rows.')) {
      values[cell.name] = '0';
    }
  }
  return {
    ...values,
    'rows.SI.export': '900',
    'rows.SJ.export': '100',
    'rows.total.export': '1000',
    ...overrides,
  };
};
const codes = (issues: { cell: string; code: string; severity: string }[]) =>
  issues.map((issue) => `${issue.severity} ${issue.cell} ${issue.code}`);

describe('report validation', () => {
  it('accepts a complete report', () => {
    expect(validateValues(monthly, complete())).toEqual([]);
  });

  it('names the cell of each error', () => {
    expect(
      codes(
        validateValues(
          monthly,
          complete({
            'rows.SJ.export': '101',
            usdCnyRate: '0.5',
            'rows.SD.import': '',
            'partners.2.import': '5',
          }),
        ),
      ),
    ).toEqual([
      'error usdCnyRate stats.report_out_of_range',
      'error rows.SD.import stats.report_required',
      'error rows.total.export stats.report_total_mismatch',
      'error partners.2.country stats.report_required',
      'error partners.1.import stats.report_partners_exceed_total',
    ]);
    expect(
      codes(validateValues(monthly, complete({ 'rows.SI.export': '9.5', 'partners.1.country': 'XQ' }))),
    ).toEqual([
      'error rows.SI.export stats.report_not_a_number',
      'error partners.1.country stats.report_invalid_value',
    ]);
  });

  it('warns of a jump of three times or a third against the last accepted period, exactly at the bounds', () => {
    const previous = complete();
    expect(
      codes(
        validateValues(
          monthly,
          complete({ 'rows.SI.export': '2699', 'rows.total.export': '2799' }),
          previous,
        ),
      ),
    ).toEqual([]);
    expect(
      codes(
        validateValues(
          monthly,
          complete({ 'rows.SI.export': '2700', 'rows.total.export': '2800' }),
          previous,
        ),
      ),
    ).toEqual(['warning rows.SI.export stats.report_jump']);
    expect(
      codes(
        validateValues(monthly, complete({ 'rows.SI.export': '300', 'rows.total.export': '400' }), previous),
      ),
    ).toEqual(['warning rows.SI.export stats.report_jump']);
    // A category new this month has no base to jump from.
    expect(
      codes(
        validateValues(monthly, complete({ 'rows.SK.export': '50', 'rows.total.export': '1050' }), previous),
      ),
    ).toEqual([]);
  });

  it('keeps each form version under a stable hash', () => {
    expect(findForm('monthly_services', 1)).toBe(monthly);
    expect(findForm('monthly_services', 2)).toBeUndefined();
    expect(formHash(monthly)).toBe(formHash(structuredClone(monthly)));
    expect(formHash(monthly)).not.toBe(formHash({ ...monthly, jumpChecked: [] }));
  });
});

describe('deadlines', () => {
  it('dues a month on the 15th of the next, a year on 31 March', () => {
    expect(dueDate(monthly, '2025-12')).toBe('2026-01-15');
    expect(dueDate(monthly, '2025-02')).toBe('2025-03-15');
    expect(dueDate(currentForms.annual_digital_survey, '2025')).toBe('2026-03-31');
    expect(watchedMonth('2026-01-03')).toBe('2025-12');
  });

  it('tells on time from late by the day in China', () => {
    const sent = (iso: string, warnings = false) => ({
      status: 'submitted' as const,
      first_submitted_at: new Date(iso),
      had_confirmed_warnings: warnings,
    });
    // 15 March 23:30 in Beijing is 15:30 UTC: on time; 16:30 UTC is the 16th there: late.
    expect(healthOf(sent('2025-03-15T15:30:00Z'), '2025-03-15', '2025-03-20')).toEqual({
      status: 'on_time',
      improbable: false,
    });
    expect(healthOf(sent('2025-03-15T16:30:00Z', true), '2025-03-15', '2025-03-20')).toEqual({
      status: 'late',
      improbable: true,
    });
    expect(healthOf(undefined, '2025-03-15', '2025-03-15').status).toBe('pending');
    expect(healthOf(undefined, '2025-03-15', '2025-03-16').status).toBe('missing');
    expect(reminderOf('draft', '2025-03-15', '2025-03-09')).toBeUndefined();
    expect(reminderOf('draft', '2025-03-15', '2025-03-10')).toEqual({ kind: 'due_soon', daysLeft: 5 });
    expect(reminderOf('returned', '2025-03-15', '2025-03-16')).toEqual({ kind: 'overdue', daysLeft: -1 });
    expect(reminderOf('submitted', '2025-03-15', '2025-03-16')).toBeUndefined();
  });
});
