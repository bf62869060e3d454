import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asOrganisation, id, orgAccess, tags, writeContext, ZOrgParams } from '../routes-common.ts';
import type { CreditDeps } from './deps.ts';
import type { CreditKey } from './service/credit-key.ts';
import {
  createSnapshot,
  getSnapshot,
  listSnapshots,
  scorecardView,
  shareSnapshot,
} from './service/snapshots.ts';

const ZSnapshotParams = ZOrgParams.extend({ snapshotId: id });
const snapshotAccess = { ...orgAccess, objects: { snapshotId: 'credit_snapshot' } };
const base = '/api/orgs/:orgId/finance/credit';

const ZExplanation = z.object({ key: z.string(), values: z.record(z.string(), z.number()) });
const ZFactorScore = z.object({
  factor: z.string(),
  points: z.number().int(),
  min: z.number().int(),
  max: z.number().int(),
  explanation: ZExplanation,
});
const ZBilingual = z.object({ en: z.string(), 'zh-CN': z.string() });
const ZSnapshot = z.object({
  id: z.string(),
  organisationId: z.string(),
  createdAt: z.string(),
  score: z.number().int(),
  grade: z.string(),
  scorecardVersion: z.string(),
  payload: z.object({
    type: z.string(),
    id: z.string(),
    organisationId: z.string(),
    computedAt: z.string(),
    keyId: z.string(),
    facts: z.record(z.string(), z.unknown()),
    score: z.object({
      scorecardVersion: z.string(),
      total: z.number().int(),
      grade: z.string(),
      factors: z.array(ZFactorScore),
    }),
  }),
  explanations: z.array(
    z.object({ factor: z.string(), points: z.number().int(), max: z.number().int(), text: ZBilingual }),
  ),
  verification: z.object({
    signedPayload: z.string(),
    payloadSha256: z.string(),
    signature: z.object({
      algorithm: z.literal('Ed25519'),
      keyId: z.string(),
      publicKey: z.string(),
      value: z.string(),
    }),
    log: z.object({
      entry: z.string(),
      leafHash: z.string(),
      index: z.number().int().nullable(),
      tlogProof: z.string().nullable(),
      verifierKey: z.string(),
    }),
  }),
  sharedWith: z.array(z.object({ organisationId: z.string(), sharedAt: z.string() })).optional(),
});
const ZSnapshotSummary = z.object({
  id: z.string(),
  organisationId: z.string(),
  createdAt: z.string(),
  score: z.number().int(),
  grade: z.string(),
  scorecardVersion: z.string(),
  own: z.boolean(),
});

/** Registers the credit-score routes (docs/credit-scores.md). */
export const registerCreditRoutes = (root: FastifyInstance, deps: CreditDeps, key: CreditKey) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    `${base}/scorecard`,
    {
      schema: {
        tags,
        summary:
          'The published scorecard: factors, ranges, steps, grades, and the keys that sign and log snapshots',
        params: ZOrgParams,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      asOrganisation(request, 'credit_score.read', request.params.orgId);
      return scorecardView(deps, key);
    },
  );

  app.post(
    `${base}/snapshots`,
    {
      schema: {
        tags,
        summary: "Compute the organisation's score from its verified records, sign it and log its hash",
        params: ZOrgParams,
        response: { 201: ZSnapshot },
      },
      config: { access: orgAccess, audit: 'finance.credit.snapshot' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'credit_score.snapshot', orgId);
      return reply.status(201).send(await createSnapshot(deps, key, writeContext(request), orgId));
    },
  );

  app.get(
    `${base}/snapshots`,
    {
      schema: {
        tags,
        summary: "The organisation's own snapshots and those shared with it, newest first",
        params: ZOrgParams,
        querystring: z
          .object({ cursor: id.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
          .strict(),
        response: { 200: z.object({ items: z.array(ZSnapshotSummary), nextCursor: z.string().nullable() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'credit_score.read', orgId);
      return listSnapshots(deps, orgId, request.query);
    },
  );

  app.get(
    `${base}/snapshots/:snapshotId`,
    {
      schema: {
        tags,
        summary:
          'A snapshot with its facts, explanations, signature and log inclusion (own, or shared with the organisation)',
        params: ZSnapshotParams,
        response: { 200: ZSnapshot },
      },
      config: { access: snapshotAccess },
    },
    async (request) => {
      const { orgId, snapshotId } = request.params;
      asOrganisation(request, 'credit_score.read', orgId);
      return getSnapshot(deps, key, orgId, snapshotId);
    },
  );

  app.post(
    `${base}/snapshots/:snapshotId/shares`,
    {
      schema: {
        tags,
        summary: 'Share one of the organisation’s snapshots with a bank, payment institution or insurer',
        params: ZSnapshotParams,
        body: z.strictObject({ organisationId: id }),
        response: {
          201: z.object({ snapshotId: z.string(), organisationId: z.string(), sharedAt: z.string() }),
        },
      },
      config: { access: snapshotAccess, audit: 'finance.credit.share' },
    },
    async (request, reply) => {
      const { orgId, snapshotId } = request.params;
      asOrganisation(request, 'credit_score.share', orgId);
      return reply
        .status(201)
        .send(
          await shareSnapshot(deps, writeContext(request), orgId, snapshotId, request.body.organisationId),
        );
    },
  );
};
