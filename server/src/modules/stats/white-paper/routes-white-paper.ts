import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { StatsDeps } from '../deps.ts';
import {
  generateWhitePaper,
  type WhitePaperFile,
  type WhitePaperFormat,
  whitePaperFingerprint,
} from './generate.ts';
import { whitePaperLangs } from './messages.ts';

const tags = ['stats'];
const ZParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const ZQuery = z.object({ lang: z.enum(whitePaperLangs).default('zh-CN') });
// Rendering a PDF costs tens to hundreds of milliseconds of CPU, and the route is public: the last
// few files are kept and served again while the figures and the day have not changed.
const CACHED_FILES = 8;

/**
 * The white paper is published: anyone may read it, as PDF or as one HTML file, in zh-CN or en.
 * It is built from the rollups and the published index only, never from an enterprise's figures.
 */
export const registerWhitePaperRoutes = (root: FastifyInstance, deps: StatsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const cache = new Map<string, WhitePaperFile>();
  const route = (format: WhitePaperFormat, summary: string) =>
    app.get(
      `/api/public/white-paper/:year.${format}`,
      {
        schema: { tags, summary, params: ZParams, querystring: ZQuery },
        config: { access: { kind: 'public' } },
      },
      async (request, reply) => {
        const { year } = request.params;
        const { lang } = request.query;
        const now = deps.now();
        const key = [
          year,
          lang,
          format,
          now.toISOString().slice(0, 10),
          await whitePaperFingerprint(deps.db, year),
        ].join('|');
        let file = cache.get(key);
        if (file === undefined) {
          file = await generateWhitePaper(deps.db, { year, lang, format, now });
          cache.set(key, file);
          for (const old of cache.keys()) {
            if (cache.size <= CACHED_FILES) {
              break;
            }
            cache.delete(old);
          }
        }
        return reply
          .type(file.contentType)
          .header(
            'content-disposition',
            `${format === 'pdf' ? 'attachment' : 'inline'}; filename="${file.fileName}"`,
          )
          .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
      },
    );
  route(
    'pdf',
    "The year's digital-trade white paper as PDF (zh-CN or en), labelled when the data are synthetic",
  );
  route('html', "The year's digital-trade white paper as one self-contained HTML file");
};
