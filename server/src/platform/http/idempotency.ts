import { AppError, canonicalize, sha256Hex } from '@tradehub/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Executor } from '../access/index.ts';
import type { PersonalDataVault } from '../crypto/index.ts';
import {
  claimIdempotencyKey,
  findIdempotencyKey,
  type IdempotencyClaim,
  storeIdempotentResponse,
} from '../idempotency/index.ts';

export type IdempotencyOptions = {
  db: Executor;
  /** Stored answers can hold secrets shown once (an API key): they are kept encrypted. */
  vault: PersonalDataVault;
};

const keyShape = /^[\x21-\x7E]{1,200}$/;

const scopeOf = (request: FastifyRequest): string | null => {
  const actor = request.actor;
  if (actor === null) {
    return null;
  }
  // A person's keys are their own; an organisation's machine clients share one key space.
  return actor.kind === 'user' ? `user:${actor.userId}` : `organisation:${actor.organisationId}`;
};

const requestHashOf = (request: FastifyRequest): string =>
  sha256Hex(
    canonicalize({
      method: request.method,
      route: request.routeOptions.url ?? request.url,
      params: request.params ?? null,
      query: request.query ?? null,
      body: request.body ?? null,
    }),
  );

/**
 * Claims the request's idempotency key inside the transaction of the change, so a retry can never
 * run the change twice: the claim and the change commit together. Called by the audit recorder,
 * which every state-changing route already calls in that transaction.
 */
export const claimRequestIdempotencyKey = async (ex: Executor, request: FastifyRequest) => {
  const claim = request.idempotency;
  if (claim === null) {
    return;
  }
  if (!(await claimIdempotencyKey(ex, claim, new Date()))) {
    throw new AppError('http.idempotency_in_progress', 'A request with this Idempotency-Key is in progress.');
  }
  request.idempotencyClaimed = true;
};

/**
 * `Idempotency-Key` on every audited write: same key and same request replay the first answer;
 * same key and a different request is a 409; a request that failed claimed nothing and may be
 * retried with the same key.
 */
export const registerIdempotency = (app: FastifyInstance, options: IdempotencyOptions) => {
  app.decorateRequest('idempotency', null);
  app.decorateRequest('idempotencyClaimed', false);
  app.decorateRequest('idempotentReplay', false);

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    const scope = scopeOf(request);
    if (header === undefined || scope === null || request.routeOptions.config.audit === undefined) {
      return;
    }
    const key = Array.isArray(header) ? (header[0] ?? '') : header;
    if (!keyShape.test(key)) {
      throw new AppError('http.validation_failed', 'The Idempotency-Key header is not valid.', {
        fieldErrors: [
          {
            field: 'Idempotency-Key',
            code: 'kernel.invalid_format',
            message: '1 to 200 printable ASCII characters',
          },
        ],
      });
    }
    const requestHash = requestHashOf(request);
    const stored = await findIdempotencyKey(options.db, scope, key, new Date());
    if (stored === undefined) {
      const claim: IdempotencyClaim = { scope, key, requestHash, requestId: request.id };
      request.idempotency = claim;
      return;
    }
    if (stored.requestHash !== requestHash) {
      throw new AppError(
        'http.idempotency_conflict',
        'This Idempotency-Key was used for a different request.',
      );
    }
    if (stored.statusCode === null || stored.sealedResponse === null) {
      throw new AppError(
        'http.idempotency_in_progress',
        'A request with this Idempotency-Key is in progress.',
      );
    }
    request.idempotentReplay = true;
    const body = options.vault.decrypt(stored.sealedResponse);
    reply.header('idempotent-replayed', 'true').status(stored.statusCode);
    if (body.length > 0) {
      reply.type('application/json; charset=utf-8');
    }
    return reply.send(body.length > 0 ? body : undefined);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (claim !== null && request.idempotencyClaimed && reply.statusCode < 300) {
      const text =
        typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
      await storeIdempotentResponse(options.db, claim, reply.statusCode, options.vault.encrypt(text));
    }
    return payload;
  });
};
