import type { Actor } from '../../../platform/access/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { findOrganisations } from '../repository.ts';
import { presentOrganisationSummary } from './presenters.ts';

/** The organisations the caller belongs to (an API key: its own). */
export const listOrganisations = async (deps: IdentityDeps, actor: Actor) => {
  const rows = await findOrganisations(deps.db.kysely, [...actor.roles.keys()]);

  return { items: rows.map(presentOrganisationSummary) };
};
