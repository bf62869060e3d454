import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LogContext } from './service/context.ts';
import { getCheckpoint } from './service/get-checkpoint.ts';
import { readTile, type Tile } from './service/read-tile.ts';

const tags = ['transparency-log'];
const publicAccess = { access: { kind: 'public' as const } };

// Full tiles never change; a partial tile is replaced by a wider one as the tree grows, and the
// checkpoint moves with every batch.
const immutable = 'public, max-age=31536000, immutable';
const shortLived = 'public, max-age=5';

// Long enough for any canonical path (64 levels of 3-digit groups); the parser decides the rest.
const ZTileRest = z.string().max(300);

const sendTile = (reply: FastifyReply, tile: Tile) =>
  reply
    .header('cache-control', tile.full ? immutable : shortLived)
    .type('application/octet-stream')
    .send(Buffer.from(tile.bytes.buffer, tile.bytes.byteOffset, tile.bytes.byteLength));

/** Registers the log's read routes, the C2SP tlog-tiles layout under `/log`. */
export const registerTransparencyLogRoutes = (root: FastifyInstance, ctx: LogContext) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/log/checkpoint',
    {
      schema: {
        tags,
        summary: 'The latest signed checkpoint (C2SP tlog-checkpoint, text/plain)',
      },
      config: publicAccess,
    },
    async (_request, reply) => {
      const { note } = await getCheckpoint(ctx);
      return reply.header('cache-control', shortLived).type('text/plain; charset=utf-8').send(note);
    },
  );

  app.get(
    '/log/vkey',
    {
      schema: {
        tags,
        summary: "The log's Ed25519 verifier key (C2SP signed-note vkey, text/plain)",
      },
      config: publicAccess,
    },
    async (_request, reply) =>
      reply
        .header('cache-control', shortLived)
        .type('text/plain; charset=utf-8')
        .send(`${ctx.key.verifierKey}\n`),
  );

  app.get(
    '/log/tile/entries/*',
    {
      schema: {
        tags,
        summary: 'An entry bundle: tile/entries/<N>[.p/<W>] (C2SP tlog-tiles)',
        params: z.object({ '*': ZTileRest }),
      },
      config: publicAccess,
    },
    async (request, reply) => sendTile(reply, await readTile(ctx, `tile/entries/${request.params['*']}`)),
  );

  app.get(
    '/log/tile/:level/*',
    {
      schema: {
        tags,
        summary: 'A hash tile: tile/<L>/<N>[.p/<W>] (C2SP tlog-tiles)',
        params: z.object({ level: z.string().max(20), '*': ZTileRest }),
      },
      config: publicAccess,
    },
    async (request, reply) =>
      sendTile(reply, await readTile(ctx, `tile/${request.params.level}/${request.params['*']}`)),
  );
};
