import { listOrganisationRoles, type Role } from '../../../platform/access/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { findUsers } from '../repository.ts';

/** The people of one organisation with their roles. */
export const listMembers = async (deps: IdentityDeps, organisationId: string) => {
  const roles = await listOrganisationRoles(deps.db.kysely, organisationId);
  const users = new Map(
    (
      await findUsers(
        deps.db.kysely,
        roles.map((r) => r.userId),
      )
    ).map((user) => [user.id, user]),
  );

  return {
    items: roles.flatMap((entry) => {
      const user = users.get(entry.userId);
      return user === undefined
        ? []
        : [
            {
              userId: user.id,
              email: user.email,
              displayName: user.display_name,
              role: entry.role as Role,
              joinedAt: entry.since.toISOString(),
            },
          ];
    }),
  };
};
