import { listCountries } from '@tradehub/kernel';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CodeLists } from './code-lists.ts';

const tags = ['codes'];
const publicRoute = { access: { kind: 'public' as const } };

/** Reference code lists for forms: countries, UN/LOCODE and HS search. Public, read-only. */
export const registerCodeRoutes = (root: FastifyInstance, codes: CodeLists) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const countries = listCountries().map((c) => ({
    alpha2: c.alpha2,
    alpha3: c.alpha3,
    nameEn: c.nameEn,
    nameZh: c.nameZh,
  }));

  app.get(
    '/api/codes/countries',
    {
      schema: {
        tags,
        summary: 'ISO 3166-1 countries with English and Chinese names',
        response: {
          200: z.object({
            items: z.array(
              z.object({ alpha2: z.string(), alpha3: z.string(), nameEn: z.string(), nameZh: z.string() }),
            ),
          }),
        },
      },
      config: publicRoute,
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return { items: countries };
    },
  );

  app.get(
    '/api/codes/unlocode',
    {
      schema: {
        tags,
        summary: 'Search UN/LOCODE locations by code or name',
        querystring: z.object({
          q: z.string().trim().max(60).default(''),
          country: z.string().trim().toUpperCase().length(2).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ code: z.string(), name: z.string(), country: z.string(), functions: z.string() }),
            ),
          }),
        },
      },
      config: publicRoute,
    },
    async (request) => {
      const { q, country, limit } = request.query;
      const found = codes.unlocodes.search(q, { ...(country === undefined ? {} : { country }), limit });
      return {
        items: found.map((e) => ({ code: e.code, name: e.name, country: e.country, functions: e.functions })),
      };
    },
  );

  app.get(
    '/api/codes/hs',
    {
      schema: {
        tags,
        summary: 'Search the Harmonized System 2022 by code or description',
        querystring: z.object({
          q: z.string().trim().min(1).max(100),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), description: z.string(), level: z.number() })),
          }),
        },
      },
      config: publicRoute,
    },
    async (request) => ({
      items: codes.hs
        .search(request.query.q, request.query.limit)
        .map((h) => ({ code: h.code, description: h.description, level: h.level })),
    }),
  );
};
