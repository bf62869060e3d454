import { z } from 'zod';
import { apiKeyScopes, roles } from '../../platform/access/index.ts';
import { revocationReasons } from './domain/key-events.ts';
import { organisationKinds } from './domain/organisation-kinds.ts';

export const ZLocale = z.enum(['zh-CN', 'en']);
export const ZRole = z.enum(roles as [string, ...string[]]).meta({ description: 'Role in an organisation' });
export const ZScope = z.enum(apiKeyScopes as [string, ...string[]]);
const ZIso = z.string().meta({ format: 'date-time' });

export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  locale: ZLocale.nullable(),
});

export const ZOrganisationSummary = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  kind: z.enum(organisationKinds),
  country: z.string(),
});

export const ZOrganisation = ZOrganisationSummary.extend({
  uscc: z.string().nullable(),
  customsCode: z.string().nullable(),
  eori: z.string().nullable(),
  lei: z.string().nullable(),
  website: z.string().nullable(),
  address: z.object({
    street: z.string().nullable(),
    city: z.string().nullable(),
    postcode: z.string().nullable(),
    unlocode: z.string().nullable(),
  }),
  unlocodeStatus: z.enum(['verified', 'unverified']).nullable(),
  createdAt: ZIso,
  updatedAt: ZIso,
});

export const ZMe = z.object({
  user: ZUser,
  memberships: z.array(
    z.object({ organisationId: z.string(), role: ZRole, organisation: ZOrganisationSummary }),
  ),
});

export const ZMember = z.object({
  userId: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: ZRole,
  joinedAt: ZIso,
});

export const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRole,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  createdAt: ZIso,
  expiresAt: ZIso,
});

export const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(ZScope),
  prefix: z.string(),
  createdAt: ZIso,
  lastUsedAt: ZIso.nullable(),
  revokedAt: ZIso.nullable(),
});

export const ZSigningKey = z.object({
  id: z.string(),
  algorithm: z.enum(['Ed25519', 'SM2']),
  status: z.enum(['active', 'retired', 'revoked']),
  verificationMethod: z
    .string()
    .meta({ description: "DID URL of the key in the organisation's did:web document" }),
  publicKey: z.string().meta({ description: 'Raw public key, base64url' }),
  publicKeyMultibase: z.string().nullable().meta({ description: 'Ed25519 Multikey (z6Mk…); null for SM2' }),
  provider: z.string(),
  createdAt: ZIso,
  retiredAt: ZIso.nullable(),
  revokedAt: ZIso.nullable(),
  revocationReason: z.enum(revocationReasons).nullable(),
});

const ZVerificationMethod = z.object({
  id: z.string(),
  type: z.enum(['Multikey', 'JsonWebKey']),
  controller: z.string(),
  publicKeyMultibase: z.string().optional(),
  publicKeyJwk: z.record(z.string(), z.string()).optional(),
  expires: ZIso.optional(),
  revoked: ZIso.optional(),
});

export const ZDidDocument = z
  .object({
    '@context': z.array(z.string()),
    id: z.string(),
    verificationMethod: z.array(ZVerificationMethod),
    assertionMethod: z.array(z.string()),
  })
  .meta({ id: 'DidDocument', description: 'did:web DID document (W3C DID 1.0, Controlled Identifiers 1.0)' });

export const ZAuditEntry = z.object({
  id: z.string(),
  at: ZIso,
  actor: z.object({
    type: z.enum(['user', 'api_key', 'system', 'anonymous']),
    id: z.string().nullable(),
    label: z.string(),
  }),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  requestId: z.string(),
  outcome: z.enum(['success', 'denied', 'failed']),
  statusCode: z.number().int(),
});

export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
