import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { StatsDeps } from '../deps.ts';
import { chinaDate } from './deadlines.ts';
import { currentForms, formCodes } from './forms.ts';
import {
  acceptReport,
  createReport,
  getOwnReport,
  getReviewedReport,
  healthBoard,
  listEnterprises,
  listReports,
  presentForm,
  type ReportingContext,
  registerEnterprise,
  reminders,
  requireEnterprise,
  requireRegulator,
  returnReport,
  reviewQueue,
  saveValues,
  submitReport,
  uploadValues,
} from './service-reporting.ts';
import { CSV_TYPE, templateCsv, templateXlsx, UPLOAD_LIMIT_BYTES, XLSX_TYPE } from './upload.ts';

const tags = ['stats'];
const id = z.string().max(64);
const ZOrgParams = z.object({ orgId: id });
const ZReportParams = ZOrgParams.extend({ reportId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const reportAccess = { ...orgAccess, objects: { reportId: 'direct_report' } };
const base = '/api/orgs/:orgId/stats/reporting';

const cellName = z.string().min(1).max(60);
const ZValues = z
  .record(cellName, z.string().max(500))
  .refine((values) => Object.keys(values).length <= 200, {
    message: 'At most 200 cells.',
  });
const ZComments = z
  .record(cellName, z.string().max(1000))
  .refine((values) => Object.keys(values).length <= 200, {
    message: 'At most 200 comments.',
  });
const version = z.number().int().min(1);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const ZIssue = z.object({
  cell: z.string(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
const ZReport = z.object({
  id: z.string(),
  organisationId: z.string(),
  regulatorOrganisationId: z.string(),
  form: z.object({ code: z.string(), version: z.number(), hash: z.string() }),
  period: z.string(),
  dueDate: z.string(),
  city: z.string(),
  status: z.enum(['draft', 'submitted', 'returned', 'accepted']),
  values: z.record(z.string(), z.string()).describe('Cell name to value; money in integer US cents'),
  confirmations: z.record(z.string(), z.string()),
  reviewComments: z.record(z.string(), z.string()),
  hadConfirmedWarnings: z.boolean(),
  errors: z.array(ZIssue),
  warnings: z.array(ZIssue),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  version: z.number(),
  history: z.array(
    z.object({
      kind: z.string(),
      byOrganisationId: z.string(),
      comments: z.record(z.string(), z.string()).nullable(),
      at: z.string(),
    }),
  ),
});
const ZReportSummary = z.object({
  id: z.string(),
  form: z.object({ code: z.string(), version: z.number() }),
  period: z.string(),
  dueDate: z.string(),
  status: z.enum(['draft', 'submitted', 'returned', 'accepted']),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
});
const ZCell = z.object({
  name: z.string(),
  type: z.enum(['money', 'integer', 'percentage', 'decimal', 'text', 'yes_no']),
  required: z.boolean(),
  min: z.string().optional(),
  max: z.string().optional(),
  label: z.object({ en: z.string(), zh: z.string() }),
});
const ZForm = z.object({
  code: z.enum(formCodes),
  version: z.number(),
  hash: z.string(),
  period: z.enum(['month', 'year']),
  title: z.object({ en: z.string(), zh: z.string() }),
  cells: z.array(ZCell),
  totals: z.array(z.object({ total: z.string(), parts: z.array(z.string()) })),
  jumpChecked: z.array(z.string()),
});
const ZEnterprise = z.object({
  organisationId: z.string(),
  name: z.string(),
  nameZh: z.string().nullable(),
  registeredAt: z.string(),
});
const healthStatus = z.enum(['on_time', 'late', 'missing', 'returned', 'pending']);

const context = (request: FastifyRequest, organisationId: string): ReportingContext => ({
  organisationId,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

/** The caller's role must allow `action` on the report (404 when it is no member of the organisation). */
const onReport = (request: FastifyRequest, action: Action, orgId: string, reportId: string) =>
  authorize(request, action, { type: 'direct_report', id: reportId, organisationId: orgId });
const onOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/** Enterprise direct reporting (docs/direct-reporting.md): forms, reports, review, deadlines. */
export const registerReportingRoutes = (root: FastifyInstance, deps: StatsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const today = () => chinaDate(deps.now());

  app.get(
    `${base}/forms`,
    {
      schema: {
        tags,
        summary: 'The current edition of each report form, with its version and hash',
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZForm) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'stats_report.read', request.params.orgId);
      return { items: Object.values(currentForms).map(presentForm) };
    },
  );

  app.get(
    `${base}/template`,
    {
      schema: {
        tags,
        summary: "A form's template to fill in, as CSV or XLSX (one row per cell: cell, label, value)",
        params: ZOrgParams,
        querystring: z.object({
          form: z.enum(formCodes),
          format: z.enum(['csv', 'xlsx']).default('csv'),
          locale: z.enum(['en', 'zh']).default('en'),
        }),
      },
      config: { access: orgAccess },
    },
    async (request, reply) => {
      onOrganisation(request, 'stats_report.read', request.params.orgId);
      const form = currentForms[request.query.form];
      const name = `${form.code}-v${form.version}`;
      if (request.query.format === 'csv') {
        return reply
          .type(`${CSV_TYPE}; charset=utf-8`)
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(templateCsv(form, request.query.locale));
      }
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await templateXlsx(form, request.query.locale));
    },
  );

  app.post(
    `${base}/reports`,
    {
      schema: {
        tags,
        summary: 'Open a report (a draft) for a form and period; the enterprise must be registered to report',
        params: ZOrgParams,
        body: z.strictObject({
          formCode: z.enum(formCodes),
          period: z.string().max(7).describe('YYYY-MM for the monthly form, YYYY for the annual survey'),
          city: z.string().max(6).describe("The Zhejiang city's division code, e.g. 330100 for Hangzhou"),
        }),
        response: { 201: ZReport },
      },
      config: { access: orgAccess, audit: 'stats.report.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      onOrganisation(request, 'stats_report.write', orgId);
      await requireEnterprise(deps, orgId);
      return reply.status(201).send(await createReport(deps, context(request, orgId), request.body, today()));
    },
  );

  app.get(
    `${base}/reports`,
    {
      schema: {
        tags,
        summary: "The enterprise's own reports, newest period first",
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZReportSummary) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'stats_report.read', request.params.orgId);
      return { items: await listReports(deps, request.params.orgId) };
    },
  );

  app.get(
    `${base}/reports/:reportId`,
    {
      schema: {
        tags,
        summary: "One of the enterprise's reports, with its errors, warnings, comments and history",
        params: ZReportParams,
        response: { 200: ZReport },
      },
      config: { access: reportAccess },
    },
    async (request) => {
      const { orgId, reportId } = request.params;
      onReport(request, 'stats_report.read', orgId, reportId);
      return getOwnReport(deps, orgId, reportId);
    },
  );

  app.put(
    `${base}/reports/:reportId/values`,
    {
      schema: {
        tags,
        summary: "Replace a draft's (or returned report's) cell values; problems are answered, not refused",
        params: ZReportParams,
        body: z.strictObject({ version, values: ZValues, city: z.string().max(6).optional() }),
        response: { 200: ZReport },
      },
      config: { access: reportAccess, audit: 'stats.report.save' },
    },
    async (request) => {
      const { orgId, reportId } = request.params;
      onReport(request, 'stats_report.write', orgId, reportId);
      return saveValues(deps, context(request, orgId), reportId, request.body);
    },
  );

  // CSV and XLSX bodies are accepted by the upload route only, in a scope of its own.
  root.register(async (scope) => {
    scope.addContentTypeParser(
      [CSV_TYPE, XLSX_TYPE],
      { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().put(
      `${base}/reports/:reportId/upload`,
      {
        bodyLimit: UPLOAD_LIMIT_BYTES,
        schema: {
          tags,
          summary: `Replace the values with a filled-in template, as ${CSV_TYPE} or XLSX (at most 1 MiB); a file with any bad cell stores nothing`,
          params: ZReportParams,
          querystring: z.object({ version: z.coerce.number().int().min(1) }),
          response: { 200: ZReport },
        },
        config: { access: reportAccess, audit: 'stats.report.upload' },
      },
      async (request) => {
        const { orgId, reportId } = request.params;
        onReport(request, 'stats_report.write', orgId, reportId);
        const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        if (!Buffer.isBuffer(request.body) || (contentType !== CSV_TYPE && contentType !== XLSX_TYPE)) {
          throw new AppError('http.unsupported_media_type', `Send the file as ${CSV_TYPE} or ${XLSX_TYPE}.`);
        }
        return uploadValues(deps, context(request, orgId), reportId, {
          version: request.query.version,
          contentType,
          bytes: request.body,
        });
      },
    );
  });

  app.post(
    `${base}/reports/:reportId/submit`,
    {
      schema: {
        tags,
        summary:
          'Send the report for review: errors block it (400), each month-on-month jump needs a reason (422)',
        params: ZReportParams,
        body: z.strictObject({
          version,
          confirmations: z.record(cellName, z.string().max(500)).default({}),
        }),
        response: { 200: ZReport },
      },
      config: { access: reportAccess, audit: 'stats.report.submit' },
    },
    async (request) => {
      const { orgId, reportId } = request.params;
      onReport(request, 'stats_report.write', orgId, reportId);
      return submitReport(deps, context(request, orgId), reportId, request.body);
    },
  );

  // ---------------------------------------------------------------- the commerce department

  app.get(
    `${base}/enterprises`,
    {
      schema: {
        tags,
        summary: 'The enterprises registered to report to this commerce department',
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZEnterprise) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'stats_report.read', orgId);
      await requireRegulator(deps, orgId);
      return { items: await listEnterprises(deps, orgId) };
    },
  );

  app.post(
    `${base}/enterprises`,
    {
      schema: {
        tags,
        summary: 'Register an enterprise as reporting to this commerce department',
        params: ZOrgParams,
        body: z.strictObject({ organisationId: id }),
        response: {
          200: z.object({ organisationId: z.string(), registeredAt: z.string(), created: z.boolean() }),
        },
      },
      config: { access: orgAccess, audit: 'stats.reporting_enterprise.register' },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'stats_report.register', orgId);
      await requireRegulator(deps, orgId);
      return registerEnterprise(deps, context(request, orgId), request.body.organisationId);
    },
  );

  app.get(
    `${base}/review`,
    {
      schema: {
        tags,
        summary: 'Reports sent to this commerce department: those awaiting review, or all',
        params: ZOrgParams,
        querystring: z.object({ status: z.enum(['submitted', 'all']).default('submitted') }),
        response: {
          200: z.object({
            items: z.array(
              ZReportSummary.omit({ acceptedAt: true }).extend({
                organisationId: z.string(),
                organisationName: z.string(),
                organisationNameZh: z.string().nullable(),
                hadConfirmedWarnings: z.boolean(),
              }),
            ),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'stats_report.read', orgId);
      await requireRegulator(deps, orgId);
      return { items: await reviewQueue(deps, orgId, request.query.status) };
    },
  );

  app.get(
    `${base}/review/:reportId`,
    {
      schema: {
        tags,
        summary: "A report sent to this commerce department (drafts stay the enterprise's own)",
        params: ZReportParams,
        response: { 200: ZReport },
      },
      config: { access: reportAccess },
    },
    async (request) => {
      const { orgId, reportId } = request.params;
      onReport(request, 'stats_report.read', orgId, reportId);
      await requireRegulator(deps, orgId);
      return getReviewedReport(deps, orgId, reportId);
    },
  );

  app.post(
    `${base}/review/:reportId/return`,
    {
      schema: {
        tags,
        summary: 'Send a submitted report back with comments per cell (`report` for the whole)',
        params: ZReportParams,
        body: z.strictObject({ version, comments: ZComments }),
        response: { 200: ZReport },
      },
      config: { access: reportAccess, audit: 'stats.report.return' },
    },
    async (request) => {
      const { orgId, reportId } = request.params;
      onReport(request, 'stats_report.review', orgId, reportId);
      await requireRegulator(deps, orgId);
      return returnReport(deps, context(request, orgId), reportId, request.body);
    },
  );

  app.post(
    `${base}/review/:reportId/accept`,
    {
      schema: {
        tags,
        summary: "Accept a submitted report: its figures become the statistics' facts in the same step",
        params: ZReportParams,
        body: z.strictObject({ version }),
        response: { 200: ZReport.extend({ factsAdded: z.number() }) },
      },
      config: { access: reportAccess, audit: 'stats.report.accept' },
    },
    async (request) => {
      const { orgId, reportId } = request.params;
      onReport(request, 'stats_report.review', orgId, reportId);
      await requireRegulator(deps, orgId);
      return acceptReport(deps, context(request, orgId), reportId, request.body);
    },
  );

  app.get(
    `${base}/health`,
    {
      schema: {
        tags,
        summary:
          "The reporting-health board: each registered enterprise's monthly report of the month before `asOf`",
        params: ZOrgParams,
        querystring: z.object({ asOf: date.optional() }),
        response: {
          200: z.object({
            asOf: z.string(),
            form: z.string(),
            period: z.string(),
            dueDate: z.string(),
            summary: z.object({
              onTime: z.number(),
              late: z.number(),
              missing: z.number(),
              returned: z.number(),
              pending: z.number(),
              improbable: z.number(),
            }),
            items: z.array(
              ZEnterprise.extend({
                reportId: z.string().nullable(),
                reportStatus: z.enum(['draft', 'submitted', 'returned', 'accepted']).nullable(),
                firstSubmittedAt: z.string().nullable(),
                status: healthStatus,
                improbable: z.boolean(),
              }),
            ),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'stats_report.read', orgId);
      await requireRegulator(deps, orgId);
      return healthBoard(deps, orgId, request.query.asOf ?? today());
    },
  );

  app.get(
    `${base}/reminders`,
    {
      schema: {
        tags,
        summary: 'Who must still send the watched monthly report: due within 5 days, or overdue',
        params: ZOrgParams,
        querystring: z.object({ asOf: date.optional() }),
        response: {
          200: z.object({
            asOf: z.string(),
            period: z.string(),
            dueDate: z.string(),
            items: z.array(
              z.object({
                organisationId: z.string(),
                name: z.string(),
                nameZh: z.string().nullable(),
                reportId: z.string().nullable(),
                kind: z.enum(['due_soon', 'overdue']),
                daysLeft: z.number(),
              }),
            ),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      onOrganisation(request, 'stats_report.read', orgId);
      await requireRegulator(deps, orgId);
      return reminders(deps, orgId, request.query.asOf ?? today());
    },
  );
};
