import type { Issue, Report, ReportForm } from '../../api/stats-reporting.ts';

// Pure helpers of the direct-reporting pages: which cells show which problem, and the month a new
// report is most likely for.

/** A cell's errors, warnings and the reviewer's comment, for inline display. */
export type CellState = { errors: Issue[]; warnings: Issue[]; comment: string | undefined };

export const cellStates = (report: Report): Map<string, CellState> => {
  const states = new Map<string, CellState>();
  const of = (cell: string) => {
    let state = states.get(cell);
    if (!state) {
      state = { errors: [], warnings: [], comment: undefined };
      states.set(cell, state);
    }
    return state;
  };
  for (const issue of report.errors) {
    of(issue.cell).errors.push(issue);
  }
  for (const issue of report.warnings) {
    of(issue.cell).warnings.push(issue);
  }
  for (const [cell, comment] of Object.entries(report.reviewComments)) {
    of(cell).comment = comment;
  }
  return states;
};

/** The report is the enterprise's to edit: a draft, or returned with comments. */
export const isEditable = (report: Pick<Report, 'status'>): boolean =>
  report.status === 'draft' || report.status === 'returned';

/** The month before `now` (YYYY-MM): the one due on the 15th of this month. */
export const lastMonth = (now: Date): string => {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return month === 0 ? `${year - 1}-12` : `${year}-${String(month).padStart(2, '0')}`;
};

/** The values to send: only cells of the form, trimmed, empty ones left out. */
export const valuesToSend = (form: ReportForm, values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    form.cells
      .map((cell) => [cell.name, (values[cell.name] ?? '').trim()] as const)
      .filter(([, value]) => value !== ''),
  );

/** A row of the form: label beside value on a desk, stacked on a phone. */
export const cellRowStyle = { padding: '8px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' } as const;
