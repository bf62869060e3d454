import { timingSafeEqual } from 'node:crypto';
import { type Actor, type ApiKeyScope, apiKeyRole, type Role } from '../../../platform/access/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { findLiveApiKey, findSessionWithUser, identityTables } from '../repository.ts';
import { hashSecretToken, parseApiKey } from './secrets.ts';

export type Credentials = { sessionToken: string | undefined; authorization: string | undefined };

// Touching last-seen on every request would turn each read into a write; once a minute is enough
// to show activity and to extend nothing else.
const touchIntervalMs = 60_000;

const authenticateSession = async (deps: IdentityDeps, token: string): Promise<Actor | null> => {
  const now = deps.now();
  const session = await findSessionWithUser(deps.db.kysely, hashSecretToken(token), now);
  if (session === undefined) {
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > touchIntervalMs) {
    await identityTables(deps.db.kysely)
      .updateTable('identity.sessions')
      .set({ last_seen_at: now })
      .where('id', '=', session.sessionId)
      .execute();
  }
  const roles = new Map(
    session.roles.map((entry) => {
      const [organisationId = '', role = 'viewer'] = entry.split(' ');
      return [organisationId, role as Role] as const;
    }),
  );

  return {
    kind: 'user',
    userId: session.userId,
    sessionId: session.sessionId,
    label: `${session.display_name} <${session.email}>`,
    roles,
  };
};

const authenticateApiKey = async (deps: IdentityDeps, presented: string): Promise<Actor | null> => {
  const parsed = parseApiKey(presented);
  if (parsed === null) {
    return null;
  }
  const key = await findLiveApiKey(deps.db.kysely, parsed.keyId);
  if (key === undefined) {
    return null;
  }
  const expected = Buffer.from(key.secret_hash, 'hex');
  const actual = Buffer.from(hashSecretToken(parsed.secret), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return null;
  }
  const now = deps.now();
  if (key.last_used_at === null || now.getTime() - key.last_used_at.getTime() > touchIntervalMs) {
    await identityTables(deps.db.kysely)
      .updateTable('identity.api_keys')
      .set({ last_used_at: now })
      .where('id', '=', key.id)
      .execute();
  }
  const scopes = key.scopes as ApiKeyScope[];

  return {
    kind: 'api_key',
    apiKeyId: key.id,
    organisationId: key.organisation_id,
    scopes,
    label: `API key ${key.name}`,
    roles: new Map([[key.organisation_id, apiKeyRole(scopes)]]),
  };
};

/** Resolves the caller from a session cookie or a bearer API key; null when neither is valid. */
export const authenticate = async (deps: IdentityDeps, credentials: Credentials): Promise<Actor | null> => {
  const bearer = credentials.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer !== undefined) {
    return authenticateApiKey(deps, bearer);
  }
  if (credentials.sessionToken !== undefined && credentials.sessionToken.length > 0) {
    return authenticateSession(deps, credentials.sessionToken);
  }
  return null;
};
