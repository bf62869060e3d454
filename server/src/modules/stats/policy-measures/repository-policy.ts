import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { TaskStatus } from './rules.ts';

// SQL only: the tracker's tables in migrations/0004_policy_measures.sql. Dates travel as
// YYYY-MM-DD text (to_char), so no time zone can shift a due date.

export type ProgrammeRow = { id: string; organisation_id: string; created_at: Date };
export type AgencyMappingRow = { agency_code: string; agency_organisation_id: string; mapped_at: Date };
export type TaskRow = {
  id: string;
  programme_id: string;
  organisation_id: string;
  measure_number: number;
  owner_agency_code: string;
  title_zh: string | null;
  title_en: string | null;
  due_date: string;
  status: TaskStatus;
  done_at: Date | null;
  created_by_organisation_id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
};
export type MilestoneRow = {
  id: string;
  task_id: string;
  title_zh: string | null;
  title_en: string | null;
  due_date: string;
  done_at: Date | null;
  created_at: Date;
};
export type Attachment =
  | { kind: 'link'; url: string; label?: string | undefined }
  | { kind: 'document'; documentId: string };
export type ReportRow = {
  id: string;
  task_id: string;
  organisation_id: string;
  agency_code: string;
  period: string;
  body: string;
  percent: number;
  attachments: Attachment[];
  submitted_at: Date;
};
export type TaskEventKind =
  | 'created'
  | 'updated'
  | 'status_changed'
  | 'milestone_added'
  | 'milestone_done'
  | 'milestone_reopened'
  | 'milestone_updated'
  | 'report_submitted';
export type TaskEventRow = {
  task_id: string;
  organisation_id: string;
  kind: TaskEventKind;
  from_status: string | null;
  to_status: string | null;
  at: Date;
};

const taskColumns = sql.raw(`id, programme_id, organisation_id, measure_number, owner_agency_code, title_zh,
  title_en, to_char(due_date, 'YYYY-MM-DD') as due_date, status, done_at, created_by_organisation_id, version,
  created_at, updated_at`);
const milestoneColumns =
  sql.raw(`id, task_id, title_zh, title_en, to_char(due_date, 'YYYY-MM-DD') as due_date,
  done_at, created_at`);
const reportColumns = sql.raw(
  'id, task_id, organisation_id, agency_code, period, body, percent, attachments, submitted_at',
);

// ---------------------------------------------------------------- programmes and agencies

export const findProgrammeOwnedBy = async (ex: Executor, organisationId: string) => {
  const { rows } = await sql<ProgrammeRow>`select id, organisation_id, created_at from stats.policy_programmes
    where organisation_id = ${organisationId}`.execute(ex);
  return rows[0];
};

/** The programmes an organisation stands for an agency in, oldest first. */
export const findProgrammesMapping = async (ex: Executor, organisationId: string) => {
  const { rows } = await sql<ProgrammeRow>`select distinct p.id, p.organisation_id, p.created_at
    from stats.policy_programmes p
    join stats.policy_agency_organisations a on a.programme_id = p.id
    where a.agency_organisation_id = ${organisationId}
    order by p.created_at, p.id`.execute(ex);
  return rows;
};

export const insertProgramme = async (ex: Executor, programme: ProgrammeRow) => {
  const { rows } =
    await sql<ProgrammeRow>`insert into stats.policy_programmes (id, organisation_id, created_at)
    values (${programme.id}, ${programme.organisation_id}, ${programme.created_at})
    on conflict (organisation_id) do nothing
    returning id, organisation_id, created_at`.execute(ex);
  return rows[0];
};

export const listAgencyMappings = async (ex: Executor, programmeId: string) => {
  const { rows } = await sql<AgencyMappingRow>`select agency_code, agency_organisation_id, mapped_at
    from stats.policy_agency_organisations where programme_id = ${programmeId}
    order by agency_code`.execute(ex);
  return rows;
};

export const upsertAgencyMapping = async (
  ex: Executor,
  mapping: { programmeId: string; officeId: string; agencyCode: string; organisationId: string; at: Date },
) => {
  await sql`insert into stats.policy_agency_organisations
      (programme_id, organisation_id, agency_code, agency_organisation_id, mapped_at)
    values (${mapping.programmeId}, ${mapping.officeId}, ${mapping.agencyCode}, ${mapping.organisationId}, ${mapping.at})
    on conflict (programme_id, agency_code) do update
      set agency_organisation_id = excluded.agency_organisation_id, mapped_at = excluded.mapped_at`.execute(
    ex,
  );
};

export const deleteAgencyMapping = async (ex: Executor, programmeId: string, agencyCode: string) => {
  await sql`delete from stats.policy_agency_organisations
    where programme_id = ${programmeId} and agency_code = ${agencyCode}`.execute(ex);
};

// ---------------------------------------------------------------- tasks

export const insertTask = async (
  ex: Executor,
  task: Omit<TaskRow, 'version' | 'done_at' | 'updated_at' | 'status'>,
) => {
  const { rows } = await sql<TaskRow>`insert into stats.policy_tasks (id, programme_id, organisation_id,
      measure_number, owner_agency_code, title_zh, title_en, due_date, status, created_by_organisation_id,
      created_at, updated_at)
    values (${task.id}, ${task.programme_id}, ${task.organisation_id}, ${task.measure_number},
      ${task.owner_agency_code}, ${task.title_zh}, ${task.title_en}, ${task.due_date}::date, 'planned',
      ${task.created_by_organisation_id}, ${task.created_at}, ${task.created_at})
    returning ${taskColumns}`.execute(ex);
  const row = rows[0];
  if (row === undefined) {
    throw new Error('insert into stats.policy_tasks returned nothing');
  }
  return row;
};

/** A task of the programme, or (with `forUpdate`) locked for a change. */
export const findTask = async (ex: Executor, programmeId: string, taskId: string, forUpdate = false) => {
  const { rows } = await sql<TaskRow>`select ${taskColumns} from stats.policy_tasks
    where id = ${taskId} and programme_id = ${programmeId}
    ${forUpdate ? sql`for update` : sql``}`.execute(ex);
  return rows[0];
};

export const listTasks = async (ex: Executor, programmeId: string, measureNumber?: number) => {
  const { rows } = await sql<TaskRow>`select ${taskColumns} from stats.policy_tasks
    where programme_id = ${programmeId}
      ${measureNumber === undefined ? sql`` : sql`and measure_number = ${measureNumber}`}
    order by measure_number, due_date, id`.execute(ex);
  return rows;
};

export const updateTask = async (
  ex: Executor,
  taskId: string,
  change: {
    title_zh?: string | null;
    title_en?: string | null;
    due_date?: string;
    owner_agency_code?: string;
    status?: TaskStatus;
  },
  at: Date,
) => {
  const { rows } = await sql<TaskRow>`update stats.policy_tasks set
      title_zh = ${change.title_zh === undefined ? sql`title_zh` : sql`${change.title_zh}`},
      title_en = ${change.title_en === undefined ? sql`title_en` : sql`${change.title_en}`},
      due_date = coalesce(${change.due_date ?? null}::date, due_date),
      owner_agency_code = coalesce(${change.owner_agency_code ?? null}, owner_agency_code),
      status = coalesce(${change.status ?? null}, status),
      done_at = case when ${change.status ?? null}::text = 'done' then ${at}::timestamptz else done_at end,
      version = version + 1,
      updated_at = ${at}
    where id = ${taskId}
    returning ${taskColumns}`.execute(ex);
  const row = rows[0];
  if (row === undefined) {
    throw new Error(`task ${taskId} vanished inside its transaction`);
  }
  return row;
};

// ---------------------------------------------------------------- milestones

export const insertMilestone = async (
  ex: Executor,
  milestone: Omit<MilestoneRow, 'done_at'> & { organisation_id: string },
) => {
  const { rows } = await sql<MilestoneRow>`insert into stats.policy_milestones (id, task_id, organisation_id,
      title_zh, title_en, due_date, created_at)
    values (${milestone.id}, ${milestone.task_id}, ${milestone.organisation_id}, ${milestone.title_zh},
      ${milestone.title_en}, ${milestone.due_date}::date, ${milestone.created_at})
    returning ${milestoneColumns}`.execute(ex);
  const row = rows[0];
  if (row === undefined) {
    throw new Error('insert into stats.policy_milestones returned nothing');
  }
  return row;
};

export const findMilestone = async (ex: Executor, taskId: string, milestoneId: string) => {
  const { rows } = await sql<MilestoneRow>`select ${milestoneColumns} from stats.policy_milestones
    where id = ${milestoneId} and task_id = ${taskId} for update`.execute(ex);
  return rows[0];
};

export const updateMilestone = async (
  ex: Executor,
  milestoneId: string,
  change: { done_at?: Date | null; due_date?: string; title_zh?: string | null; title_en?: string | null },
) => {
  const { rows } = await sql<MilestoneRow>`update stats.policy_milestones set
      done_at = ${change.done_at === undefined ? sql`done_at` : sql`${change.done_at}::timestamptz`},
      due_date = coalesce(${change.due_date ?? null}::date, due_date),
      title_zh = ${change.title_zh === undefined ? sql`title_zh` : sql`${change.title_zh}`},
      title_en = ${change.title_en === undefined ? sql`title_en` : sql`${change.title_en}`}
    where id = ${milestoneId}
    returning ${milestoneColumns}`.execute(ex);
  const row = rows[0];
  if (row === undefined) {
    throw new Error(`milestone ${milestoneId} vanished inside its transaction`);
  }
  return row;
};

export const listMilestones = async (ex: Executor, taskIds: readonly string[]) => {
  if (taskIds.length === 0) {
    return [];
  }
  const { rows } = await sql<MilestoneRow>`select ${milestoneColumns} from stats.policy_milestones
    where task_id = any(${[...taskIds]}::text[]) order by due_date, id`.execute(ex);
  return rows;
};

// ---------------------------------------------------------------- progress reports

export const insertReport = async (ex: Executor, report: ReportRow & { programme_id: string }) => {
  const { rows } = await sql<ReportRow>`insert into stats.policy_reports (id, task_id, programme_id,
      organisation_id, agency_code, period, body, percent, attachments, submitted_at)
    values (${report.id}, ${report.task_id}, ${report.programme_id}, ${report.organisation_id},
      ${report.agency_code}, ${report.period}, ${report.body}, ${report.percent},
      ${JSON.stringify(report.attachments)}::jsonb, ${report.submitted_at})
    on conflict (task_id, period) do nothing
    returning ${reportColumns}`.execute(ex);
  return rows[0];
};

export const listReports = async (ex: Executor, taskIds: readonly string[]) => {
  if (taskIds.length === 0) {
    return [];
  }
  const { rows } = await sql<ReportRow>`select ${reportColumns} from stats.policy_reports
    where task_id = any(${[...taskIds]}::text[]) order by period, submitted_at, id`.execute(ex);
  return rows;
};

// ---------------------------------------------------------------- history

export const insertTaskEvent = async (
  ex: Executor,
  event: Omit<TaskEventRow, 'from_status' | 'to_status'> & { from_status?: string; to_status?: string },
) => {
  await sql`insert into stats.policy_task_events (task_id, organisation_id, kind, from_status, to_status, at)
    values (${event.task_id}, ${event.organisation_id}, ${event.kind}, ${event.from_status ?? null},
      ${event.to_status ?? null}, ${event.at})`.execute(ex);
};

export const listTaskEvents = async (ex: Executor, taskIds: readonly string[]) => {
  if (taskIds.length === 0) {
    return [];
  }
  const { rows } = await sql<TaskEventRow>`select task_id, organisation_id, kind, from_status, to_status, at
    from stats.policy_task_events where task_id = any(${[...taskIds]}::text[]) order by id`.execute(ex);
  return rows;
};
