export {
  type Actor,
  type ApiKeyScope,
  actorId,
  apiKeyRole,
  apiKeyScopes,
  type Role,
  roles,
} from './actor.ts';
export {
  type AccessObject,
  type Action,
  actionPolicies,
  can,
  type Decision,
  isRoleAtLeast,
  type SharedGrantsInput,
} from './policy.ts';
export {
  type Executor,
  grantRelation,
  listOrganisationRoles,
  loadSharedGrants,
  loadUserRoles,
  type RelationTuple,
  revokeRelation,
} from './relations.ts';
