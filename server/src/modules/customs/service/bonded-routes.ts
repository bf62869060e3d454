import { AppError } from '@tradehub/kernel';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { CustomsDeps } from '../deps.ts';
import { importPositiveList, positiveListStatus } from './bonded-positive-list.ts';
import { declareBondedInbound } from './bonded-stock.ts';
import { bondedLedger, bondedOverview } from './bonded-views.ts';
import { viewerOf } from './views.ts';

// HTTP routes of 1210 bonded stock and the positive list (the contract is in the module README).

const tags = ['customs'];
const id = z.string().max(64);
const ZOrgParams = z.object({ orgId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const bookAccess = { ...orgAccess, objects: { bookId: 'bonded_book' } };
const code18 = z.string().trim().min(1).max(18);
const ZQuantity = z
  .string()
  .trim()
  .regex(/^\d{1,14}(\.\d{1,5})?$/, 'a decimal with at most 5 fraction digits');

const ZInbound = z.strictObject({
  ebcCode: code18,
  areaCode: code18,
  emsNo: z.string().trim().min(1).max(30),
  billNo: z.string().trim().min(1).max(37),
  operatorCode: code18,
  lines: z
    .array(
      z.strictObject({
        itemRecordNo: z.string().trim().min(1).max(30),
        gcode: z.string().regex(/^\d{10}$/, '10-digit HS code'),
        gname: z.string().trim().min(1).max(250),
        unit: z.string().trim().length(3).optional(),
        qty: ZQuantity,
      }),
    )
    .min(1)
    .max(500),
});

const asOrganisation = (
  request: Parameters<typeof authorize>[0],
  action: Parameters<typeof authorize>[1],
  orgId: string,
) => authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

export const registerBondedRoutes = (root: FastifyInstance, deps: CustomsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/orgs/:orgId/customs/bonded',
    {
      schema: {
        tags,
        summary:
          'Bonded (1210) account books the organisation keeps (customs: all) with stock by item, inbounds, lists refused for stock or the positive list, and the positive list in force',
        params: ZOrgParams,
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return bondedOverview(deps, await viewerOf(deps, orgId));
    },
  );

  app.get(
    '/api/orgs/:orgId/customs/bonded/books/:bookId/entries',
    {
      schema: {
        tags,
        summary: "An account book's append-only stock ledger, newest first",
        params: ZOrgParams.extend({ bookId: id }),
        querystring: z.strictObject({
          before: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      config: { access: bookAccess },
    },
    async (request) => {
      const { orgId, bookId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return bondedLedger(deps, await viewerOf(deps, orgId), bookId, request.query);
    },
  );

  app.post(
    '/api/orgs/:orgId/customs/bonded/inbounds',
    {
      schema: {
        tags,
        summary:
          'Declare goods into a bonded account book under their master bill; they become stock once the CEB711 inbound list for the bill is accepted',
        params: ZOrgParams,
        body: ZInbound,
      },
      config: { access: orgAccess, audit: 'customs.bonded.inbound' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.submit', orgId);
      const declared = await declareBondedInbound(deps, orgId, request.body, (trx, inboundId) =>
        recordAuditSuccess(trx, request, {
          organisationId: orgId,
          object: { type: 'bonded_inbound', id: inboundId },
          detail: { emsNo: request.body.emsNo, billNo: request.body.billNo },
        }),
      );
      return reply.status(201).send(declared);
    },
  );

  app.get(
    '/api/orgs/:orgId/customs/positive-list',
    {
      schema: {
        tags,
        summary: 'The positive list in force: imported or the illustrative sample',
        params: ZOrgParams,
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.read', orgId);
      return positiveListStatus(deps.db);
    },
  );

  app.post(
    '/api/orgs/:orgId/customs/positive-list',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Replace the positive list (CSV hs_code[,remark]); a customs authority administrator only',
        params: ZOrgParams,
        body: z.strictObject({
          csv: z
            .string()
            .min(1)
            .max(8 * 1024 * 1024),
          fileName: z.string().trim().min(1).max(200).optional(),
        }),
      },
      config: { access: orgAccess, audit: 'customs.positive_list.import' },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'customs.manage_reference', orgId);
      if (!(await viewerOf(deps, orgId)).isCustoms) {
        throw new AppError('customs.customs_only', 'Only a customs authority imports the positive list.');
      }
      return importPositiveList(deps.db, request.body.csv, {
        now: deps.now(),
        ...(request.body.fileName === undefined ? {} : { fileName: request.body.fileName }),
        audit: (trx) =>
          recordAuditSuccess(trx, request, {
            organisationId: orgId,
            object: { type: 'positive_list', id: 'positive_list' },
            detail: { fileName: request.body.fileName ?? null },
          }),
      });
    },
  );
};
