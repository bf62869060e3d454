import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { actorId } from '../../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { StatsDeps } from '../deps.ts';
import { CSV_TYPE, indexCsv, indexXlsx, XLSX_TYPE } from './downloads.ts';
import { computeRun, getRun, listRuns, loadPublished, publishedYears, publishRun } from './runs.ts';

const tags = ['stats'];
const id = z.string().max(64);
const ZOrgParams = z.object({ orgId: id });
const ZRunParams = ZOrgParams.extend({ runId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const runAccess = { ...orgAccess, objects: { runId: 'index_run' } };
const publicAccess = { kind: 'public' as const };
const base = '/api/orgs/:orgId/stats/index';
const year = z.coerce.number().int().min(2000).max(2100);
// The same readers as the dashboards (routes.ts): the commerce department and customs.
const READERS: ReadonlySet<string> = new Set(['regulator', 'customs_authority']);

const asRegulator = async (deps: StatsDeps, request: FastifyRequest, orgId: string, action: Action) => {
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });
  if (!READERS.has((await deps.organisationKind(orgId)) ?? '')) {
    throw new AppError(
      'stats.regulators_only',
      'The digital-trade statistics are for the commerce department and customs.',
    );
  }
};

const rank = z.number();
const ZPublishedCity = z.object({
  city: z.string(),
  score: z.number(),
  rebased: z.number().nullable(),
  rank: z.number().int(),
  previousRank: z.number().int().nullable(),
  pillars: z.record(z.string(), z.object({ score: z.number(), rank: z.number().int() })),
  uncertainty: z.object({ medianRank: rank, q05Rank: rank, q95Rank: rank }),
  strengths: z.array(z.string()),
  weaknesses: z.array(z.string()),
});
const indexFields = {
  year: z.number().int(),
  specId: z.string(),
  specVersion: z.number().int(),
  engine: z.string(),
  baseYear: z.number().int(),
  seed: z.number().int(),
  runs: z.number().int(),
  synthetic: z.boolean().describe('true when synthetic (demo) facts are behind any indicator'),
  pillars: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), weight: z.number() })),
  indicators: z.array(
    z.object({
      id: z.string(),
      pillar: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      unitZh: z.string(),
      unitEn: z.string(),
    }),
  ),
  cities: z.array(ZPublishedCity),
  series: z.array(z.object({ city: z.string(), year: z.number().int(), rebased: z.number().nullable() })),
};
const ZPublishedIndex = z.object({
  ...indexFields,
  publishedAt: z.string(),
  publishedBy: z.string(),
  publishedByZh: z.string().optional(),
  publishedYears: z.array(z.number().int()).optional(),
});
const ZRunSummary = z.object({
  id: z.string(),
  year: z.number().int(),
  baseYear: z.number().int(),
  specId: z.string(),
  specVersion: z.number().int(),
  specHash: z.string(),
  engine: z.string(),
  seed: z.number().int(),
  runs: z.number().int(),
  inputsHash: z.string(),
  synthetic: z.boolean(),
  status: z.enum(['computed', 'published', 'superseded']),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  supersededAt: z.string().nullable(),
  top: z.object({ city: z.string(), score: z.number() }).nullable(),
});
const nullableScores = z.record(z.string(), z.number().nullable());
const ZRunDetail = ZRunSummary.extend({
  result: z.object({
    index: z.object(indexFields),
    table: z.array(
      z.object({
        city: z.string(),
        raw: nullableScores,
        normalised: nullableScores,
        pillars: nullableScores,
      }),
    ),
    leftOut: z.array(z.string()),
    throughMonth: z.number().int(),
  }),
});

const notPublished = (y: number | undefined) =>
  new AppError(
    'stats.index_not_published',
    y === undefined
      ? 'No Zhejiang Index has been published yet.'
      : `No Zhejiang Index is published for ${y}.`,
  );

/** The Zhejiang Index: runs for the commerce department, the published index for everyone. */
export const registerIndexRoutes = (root: FastifyInstance, deps: StatsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const audit =
    (request: FastifyRequest) =>
    (ex: Parameters<typeof recordAuditSuccess>[0], change: Parameters<typeof recordAuditSuccess>[2]) =>
      recordAuditSuccess(ex, request, change);

  app.post(
    `${base}/runs`,
    {
      schema: {
        tags,
        summary:
          'Compute the Zhejiang Index of a year from the facts, with its Monte Carlo rank bands (stored as a run, not yet published)',
        params: ZOrgParams,
        body: z
          .object({
            year,
            runs: z.number().int().min(10).max(5_000).default(1_000).describe('Monte Carlo replications'),
            seed: z
              .number()
              .int()
              .min(0)
              .max(2_147_483_647)
              .optional()
              .describe('Seed of the uncertainty analysis; defaults to the year'),
          })
          .strict(),
        response: { 201: ZRunDetail },
      },
      config: { access: orgAccess, audit: 'stats.index_run.compute' },
    },
    async (request, reply) => {
      await asRegulator(deps, request, request.params.orgId, 'stats_index.compute');
      const { year: y, runs, seed } = request.body;
      const run = await computeRun(deps.db, {
        organisationId: request.params.orgId,
        actorId: request.actor === null ? 'unknown' : actorId(request.actor),
        year: y,
        runs,
        seed: seed ?? y,
        audit: audit(request),
      });
      return reply.status(201).send(run);
    },
  );

  app.get(
    `${base}/runs`,
    {
      schema: {
        tags,
        summary: "The organisation's index runs, newest first",
        params: ZOrgParams,
        querystring: z.object({ year: year.optional() }),
        response: { 200: z.object({ items: z.array(ZRunSummary) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asRegulator(deps, request, request.params.orgId, 'stats.read');
      return { items: await listRuns(deps.db.kysely, request.params.orgId, request.query.year) };
    },
  );

  app.get(
    `${base}/runs/:runId`,
    {
      schema: {
        tags,
        summary: 'One index run with its results',
        params: ZRunParams,
        response: { 200: ZRunDetail },
      },
      config: { access: runAccess },
    },
    async (request) => {
      await asRegulator(deps, request, request.params.orgId, 'stats.read');
      return getRun(deps.db.kysely, request.params.orgId, request.params.runId);
    },
  );

  app.post(
    `${base}/runs/:runId/publish`,
    {
      schema: {
        tags,
        summary:
          "Publish the run as its year's Zhejiang Index; the run published before for that year is superseded (and stays readable)",
        params: ZRunParams,
        response: { 200: ZRunDetail },
      },
      config: { access: runAccess, audit: 'stats.index_run.publish' },
    },
    async (request) => {
      const { orgId, runId } = request.params;
      await asRegulator(deps, request, orgId, 'stats_index.publish');
      // The index is the commerce department's publication: customs computes and reads runs only.
      if ((await deps.organisationKind(orgId)) !== 'regulator') {
        throw new AppError('stats.index_commerce_only', 'Only the commerce department publishes the index.');
      }
      const names = await deps.organisationNames([orgId]);
      const name = names.get(orgId);
      return publishRun(deps.db, {
        organisationId: orgId,
        runId,
        publishedBy: { en: name?.name ?? orgId, zh: name?.nameZh ?? name?.name ?? orgId },
        now: deps.now(),
        audit: audit(request),
      });
    },
  );

  const publicBase = '/api/public/zhejiang-index';

  app.get(
    publicBase,
    {
      schema: {
        tags,
        summary: 'The published Zhejiang Index of a year (the latest published year by default)',
        querystring: z.object({ year: year.optional() }),
        response: { 200: ZPublishedIndex },
      },
      config: { access: publicAccess },
    },
    async (request) => {
      const found = await loadPublished(deps.db.kysely, request.query.year);
      if (found === null) {
        throw notPublished(request.query.year);
      }
      return { ...found.index, publishedYears: await publishedYears(deps.db.kysely) };
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `${publicBase}/:year/data.${format}`,
      {
        schema: {
          tags,
          summary: `The published index of a year as ${format.toUpperCase()}: indicators, normalised scores, pillars, index, ranks and bands`,
          params: z.object({ year }),
        },
        config: { access: publicAccess },
      },
      async (request, reply) => {
        const found = await loadPublished(deps.db.kysely, request.params.year);
        if (found === null) {
          throw notPublished(request.params.year);
        }
        const name = `zhejiang-index-${request.params.year}`;
        reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
        if (format === 'csv') {
          return reply.type(`${CSV_TYPE}; charset=utf-8`).send(indexCsv(found.index, found.result));
        }
        return reply.type(XLSX_TYPE).send(await indexXlsx(found.index, found.result));
      },
    );
  }
};
