/**
 * Events the identity module publishes through the outbox. Payloads carry ids, never personal
 * data, so any consumer (statistics, a NATS bridge) may store them.
 */
export const identityEvents = {
  organisationCreated: 'identity.organisation.created',
  organisationUpdated: 'identity.organisation.updated',
  memberAdded: 'identity.member.added',
  memberRoleChanged: 'identity.member.role_changed',
  memberRemoved: 'identity.member.removed',
  invitationCreated: 'identity.invitation.created',
  invitationRevoked: 'identity.invitation.revoked',
  apiKeyCreated: 'identity.api_key.created',
  apiKeyRevoked: 'identity.api_key.revoked',
  userRegistered: 'identity.user.registered',
  signingKeyCreated: 'identity.signing_key.created',
  signingKeyRotated: 'identity.signing_key.rotated',
  signingKeyRevoked: 'identity.signing_key.revoked',
} as const;
