import { AppError } from '@tradehub/kernel';
import type { Actor } from '../../../platform/access/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { findOrganisations, findUser } from '../repository.ts';
import { presentOrganisationSummary, presentUser } from './presenters.ts';

/** The signed-in person and the organisations they belong to, with their role in each. */
export const getMe = async (deps: IdentityDeps, actor: Actor) => {
  if (actor.kind !== 'user') {
    throw new AppError('http.forbidden', 'An API key has no personal profile.');
  }
  const [user, organisations] = await Promise.all([
    findUser(deps.db.kysely, actor.userId),
    findOrganisations(deps.db.kysely, [...actor.roles.keys()]),
  ]);
  if (user === undefined) {
    throw new AppError('http.unauthenticated', 'The account no longer exists.');
  }

  return {
    user: presentUser(user),
    memberships: organisations.map((row) => ({
      organisationId: row.id,
      role: actor.roles.get(row.id) ?? 'viewer',
      organisation: presentOrganisationSummary(row),
    })),
  };
};
