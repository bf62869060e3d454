import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Action } from '../../platform/access/index.ts';
import { authorize, recordAuditSuccess, requireActor } from '../../platform/http/index.ts';
import type { WriteContext } from './service/context.ts';

// What every finance route file shares: the OpenAPI tag, the id and path shapes, the access of
// an organisation route, and how a request becomes a service's write context.

export const tags = ['finance'];
export const id = z.string().max(64);
export const ZOrgParams = z.object({ orgId: id });
export const orgAccess = { kind: 'organisation' as const, param: 'orgId' };

export const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: requireActor(request),
  requestId: request.id,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

/**
 * The caller's role in the organisation it acts as must allow `action` (404 when it is no member);
 * the services then refuse what the organisation's kind or relation does not allow.
 */
export const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });
