import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { Transaction } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import { publishEvent } from '../../../platform/events/index.ts';
import type { StatsDeps } from '../deps.ts';
import { catalogue, findAgency, findMeasure, type PolicyMeasure } from './catalogue.ts';
import {
  type AgencyMappingRow,
  type Attachment,
  deleteAgencyMapping,
  findMilestone,
  findProgrammeOwnedBy,
  findProgrammesMapping,
  findTask,
  insertMilestone,
  insertProgramme,
  insertReport,
  insertTask,
  insertTaskEvent,
  listAgencyMappings,
  listMilestones,
  listReports,
  listTaskEvents,
  listTasks,
  type MilestoneRow,
  type ProgrammeRow,
  type ReportRow,
  type TaskEventKind,
  type TaskRow,
  updateMilestone as updateMilestoneRow,
  updateTask as updateTaskRow,
  upsertAgencyMapping,
} from './repository-policy.ts';
import {
  type Alert,
  alertsFor,
  canTransition,
  chinaDay,
  isCalendarDate,
  isOverdue,
  measureProgress,
  nextStatuses,
  quarterOf,
  type TaskStatus,
  taskProgress,
} from './rules.ts';

/** Who acts (the organisation in the path) and how its change is audited in the same transaction. */
export type PolicyContext = {
  organisationId: string;
  audit: (
    ex: Executor,
    change: {
      organisationId: string;
      object: { type: string; id: string };
      detail?: Record<string, unknown>;
    },
  ) => Promise<void>;
};

// The customs authorities are agencies of the policy (杭州海关, 宁波海关) as much as the departments.
const REGULATOR_KINDS: ReadonlySet<string> = new Set(['regulator', 'customs_authority']);

const invalid = (errors: FieldError[], message = 'See the fields.') =>
  new AppError('stats.policy_invalid', message, { fieldErrors: errors });
const taskNotFound = (id: string) => new AppError('http.not_found', `No policy_task ${id}.`);

/** The caller must be a regulator: the tracker is the government's coordination, not enterprises'. */
export const requirePolicyRegulator = async (deps: StatsDeps, organisationId: string) => {
  if (!REGULATOR_KINDS.has((await deps.organisationKind(organisationId)) ?? '')) {
    throw new AppError(
      'stats.policy_regulators_only',
      'The policy-measure tracker is for the joint-meeting office and the responsible agencies.',
    );
  }
};

/**
 * Where an organisation stands: the programme it runs as the office, or else the first one it
 * stands for an agency in, with the agency codes it holds there.
 */
type Standing = {
  programme: ProgrammeRow | undefined;
  isOffice: boolean;
  agencyCodes: ReadonlySet<string>;
  mappings: readonly AgencyMappingRow[];
};

const standingOf = async (ex: Executor, organisationId: string): Promise<Standing> => {
  const owned = await findProgrammeOwnedBy(ex, organisationId);
  const programme = owned ?? (await findProgrammesMapping(ex, organisationId))[0];
  if (programme === undefined) {
    return { programme: undefined, isOffice: false, agencyCodes: new Set(), mappings: [] };
  }
  const mappings = await listAgencyMappings(ex, programme.id);
  return {
    programme,
    isOffice: owned !== undefined,
    agencyCodes: new Set(
      mappings.filter((m) => m.agency_organisation_id === organisationId).map((m) => m.agency_code),
    ),
    mappings,
  };
};

const requireProgramme = (standing: Standing): ProgrammeRow => {
  if (standing.programme === undefined) {
    throw new AppError(
      'stats.policy_no_programme',
      'No programme yet: the joint-meeting office sets it up and names the agencies.',
    );
  }
  return standing.programme;
};

/** The office plans every measure; a measure's lead agency (listed first) plans its own. */
const mayPlan = (standing: Standing, measure: PolicyMeasure) =>
  standing.isOffice || (measure.agencies[0] !== undefined && standing.agencyCodes.has(measure.agencies[0]));

const requirePlanner = (standing: Standing, measure: PolicyMeasure) => {
  if (!mayPlan(standing, measure)) {
    throw new AppError(
      'stats.policy_not_lead',
      `Only the joint-meeting office or the lead agency of measure ${measure.number} plans its tasks.`,
    );
  }
};

const measureOfTask = (task: Pick<TaskRow, 'measure_number'>): PolicyMeasure => {
  const measure = findMeasure(task.measure_number);
  if (measure === undefined) {
    throw new Error(`task names measure ${task.measure_number}, which the catalogue does not have`);
  }
  return measure;
};

// ---------------------------------------------------------------- presenting

type Names = ReadonlyMap<string, { name: string; nameZh: string }>;

const agencyRef = (code: string, mappings: readonly AgencyMappingRow[], names: Names) => {
  const agency = findAgency(code);
  const organisationId = mappings.find((m) => m.agency_code === code)?.agency_organisation_id ?? null;
  const name = organisationId === null ? undefined : names.get(organisationId);
  return {
    code,
    zh: agency?.zh ?? code,
    en: agency?.en ?? code,
    collective: agency?.collective ?? false,
    organisationId,
    organisationName: name?.name ?? null,
    organisationNameZh: name?.nameZh ?? null,
  };
};

type TaskBundle = {
  task: TaskRow;
  milestones: MilestoneRow[];
  reports: ReportRow[];
};

const bundleTasks = async (ex: Executor, tasks: readonly TaskRow[]): Promise<TaskBundle[]> => {
  const ids = tasks.map((t) => t.id);
  const [milestones, reports] = await Promise.all([listMilestones(ex, ids), listReports(ex, ids)]);
  return tasks.map((task) => ({
    task,
    milestones: milestones.filter((m) => m.task_id === task.id),
    reports: reports.filter((r) => r.task_id === task.id),
  }));
};

const latestPercent = (reports: readonly ReportRow[]) => {
  const latest = [...reports].sort((a, b) =>
    a.period === b.period
      ? a.submitted_at.getTime() - b.submitted_at.getTime()
      : a.period < b.period
        ? -1
        : 1,
  );
  return latest.at(-1)?.percent;
};

const alertsOf = (bundle: TaskBundle, today: string): Alert[] =>
  alertsFor(
    {
      id: bundle.task.id,
      measureNumber: bundle.task.measure_number,
      ownerAgencyCode: bundle.task.owner_agency_code,
      dueDate: bundle.task.due_date,
      status: bundle.task.status,
      createdDay: chinaDay(bundle.task.created_at),
      milestones: bundle.milestones.map((m) => ({ id: m.id, dueDate: m.due_date, done: m.done_at !== null })),
      reportedPeriods: new Set(bundle.reports.map((r) => r.period)),
    },
    today,
  );

const presentTask = (bundle: TaskBundle, today: string, history: readonly PresentedEvent[] = []) => {
  const { task } = bundle;
  const alerts = alertsOf(bundle, today);
  return {
    id: task.id,
    measureNumber: task.measure_number,
    ownerAgency: task.owner_agency_code,
    titleZh: task.title_zh,
    titleEn: task.title_en,
    dueDate: task.due_date,
    status: task.status,
    nextStatuses: [...nextStatuses(task.status)],
    doneAt: task.done_at?.toISOString() ?? null,
    version: task.version,
    createdByOrganisationId: task.created_by_organisation_id,
    createdAt: task.created_at.toISOString(),
    updatedAt: task.updated_at.toISOString(),
    progress: taskProgress(task.status, latestPercent(bundle.reports)),
    overdue: alerts.some(isOverdue),
    alerts: alerts.map(presentAlert),
    milestones: bundle.milestones.map((m) => ({
      id: m.id,
      titleZh: m.title_zh,
      titleEn: m.title_en,
      dueDate: m.due_date,
      doneAt: m.done_at?.toISOString() ?? null,
      overdue: alerts.some((a) => a.milestoneId === m.id),
    })),
    reports: bundle.reports.map((r) => ({
      id: r.id,
      period: r.period,
      text: r.body,
      percent: r.percent,
      attachments: r.attachments,
      organisationId: r.organisation_id,
      agencyCode: r.agency_code,
      submittedAt: r.submitted_at.toISOString(),
    })),
    history: [...history],
  };
};
export type PresentedTask = ReturnType<typeof presentTask>;

const presentAlert = (alert: Alert) => ({
  kind: alert.kind,
  taskId: alert.taskId,
  milestoneId: alert.milestoneId,
  measureNumber: alert.measureNumber,
  agencyCode: alert.agencyCode,
  dueDate: alert.dueDate,
  period: alert.period,
  daysOverdue: alert.daysOverdue,
});

type PresentedEvent = {
  kind: TaskEventKind;
  byOrganisationId: string;
  fromStatus: string | null;
  toStatus: string | null;
  at: string;
};

const statusCounts = (tasks: readonly Pick<TaskRow, 'status'>[]) => {
  const counts: Record<TaskStatus, number> = { planned: 0, in_progress: 0, done: 0, blocked: 0 };
  for (const task of tasks) {
    counts[task.status] += 1;
  }
  return counts;
};

const measureSummary = (
  measure: PolicyMeasure,
  bundles: readonly TaskBundle[],
  mappings: readonly AgencyMappingRow[],
  names: Names,
  today: string,
) => {
  const own = bundles.filter((b) => b.task.measure_number === measure.number);
  const [lead, ...co] = measure.agencies;
  return {
    number: measure.number,
    section: measure.section,
    titleZh: measure.titleZh,
    titleEn: measure.titleEn,
    lead: lead === undefined ? null : agencyRef(lead, mappings, names),
    coAgencies: co.map((code) => agencyRef(code, mappings, names)),
    tasks: { total: own.length, ...statusCounts(own.map((b) => b.task)) },
    progress: measureProgress(own.map((b) => taskProgress(b.task.status, latestPercent(b.reports)))),
    overdue: own.filter((b) => alertsOf(b, today).some(isOverdue)).length,
  };
};

const namesOf = async (
  deps: StatsDeps,
  mappings: readonly AgencyMappingRow[],
  extra: readonly string[] = [],
) => deps.organisationNames([...new Set([...mappings.map((m) => m.agency_organisation_id), ...extra])]);

const presentProgramme = (standing: Standing) =>
  standing.programme === undefined
    ? null
    : {
        id: standing.programme.id,
        officeOrganisationId: standing.programme.organisation_id,
        createdAt: standing.programme.created_at.toISOString(),
        isOffice: standing.isOffice,
        agencyCodes: [...standing.agencyCodes].sort(),
      };

// ---------------------------------------------------------------- reading

/** Every measure with its lead and co-responsible agencies and, within a programme, its roll-up. */
export const listPolicyMeasures = async (deps: StatsDeps, organisationId: string, today: string) => {
  const ex = deps.db.kysely;
  const standing = await standingOf(ex, organisationId);
  const bundles =
    standing.programme === undefined ? [] : await bundleTasks(ex, await listTasks(ex, standing.programme.id));
  const names = await namesOf(deps, standing.mappings);
  return {
    asOf: today,
    source: { titleZh: catalogue.source.titleZh, titleEn: catalogue.source.titleEn },
    sections: catalogue.sections,
    programme: presentProgramme(standing),
    items: catalogue.measures.map((m) => measureSummary(m, bundles, standing.mappings, names, today)),
  };
};

/** One measure: its text, agencies, tasks with milestones, reports and history. */
export const getPolicyMeasure = async (
  deps: StatsDeps,
  organisationId: string,
  number: number,
  today: string,
) => {
  const measure = findMeasure(number);
  if (measure === undefined) {
    throw new AppError('http.not_found', `No policy measure ${number}.`);
  }
  const ex = deps.db.kysely;
  const standing = await standingOf(ex, organisationId);
  const bundles =
    standing.programme === undefined
      ? []
      : await bundleTasks(ex, await listTasks(ex, standing.programme.id, measure.number));
  const events = await listTaskEvents(
    ex,
    bundles.map((b) => b.task.id),
  );
  const names = await namesOf(deps, standing.mappings);
  return {
    ...measureSummary(measure, bundles, standing.mappings, names, today),
    asOf: today,
    textZh: measure.textZh,
    textEn: measure.textEn,
    sectionTitle: catalogue.sections.find((s) => s.number === measure.section) ?? null,
    programme: presentProgramme(standing),
    canPlan: standing.programme !== undefined && mayPlan(standing, measure),
    tasks: bundles.map((bundle) =>
      presentTask(
        bundle,
        today,
        events
          .filter((e) => e.task_id === bundle.task.id)
          .map((e) => ({
            kind: e.kind,
            byOrganisationId: e.organisation_id,
            fromStatus: e.from_status,
            toStatus: e.to_status,
            at: e.at.toISOString(),
          })),
      ),
    ),
  };
};

/** The agency catalogue with, in the caller's programme, the organisation standing for each. */
export const listPolicyAgencies = async (deps: StatsDeps, organisationId: string) => {
  const standing = await standingOf(deps.db.kysely, organisationId);
  const names = await namesOf(deps, standing.mappings);
  return {
    programme: presentProgramme(standing),
    items: catalogue.agencies.map((agency) => ({
      ...agencyRef(agency.code, standing.mappings, names),
      leads: catalogue.measures.filter((m) => m.agencies[0] === agency.code).map((m) => m.number),
      coResponsible: catalogue.measures
        .filter((m) => m.agencies.indexOf(agency.code) > 0)
        .map((m) => m.number),
    })),
  };
};

const titleOf = (task: Pick<TaskRow, 'title_zh' | 'title_en'>) => ({
  titleZh: task.title_zh,
  titleEn: task.title_en,
});

/** Alerts of the caller's programme on a day, for one agency or all: overdue first, then reminders. */
export const policyAlerts = async (
  deps: StatsDeps,
  organisationId: string,
  today: string,
  agencyCode?: string,
) => {
  const ex = deps.db.kysely;
  const standing = await standingOf(ex, organisationId);
  if (standing.programme === undefined) {
    return { asOf: today, items: [] };
  }
  const bundles = await bundleTasks(ex, await listTasks(ex, standing.programme.id));
  const items = bundles
    .flatMap((bundle) => alertsOf(bundle, today).map((alert) => ({ alert, task: bundle.task })))
    .filter(({ alert }) => agencyCode === undefined || alert.agencyCode === agencyCode)
    .sort(
      (a, b) =>
        Number(isOverdue(b.alert)) - Number(isOverdue(a.alert)) ||
        b.alert.daysOverdue - a.alert.daysOverdue ||
        a.alert.measureNumber - b.alert.measureNumber,
    )
    .map(({ alert, task }) => ({
      ...presentAlert(alert),
      ...titleOf(task),
      overdue: isOverdue(alert),
      taskStatus: task.status,
    }));
  return { asOf: today, items };
};

/** The joint-meeting office's board: measures × status, the overdue list, and each agency's standing. */
export const policyBoard = async (deps: StatsDeps, organisationId: string, today: string) => {
  const ex = deps.db.kysely;
  const standing = await standingOf(ex, organisationId);
  const bundles =
    standing.programme === undefined ? [] : await bundleTasks(ex, await listTasks(ex, standing.programme.id));
  const names = await namesOf(deps, standing.mappings);
  const measures = catalogue.measures.map((m) => measureSummary(m, bundles, standing.mappings, names, today));
  const alerts = (await policyAlerts(deps, organisationId, today)).items;
  const agencyCodes = [...new Set(bundles.map((b) => b.task.owner_agency_code))].sort(
    (a, b) =>
      catalogue.agencies.findIndex((x) => x.code === a) - catalogue.agencies.findIndex((x) => x.code === b),
  );
  return {
    asOf: today,
    programme: presentProgramme(standing),
    totals: { total: bundles.length, ...statusCounts(bundles.map((b) => b.task)) },
    progress: measureProgress(bundles.map((b) => taskProgress(b.task.status, latestPercent(b.reports)))),
    measures: measures.map((m) => ({
      number: m.number,
      section: m.section,
      titleZh: m.titleZh,
      titleEn: m.titleEn,
      lead: m.lead,
      tasks: m.tasks,
      progress: m.progress,
      overdue: m.overdue,
    })),
    overdue: alerts.filter((a) => a.overdue),
    dueSoon: alerts.filter((a) => !a.overdue),
    agencies: agencyCodes.map((code) => {
      const own = bundles.filter((b) => b.task.owner_agency_code === code);
      const ownAlerts = alerts.filter((a) => a.agencyCode === code && a.overdue);
      return {
        agency: agencyRef(code, standing.mappings, names),
        tasks: { total: own.length, ...statusCounts(own.map((b) => b.task)) },
        progress: measureProgress(own.map((b) => taskProgress(b.task.status, latestPercent(b.reports)))),
        overdueTasks: ownAlerts.filter((a) => a.kind === 'task_overdue').length,
        overdueMilestones: ownAlerts.filter((a) => a.kind === 'milestone_overdue').length,
        missingReports: ownAlerts.filter((a) => a.kind === 'report_missing').length,
      };
    }),
  };
};

// ---------------------------------------------------------------- the office: programme and agencies

export const createPolicyProgramme = async (deps: StatsDeps, ctx: PolicyContext) =>
  deps.db.transaction(async (trx) => {
    const at = deps.now();
    const row = await insertProgramme(trx, {
      id: newId('pmp'),
      organisation_id: ctx.organisationId,
      created_at: at,
    });
    if (row === undefined) {
      throw new AppError('stats.policy_programme_exists', 'The organisation already runs a programme.');
    }
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'policy_programme', id: row.id },
    });
    return {
      id: row.id,
      officeOrganisationId: row.organisation_id,
      createdAt: row.created_at.toISOString(),
      isOffice: true,
      agencyCodes: [],
    };
  });

/** Names the hub organisation (a regulator) standing for an agency, or none (`null`). */
export const mapPolicyAgency = async (
  deps: StatsDeps,
  ctx: PolicyContext,
  agencyCode: string,
  organisationId: string | null,
) => {
  const agency = findAgency(agencyCode);
  if (agency === undefined) {
    throw new AppError('http.not_found', `No policy agency ${agencyCode}.`);
  }
  if (organisationId !== null) {
    const kind = await deps.organisationKind(organisationId);
    const problem: FieldError | undefined =
      kind === undefined
        ? {
            field: 'organisationId',
            code: 'stats.policy_unknown_organisation',
            message: 'No such organisation.',
          }
        : !REGULATOR_KINDS.has(kind)
          ? {
              field: 'organisationId',
              code: 'stats.policy_not_a_regulator',
              message: 'Only a regulator (a department or customs) can stand for an agency.',
            }
          : agency.collective
            ? {
                field: 'organisationId',
                code: 'stats.policy_collective_agency',
                message: `${agency.en} is a group of bodies, not one organisation.`,
              }
            : undefined;
    if (problem !== undefined) {
      throw invalid([problem], problem.message);
    }
  }
  const mappings = await deps.db.transaction(async (trx) => {
    const standing = await standingOf(trx, ctx.organisationId);
    const programme = requireProgramme(standing);
    if (!standing.isOffice) {
      throw new AppError('stats.policy_office_only', 'Only the joint-meeting office names the agencies.');
    }
    if (organisationId === null) {
      await deleteAgencyMapping(trx, programme.id, agencyCode);
    } else {
      await upsertAgencyMapping(trx, {
        programmeId: programme.id,
        officeId: ctx.organisationId,
        agencyCode,
        organisationId,
        at: deps.now(),
      });
    }
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'policy_programme', id: programme.id },
      detail: { agencyCode, organisationId },
    });
    return listAgencyMappings(trx, programme.id);
  });
  // The directory is read after the commit: identity's names are not part of the change.
  return agencyRef(agencyCode, mappings, await namesOf(deps, mappings));
};

// ---------------------------------------------------------------- tasks and milestones

type TitleInput = { titleZh?: string | undefined; titleEn?: string | undefined };

const titleProblems = (input: TitleInput): FieldError[] =>
  (input.titleZh ?? '').trim() === '' && (input.titleEn ?? '').trim() === ''
    ? [
        {
          field: 'titleZh',
          code: 'stats.policy_title_required',
          message: 'Give a title in Chinese or English.',
        },
      ]
    : [];

const dateProblems = (field: string, value: string | undefined): FieldError[] =>
  value === undefined || isCalendarDate(value)
    ? []
    : [{ field, code: 'stats.policy_invalid_date', message: 'Give a calendar date as YYYY-MM-DD.' }];

const agencyProblems = (
  measure: PolicyMeasure,
  code: string | undefined,
  field = 'ownerAgency',
): FieldError[] => {
  if (code === undefined) {
    return [];
  }
  if (findAgency(code) === undefined) {
    return [{ field, code: 'stats.policy_unknown_agency', message: 'No such agency in the policy.' }];
  }
  // (一)–(三) name no agency: any agency of the policy may carry their work.
  if (measure.agencies.length > 0 && !measure.agencies.includes(code)) {
    return [
      {
        field,
        code: 'stats.policy_agency_not_on_measure',
        message: `The policy does not name this agency for measure ${measure.number}.`,
      },
    ];
  }
  return [];
};

const clean = (text: string | undefined) => {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
};

// The outbox topic of each history entry: what a notifier (none on the hub yet) or another node
// would subscribe to. Published in the change's transaction, so it exists if and only if the change does.
const eventTopics: Record<TaskEventKind, string> = {
  created: 'stats.policy_task.created',
  updated: 'stats.policy_task.updated',
  status_changed: 'stats.policy_task.status_changed',
  milestone_added: 'stats.policy_milestone.added',
  milestone_done: 'stats.policy_milestone.completed',
  milestone_reopened: 'stats.policy_milestone.reopened',
  milestone_updated: 'stats.policy_milestone.updated',
  report_submitted: 'stats.policy_report.submitted',
};

const recordTask = async (
  ex: Transaction<object>,
  ctx: PolicyContext,
  deps: StatsDeps,
  task: Pick<TaskRow, 'id' | 'organisation_id' | 'measure_number' | 'owner_agency_code'>,
  kind: TaskEventKind,
  statuses: { from?: string; to?: string } = {},
) => {
  await publishEvent(ex, {
    topic: eventTopics[kind],
    organisationId: task.organisation_id,
    payload: {
      taskId: task.id,
      measureNumber: task.measure_number,
      ownerAgency: task.owner_agency_code,
      byOrganisationId: ctx.organisationId,
      ...statuses,
    },
  });
  await insertTaskEvent(ex, {
    task_id: task.id,
    organisation_id: ctx.organisationId,
    kind,
    ...(statuses.from === undefined ? {} : { from_status: statuses.from }),
    ...(statuses.to === undefined ? {} : { to_status: statuses.to }),
    at: deps.now(),
  });
  await ctx.audit(ex, {
    organisationId: ctx.organisationId,
    object: { type: 'policy_task', id: task.id },
    detail: { kind, measure: task.measure_number, ...statuses },
  });
};

export type MilestoneInput = TitleInput & { dueDate: string };

export const createPolicyTask = async (
  deps: StatsDeps,
  ctx: PolicyContext,
  measureNumber: number,
  input: TitleInput & { ownerAgency: string; dueDate: string; milestones?: MilestoneInput[] | undefined },
) => {
  const measure = findMeasure(measureNumber);
  if (measure === undefined) {
    throw new AppError('http.not_found', `No policy measure ${measureNumber}.`);
  }
  const milestones = input.milestones ?? [];
  const problems = [
    ...titleProblems(input),
    ...agencyProblems(measure, input.ownerAgency),
    ...dateProblems('dueDate', input.dueDate),
    ...milestones.flatMap((m, i) => [
      ...titleProblems(m).map((p) => ({ ...p, field: `milestones.${i}.titleZh` })),
      ...dateProblems(`milestones.${i}.dueDate`, m.dueDate),
    ]),
  ];
  if (problems.length > 0) {
    throw invalid(problems, 'The task cannot be created: see the fields.');
  }
  const today = chinaDay(deps.now());
  return deps.db.transaction(async (trx) => {
    const standing = await standingOf(trx, ctx.organisationId);
    const programme = requireProgramme(standing);
    requirePlanner(standing, measure);
    const at = deps.now();
    const task = await insertTask(trx, {
      id: newId('pmt'),
      programme_id: programme.id,
      organisation_id: programme.organisation_id,
      measure_number: measure.number,
      owner_agency_code: input.ownerAgency,
      title_zh: clean(input.titleZh),
      title_en: clean(input.titleEn),
      due_date: input.dueDate,
      created_by_organisation_id: ctx.organisationId,
      created_at: at,
    });
    await recordTask(trx, ctx, deps, task, 'created', { to: 'planned' });
    const rows: MilestoneRow[] = [];
    for (const milestone of milestones) {
      rows.push(
        await insertMilestone(trx, {
          id: newId('pms'),
          task_id: task.id,
          organisation_id: programme.organisation_id,
          title_zh: clean(milestone.titleZh),
          title_en: clean(milestone.titleEn),
          due_date: milestone.dueDate,
          created_at: at,
        }),
      );
    }
    const presented = presentTask({ task, milestones: rows, reports: [] }, today);
    // A due date already past is allowed (work recorded late) but said so.
    return { ...presented, warnings: task.due_date < today ? ['stats.policy_due_date_past'] : [] };
  });
};

const loadTaskForChange = async (trx: Transaction<object>, ctx: PolicyContext, taskId: string) => {
  const standing = await standingOf(trx, ctx.organisationId);
  const programme = requireProgramme(standing);
  const task = await findTask(trx, programme.id, taskId, true);
  if (task === undefined) {
    throw taskNotFound(taskId);
  }
  return { standing, programme, task, measure: measureOfTask(task) };
};

const presentOne = async (ex: Executor, task: TaskRow, today: string) => {
  const [bundle] = await bundleTasks(ex, [task]);
  if (bundle === undefined) {
    throw new Error(`task ${task.id} has no bundle`);
  }
  return presentTask(bundle, today);
};

export const updatePolicyTask = async (
  deps: StatsDeps,
  ctx: PolicyContext,
  taskId: string,
  input: TitleInput & {
    version: number;
    ownerAgency?: string | undefined;
    dueDate?: string | undefined;
    status?: TaskStatus | undefined;
  },
) => {
  const fieldsChanged =
    input.titleZh !== undefined ||
    input.titleEn !== undefined ||
    input.ownerAgency !== undefined ||
    input.dueDate !== undefined;
  if (!fieldsChanged && input.status === undefined) {
    throw invalid([
      { field: 'status', code: 'stats.policy_nothing_to_change', message: 'Nothing to change.' },
    ]);
  }
  return deps.db.transaction(async (trx) => {
    const { standing, task, measure } = await loadTaskForChange(trx, ctx, taskId);
    const planner = mayPlan(standing, measure);
    // The owning agency moves its own task along; everything else is the planners'.
    if (!planner && (fieldsChanged || !standing.agencyCodes.has(task.owner_agency_code))) {
      throw new AppError(
        'stats.policy_not_lead',
        'Only the joint-meeting office or the measure’s lead agency changes this task; the owning agency changes its status.',
      );
    }
    const problems = [
      ...(input.titleZh !== undefined || input.titleEn !== undefined
        ? titleProblems({
            titleZh: input.titleZh ?? task.title_zh ?? undefined,
            titleEn: input.titleEn ?? task.title_en ?? undefined,
          })
        : []),
      ...agencyProblems(measure, input.ownerAgency),
      ...dateProblems('dueDate', input.dueDate),
    ];
    if (problems.length > 0) {
      throw invalid(problems, 'The task cannot be changed: see the fields.');
    }
    if (task.version !== input.version) {
      throw new AppError('stats.policy_version_conflict', 'The task changed meanwhile: reload it.', {
        details: { version: task.version },
      });
    }
    if (task.status === 'done') {
      throw new AppError('stats.policy_task_done', 'The task is done: plan a new one instead.');
    }
    if (
      input.status !== undefined &&
      input.status !== task.status &&
      !canTransition(task.status, input.status)
    ) {
      throw new AppError(
        'stats.policy_illegal_transition',
        `A task cannot go from ${task.status} to ${input.status}.`,
        { details: { from: task.status, to: input.status, allowed: [...nextStatuses(task.status)] } },
      );
    }
    const statusChange =
      input.status !== undefined && input.status !== task.status ? input.status : undefined;
    const updated = await updateTaskRow(
      trx,
      task.id,
      {
        ...(input.titleZh === undefined ? {} : { title_zh: clean(input.titleZh) }),
        ...(input.titleEn === undefined ? {} : { title_en: clean(input.titleEn) }),
        ...(input.dueDate === undefined ? {} : { due_date: input.dueDate }),
        ...(input.ownerAgency === undefined ? {} : { owner_agency_code: input.ownerAgency }),
        ...(statusChange === undefined ? {} : { status: statusChange }),
      },
      deps.now(),
    );
    if (fieldsChanged) {
      await recordTask(trx, ctx, deps, task, 'updated');
    }
    if (statusChange !== undefined) {
      await recordTask(trx, ctx, deps, task, 'status_changed', { from: task.status, to: statusChange });
    }
    return presentOne(trx, updated, chinaDay(deps.now()));
  });
};

export const addPolicyMilestone = async (
  deps: StatsDeps,
  ctx: PolicyContext,
  taskId: string,
  input: MilestoneInput,
) => {
  const problems = [...titleProblems(input), ...dateProblems('dueDate', input.dueDate)];
  if (problems.length > 0) {
    throw invalid(problems, 'The milestone cannot be added: see the fields.');
  }
  return deps.db.transaction(async (trx) => {
    const { standing, programme, task, measure } = await loadTaskForChange(trx, ctx, taskId);
    requirePlanner(standing, measure);
    if (task.status === 'done') {
      throw new AppError('stats.policy_task_done', 'The task is done: plan a new one instead.');
    }
    await insertMilestone(trx, {
      id: newId('pms'),
      task_id: task.id,
      organisation_id: programme.organisation_id,
      title_zh: clean(input.titleZh),
      title_en: clean(input.titleEn),
      due_date: input.dueDate,
      created_at: deps.now(),
    });
    await recordTask(trx, ctx, deps, task, 'milestone_added');
    return presentOne(trx, task, chinaDay(deps.now()));
  });
};

export const updatePolicyMilestone = async (
  deps: StatsDeps,
  ctx: PolicyContext,
  taskId: string,
  milestoneId: string,
  input: TitleInput & { done?: boolean | undefined; dueDate?: string | undefined },
) => {
  const problems = [
    ...dateProblems('dueDate', input.dueDate),
    ...(input.titleZh !== undefined || input.titleEn !== undefined ? titleProblems(input) : []),
  ];
  if (
    input.done === undefined &&
    input.dueDate === undefined &&
    input.titleZh === undefined &&
    input.titleEn === undefined
  ) {
    problems.push({ field: 'done', code: 'stats.policy_nothing_to_change', message: 'Nothing to change.' });
  }
  if (problems.length > 0) {
    throw invalid(problems, 'The milestone cannot be changed: see the fields.');
  }
  return deps.db.transaction(async (trx) => {
    const { standing, task, measure } = await loadTaskForChange(trx, ctx, taskId);
    // The owning agency ticks off its own milestones; only planners move or rename them.
    const onlyDone =
      input.dueDate === undefined && input.titleZh === undefined && input.titleEn === undefined;
    if (!mayPlan(standing, measure) && !(onlyDone && standing.agencyCodes.has(task.owner_agency_code))) {
      throw new AppError(
        'stats.policy_not_lead',
        'Only the office, the lead agency or the owning agency changes it.',
      );
    }
    const milestone = await findMilestone(trx, task.id, milestoneId);
    if (milestone === undefined) {
      throw new AppError('http.not_found', `No policy_milestone ${milestoneId}.`);
    }
    const doneChange =
      input.done === undefined || input.done === (milestone.done_at !== null) ? undefined : input.done;
    await updateMilestoneRow(trx, milestone.id, {
      ...(doneChange === undefined ? {} : { done_at: doneChange ? deps.now() : null }),
      ...(input.dueDate === undefined ? {} : { due_date: input.dueDate }),
      ...(input.titleZh === undefined ? {} : { title_zh: clean(input.titleZh) }),
      ...(input.titleEn === undefined ? {} : { title_en: clean(input.titleEn) }),
    });
    await recordTask(
      trx,
      ctx,
      deps,
      task,
      doneChange === true
        ? 'milestone_done'
        : doneChange === false
          ? 'milestone_reopened'
          : 'milestone_updated',
    );
    return presentOne(trx, task, chinaDay(deps.now()));
  });
};

// ---------------------------------------------------------------- progress reports

export const submitPolicyReport = async (
  deps: StatsDeps,
  ctx: PolicyContext,
  taskId: string,
  input: { period: string; text: string; percent: number; attachments: Attachment[] },
) => {
  const today = chinaDay(deps.now());
  // A quarter is reported on once it has begun; a quarter still to come has no progress to tell.
  if (input.period > quarterOf(today)) {
    throw invalid([
      { field: 'period', code: 'stats.policy_future_period', message: 'The quarter has not begun.' },
    ]);
  }
  return deps.db.transaction(async (trx) => {
    const { standing, programme, task } = await loadTaskForChange(trx, ctx, taskId);
    if (!standing.agencyCodes.has(task.owner_agency_code)) {
      throw new AppError('stats.policy_not_task_owner', 'Only the agency that owns the task reports on it.');
    }
    const row = await insertReport(trx, {
      id: newId('pmr'),
      task_id: task.id,
      programme_id: programme.id,
      organisation_id: ctx.organisationId,
      agency_code: task.owner_agency_code,
      period: input.period,
      body: input.text.trim(),
      percent: input.percent,
      attachments: input.attachments,
      submitted_at: deps.now(),
    });
    if (row === undefined) {
      throw new AppError('stats.policy_report_exists', `The task already has a report for ${input.period}.`);
    }
    await recordTask(trx, ctx, deps, task, 'report_submitted');
    return presentOne(trx, task, today);
  });
};
