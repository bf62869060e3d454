import { AppError } from '@tradehub/kernel';
import type { FastifyRequest } from 'fastify';
import { type AccessObject, type Action, type Actor, can, type SharedGrantsInput } from '../access/index.ts';

/** The caller, or a 401 when the route was reached without one. */
export const requireActor = (request: FastifyRequest): Actor => {
  if (request.actor === null) {
    throw new AppError('http.unauthenticated', 'Sign in or send an API key.');
  }

  return request.actor;
};

/**
 * Applies the decision point to one object. An object the caller has no relation to is reported
 * as not found, so probing ids never reveals what another organisation holds.
 */
export const authorize = (
  request: FastifyRequest,
  action: Action,
  object: AccessObject,
  sharedWith?: SharedGrantsInput,
): Actor => {
  const actor = requireActor(request);
  const decision = can(actor, action, object, sharedWith);
  if (decision === 'hidden') {
    throw new AppError('http.not_found', `No ${object.type} ${object.id}.`);
  }
  if (decision === 'forbidden') {
    throw new AppError('http.forbidden', `Your role does not allow ${action}.`);
  }

  return actor;
};
