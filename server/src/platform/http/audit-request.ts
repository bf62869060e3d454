import { assert } from '@tradehub/kernel';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../access/index.ts';
import { type AuditOutcome, appendAudit } from '../audit/index.ts';
import { claimRequestIdempotencyKey } from './idempotency.ts';

export type AuditedObject = { type: string; id: string };

const actorOf = (request: FastifyRequest) => {
  const actor = request.actor;
  if (actor === null) {
    return { type: 'anonymous' as const, id: null, label: request.ip };
  }
  return actor.kind === 'user'
    ? { type: 'user' as const, id: actor.userId, label: actor.label }
    : { type: 'api_key' as const, id: actor.apiKeyId, label: actor.label };
};

/**
 * Records the success of the current request's audited action inside the transaction that made
 * the change, so the trail and the change commit together or not at all.
 */
export const recordAuditSuccess = async (
  ex: Executor,
  request: FastifyRequest,
  entry: { organisationId: string | null; object: AuditedObject | null; detail?: Record<string, unknown> },
) => {
  const action = request.routeOptions.config.audit;
  assert(action !== undefined, `route ${request.routeOptions.url} records audit without an audit action`);
  await claimRequestIdempotencyKey(ex, request);
  await appendAudit(ex, {
    organisationId: entry.organisationId,
    actor: actorOf(request),
    action,
    object: entry.object,
    requestId: request.id,
    outcome: 'success',
    statusCode: successStatusOf(request),
    ...(entry.detail === undefined ? {} : { detail: entry.detail }),
  });
  request.auditWrites += 1;
};

// The status the route answers on success, read from its declared response schema (201 for a
// create, 204 for a route that declares no body), so the trail records what the client saw.
const successStatusOf = (request: FastifyRequest): number => {
  const responses = (request.routeOptions.schema as { response?: Record<string, unknown> } | undefined)
    ?.response;
  const declared = Object.keys(responses ?? {})
    .map(Number)
    .find((status) => status >= 200 && status < 300);
  return declared ?? 204;
};

const outcomeOf = (statusCode: number): AuditOutcome =>
  [401, 403, 404, 429].includes(statusCode) ? 'denied' : 'failed';

/**
 * Records a failed or refused write after its transaction rolled back. The row is filed under
 * the organisation named in the path only when the caller belongs to it, so nobody can write
 * into another organisation's trail by probing it.
 */
export const recordAuditFailure = async (ex: Executor, request: FastifyRequest, statusCode: number) => {
  const action = request.routeOptions.config.audit;
  if (action === undefined) {
    return;
  }
  const access = request.routeOptions.config.access;
  const params = request.params as Record<string, string | undefined>;
  const pathOrganisation = access?.kind === 'organisation' ? params[access.param] : undefined;
  const organisationId =
    pathOrganisation !== undefined && request.actor?.roles.has(pathOrganisation) === true
      ? pathOrganisation
      : null;
  await appendAudit(ex, {
    organisationId,
    actor: actorOf(request),
    action,
    object: null,
    requestId: request.id,
    outcome: outcomeOf(statusCode),
    statusCode,
  });
};
