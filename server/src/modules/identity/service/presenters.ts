import { toBase64Url } from '@tradehub/kernel';
import { encodeEd25519Multikey } from '@tradehub/verifier';
import type { Role } from '../../../platform/access/index.ts';
import { verificationMethodId } from '../domain/did-web.ts';
import type { ApiKeyRow, InvitationRow, OrganisationRow, SigningKeyRow, UserRow } from '../repository.ts';

export const presentOrganisationSummary = (row: OrganisationRow) => ({
  id: row.id,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  kind: row.kind,
  country: row.country,
});

export const presentOrganisation = (row: OrganisationRow) => ({
  ...presentOrganisationSummary(row),
  uscc: row.uscc,
  customsCode: row.customs_code,
  eori: row.eori,
  lei: row.lei,
  website: row.website,
  address: {
    street: row.address_street,
    city: row.address_city,
    postcode: row.address_postcode,
    unlocode: row.address_unlocode,
  },
  unlocodeStatus: row.unlocode_status,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const presentUser = (row: Pick<UserRow, 'id' | 'email' | 'display_name' | 'locale'>) => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  locale: row.locale,
});

export const invitationStatus = (row: InvitationRow, now: Date) => {
  if (row.accepted_at !== null) {
    return 'accepted' as const;
  }
  if (row.revoked_at !== null) {
    return 'revoked' as const;
  }
  return row.expires_at <= now ? ('expired' as const) : ('pending' as const);
};

export const presentInvitation = (row: InvitationRow, now: Date) => ({
  id: row.id,
  email: row.email,
  role: row.role as Role,
  status: invitationStatus(row, now),
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
});

export const presentApiKey = (row: ApiKeyRow, prefix: string) => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes as ('read' | 'write')[],
  prefix,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/** Ed25519: the Multikey `z6Mk…`; other algorithms have no Multikey code and answer null. */
export const publicKeyMultibaseOf = (row: Pick<SigningKeyRow, 'algorithm' | 'public_key'>) =>
  row.algorithm === 'Ed25519' ? encodeEd25519Multikey(row.public_key) : null;

/** An SM2 public key (0x04 || x || y) as a JWK, the form DID documents can carry it in. */
export const sm2PublicKeyJwk = (publicKey: Uint8Array): Record<string, string> => ({
  kty: 'EC',
  crv: 'SM2',
  x: toBase64Url(publicKey.subarray(1, 33)),
  y: toBase64Url(publicKey.subarray(33, 65)),
});

/** A signing key as the API shows it: public parts and history, never the handle. */
export const presentSigningKey = (row: SigningKeyRow, did: string) => ({
  id: row.id,
  algorithm: row.algorithm,
  status: row.status,
  verificationMethod: verificationMethodId(did, row.id),
  publicKey: toBase64Url(row.public_key),
  publicKeyMultibase: publicKeyMultibaseOf(row),
  provider: row.provider,
  createdAt: row.created_at.toISOString(),
  retiredAt: row.retired_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
  revocationReason: row.revocation_reason,
});

/** A signing key as other modules get it: dates as dates, the key as bytes. */
export const signingKeyRecord = (row: SigningKeyRow, did: string) => ({
  keyId: row.id,
  organisationId: row.organisation_id,
  algorithm: row.algorithm,
  status: row.status,
  did,
  verificationMethod: verificationMethodId(did, row.id),
  publicKey: row.public_key,
  publicKeyMultibase: publicKeyMultibaseOf(row),
  createdAt: row.created_at,
  retiredAt: row.retired_at,
  revokedAt: row.revoked_at,
  revocationReason: row.revocation_reason,
});

export type SigningKeyDto = ReturnType<typeof presentSigningKey>;
export type SigningKeyRecord = ReturnType<typeof signingKeyRecord>;

export type OrganisationDto = ReturnType<typeof presentOrganisation>;
export type UserDto = ReturnType<typeof presentUser>;

/** How a person appears as the actor of an audit row: "name <e-mail>". */
export const userAuditActor = (user: Pick<UserRow, 'id' | 'email' | 'display_name'>) => ({
  type: 'user' as const,
  id: user.id,
  label: `${user.display_name} <${user.email}>`,
});
