// Every cache key in one place so invalidation after a write names exactly what it touches.
// Organisation-scoped keys start with ['orgs', orgId] so switching organisation never mixes data.

export const queryKeys = {
  me: ['me'] as const,
  meta: ['meta'] as const,
  organisations: ['orgs'] as const,
  organisation: (orgId: string) => ['orgs', orgId] as const,
  members: (orgId: string) => ['orgs', orgId, 'members'] as const,
  invitations: (orgId: string) => ['orgs', orgId, 'invitations'] as const,
  apiKeys: (orgId: string) => ['orgs', orgId, 'api-keys'] as const,
  audit: (orgId: string) => ['orgs', orgId, 'audit'] as const,
  auditFiltered: (orgId: string, action: string | null) => ['orgs', orgId, 'audit', action ?? ''] as const,
  invitationByToken: (token: string) => ['invitation-token', token] as const,
  countries: ['codes', 'countries'] as const,
  unlocode: (q: string, country: string | null) => ['codes', 'unlocode', q, country ?? ''] as const,
};
