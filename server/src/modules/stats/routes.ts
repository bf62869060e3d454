import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../platform/http/index.ts';
import type { StatsDeps } from './deps.ts';
import {
  breakdown,
  breakdownDimensions,
  includesSynthetic,
  monthlySeries,
  targetsDashboard,
  topEnterprises,
} from './facts/dashboard.ts';
import { contentTypes } from './facts/dimensions.ts';
import { registerPolicyMeasureRoutes } from './policy-measures/index.ts';
import { registerReportingRoutes } from './reporting/routes-reporting.ts';
import { registerWhitePaperRoutes } from './white-paper/index.ts';
import { registerIndexRoutes } from './zhejiang-index/index.ts';

const tags = ['stats'];
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const ZOrgParams = z.object({ orgId: z.string().max(64) });
// Defaults to the current year, so a dashboard opens without asking.
const year = z.coerce
  .number()
  .int()
  .min(2000)
  .max(2100)
  .default(() => new Date().getUTCFullYear());
const ZPeriod = z.object({ year, throughMonth: z.coerce.number().int().min(1).max(12).default(12) });
const usd = z.string().regex(/^\d+$/).describe('USD in cents, an integer as a string');
const READERS: ReadonlySet<string> = new Set(['regulator', 'customs_authority']);

/** The caller must read as a regulator: the commerce department or customs. */
const asRegulator = async (deps: StatsDeps, request: FastifyRequest, orgId: string) => {
  authorize(request, 'stats.read', { type: 'organisation', id: orgId, organisationId: orgId });
  if (!READERS.has((await deps.organisationKind(orgId)) ?? '')) {
    throw new AppError(
      'stats.regulators_only',
      'The digital-trade statistics are for the commerce department and customs.',
    );
  }
};

/**
 * Figures by enterprise are confidential statistics: only a regulator (the commerce department),
 * and in it only a person whose role carries `stats.read_enterprises`, sees them.
 */
const asEnterpriseReader = async (deps: StatsDeps, request: FastifyRequest, orgId: string) => {
  authorize(request, 'stats.read_enterprises', { type: 'organisation', id: orgId, organisationId: orgId });
  if ((await deps.organisationKind(orgId)) !== 'regulator') {
    throw new AppError(
      'stats.regulators_only',
      'The enterprises behind the statistics are for the commerce department only.',
    );
  }
};

/** The commerce department's dashboard (docs/statistics.md). */
export const registerStatsRoutes = (root: FastifyInstance, deps: StatsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  registerReportingRoutes(root, deps);
  registerPolicyMeasureRoutes(root, deps);
  registerIndexRoutes(root, deps);
  registerWhitePaperRoutes(root, deps);
  const base = '/api/orgs/:orgId/stats/dashboard';

  app.get(
    `${base}/targets`,
    {
      schema: {
        tags,
        summary:
          "The policy's four targets against the year to date, with last year and the run-rate still needed",
        params: ZOrgParams,
        querystring: ZPeriod,
        response: {
          200: z.object({
            synthetic: z.boolean().describe('true when synthetic (demo) facts are among the data'),
            period: z.object({ year: z.number(), throughMonth: z.number() }),
            digitalTrade: z.object({
              usdMinor: usd,
              targetUsdMinor: usd,
              previousYearUsdMinor: usd,
              growth: z.number().nullable(),
              growthTarget: z.number(),
              runRateNeededUsdMinor: usd,
            }),
            cbecShareOfConsumerGoods: z.object({ share: z.number().nullable(), target: z.number() }),
            digitalShareOfServices: z.object({ share: z.number().nullable(), target: z.number() }),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asRegulator(deps, request, request.params.orgId);
      return {
        ...(await targetsDashboard(deps.db.kysely, request.query)),
        synthetic: await includesSynthetic(deps.db.kysely),
      };
    },
  );

  app.get(
    `${base}/breakdown`,
    {
      schema: {
        tags,
        summary:
          'Trade by customs mode, partner, HS chapter, EBOPS category, content type or city, with growth',
        params: ZOrgParams,
        querystring: ZPeriod.extend({
          dimension: z.enum(breakdownDimensions),
          flow: z.enum(['export', 'import']).optional(),
          customsMode: z.enum(['9610', '9710', '9810', '1210', '0110']).optional(),
          digitalOnly: z
            .enum(['true', 'false'])
            .default('true')
            .transform((v) => v === 'true'),
        }),
        response: {
          200: z.object({
            synthetic: z.boolean(),
            dimension: z.enum(breakdownDimensions),
            period: z.object({ year: z.number(), throughMonth: z.number() }),
            items: z.array(
              z.object({
                key: z.string(),
                usdMinor: usd,
                previousYearUsdMinor: usd,
                growth: z.number().nullable(),
              }),
            ),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asRegulator(deps, request, request.params.orgId);
      return {
        ...(await breakdown(deps.db.kysely, request.query)),
        synthetic: await includesSynthetic(deps.db.kysely),
      };
    },
  );

  app.get(
    `${base}/enterprises`,
    {
      schema: {
        tags,
        summary:
          'The enterprises behind a figure, largest first, with amount and share (authorised regulator roles only)',
        params: ZOrgParams,
        querystring: ZPeriod.extend({
          flow: z.enum(['export', 'import']).optional(),
          customsMode: z.enum(['9610', '9710', '9810', '1210', '0110']).optional(),
          partner: z
            .string()
            .regex(/^[A-Z]{2}$/)
            .optional(),
          city: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
          hsChapter: z
            .string()
            .regex(/^\d{2}$/)
            .optional(),
          ebops: z
            .string()
            .regex(/^S[A-L]$/)
            .optional(),
          contentType: z.enum(contentTypes).optional(),
          digitalOnly: z
            .enum(['true', 'false'])
            .default('true')
            .transform((v) => v === 'true'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({
            synthetic: z.boolean(),
            period: z.object({ year: z.number(), throughMonth: z.number() }),
            totalUsdMinor: usd,
            enterprises: z.number().int().describe('how many enterprises the filter holds'),
            items: z.array(
              z.object({
                enterpriseCode: z.string(),
                organisationId: z.string().nullable(),
                name: z.string().nullable(),
                nameZh: z.string().nullable(),
                usdMinor: usd,
                share: z.number().nullable(),
                facts: z.number().int(),
              }),
            ),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asEnterpriseReader(deps, request, request.params.orgId);
      const found = await topEnterprises(deps.db.kysely, request.query);
      const ids = found.items.flatMap((item) => (item.organisationId === null ? [] : [item.organisationId]));
      const names = await deps.organisationNames(ids);
      return {
        ...found,
        items: found.items.map((item) => {
          const name = item.organisationId === null ? undefined : names.get(item.organisationId);
          return { ...item, name: name?.name ?? null, nameZh: name?.nameZh ?? null };
        }),
        synthetic: await includesSynthetic(deps.db.kysely),
      };
    },
  );

  app.get(
    `${base}/series`,
    {
      schema: {
        tags,
        summary: 'Digital trade per month of a year and the year before',
        params: ZOrgParams,
        querystring: z.object({ year }),
        response: {
          200: z.object({
            synthetic: z.boolean(),
            items: z.array(z.object({ month: z.string(), usdMinor: usd })),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      await asRegulator(deps, request, request.params.orgId);
      return {
        synthetic: await includesSynthetic(deps.db.kysely),
        items: await monthlySeries(deps.db.kysely, request.query.year),
      };
    },
  );
};
