// Types of the HTTP API as written in docs/api-contract.md. The constant lists exist so the UI can
// offer every choice (selects, filters) and the i18n tests can prove each one is translated.

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = [
  'exporter',
  'importer',
  'ecommerce_platform',
  'logistics_provider',
  'carrier',
  'customs_broker',
  'bank',
  'payment_institution',
  'insurer',
  'data_supplier',
  'data_buyer',
  'mediator',
  'arbitration_body',
  'regulator',
  'customs_authority',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export type User = { id: string; email: string; displayName: string; locale: Locale | null };

export type OrganisationSummary = {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: OrganisationKind;
  country: string;
};

export type Membership = { organisationId: string; role: Role; organisation: OrganisationSummary };

export type Address = {
  street: string | null;
  city: string | null;
  postcode: string | null;
  unlocode: string | null;
};

export type Organisation = OrganisationSummary & {
  uscc: string | null;
  customsCode: string | null;
  eori: string | null;
  lei: string | null;
  address: Address;
  unlocodeStatus: 'verified' | 'unverified' | null;
  website: string | null;
  createdAt: string;
  updatedAt: string;
};

export type OrganisationPatch = Partial<
  Pick<Organisation, 'nameZh' | 'nameEn' | 'country' | 'uscc' | 'customsCode' | 'eori' | 'lei' | 'website'>
> & { address?: Address };

export type OrganisationCreate = Pick<Organisation, 'nameZh' | 'nameEn' | 'kind' | 'country'> &
  Partial<Pick<Organisation, 'uscc' | 'customsCode' | 'eori' | 'lei' | 'website'>>;

export type Member = { userId: string; email: string; displayName: string; role: Role; joinedAt: string };

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export type Invitation = {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
};

export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export type ApiKey = {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

// 'anonymous' is not in the contract but the server records it for refused requests without a
// session (failed sign-ins); it is translated like the others.
export const AUDIT_ACTOR_TYPES = ['user', 'api_key', 'system', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

// The actions the identity module records today. The server may add more; the UI shows the raw
// code for any action it has no translation for.
export const AUDIT_ACTIONS = [
  'identity.organisation.create',
  'identity.organisation.update',
  'identity.member.update',
  'identity.member.remove',
  'identity.invitation.create',
  'identity.invitation.revoke',
  'identity.invitation.accept',
  'identity.api_key.create',
  'identity.api_key.revoke',
  'identity.session.login',
  'identity.session.logout',
  'identity.user.update',
] as const;

// Object types the identity module writes into audit entries; unknown ones are shown raw.
export const AUDIT_OBJECT_TYPES = [
  'organisation',
  'member',
  'invitation',
  'api_key',
  'session',
  'user',
] as const;

export type AuditEntry = {
  id: string;
  at: string;
  actor: { type: AuditActorType; id: string | null; label: string };
  action: string;
  objectType: string | null;
  objectId: string | null;
  requestId: string;
  outcome: AuditOutcome;
  statusCode: number;
};

export type Page<T> = { items: T[] };
export type CursorPage<T> = { items: T[]; nextCursor: string | null };

export type Session = { user: User; memberships: Membership[] };

export type Meta = { version: string; modules: { id: string }[] };

export type Country = { alpha2: string; alpha3: string; nameEn: string; nameZh: string };
export type UnLocode = { code: string; name: string; country: string };

// Error codes of the contract that the UI translates (RFC 9457 `code`), plus the two the client
// itself produces when no problem document arrives (network down, proxy error page).
export const API_ERROR_CODES = [
  'http.validation_failed',
  'http.malformed_json',
  'http.unauthenticated',
  'identity.invalid_credentials',
  'http.forbidden',
  'http.not_found',
  'identity.email_taken',
  'http.idempotency_conflict',
  'http.idempotency_in_progress',
  'http.payload_too_large',
  'http.rate_limited',
  'db.unavailable',
  'http.internal',
  // Codes of the identity module beyond the contract's list; translated so the UI never shows
  // English server text for them.
  'identity.identifier_taken',
  'identity.invitation_invalid',
  'identity.invitation_email_mismatch',
  'identity.last_owner',
  'identity.login_rate_limited',
  'identity.password_required',
  'client.network_error',
  'client.unexpected_response',
] as const;

export const FIELD_ERROR_CODES = [
  'kernel.required',
  'kernel.invalid_format',
  'kernel.invalid_check_digit',
  'kernel.unknown_code',
  'kernel.too_long',
  'kernel.too_short',
  // The server reports a body property it does not accept with this code.
  'kernel.unknown_field',
] as const;
