import { z } from 'zod';
import { ipKinds } from './domain/registry-number.ts';

// Request and response shapes of the registry's routes. Checks that need data (check digits,
// organisations, ownership) are the services'; these stop malformed input before it gets there.

export const id = z.string().max(64);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');
const title = z.string().trim().min(1).max(200);
const alpha2 = z.string().regex(/^[A-Z]{2}$/, 'Two capital letters');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 as 64 lower-case hex digits');
const percent = z.string().max(12).describe('Percent as a decimal string, e.g. "3.5"');
const ZMoneyIn = z.strictObject({
  amount: z.string().max(40).describe('A decimal string, e.g. "12000.00"'),
  currency: z.string().max(3),
});
const ZMoneyOut = z.object({ amount: z.string(), currency: z.string() });

export const ZKind = z.enum(ipKinds);
export const ZAssetStatus = z.enum(['pending', 'granted', 'expired', 'lapsed', 'revoked']);
const ZVisibility = z.enum(['draft', 'published']);

export const ZAssetInput = z.strictObject({
  kind: ZKind,
  titleZh: title,
  titleEn: title,
  registryNumber: z.string().max(80).nullable().optional(),
  jurisdiction: alpha2.describe('ISO 3166-1 alpha-2, or EP / WO'),
  filingDate: date.nullable().optional(),
  grantDate: date.nullable().optional(),
  expiryDate: date.nullable().optional(),
  status: ZAssetStatus,
  niceClasses: z.array(z.number().int().min(1).max(45)).max(45).optional(),
  ipcClasses: z.array(z.string().trim().max(20)).max(20).optional(),
  abstractZh: z.string().max(4000).optional(),
  abstractEn: z.string().max(4000).optional(),
  secretDocumentSha256: sha256
    .nullable()
    .optional()
    .describe('Trade secrets only: the hash of the secret document, never its content'),
  owners: z
    .array(
      z.union([
        z.strictObject({ organisationId: id }),
        z.strictObject({
          personName: z.string().trim().min(1).max(200).describe('A name only, never an ID number'),
        }),
      ]),
    )
    .min(1)
    .max(20)
    .optional(),
  visibility: ZVisibility,
});

export const ZAssetChange = z.strictObject({
  version: z.number().int().min(1),
  titleZh: title.optional(),
  titleEn: title.optional(),
  status: ZAssetStatus.optional(),
  grantDate: date.nullable().optional(),
  expiryDate: date.nullable().optional(),
  niceClasses: z.array(z.number().int().min(1).max(45)).max(45).optional(),
  ipcClasses: z.array(z.string().trim().max(20)).max(20).optional(),
  abstractZh: z.string().max(4000).optional(),
  abstractEn: z.string().max(4000).optional(),
  visibility: ZVisibility.optional(),
});

const ZOrgRef = z.object({ organisationId: z.string().nullable(), name: z.string(), nameZh: z.string() });

export const ZAsset = z.object({
  id: z.string(),
  kind: ZKind,
  titleZh: z.string(),
  titleEn: z.string(),
  registryNumber: z.string().nullable(),
  registryNumberCanonical: z.string().nullable(),
  jurisdiction: z.string(),
  filingDate: z.string().nullable(),
  grantDate: z.string().nullable(),
  expiryDate: z.string().nullable(),
  status: ZAssetStatus,
  niceClasses: z.array(z.number()),
  ipcClasses: z.array(z.string()),
  abstractZh: z.string(),
  abstractEn: z.string(),
  secretDocumentSha256: z.string().nullable(),
  visibility: ZVisibility,
  version: z.number(),
  holder: ZOrgRef,
  isMine: z.boolean(),
  owners: z.array(
    z.object({
      kind: z.enum(['organisation', 'person']),
      personName: z.string().nullable(),
      organisationId: z.string().nullable(),
      name: z.string(),
      nameZh: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const ZRoyaltyIn = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('lump_sum'), amount: ZMoneyIn }),
  z.strictObject({ kind: z.literal('percent'), percent }),
]);

export const ZAgreementInput = z.strictObject({
  kind: z.enum(['licence', 'assignment']),
  counterparty: z.union([
    z.strictObject({ organisationId: id }),
    z.strictObject({ name: z.string().trim().min(1).max(200).describe('A party not on the hub, by name') }),
  ]),
  exclusivity: z.enum(['exclusive', 'sole', 'non_exclusive']).optional(),
  territory: z.array(alpha2).max(250).describe('ISO 3166-1 alpha-2; empty is worldwide'),
  fieldOfUse: z.string().max(500).optional(),
  termStart: date,
  termEnd: date.nullable().optional(),
  royalty: ZRoyaltyIn,
});

export const ZAgreement = z.object({
  id: z.string(),
  kind: z.enum(['licence', 'assignment']),
  assetId: z.string(),
  assetTitleZh: z.string().nullable(),
  assetTitleEn: z.string().nullable(),
  myRole: z.enum(['grantor', 'counterparty']),
  grantor: ZOrgRef,
  counterparty: ZOrgRef,
  exclusivity: z.enum(['exclusive', 'sole', 'non_exclusive']).nullable(),
  territory: z.array(z.string()),
  fieldOfUse: z.string(),
  termStart: z.string(),
  termEnd: z.string().nullable(),
  royalty: z.object({
    kind: z.enum(['none', 'lump_sum', 'percent']),
    amount: ZMoneyOut.nullable(),
    percent: z.string().nullable(),
  }),
  documentId: z.string(),
  credentialId: z.string(),
  docHash: z.string(),
  status: z.enum(['awaiting_acceptance', 'accepted', 'issued']),
  acceptedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const ZPledgeInput = z.strictObject({
  bankOrganisationId: id,
  securedAmount: ZMoneyIn,
  reference: z.string().trim().max(100).optional(),
  expiresOn: date
    .optional()
    .describe(
      "The pledge term's last day: its duplicate-financing registration lapses after it (default a year)",
    ),
});

export const ZPledge = z.object({
  id: z.string(),
  assetId: z.string(),
  holder: ZOrgRef,
  bank: ZOrgRef,
  myRole: z.enum(['holder', 'bank']),
  securedAmount: ZMoneyOut.nullable(),
  reference: z.string().nullable(),
  status: z.enum(['active', 'released']),
  registeredAt: z.string(),
  releasedAt: z.string().nullable(),
  /** The bank's registration in finance's duplicate-financing registry (null for the holder). */
  registrationId: z.string().nullable(),
});

export const ZListingInput = z.strictObject({
  assetIds: z.array(id).min(1).max(20),
  deal: z.enum(['licence', 'sale', 'either']),
  pitchZh: z.string().trim().min(1).max(4000),
  pitchEn: z.string().trim().min(1).max(4000),
  fields: z.array(z.string().trim().min(1).max(60)).max(10).default([]),
  asking: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('negotiable') }),
    z.strictObject({ kind: z.literal('price'), amount: ZMoneyIn }),
    z.strictObject({ kind: z.literal('royalty'), percent }),
  ]),
  status: z.enum(['draft', 'published']),
});

export const ZListingChange = z.strictObject({
  version: z.number().int().min(1),
  pitchZh: z.string().trim().min(1).max(4000).optional(),
  pitchEn: z.string().trim().min(1).max(4000).optional(),
  status: z.enum(['draft', 'published', 'withdrawn']).optional(),
});

export const ZListing = z.object({
  id: z.string(),
  holder: ZOrgRef,
  isMine: z.boolean(),
  assets: z.array(
    z.object({
      id: z.string(),
      kind: ZKind.nullable(),
      titleZh: z.string(),
      titleEn: z.string(),
      jurisdiction: z.string().nullable(),
      registryNumber: z.string().nullable(),
    }),
  ),
  deal: z.enum(['licence', 'sale', 'either']),
  pitchZh: z.string(),
  pitchEn: z.string(),
  fields: z.array(z.string()),
  asking: z.object({
    kind: z.enum(['negotiable', 'price', 'royalty']),
    amount: ZMoneyOut.nullable(),
    percent: z.string().nullable(),
  }),
  status: z.enum(['draft', 'published', 'withdrawn']),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZWatchInput = z.strictObject({
  jurisdictions: z.array(alpha2).min(1).max(50),
  keywords: z.array(z.string().trim().min(1).max(100)).min(1).max(20),
});

export const ZWatch = z.object({
  id: z.string(),
  assetId: z.string(),
  jurisdictions: z.array(z.string()),
  keywords: z.array(z.string()),
  status: z.enum(['active', 'paused']),
  createdAt: z.string(),
});

export const ZHitInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  marketplace: z.string().trim().min(1).max(100),
  country: alpha2,
  evidenceSha256: sha256.describe('Hash of the evidence file (screenshot, test purchase) the service keeps'),
  observedAt: z.iso.datetime({ offset: true }),
});

export const ZAlert = z.object({
  id: z.string(),
  watchId: z.string(),
  assetId: z.string(),
  assetTitleZh: z.string().nullable(),
  assetTitleEn: z.string().nullable(),
  url: z.string(),
  marketplace: z.string(),
  country: z.string(),
  evidenceSha256: z.string(),
  observedAt: z.string(),
  reportedBy: z.string(),
  status: z.enum(['open', 'dismissed', 'dispute_intake']),
  createdAt: z.string(),
});

export const ZIntakeInput = z.strictObject({
  respondentName: z.string().trim().min(1).max(200).optional(),
  claimZh: z.string().max(4000).optional(),
  claimEn: z.string().max(4000).optional(),
});

export const ZIntake = z.object({
  id: z.string(),
  alertId: z.string(),
  assetId: z.string(),
  status: z.literal('awaiting_disputes_module'),
  caseFile: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const ZAssetPage = z.object({
  asset: ZAsset,
  pledged: z.boolean(),
  agreements: z.array(ZAgreement),
  pledges: z.array(ZPledge),
  history: z.array(
    z.object({
      kind: z.string(),
      organisationId: z.string(),
      detail: z.record(z.string(), z.unknown()),
      at: z.string(),
    }),
  ),
  watches: z.array(ZWatch),
  alerts: z.array(ZAlert),
});
