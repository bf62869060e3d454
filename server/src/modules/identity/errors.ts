/** Error codes of the identity module and the HTTP status each maps to. */
export const identityErrorStatuses = {
  'identity.invalid_credentials': 401,
  'identity.email_taken': 409,
  'identity.identifier_taken': 409,
  'identity.invitation_invalid': 404,
  'identity.invitation_email_mismatch': 409,
  'identity.last_owner': 409,
  'identity.login_rate_limited': 429,
  'identity.password_required': 400,
  'identity.signing_key_revoked': 409,
  'identity.compromise_time_invalid': 400,
  'identity.signing_key_unavailable': 503,
  'identity.algorithm_unsupported': 400,
} as const satisfies Record<string, number>;

export type IdentityErrorCode = keyof typeof identityErrorStatuses;
