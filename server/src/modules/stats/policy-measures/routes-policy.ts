import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { StatsDeps } from '../deps.ts';
import { measureNumberOf } from './catalogue.ts';
import { chinaDay, isCalendarDate, taskStatuses } from './rules.ts';
import {
  addPolicyMilestone,
  createPolicyProgramme,
  createPolicyTask,
  getPolicyMeasure,
  listPolicyAgencies,
  listPolicyMeasures,
  mapPolicyAgency,
  type PolicyContext,
  policyAlerts,
  policyBoard,
  requirePolicyRegulator,
  submitPolicyReport,
  updatePolicyMilestone,
  updatePolicyTask,
} from './service-policy.ts';

const tags = ['stats'];
const id = z.string().max(64);
const base = '/api/orgs/:orgId/stats/policy-measures';
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const taskAccess = { ...orgAccess, objects: { taskId: 'policy_task' } };
const milestoneAccess = { ...orgAccess, objects: { taskId: 'policy_task', milestoneId: 'policy_milestone' } };
const ZOrgParams = z.object({ orgId: id });
// Measure numbers and agency codes name reference data, not objects: they are read after the
// access decision, so that a caller without access learns nothing from a 400.
const ZMeasureParams = ZOrgParams.extend({ measureNumber: z.string().max(64) });
const ZAgencyParams = ZOrgParams.extend({ agencyCode: z.string().max(64) });
const ZTaskParams = ZOrgParams.extend({ taskId: id });
const ZMilestoneParams = ZTaskParams.extend({ milestoneId: id });

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');
const title = z.string().max(200);
const ZAsOf = z.object({ asOf: date.refine(isCalendarDate, 'A calendar date').optional() });
const status = z.enum(taskStatuses);

const ZAgencyRef = z.object({
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  collective: z.boolean(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  organisationNameZh: z.string().nullable(),
});
const ZCounts = z.object({
  total: z.number(),
  planned: z.number(),
  in_progress: z.number(),
  done: z.number(),
  blocked: z.number(),
});
const ZProgramme = z
  .object({
    id: z.string(),
    officeOrganisationId: z.string(),
    createdAt: z.string(),
    isOffice: z.boolean(),
    agencyCodes: z.array(z.string()),
  })
  .nullable();
const ZMeasureSummary = z.object({
  number: z.number(),
  section: z.number(),
  titleZh: z.string(),
  titleEn: z.string(),
  lead: ZAgencyRef.nullable(),
  coAgencies: z.array(ZAgencyRef),
  tasks: ZCounts,
  progress: z
    .number()
    .nullable()
    .describe('Whole percent: the mean of its tasks’ progress; null without tasks'),
  overdue: z.number().describe('Tasks with an overdue task, milestone or report'),
});
const ZAlertKind = z.enum(['task_overdue', 'milestone_overdue', 'report_missing', 'task_due_soon']);
const ZAlert = z.object({
  kind: ZAlertKind,
  taskId: z.string(),
  milestoneId: z.string().nullable(),
  measureNumber: z.number(),
  agencyCode: z.string(),
  dueDate: z.string(),
  period: z.string().nullable(),
  daysOverdue: z.number().describe('Days past the due date; negative for a reminder (days left)'),
});
const ZAttachment = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('link'),
    url: z.url({ protocol: /^https?$/ }).max(2000),
    label: z.string().max(200).optional(),
  }),
  z.strictObject({ kind: z.literal('document'), documentId: z.string().regex(/^doc_[0-9A-Za-z]{1,60}$/) }),
]);
const ZTask = z.object({
  id: z.string(),
  measureNumber: z.number(),
  ownerAgency: z.string(),
  titleZh: z.string().nullable(),
  titleEn: z.string().nullable(),
  dueDate: z.string(),
  status,
  nextStatuses: z.array(status),
  doneAt: z.string().nullable(),
  version: z.number(),
  createdByOrganisationId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  progress: z.number(),
  overdue: z.boolean(),
  alerts: z.array(ZAlert),
  milestones: z.array(
    z.object({
      id: z.string(),
      titleZh: z.string().nullable(),
      titleEn: z.string().nullable(),
      dueDate: z.string(),
      doneAt: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  reports: z.array(
    z.object({
      id: z.string(),
      period: z.string(),
      text: z.string(),
      percent: z.number(),
      attachments: z.array(
        z.union([
          z.object({ kind: z.literal('link'), url: z.string(), label: z.string().optional() }),
          z.object({ kind: z.literal('document'), documentId: z.string() }),
        ]),
      ),
      organisationId: z.string(),
      agencyCode: z.string(),
      submittedAt: z.string(),
    }),
  ),
  history: z.array(
    z.object({
      kind: z.string(),
      byOrganisationId: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
const ZMilestoneInput = z.strictObject({
  titleZh: title.optional(),
  titleEn: title.optional(),
  dueDate: date,
});

const context = (request: FastifyRequest, organisationId: string): PolicyContext => ({
  organisationId,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

/** Role check on the organisation in the path (404 for a non-member), then: a regulator only (403). */
const asRegulator = async (deps: StatsDeps, request: FastifyRequest, action: Action, orgId: string) => {
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });
  await requirePolicyRegulator(deps, orgId);
};
const onTask = async (
  deps: StatsDeps,
  request: FastifyRequest,
  action: Action,
  orgId: string,
  taskId: string,
) => {
  authorize(request, action, { type: 'policy_task', id: taskId, organisationId: orgId });
  await requirePolicyRegulator(deps, orgId);
};

const measureOf = (written: string) => {
  const number = measureNumberOf(written);
  if (number === undefined) {
    throw new AppError('http.not_found', `No policy measure ${written}.`);
  }
  return number;
};

/** The policy-measure tracker (docs/policy-measures.md), for the joint-meeting office and the agencies. */
export const registerPolicyMeasureRoutes = (root: FastifyInstance, deps: StatsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const today = (asOf?: string) => asOf ?? chinaDay(deps.now());

  app.get(
    base,
    {
      schema: {
        tags,
        summary:
          "The policy's 24 measures with their lead and co-responsible agencies and each one's progress",
        params: ZOrgParams,
        response: {
          200: z.object({
            asOf: z.string(),
            source: z.object({ titleZh: z.string(), titleEn: z.string() }),
            sections: z.array(z.object({ number: z.number(), zh: z.string(), en: z.string() })),
            programme: ZProgramme,
            items: z.array(ZMeasureSummary),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asRegulator(deps, request, 'policy_measure.read', request.params.orgId);
      return listPolicyMeasures(deps, request.params.orgId, today());
    },
  );

  app.get(
    `${base}/measures/:measureNumber`,
    {
      schema: {
        tags,
        summary: 'One measure: its text, agencies, tasks with milestones, progress reports and history',
        params: ZMeasureParams,
        response: {
          200: ZMeasureSummary.extend({
            asOf: z.string(),
            textZh: z.string(),
            textEn: z.string().describe("This project's translation; the Chinese text prevails"),
            sectionTitle: z.object({ number: z.number(), zh: z.string(), en: z.string() }).nullable(),
            programme: ZProgramme,
            canPlan: z.boolean(),
            tasks: z.array(ZTask),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asRegulator(deps, request, 'policy_measure.read', request.params.orgId);
      return getPolicyMeasure(deps, request.params.orgId, measureOf(request.params.measureNumber), today());
    },
  );

  app.get(
    `${base}/agencies`,
    {
      schema: {
        tags,
        summary:
          "The policy's responsible agencies, the measures each leads or shares, and who stands for it",
        params: ZOrgParams,
        response: {
          200: z.object({
            programme: ZProgramme,
            items: z.array(
              ZAgencyRef.extend({ leads: z.array(z.number()), coResponsible: z.array(z.number()) }),
            ),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asRegulator(deps, request, 'policy_measure.read', request.params.orgId);
      return listPolicyAgencies(deps, request.params.orgId);
    },
  );

  app.post(
    `${base}/programme`,
    {
      schema: {
        tags,
        summary: 'Set up the programme: the organisation becomes its joint-meeting office',
        params: ZOrgParams,
        body: z.strictObject({}),
        response: { 201: ZProgramme.unwrap() },
      },
      config: { access: orgAccess, audit: 'stats.policy_programme.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      await asRegulator(deps, request, 'policy_measure.manage', orgId);
      return reply.status(201).send(await createPolicyProgramme(deps, context(request, orgId)));
    },
  );

  app.patch(
    `${base}/agencies/:agencyCode`,
    {
      schema: {
        tags,
        summary: 'Name the hub organisation (a regulator) that stands for an agency, or none',
        params: ZAgencyParams,
        body: z.strictObject({ organisationId: id.nullable() }),
        response: { 200: ZAgencyRef },
      },
      config: { access: orgAccess, audit: 'stats.policy_agency.map' },
    },
    async (request) => {
      const { orgId, agencyCode } = request.params;
      await asRegulator(deps, request, 'policy_measure.manage', orgId);
      return mapPolicyAgency(deps, context(request, orgId), agencyCode, request.body.organisationId);
    },
  );

  app.post(
    `${base}/measures/:measureNumber/tasks`,
    {
      schema: {
        tags,
        summary:
          'Plan a task of a measure for one of its agencies (the office, or the lead agency); a past due date is stored and flagged',
        params: ZMeasureParams,
        body: z.strictObject({
          titleZh: title.optional(),
          titleEn: title.optional(),
          ownerAgency: z.string().max(64).describe("An agency code of the measure's, e.g. zj-commerce"),
          dueDate: date,
          milestones: z.array(ZMilestoneInput).max(20).optional(),
        }),
        response: { 201: ZTask.extend({ warnings: z.array(z.string()) }) },
      },
      config: { access: orgAccess, audit: 'stats.policy_task.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      await asRegulator(deps, request, 'policy_measure.write', orgId);
      const number = measureOf(request.params.measureNumber);
      return reply
        .status(201)
        .send(await createPolicyTask(deps, context(request, orgId), number, request.body));
    },
  );

  app.patch(
    `${base}/tasks/:taskId`,
    {
      schema: {
        tags,
        summary:
          'Change a task (the office or the lead agency) or move its status (also the owning agency): planned → in_progress → done | blocked',
        params: ZTaskParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          titleZh: title.optional(),
          titleEn: title.optional(),
          ownerAgency: z.string().max(64).optional(),
          dueDate: date.optional(),
          status: status.optional(),
        }),
        response: { 200: ZTask },
      },
      config: { access: taskAccess, audit: 'stats.policy_task.update' },
    },
    async (request) => {
      const { orgId, taskId } = request.params;
      await onTask(deps, request, 'policy_measure.write', orgId, taskId);
      return updatePolicyTask(deps, context(request, orgId), taskId, request.body);
    },
  );

  app.post(
    `${base}/tasks/:taskId/milestones`,
    {
      schema: {
        tags,
        summary: 'Add a milestone to a task (the office or the lead agency)',
        params: ZTaskParams,
        body: ZMilestoneInput,
        response: { 201: ZTask },
      },
      config: { access: taskAccess, audit: 'stats.policy_milestone.create' },
    },
    async (request, reply) => {
      const { orgId, taskId } = request.params;
      await onTask(deps, request, 'policy_measure.write', orgId, taskId);
      return reply
        .status(201)
        .send(await addPolicyMilestone(deps, context(request, orgId), taskId, request.body));
    },
  );

  app.patch(
    `${base}/tasks/:taskId/milestones/:milestoneId`,
    {
      schema: {
        tags,
        summary:
          'Tick a milestone off (or reopen it; also the owning agency), move or rename it (the planners)',
        params: ZMilestoneParams,
        body: z.strictObject({
          done: z.boolean().optional(),
          dueDate: date.optional(),
          titleZh: title.optional(),
          titleEn: title.optional(),
        }),
        response: { 200: ZTask },
      },
      config: { access: milestoneAccess, audit: 'stats.policy_milestone.update' },
    },
    async (request) => {
      const { orgId, taskId, milestoneId } = request.params;
      await onTask(deps, request, 'policy_measure.write', orgId, taskId);
      return updatePolicyMilestone(deps, context(request, orgId), taskId, milestoneId, request.body);
    },
  );

  app.post(
    `${base}/tasks/:taskId/reports`,
    {
      schema: {
        tags,
        summary: "A quarter's progress report on a task, by the agency that owns it (one per quarter)",
        params: ZTaskParams,
        body: z.strictObject({
          period: z
            .string()
            .regex(/^\d{4}-Q[1-4]$/, 'A quarter as YYYY-Qn')
            .describe('e.g. 2026-Q3'),
          text: z.string().trim().min(1).max(10_000),
          percent: z.number().int().min(0).max(100).describe('Progress of the task, whole percent'),
          attachments: z.array(ZAttachment).max(10).default([]),
        }),
        response: { 201: ZTask },
      },
      config: { access: taskAccess, audit: 'stats.policy_report.submit' },
    },
    async (request, reply) => {
      const { orgId, taskId } = request.params;
      await onTask(deps, request, 'policy_measure.write', orgId, taskId);
      return reply
        .status(201)
        .send(await submitPolicyReport(deps, context(request, orgId), taskId, request.body));
    },
  );

  app.get(
    `${base}/board`,
    {
      schema: {
        tags,
        summary: "The joint-meeting office's board: measures × status, overdue work, each agency's standing",
        params: ZOrgParams,
        querystring: ZAsOf,
        response: {
          200: z.object({
            asOf: z.string(),
            programme: ZProgramme,
            totals: ZCounts,
            progress: z.number().nullable(),
            measures: z.array(ZMeasureSummary.omit({ coAgencies: true })),
            overdue: z.array(ZAlertWithTask()),
            dueSoon: z.array(ZAlertWithTask()),
            agencies: z.array(
              z.object({
                agency: ZAgencyRef,
                tasks: ZCounts,
                progress: z.number().nullable(),
                overdueTasks: z.number(),
                overdueMilestones: z.number(),
                missingReports: z.number(),
              }),
            ),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asRegulator(deps, request, 'policy_measure.read', request.params.orgId);
      return policyBoard(deps, request.params.orgId, today(request.query.asOf));
    },
  );

  app.get(
    `${base}/alerts`,
    {
      schema: {
        tags,
        summary:
          'Overdue tasks, milestones and missing quarterly reports, and tasks due within 7 days; for one agency or all',
        params: ZOrgParams,
        querystring: ZAsOf.extend({ agency: z.string().max(64).optional() }),
        response: { 200: z.object({ asOf: z.string(), items: z.array(ZAlertWithTask()) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asRegulator(deps, request, 'policy_measure.read', request.params.orgId);
      return policyAlerts(deps, request.params.orgId, today(request.query.asOf), request.query.agency);
    },
  );
};

function ZAlertWithTask() {
  return ZAlert.extend({
    titleZh: z.string().nullable(),
    titleEn: z.string().nullable(),
    overdue: z.boolean(),
    taskStatus: status,
  });
}
