import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/access/index.ts';
import type { IdentityDeps } from './deps.ts';
import { organisationDid } from './domain/did-web.ts';
import type { CreateOrganisationInput } from './domain/organisation-fields.ts';
import type { SigningAlgorithm } from './keys/key-provider.ts';
import { findOrganisation, findUserByEmail, identityTables } from './repository.ts';
import { registerIdentityRoutes, sessionCookieName } from './routes.ts';
import { activeSigningKey } from './service/active-signing-key.ts';
import { authenticate } from './service/authenticate.ts';
import type { WriteContext } from './service/context.ts';
import { createOrganisation } from './service/create-organisation.ts';
import { type CreateUserInput, createUser } from './service/create-user.ts';
import { ensureSigningKey } from './service/ensure-signing-key.ts';
import { findSigningKeyByActor } from './service/find-signing-key-by-actor.ts';
import { getDidDocument } from './service/get-did-document.ts';
import { listSigningKeyEvents } from './service/list-signing-key-events.ts';
import { type RevokeSigningKeyInput, revokeSigningKey } from './service/revoke-signing-key.ts';
import { rotateSigningKey } from './service/rotate-signing-key.ts';
import { signingKeyHistory } from './service/signing-key-history.ts';

export type { IdentityDeps, PasswordHasher } from './deps.ts';
export {
  buildDidDocument,
  type DidDocument,
  type DidWebResolution,
  organisationDid,
  resolveDidWebUrl,
} from './domain/did-web.ts';
export { type KeyEventKind, type RevocationReason, revocationReasons } from './domain/key-events.ts';
export { createLoginLimiter } from './domain/login-limiter.ts';
export { ZCreateOrganisation } from './domain/organisation-fields.ts';
export { type OrganisationKind, organisationKinds } from './domain/organisation-kinds.ts';
export { identityErrorStatuses } from './errors.ts';
export { identityEvents } from './events.ts';
export {
  type GeneratedKey,
  type KeyBinding,
  type KeyProvider,
  KeyUnavailableError,
  type Signer,
  type SigningAlgorithm,
  type StoredKey,
} from './keys/key-provider.ts';
export { createLocalKeyProvider, type LocalKeyProvider } from './keys/local-key-provider.ts';
export {
  type DirectoryEntry,
  findOrganisationDirectoryEntries,
  searchOrganisationDirectory,
} from './repository-directory.ts';
export type { ActiveSigningKey } from './service/active-signing-key.ts';
export type { WriteContext } from './service/context.ts';
export { createArgon2PasswordHasher } from './service/passwords.ts';
export type { SigningKeyRecord } from './service/presenters.ts';
export type { RevokeSigningKeyInput } from './service/revoke-signing-key.ts';
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
  /**
   * The organisation's English name, as credentials name their issuer; undefined for an unknown
   * id. Names are public: they stand in every credential the organisation issues.
   */
  organisationName: async (organisationId: string): Promise<string | undefined> =>
    (await findOrganisation(deps.db.kysely, organisationId))?.name_en,
  /**
   * What the trade statistics classify an enterprise by: its country, credit code and registered
   * city (as written and as a UN/LOCODE); no people. Undefined for an unknown id.
   */
  statisticalProfile: async (organisationId: string) => {
    const row = await findOrganisation(deps.db.kysely, organisationId);
    return row === undefined
      ? undefined
      : {
          country: row.country,
          uscc: row.uscc,
          addressCity: row.address_city,
          addressUnlocode: row.address_unlocode,
        };
  },
  /** Registers an organisation owned by `ownerUserId` (CLI, seed). */
  createOrganisation: (ctx: WriteContext, input: CreateOrganisationInput, ownerUserId: string) =>
    createOrganisation(deps, ctx, input, ownerUserId),
  /** Organisations' signing keys and their did:web identifiers. */
  signingKeys: {
    /** The organisation's DID: `did:web:<host of the public URL>:org:<id>`. */
    didOf: (organisationId: string) => organisationDid(deps.publicUrl, organisationId),
    /**
     * The active key, opened once and ready to sign a batch (created on first use for an
     * organisation registered before keys existed). Ask again per batch to follow rotations.
     */
    activeKey: (organisationId: string, algorithm: SigningAlgorithm = 'Ed25519') =>
      activeSigningKey(deps, organisationId, algorithm),
    /** Makes sure the organisation has an active key (seed, start-up). Returns its id. */
    ensureKey: async (organisationId: string, algorithm: SigningAlgorithm = 'Ed25519') =>
      (await ensureSigningKey(deps, organisationId, algorithm)).id,
    /** Every key the organisation ever had, oldest first, with its status and times. */
    keyHistory: (organisationId: string) => signingKeyHistory(deps, organisationId),
    /** The key (any status) whose multikey hashes to a log entry's `actor`, if it is this organisation's. */
    findKeyByActorHash: (organisationId: string, actorHash: Uint8Array) =>
      findSigningKeyByActor(deps, organisationId, actorHash),
    /** The organisation's did:web DID document; 404 (AppError http.not_found) for an unknown organisation. */
    didDocument: (organisationId: string) => getDidDocument(deps, organisationId),
    /** The KEY_ROTATION entries committed for the organisation, oldest first, with their statements. */
    keyEvents: (organisationId: string) => listSigningKeyEvents(deps, organisationId),
    /** Rotates the active key (CLI, tests); routes call the same use case. */
    rotate: (ctx: WriteContext, organisationId: string, algorithm: SigningAlgorithm = 'Ed25519') =>
      rotateSigningKey(deps, ctx, organisationId, algorithm),
    /** Revokes a key, replacing it when it was the active one (CLI, tests). */
    revoke: (ctx: WriteContext, organisationId: string, keyId: string, input: RevokeSigningKeyInput) =>
      revokeSigningKey(deps, ctx, organisationId, keyId, input),
  },
});

export type IdentityModule = ReturnType<typeof createIdentityModule>;
