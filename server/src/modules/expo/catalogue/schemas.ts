import { z } from 'zod';
import { catalogueStatuses, certificationSchemePattern, eventKinds, gatsModes } from './rules.ts';

// Zod schemas of the catalogue's HTTP bodies and answers. Code-list checks (HS, units, countries,
// currencies, EBOPS) happen in the use cases, so that every bad code is a named field error.

export const ZId = z.string().max(64);
const nameText = z.string().trim().min(1).max(200);
const longText = (max: number) => z.string().max(max);
const country = z
  .string()
  .max(2)
  .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case');
const decimal = z.string().max(32);

export const ZPaging = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZStatus = z.enum(catalogueStatuses);

export const ZShowcaseInput = z.strictObject({
  displayNameZh: nameText,
  displayNameEn: nameText,
  introZh: longText(4000).optional(),
  introEn: longText(4000).optional(),
  country,
  cityZh: z.string().max(100).optional(),
  cityEn: z.string().max(100).optional(),
  unlocode: z.string().max(6).optional(),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  exportMarkets: z.array(z.string().max(2)).max(250).optional(),
  shareTrackRecord: z
    .boolean()
    .optional()
    .describe('Let buyers see the hub credit grade and completed orders in matchmaking (absent: no)'),
  status: ZStatus.optional(),
  version: z.number().int().min(1).optional(),
});

export const ZExhibitor = z.object({
  organisationId: z.string(),
  displayNameZh: z.string(),
  displayNameEn: z.string(),
  introZh: z.string(),
  introEn: z.string(),
  country: z.string(),
  cityZh: z.string().nullable(),
  cityEn: z.string().nullable(),
  unlocode: z.string().nullable(),
  website: z.string().nullable(),
  exportMarkets: z.array(z.string()),
  shareTrackRecord: z.boolean(),
  status: ZStatus,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZPublicExhibitor = ZExhibitor.omit({ status: true, version: true, createdAt: true });

const ZImage = z.strictObject({
  url: z.url({ protocol: /^https$/ }).max(1000),
  altZh: z.string().max(200).optional(),
  altEn: z.string().max(200).optional(),
});
const ZPriceInput = z.strictObject({
  currency: z.string().max(3),
  min: decimal.describe('Decimal string, e.g. "1.20"'),
  max: decimal,
});

const productFields = {
  nameZh: nameText,
  nameEn: nameText,
  descriptionZh: longText(8000).optional(),
  descriptionEn: longText(8000).optional(),
  hsCode: z.string().max(12).describe('HS 2022 subheading, six digits (dots allowed)'),
  images: z.array(ZImage).max(8).optional(),
  moq: decimal.describe('Minimum order quantity, a decimal string'),
  moqUnit: z.string().max(3).describe('UN/ECE Recommendation 20 unit code, e.g. C62 (piece)'),
  price: ZPriceInput,
  leadTimeDays: z.number().int().min(0).max(730),
  exportMarkets: z.array(z.string().max(2)).max(250).optional(),
};
export const ZProductInput = z.strictObject(productFields);
export const ZProductPatch = z.strictObject({
  version: z.number().int().min(1),
  nameZh: nameText.optional(),
  nameEn: nameText.optional(),
  descriptionZh: longText(8000).optional(),
  descriptionEn: longText(8000).optional(),
  hsCode: productFields.hsCode.optional(),
  images: productFields.images,
  moq: decimal.optional(),
  moqUnit: productFields.moqUnit.optional(),
  price: ZPriceInput.optional(),
  leadTimeDays: productFields.leadTimeDays.optional(),
  exportMarkets: productFields.exportMarkets,
});

export const ZCertification = z.object({
  scheme: z.string(),
  credentialDocumentId: z.string().nullable(),
  verification: z.enum(['self_declared', 'verified', 'revoked', 'expired']),
  verifiedAt: z.string().nullable(),
});
export const ZScheme = z
  .string()
  .max(40)
  .regex(certificationSchemePattern, 'A scheme such as CE or ISO 9001');

export const ZProduct = z.object({
  id: z.string(),
  organisationId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  hsCode: z.string(),
  hsChapter: z.string(),
  images: z.array(z.object({ url: z.string(), altZh: z.string().nullable(), altEn: z.string().nullable() })),
  moq: z.string(),
  moqUnit: z.string(),
  price: z.object({ currency: z.string(), min: z.string(), max: z.string() }),
  leadTimeDays: z.number(),
  exportMarkets: z.array(z.string()),
  status: ZStatus,
  version: z.number(),
  certifications: z.array(ZCertification),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ZExhibitorRef = z.object({
  organisationId: z.string(),
  displayNameZh: z.string(),
  displayNameEn: z.string(),
  country: z.string(),
});
export const ZPublicProduct = ZProduct.extend({ exhibitor: ZExhibitorRef });

const ZClientReference = z.strictObject({
  clientName: z.string().trim().min(1).max(200),
  country: z.string().max(2).optional(),
  year: z.number().int().min(1950).max(2100).optional(),
  descriptionZh: z.string().max(1000).optional(),
  descriptionEn: z.string().max(1000).optional(),
});
const serviceFields = {
  nameZh: nameText,
  nameEn: nameText,
  descriptionZh: longText(8000).optional(),
  descriptionEn: longText(8000).optional(),
  ebopsCode: z.string().max(10).describe('EBOPS 2010 item, e.g. SI2 (GET /api/expo/ebops)'),
  gatsModes: z.array(z.enum(gatsModes)).min(1).max(4),
  languages: z.array(z.string().max(35)).max(20).optional(),
  clientReferences: z.array(ZClientReference).max(20).optional(),
};
export const ZServiceInput = z.strictObject(serviceFields);
export const ZServicePatch = z.strictObject({
  version: z.number().int().min(1),
  nameZh: nameText.optional(),
  nameEn: nameText.optional(),
  descriptionZh: longText(8000).optional(),
  descriptionEn: longText(8000).optional(),
  ebopsCode: serviceFields.ebopsCode.optional(),
  gatsModes: serviceFields.gatsModes.optional(),
  languages: serviceFields.languages,
  clientReferences: serviceFields.clientReferences,
});
export const ZService = z.object({
  id: z.string(),
  organisationId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  ebopsCode: z.string(),
  gatsModes: z.array(z.string()),
  languages: z.array(z.string()),
  clientReferences: z.array(
    z.object({
      clientName: z.string(),
      country: z.string().nullable(),
      year: z.number().nullable(),
      descriptionZh: z.string().nullable(),
      descriptionEn: z.string().nullable(),
    }),
  ),
  status: ZStatus,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

// ---------------------------------------------------------------- events

const date = z.iso.date();
export const ZEventInput = z.strictObject({
  kind: z.enum(eventKinds),
  nameZh: nameText,
  nameEn: nameText,
  themeZh: z.string().max(500).optional(),
  themeEn: z.string().max(500).optional(),
  startsOn: date,
  endsOn: date,
  timeZone: z.string().max(64).describe('IANA time zone, e.g. Asia/Shanghai'),
  venueZh: z.string().max(200).optional(),
  venueEn: z.string().max(200).optional(),
  unlocode: z.string().max(6).optional(),
  publish: z.boolean().optional(),
});
export const ZEvent = z.object({
  id: z.string(),
  organisationId: z.string(),
  kind: z.enum(eventKinds),
  nameZh: z.string(),
  nameEn: z.string(),
  themeZh: z.string(),
  themeEn: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  timeZone: z.string(),
  venueZh: z.string().nullable(),
  venueEn: z.string().nullable(),
  unlocode: z.string().nullable(),
  status: z.enum(['draft', 'published', 'cancelled']),
  createdAt: z.string(),
});
export const ZHallInput = z.strictObject({
  nameZh: nameText,
  nameEn: nameText,
  hsChapters: z
    .array(z.string().regex(/^[0-9]{2}$/))
    .max(99)
    .optional(),
});
export const ZHall = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  hsChapters: z.array(z.string()),
});
export const ZBoothInput = z.strictObject({
  hallId: ZId,
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/, 'Letters, digits and -, e.g. A-101'),
  exhibitorOrganisationId: ZId.nullable().optional(),
});
export const ZBooth = z.object({
  id: z.string(),
  hallId: z.string(),
  code: z.string(),
  exhibitor: z
    .object({ organisationId: z.string(), displayNameZh: z.string(), displayNameEn: z.string() })
    .nullable(),
});
export const ZSessionInput = z.strictObject({
  hallId: ZId.nullable().optional(),
  titleZh: nameText,
  titleEn: nameText,
  speakerZh: z.string().max(200).optional(),
  speakerEn: z.string().max(200).optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
});
export const ZSession = z.object({
  id: z.string(),
  hallId: z.string().nullable(),
  titleZh: z.string(),
  titleEn: z.string(),
  speakerZh: z.string().nullable(),
  speakerEn: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export const ZEventDetail = ZEvent.extend({
  isOrganiser: z.boolean(),
  halls: z.array(ZHall),
  booths: z.array(ZBooth),
  sessions: z.array(ZSession),
});
