import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/access/index.ts';
import type { IdentityDeps } from './deps.ts';
import type { CreateOrganisationInput } from './domain/organisation-fields.ts';
import { findUserByEmail, identityTables } from './repository.ts';
import { registerIdentityRoutes, sessionCookieName } from './routes.ts';
import { authenticate } from './service/authenticate.ts';
import type { WriteContext } from './service/context.ts';
import { createOrganisation } from './service/create-organisation.ts';
import { type CreateUserInput, createUser } from './service/create-user.ts';

export type { IdentityDeps, PasswordHasher } from './deps.ts';
export { createLoginLimiter } from './domain/login-limiter.ts';
export { ZCreateOrganisation } from './domain/organisation-fields.ts';
export { type OrganisationKind, organisationKinds } from './domain/organisation-kinds.ts';
export { identityErrorStatuses } from './errors.ts';
export { identityEvents } from './events.ts';
export type { WriteContext } from './service/context.ts';
export { createArgon2PasswordHasher } from './service/passwords.ts';
export { sessionCookieName };

/** The identity module bound to its dependencies: what the composition root and the CLI use. */
export const createIdentityModule = (deps: IdentityDeps) => ({
  /** Resolves the caller of an HTTP request from its session cookie or bearer API key. */
  authenticate: (request: FastifyRequest): Promise<Actor | null> =>
    authenticate(deps, {
      sessionToken: request.cookies[sessionCookieName],
      authorization: request.headers.authorization,
    }),
  registerRoutes: (app: FastifyInstance) => registerIdentityRoutes(app, deps),
  /** Registers a person (CLI, seed). */
  createUser: async (input: CreateUserInput) => {
    const row = await deps.db.transaction((trx) => createUser(deps, trx, input));
    deps.afterCommit();
    return { id: row.id, email: row.email };
  },
  /** The id of the person with this e-mail, if any. */
  findUserIdByEmail: async (email: string) => (await findUserByEmail(deps.db.kysely, email))?.id,
  /** True when no organisation is registered yet: a fresh install. */
  hasNoOrganisations: async () =>
    (
      await identityTables(deps.db.kysely)
        .selectFrom('identity.organisations')
        .select('id')
        .limit(1)
        .execute()
    ).length === 0,
  /** Registers an organisation owned by `ownerUserId` (CLI, seed). */
  createOrganisation: (ctx: WriteContext, input: CreateOrganisationInput, ownerUserId: string) =>
    createOrganisation(deps, ctx, input, ownerUserId),
});

export type IdentityModule = ReturnType<typeof createIdentityModule>;
