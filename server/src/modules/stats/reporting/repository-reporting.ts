import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import { type FormDefinition, formHash } from './forms.ts';

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';
export type ReportEventKind = 'created' | 'saved' | 'uploaded' | 'submitted' | 'returned' | 'accepted';

export type ReportRow = {
  id: string;
  organisation_id: string;
  regulator_organisation_id: string;
  form_code: string;
  form_version: number;
  period: string;
  city: string;
  status: ReportStatus;
  cell_values: Record<string, string>;
  confirmations: Record<string, string>;
  review_comments: Record<string, string>;
  had_confirmed_warnings: boolean;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  accepted_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type ReportEventRow = {
  report_id: string;
  organisation_id: string;
  kind: ReportEventKind;
  comments: Record<string, string> | null;
  at: Date;
};

const reportColumns =
  sql.raw(`id, organisation_id, regulator_organisation_id, form_code, form_version, period,
  city, status, cell_values, confirmations, review_comments, had_confirmed_warnings, first_submitted_at,
  submitted_at, accepted_at, version, created_at, updated_at`);

/**
 * Stores the form edition the first time a report uses it; an edition already stored with another
 * hash means its definition was changed in place, which would reinterpret every report filled on it.
 */
export const ensureForm = async (ex: Executor, form: FormDefinition) => {
  const hash = formHash(form);
  await sql`insert into stats.report_forms (code, version, definition, hash)
    values (${form.code}, ${form.version}, ${JSON.stringify(form)}::jsonb, ${hash})
    on conflict (code, version) do nothing`.execute(ex);
  const { rows } = await sql<{ hash: string }>`select hash from stats.report_forms
    where code = ${form.code} and version = ${form.version}`.execute(ex);
  if (rows[0]?.hash !== hash) {
    throw new Error(`form ${form.code} v${form.version} was changed without a new version`);
  }
  return hash;
};

export const findRegistration = async (ex: Executor, enterpriseId: string) => {
  const { rows } = await sql<{ regulator_organisation_id: string; registered_at: Date }>`
    select regulator_organisation_id, registered_at from stats.reporting_enterprises
    where enterprise_organisation_id = ${enterpriseId}`.execute(ex);
  return rows[0];
};

export const insertRegistration = async (ex: Executor, regulatorId: string, enterpriseId: string) => {
  const { rows } = await sql<{ registered_at: Date }>`
    insert into stats.reporting_enterprises (enterprise_organisation_id, regulator_organisation_id)
    values (${enterpriseId}, ${regulatorId})
    on conflict (enterprise_organisation_id) do nothing
    returning registered_at`.execute(ex);
  return rows[0];
};

export const listRegistrations = async (ex: Executor, regulatorId: string) => {
  const { rows } = await sql<{ enterprise_organisation_id: string; registered_at: Date }>`
    select enterprise_organisation_id, registered_at from stats.reporting_enterprises
    where regulator_organisation_id = ${regulatorId}
    order by registered_at, enterprise_organisation_id`.execute(ex);
  return rows;
};

export const insertReport = async (
  ex: Executor,
  report: Pick<
    ReportRow,
    'id' | 'organisation_id' | 'regulator_organisation_id' | 'form_code' | 'form_version' | 'period' | 'city'
  >,
) => {
  const { rows } = await sql<ReportRow>`
    insert into stats.reports (id, organisation_id, regulator_organisation_id, form_code, form_version, period,
      city, status)
    values (${report.id}, ${report.organisation_id}, ${report.regulator_organisation_id}, ${report.form_code},
      ${report.form_version}, ${report.period}, ${report.city}, 'draft')
    on conflict (organisation_id, form_code, period) do nothing
    returning ${reportColumns}`.execute(ex);
  return rows[0];
};

export const findReportByPeriod = async (
  ex: Executor,
  organisationId: string,
  formCode: string,
  period: string,
) => {
  const { rows } = await sql<ReportRow>`select ${reportColumns} from stats.reports
    where organisation_id = ${organisationId} and form_code = ${formCode} and period = ${period}`.execute(ex);
  return rows[0];
};

/** A report as its enterprise sees it, or (with `forUpdate`) locked for a change. */
export const findOwnReport = async (ex: Executor, organisationId: string, id: string, forUpdate = false) => {
  const { rows } = await sql<ReportRow>`select ${reportColumns} from stats.reports
    where id = ${id} and organisation_id = ${organisationId}
    ${forUpdate ? sql`for update` : sql``}`.execute(ex);
  return rows[0];
};

/** A report as the regulator it is addressed to sees it: never a draft, which is the enterprise's own. */
export const findReviewedReport = async (
  ex: Executor,
  regulatorId: string,
  id: string,
  forUpdate = false,
) => {
  const { rows } = await sql<ReportRow>`select ${reportColumns} from stats.reports
    where id = ${id} and regulator_organisation_id = ${regulatorId} and status <> 'draft'
    ${forUpdate ? sql`for update` : sql``}`.execute(ex);
  return rows[0];
};

export const listOwnReports = async (ex: Executor, organisationId: string) => {
  const { rows } = await sql<ReportRow>`select ${reportColumns} from stats.reports
    where organisation_id = ${organisationId}
    order by period desc, form_code`.execute(ex);
  return rows;
};

export const listReviewQueue = async (
  ex: Executor,
  regulatorId: string,
  statuses: readonly ReportStatus[],
) => {
  const { rows } = await sql<ReportRow>`select ${reportColumns} from stats.reports
    where regulator_organisation_id = ${regulatorId} and status = any(${[...statuses]}::text[])
    order by submitted_at nulls last, id`.execute(ex);
  return rows;
};

/** The regulator's enterprises' reports of one form and period. */
export const listPeriodReports = async (
  ex: Executor,
  regulatorId: string,
  formCode: string,
  period: string,
) => {
  const { rows } = await sql<ReportRow>`select ${reportColumns} from stats.reports
    where regulator_organisation_id = ${regulatorId} and form_code = ${formCode} and period = ${period}`.execute(
    ex,
  );
  return rows;
};

/** The enterprise's last accepted report of a form before a period: the base of the jump check. */
export const findPreviousAccepted = async (
  ex: Executor,
  organisationId: string,
  formCode: string,
  period: string,
) => {
  const { rows } = await sql<ReportRow>`select ${reportColumns} from stats.reports
    where organisation_id = ${organisationId} and form_code = ${formCode} and status = 'accepted'
      and period < ${period}
    order by period desc limit 1`.execute(ex);
  return rows[0];
};

export const updateReport = async (
  ex: Executor,
  id: string,
  change: Partial<
    Pick<
      ReportRow,
      'status' | 'cell_values' | 'confirmations' | 'review_comments' | 'had_confirmed_warnings' | 'city'
    >
  > & { submitted?: boolean; accepted?: boolean },
) => {
  const { rows } = await sql<ReportRow>`update stats.reports set
      status = coalesce(${change.status ?? null}, status),
      city = coalesce(${change.city ?? null}, city),
      cell_values = coalesce(${change.cell_values === undefined ? null : JSON.stringify(change.cell_values)}::jsonb,
        cell_values),
      confirmations = coalesce(${change.confirmations === undefined ? null : JSON.stringify(change.confirmations)}::jsonb,
        confirmations),
      review_comments = coalesce(${
        change.review_comments === undefined ? null : JSON.stringify(change.review_comments)
      }::jsonb, review_comments),
      had_confirmed_warnings = coalesce(${change.had_confirmed_warnings ?? null}::boolean, had_confirmed_warnings),
      submitted_at = case when ${change.submitted === true} then now() else submitted_at end,
      first_submitted_at = case when ${change.submitted === true} then coalesce(first_submitted_at, now())
        else first_submitted_at end,
      accepted_at = case when ${change.accepted === true} then now() else accepted_at end,
      version = version + 1,
      updated_at = now()
    where id = ${id}
    returning ${reportColumns}`.execute(ex);
  const row = rows[0];
  if (row === undefined) {
    throw new Error(`report ${id} vanished inside its transaction`);
  }
  return row;
};

export const insertReportEvent = async (
  ex: Executor,
  event: {
    reportId: string;
    organisationId: string;
    kind: ReportEventKind;
    comments?: Record<string, string>;
  },
) => {
  await sql`insert into stats.report_events (report_id, organisation_id, kind, comments)
    values (${event.reportId}, ${event.organisationId}, ${event.kind},
      ${event.comments === undefined ? null : JSON.stringify(event.comments)}::jsonb)`.execute(ex);
};

export const listReportEvents = async (ex: Executor, reportId: string) => {
  const { rows } = await sql<ReportEventRow>`select report_id, organisation_id, kind, comments, at
    from stats.report_events where report_id = ${reportId} order by id`.execute(ex);
  return rows;
};
