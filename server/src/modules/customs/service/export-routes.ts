import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { CustomsDeps } from '../deps.ts';
import { buildExportSummaries, exportSummaryXml, listExportSummaries } from './export-summary.ts';
import { exportBoard, getExportParcel, listExportParcels } from './export-views.ts';
import { decideWarehouse, fileWarehouse, listWarehouses } from './export-warehouses.ts';
import { viewerOf } from './views.ts';

// The export side's HTTP routes (board, parcels, CEB701 summaries, 9810 warehouse filings); the
// export messages themselves arrive through POST /api/customs/ceb like every CEB message.

const tags = ['customs'];
const id = z.string().max(64);
const ZOrgParams = z.object({ orgId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const ZText = (max: number) => z.string().trim().min(1).max(max);

const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

export const registerExportRoutes = (root: FastifyInstance, deps: CustomsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/orgs/:orgId/customs/export/board',
    {
      schema: {
        tags,
        summary:
          'Export clearance board: lists by state and mode, 9710/9810 routes, held lists and what they wait for',
        params: ZOrgParams,
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return exportBoard(deps.db.kysely, await viewerOf(deps, orgId));
    },
  );

  app.get(
    '/api/orgs/:orgId/customs/export/parcels',
    {
      schema: {
        tags,
        summary: 'Export parcels the organisation sent documents of (customs: all), newest first',
        params: ZOrgParams,
        querystring: z.strictObject({
          state: z.enum(['waiting', 'failed', 'refused', 'released', 'cancelled']).optional(),
          tradeMode: z.enum(['9610', '1210', '1239', '9710', '9810']).optional(),
          q: z.string().trim().min(1).max(80).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return listExportParcels(deps.db.kysely, await viewerOf(deps, orgId), request.query);
    },
  );

  app.get(
    '/api/orgs/:orgId/customs/export/parcels/:exportParcelId',
    {
      schema: {
        tags,
        summary: 'An export parcel: state, findings, route, lines, timeline and receipts',
        params: ZOrgParams.extend({ exportParcelId: id }),
      },
      config: { access: { ...orgAccess, objects: { exportParcelId: 'export_parcel' } } },
    },
    async (request) => {
      const { orgId, exportParcelId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return getExportParcel(deps.db.kysely, await viewerOf(deps, orgId), exportParcelId);
    },
  );

  app.post(
    '/api/orgs/:orgId/customs/export/summaries',
    {
      schema: {
        tags,
        summary:
          "Build the CEB701 summary applications of the organisation's released 9610 lists of a month (idempotent); the sandbox answers CEB792",
        params: ZOrgParams,
        body: z.strictObject({ month: ZMonth }),
      },
      config: { access: orgAccess, audit: 'customs.export.summarise' },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.submit', orgId);
      const created = await buildExportSummaries(deps, orgId, request.body.month, (trx, summaries) =>
        recordAuditSuccess(trx, request, {
          organisationId: orgId,
          object: null,
          detail: { month: request.body.month, summaries: summaries.map((s) => s.id) },
        }),
      );
      return { created: created.map(({ applyXml: _a, resultXml: _r, ...summary }) => summary) };
    },
  );

  app.get(
    '/api/orgs/:orgId/customs/export/summaries',
    {
      schema: {
        tags,
        summary: 'CEB701 summaries with their CEB792 results (own; customs: all)',
        params: ZOrgParams,
        querystring: z.strictObject({ month: ZMonth.optional() }),
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return {
        items: await listExportSummaries(deps.db.kysely, await viewerOf(deps, orgId), request.query.month),
      };
    },
  );

  app.get(
    '/api/orgs/:orgId/customs/export/summaries/:summaryId/xml',
    {
      schema: {
        tags,
        summary: 'Download a summary as CEB701 (apply) or its CEB792 result XML',
        params: ZOrgParams.extend({ summaryId: id }),
        querystring: z.strictObject({ kind: z.enum(['apply', 'result']).default('apply') }),
      },
      config: { access: { ...orgAccess, objects: { summaryId: 'export_summary' } } },
    },
    async (request, reply) => {
      const { orgId, summaryId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      const file = await exportSummaryXml(
        deps.db.kysely,
        await viewerOf(deps, orgId),
        summaryId,
        request.query.kind,
      );
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.xml);
    },
  );

  app.get(
    '/api/orgs/:orgId/customs/export/warehouses',
    {
      schema: {
        tags,
        summary: '9810 overseas-warehouse filings (own; customs: all)',
        params: ZOrgParams,
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return { items: await listWarehouses(deps.db.kysely, await viewerOf(deps, orgId)) };
    },
  );

  app.post(
    '/api/orgs/:orgId/customs/export/warehouses',
    {
      schema: {
        tags,
        summary: 'File an overseas warehouse for 9810 exports (海外仓备案); customs approves or returns it',
        params: ZOrgParams,
        body: z.strictObject({
          name: ZText(200),
          // ISO 3166-1 alpha-2, as the logistics module's warehouses.
          country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'),
          address: ZText(500),
          areaM2: z
            .string()
            .regex(/^\d{1,10}(\.\d{1,2})?$/, 'square metres, up to 2 decimals')
            .refine((v) => Number(v) > 0, 'more than 0'),
          operator: ZText(200),
          proofDocumentId: ZText(100),
        }),
      },
      config: { access: orgAccess, audit: 'customs.export.warehouse_file' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.submit', orgId);
      const filing = await deps.db.transaction(async (trx) => {
        const filed = await fileWarehouse(trx, orgId, request.body, deps.now());
        await recordAuditSuccess(trx, request, {
          organisationId: orgId,
          object: { type: 'warehouse_filing', id: filed.id },
          detail: { filingNo: filed.filingNo },
        });
        return filed;
      });
      return reply.status(201).send(filing);
    },
  );

  app.post(
    '/api/orgs/:orgId/customs/export/warehouses/:filingId/decision',
    {
      schema: {
        tags,
        summary: 'A customs officer approves or returns an overseas-warehouse filing',
        params: ZOrgParams.extend({ filingId: id }),
        body: z.strictObject({ outcome: z.enum(['approve', 'return']), note: ZText(500) }),
      },
      config: {
        access: { ...orgAccess, objects: { filingId: 'warehouse_filing' } },
        audit: 'customs.export.warehouse_decide',
      },
    },
    async (request) => {
      const { orgId, filingId } = request.params;
      asOrganisation(request, 'customs.decide_filing', orgId);
      const viewer = await viewerOf(deps, orgId);
      return deps.db.transaction(async (trx) => {
        const decided = await decideWarehouse(trx, viewer, filingId, request.body, deps.now());
        await recordAuditSuccess(trx, request, {
          organisationId: orgId,
          object: { type: 'warehouse_filing', id: filingId },
          detail: { outcome: request.body.outcome },
        });
        return decided;
      });
    },
  );
};
