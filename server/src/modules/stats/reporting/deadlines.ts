import type { FormDefinition } from './forms.ts';
import type { ReportStatus } from './repository-reporting.ts';

/**
 * Deadlines (docs/direct-reporting.md): a monthly report is due on the 15th of the next month, an
 * annual one on 31 March of the next year, both by the end of that day in China (UTC+8).
 */

export const REMINDER_DAYS = 5;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day in China of an instant, YYYY-MM-DD. */
export const chinaDate = (at: Date): string =>
  new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

export const dueDate = (form: Pick<FormDefinition, 'period'>, period: string): string => {
  const year = Number(period.slice(0, 4));
  if (form.period === 'year') {
    return `${year + 1}-03-31`;
  }
  const month = Number(period.slice(5, 7));
  return month === 12 ? `${year + 1}-01-15` : `${year}-${String(month + 1).padStart(2, '0')}-15`;
};

/** The month whose report is watched on a day: the one before, due on the 15th of this one. */
export const watchedMonth = (asOf: string): string => {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
};

/** Whole days from one date to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export type HealthStatus = 'on_time' | 'late' | 'missing' | 'returned' | 'pending';

/**
 * Where an enterprise stands for a period: submitted (or accepted) by the due date is on time, after
 * it late; sent back and not yet resubmitted is returned; nothing submitted is missing once the due
 * date has passed and pending before. Confirmed month-on-month jumps make a report improbable.
 */
export const healthOf = (
  report:
    | { status: ReportStatus; first_submitted_at: Date | null; had_confirmed_warnings: boolean }
    | undefined,
  due: string,
  asOf: string,
): { status: HealthStatus; improbable: boolean } => {
  const improbable = report?.had_confirmed_warnings === true && report.status !== 'draft';
  if (report === undefined || report.status === 'draft' || report.first_submitted_at === null) {
    return { status: asOf > due ? 'missing' : 'pending', improbable: false };
  }
  if (report.status === 'returned') {
    return { status: 'returned', improbable };
  }
  return { status: chinaDate(report.first_submitted_at) <= due ? 'on_time' : 'late', improbable };
};

/** A reminder for a report still to send: due within REMINDER_DAYS, or overdue. */
export const reminderOf = (
  status: ReportStatus | undefined,
  due: string,
  asOf: string,
): { kind: 'due_soon' | 'overdue'; daysLeft: number } | undefined => {
  if (status === 'submitted' || status === 'accepted') {
    return undefined;
  }
  const daysLeft = daysBetween(asOf, due);
  if (daysLeft < 0) {
    return { kind: 'overdue', daysLeft };
  }
  return daysLeft <= REMINDER_DAYS ? { kind: 'due_soon', daysLeft } : undefined;
};
