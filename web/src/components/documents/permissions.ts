import type { Role } from '../../api/types.ts';

// Mirrors the server's access policy for documents (server/src/platform/access/policy.ts) so the
// pages offer only what the server will allow; the server still decides every request.
const RANK: Record<Role, number> = { viewer: 1, member: 2, admin: 3, owner: 4 };

export type DocumentPermissions = {
  /** Issue single documents and batches: members and above. */
  canIssue: boolean;
  /** Revoke, suspend and lift a suspension: owners and admins. */
  canChangeStatus: boolean;
};

export const documentPermissions = (role: Role): DocumentPermissions => ({
  canIssue: RANK[role] >= RANK.member,
  canChangeStatus: RANK[role] >= RANK.admin,
});
