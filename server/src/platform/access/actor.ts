export type Role = 'owner' | 'admin' | 'member' | 'viewer';
export type ApiKeyScope = 'read' | 'write';

export const roles: readonly Role[] = ['owner', 'admin', 'member', 'viewer'];
export const apiKeyScopes: readonly ApiKeyScope[] = ['read', 'write'];

/** Who is asking. Roles are resolved once per request so every access decision is in memory. */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      sessionId: string | null;
      label: string;
      roles: ReadonlyMap<string, Role>;
    }
  | {
      kind: 'api_key';
      apiKeyId: string;
      organisationId: string;
      scopes: readonly ApiKeyScope[];
      label: string;
      roles: ReadonlyMap<string, Role>;
    };

export const actorId = (actor: Actor): string => (actor.kind === 'user' ? actor.userId : actor.apiKeyId);

// An API key acts for its organisation: write scope gives admin rights on the organisation's own
// data, read scope viewer rights. Credential and membership management stay with people.
export const apiKeyRole = (scopes: readonly ApiKeyScope[]): Role =>
  scopes.includes('write') ? 'admin' : 'viewer';
