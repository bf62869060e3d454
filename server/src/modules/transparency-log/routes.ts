import { AppError } from '@tradehub/kernel';
import { fromBase64 } from '@tradehub/verifier';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, recordAuditSuccess } from '../../platform/http/index.ts';
import type { StoredCheckpoint } from './repository.ts';
import {
  ZAppendEntries,
  ZAppendIntegrated,
  ZAppendPending,
  ZCheckpointPage,
  ZConsistencyProof,
  ZEntry,
  ZInclusionProof,
  ZTreeNumber,
} from './schemas.ts';
import { type AppendDeps, appendEntries } from './service/append-entries.ts';
import { consistencyProof } from './service/consistency-proof.ts';
import type { LogContext } from './service/context.ts';
import { getEntry } from './service/find-entry.ts';
import { getCheckpoint } from './service/get-checkpoint.ts';
import { inclusionProof } from './service/inclusion-proof.ts';
import { listCheckpoints } from './service/list-checkpoints.ts';
import { readTile, type Tile } from './service/read-tile.ts';
import { tlogProof } from './service/tlog-proof.ts';

const tags = ['transparency-log'];
const publicAccess = { access: { kind: 'public' as const } };

// Full tiles, entries and proofs against a named tree size never change; a partial tile is
// replaced by a wider one as the tree grows, and "the latest" moves with every batch.
const immutable = 'public, max-age=31536000, immutable';
const shortLived = 'public, max-age=5';

// Long enough for any canonical path (64 levels of 3-digit groups); the parser decides the rest.
const ZTileRest = z.string().max(300);

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

const sendTile = (reply: FastifyReply, tile: Tile) =>
  reply
    .header('cache-control', tile.full ? immutable : shortLived)
    .type('application/octet-stream')
    .send(Buffer.from(tile.bytes.buffer, tile.bytes.byteOffset, tile.bytes.byteLength));

const presentCheckpoint = (checkpoint: StoredCheckpoint) => ({
  size: checkpoint.size,
  rootHash: base64(checkpoint.rootHash),
  createdAt: checkpoint.createdAt.toISOString(),
  note: checkpoint.note,
});

const decodeEntries = (entries: readonly string[]): Uint8Array[] =>
  entries.map((text, position) => {
    const bytes = fromBase64(text);
    if (bytes === undefined) {
      throw new AppError('transparency-log.entry_not_base64', `Entry ${position} is not standard base64.`, {
        fieldErrors: [
          {
            field: `entries.${position}`,
            code: 'transparency-log.entry_not_base64',
            message: 'standard base64',
          },
        ],
      });
    }
    return bytes;
  });

/** Registers the log's routes: C2SP tlog-tiles and the proof API under `/log`, and the append API. */
export const registerTransparencyLogRoutes = (root: FastifyInstance, ctx: LogContext, append: AppendDeps) => {
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

  registerProofRoutes(app, ctx);
  registerExplorerRoutes(app, ctx);
  registerAppendRoute(app, ctx, append);
};

const registerProofRoutes = (root: FastifyInstance, ctx: LogContext) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/log/proof/inclusion',
    {
      schema: {
        tags,
        summary:
          'RFC 9162 inclusion proof of an entry in the tree of a signed checkpoint (default the latest)',
        querystring: z.object({ index: ZTreeNumber, size: ZTreeNumber.optional() }).strict(),
        response: { 200: ZInclusionProof },
      },
      config: publicAccess,
    },
    async (request, reply) => {
      const { index, size } = request.query;
      const proof = await inclusionProof(ctx, index, size);
      reply.header('cache-control', size === undefined ? shortLived : immutable);
      return {
        index: proof.index,
        size: proof.size,
        leafHash: base64(proof.leafHash),
        hashes: proof.hashes.map(base64),
      };
    },
  );

  app.get(
    '/log/proof/consistency',
    {
      schema: {
        tags,
        summary: 'RFC 9162 consistency proof between two tree sizes (`to` default the latest)',
        querystring: z.object({ from: ZTreeNumber, to: ZTreeNumber.optional() }).strict(),
        response: { 200: ZConsistencyProof },
      },
      config: publicAccess,
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const proof = await consistencyProof(ctx, from, to);
      reply.header('cache-control', to === undefined ? shortLived : immutable);
      return { from: proof.from, to: proof.to, hashes: proof.hashes.map(base64) };
    },
  );

  app.get(
    '/log/proof/tlog-proof',
    {
      schema: {
        tags,
        summary: 'Offline proof bundle of an entry (C2SP tlog-proof@v1, text/plain; `extra` is the entry)',
        querystring: z.object({ index: ZTreeNumber, size: ZTreeNumber.optional() }).strict(),
      },
      config: publicAccess,
    },
    async (request, reply) => {
      const proof = await tlogProof(ctx, request.query.index, request.query.size);
      // Cosignatures may still be added to the checkpoint, so even a named size is not final.
      return reply
        .header('cache-control', shortLived)
        .header('content-disposition', `attachment; filename="entry-${proof.index}.tlog-proof"`)
        .type('text/plain; charset=utf-8')
        .send(proof.text);
    },
  );
};

const registerExplorerRoutes = (root: FastifyInstance, ctx: LogContext) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/log/checkpoints',
    {
      schema: {
        tags,
        summary: 'Signed checkpoints, newest first (for a log explorer)',
        querystring: z
          .object({
            before: ZTreeNumber.optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          })
          .strict(),
        response: { 200: ZCheckpointPage },
      },
      config: publicAccess,
    },
    async (request, reply) => {
      const page = await listCheckpoints(ctx, {
        limit: request.query.limit,
        ...(request.query.before === undefined ? {} : { before: request.query.before }),
      });
      reply.header('cache-control', shortLived);
      return { items: page.items.map(presentCheckpoint), nextBefore: page.nextBefore };
    },
  );

  app.get(
    '/log/entries/:index',
    {
      schema: {
        tags,
        summary: 'One integrated entry (the log is public: entries hold hashes only)',
        params: z.object({ index: ZTreeNumber }),
        response: { 200: ZEntry },
      },
      config: publicAccess,
    },
    async (request, reply) => {
      const entry = await getEntry(ctx, request.params.index);
      reply.header('cache-control', immutable);
      return {
        index: entry.index,
        leafHash: base64(entry.leafHash),
        body: base64(entry.body),
        appendedAt: entry.appendedAt.toISOString(),
      };
    },
  );
};

const registerAppendRoute = (root: FastifyInstance, ctx: LogContext, append: AppendDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/orgs/:orgId/log/entries',
    {
      schema: {
        tags,
        summary: 'Append entries (all or none); `?wait=integrated` answers with their tlog-proofs',
        description:
          'Without `wait`, or when the wait (about 10 s) runs out, answers 202 with the entries pending. ' +
          'With `wait=integrated`, answers 200 once a checkpoint covers them, with each index and C2SP tlog-proof.',
        params: z.object({ orgId: z.string().max(64) }),
        querystring: z.object({ wait: z.enum(['integrated']).optional() }).strict(),
        body: ZAppendEntries,
        response: { 200: ZAppendIntegrated, 202: ZAppendPending },
      },
      config: { access: { kind: 'organisation', param: 'orgId' }, audit: 'transparency-log.entries.append' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      authorize(request, 'log.append', { type: 'organisation', id: orgId, organisationId: orgId });
      const result = await appendEntries(ctx, append, {
        organisationId: orgId,
        bodies: decodeEntries(request.body.entries),
        waitForIntegration: request.query.wait === 'integrated',
        audit: (trx, detail) =>
          recordAuditSuccess(trx, request, { organisationId: orgId, object: null, detail }),
      });
      if (result.status === 'pending') {
        return reply.status(202).send({
          status: 'pending' as const,
          entries: result.entries.map((entry) => ({
            leafHash: base64(entry.leafHash),
            queueId: entry.queueId,
          })),
        });
      }
      return reply.status(200).send({
        status: 'integrated' as const,
        size: result.size,
        entries: result.entries.map((entry) => ({
          index: entry.index,
          leafHash: base64(entry.leafHash),
          tlogProof: entry.tlogProof,
        })),
      });
    },
  );
};
