import { AppError } from '@tradehub/kernel';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../platform/http/index.ts';
import type { ExpoDeps } from '../deps.ts';
import { hydrateHits } from './hydrate-hits.ts';
import { MAX_LIMIT, type SearchFilters, searchCatalogue, searchKinds } from './search-catalogue.ts';
import { recentSearches } from './search-counts.ts';

const tags = ['expo'];
const base = '/api/orgs/:orgId/expo/search';
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const ZOrgParams = z.object({ orgId: z.string().max(64) });

// The query text is checked by the search itself (length, searchable words) so that a too-long or
// punctuation-only query gets its own field error code on `q`; the transport bound stops abuse.
const ZSearchQuery = z.strictObject({
  q: z.string().max(20_000),
  kind: z
    .union([z.enum(searchKinds), z.array(z.enum(searchKinds)).max(3)])
    .optional()
    .describe('product, service or exhibitor; repeat for several; all when absent'),
  hsChapter: z
    .string()
    .regex(/^\d{2}$/, 'Two digits')
    .optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2')
    .optional(),
  certification: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/, 'A certification scheme')
    .optional(),
  verifiedOnly: z.enum(['true', 'false']).optional(),
  maxMoq: z
    .string()
    .regex(/^\d{1,15}(\.\d{1,3})?$/, 'A decimal quantity')
    .optional(),
  moqUnit: z
    .string()
    .regex(/^[A-Z0-9]{2,3}$/, 'A UN/ECE Recommendation 20 unit code')
    .optional(),
  maxPrice: z
    .string()
    .regex(/^\d{1,15}(\.\d{1,4})?$/, 'A decimal amount')
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'ISO 4217')
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(20),
  offset: z.coerce.number().int().min(0).max(400).default(0),
});

const ZCard = z.object({
  kind: z.enum(searchKinds),
  id: z.string(),
  organisationId: z.string(),
  score: z.number(),
  matchedTerms: z.array(z.string()),
  nameZh: z.string(),
  nameEn: z.string(),
  snippetZh: z.string(),
  snippetEn: z.string(),
  exhibitor: z.object({
    organisationId: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    country: z.string(),
  }),
  hsCode: z.string().nullable(),
  ebopsCode: z.string().nullable(),
  price: z.object({ currency: z.string(), min: z.string(), max: z.string() }).nullable(),
  moq: z.object({ quantity: z.string(), unit: z.string() }).nullable(),
  certifications: z.array(z.object({ scheme: z.string(), verification: z.string() })),
});

type SearchQuery = z.infer<typeof ZSearchQuery>;

/** The filters of the query string; a maximum MOQ needs its unit and a maximum price its currency. */
const filtersOf = (query: SearchQuery): SearchFilters => {
  const missing: { field: string; code: string; message: string }[] = [];
  if ((query.maxMoq === undefined) !== (query.moqUnit === undefined)) {
    const field = query.maxMoq === undefined ? 'maxMoq' : 'moqUnit';
    missing.push({ field, code: 'expo.required', message: 'A maximum MOQ and its unit go together.' });
  }
  if ((query.maxPrice === undefined) !== (query.currency === undefined)) {
    const field = query.maxPrice === undefined ? 'maxPrice' : 'currency';
    missing.push({ field, code: 'expo.required', message: 'A maximum price and its currency go together.' });
  }
  if (missing.length > 0) {
    throw new AppError('expo.invalid', 'See the fields.', { fieldErrors: missing });
  }
  return {
    ...(query.hsChapter === undefined ? {} : { hsChapter: query.hsChapter }),
    ...(query.country === undefined ? {} : { country: query.country.toUpperCase() }),
    ...(query.certification === undefined ? {} : { certification: query.certification }),
    ...(query.verifiedOnly === 'true' ? { verifiedOnly: true } : {}),
    ...(query.maxMoq === undefined || query.moqUnit === undefined
      ? {}
      : { maxMoq: { quantity: query.maxMoq, unit: query.moqUnit } }),
    ...(query.maxPrice === undefined || query.currency === undefined
      ? {}
      : { maxPrice: { amount: query.maxPrice, currency: query.currency } }),
  };
};

/** GET search (published products, services and exhibitors) and the caller's recent searches. */
export const registerSearchRoutes = (root: FastifyInstance, deps: ExpoDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Search published products, services and exhibitors in Chinese and English',
        params: ZOrgParams,
        querystring: ZSearchQuery,
        response: {
          200: z.object({
            items: z.array(ZCard),
            total: z.number(),
            totalCapped: z.boolean().describe('More matches than were counted (10,000)'),
            matchMode: z.enum(['all', 'any']).describe('any: nothing matched every word'),
            tookMs: z.number(),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      authorize(request, 'expo_search.read', { type: 'organisation', id: orgId, organisationId: orgId });
      const query = request.query;
      const filters = filtersOf(query);
      const kinds =
        query.kind === undefined ? undefined : Array.isArray(query.kind) ? query.kind : [query.kind];
      const result = await searchCatalogue(deps.db, {
        q: query.q,
        ...(kinds === undefined ? {} : { kinds }),
        filters,
        limit: query.limit,
        offset: query.offset,
        recordFor: { organisationId: orgId, at: deps.now() },
      });
      return {
        items: await hydrateHits(deps.db, result.hits),
        total: result.total,
        totalCapped: result.totalCapped,
        matchMode: result.matchMode,
        tookMs: result.tookMs,
      };
    },
  );

  app.get(
    `${base}/recent`,
    {
      schema: {
        tags,
        summary: "The organisation's own latest searches (distinct texts, newest first)",
        params: ZOrgParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({ query: z.string(), language: z.string(), resultCount: z.number(), at: z.string() }),
            ),
          }),
        },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      authorize(request, 'expo_search.read', { type: 'organisation', id: orgId, organisationId: orgId });
      return { items: await recentSearches(deps.db, orgId) };
    },
  );
};
