import type { Role } from '../../../platform/access/index.ts';
import type { ApiKeyRow, InvitationRow, OrganisationRow, UserRow } from '../repository.ts';

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

export type OrganisationDto = ReturnType<typeof presentOrganisation>;
export type UserDto = ReturnType<typeof presentUser>;

/** How a person appears as the actor of an audit row: "name <e-mail>". */
export const userAuditActor = (user: Pick<UserRow, 'id' | 'email' | 'display_name'>) => ({
  type: 'user' as const,
  id: user.id,
  label: `${user.display_name} <${user.email}>`,
});
