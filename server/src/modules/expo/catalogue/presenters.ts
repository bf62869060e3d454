import { formatMoneyAmount, money } from '@tradehub/kernel';
import type {
  BoothRow,
  CertificationRow,
  EventRow,
  ExhibitorRow,
  HallRow,
  ProductRow,
  ServiceRow,
  SessionRow,
} from './repository.ts';

// Rows to the JSON the routes answer with: camelCase, dates as ISO 8601, money as decimal strings
// with their currency (never a float), quantities as decimal strings.

export const presentExhibitor = (row: ExhibitorRow) => ({
  organisationId: row.organisation_id,
  displayNameZh: row.display_name_zh,
  displayNameEn: row.display_name_en,
  introZh: row.intro_zh,
  introEn: row.intro_en,
  country: row.country,
  cityZh: row.city_zh,
  cityEn: row.city_en,
  unlocode: row.unlocode,
  website: row.website,
  exportMarkets: row.export_markets,
  shareTrackRecord: row.share_track_record,
  status: row.status,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const presentCertification = (row: CertificationRow) => ({
  scheme: row.scheme,
  credentialDocumentId: row.credential_document_id,
  verification: row.verification,
  verifiedAt: row.verified_at === null ? null : row.verified_at.toISOString(),
});

/** numeric(18,3) as PostgreSQL prints it (`500.000`), without the trailing zeros. */
export const trimQuantity = (value: string) =>
  value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;

export const presentProduct = (row: ProductRow, certifications: readonly CertificationRow[]) => ({
  id: row.id,
  organisationId: row.organisation_id,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  descriptionZh: row.description_zh,
  descriptionEn: row.description_en,
  hsCode: row.hs_code,
  hsChapter: row.hs_chapter,
  images: row.images.map((image) => ({
    url: image.url,
    altZh: image.altZh ?? null,
    altEn: image.altEn ?? null,
  })),
  moq: trimQuantity(row.moq),
  moqUnit: row.moq_unit,
  price: {
    currency: row.price_currency,
    min: formatMoneyAmount(money(row.price_currency, BigInt(row.price_min_minor))),
    max: formatMoneyAmount(money(row.price_currency, BigInt(row.price_max_minor))),
  },
  leadTimeDays: row.lead_time_days,
  exportMarkets: row.export_markets,
  status: row.status,
  version: row.version,
  certifications: certifications.filter((c) => c.product_id === row.id).map(presentCertification),
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const presentService = (row: ServiceRow) => ({
  id: row.id,
  organisationId: row.organisation_id,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  descriptionZh: row.description_zh,
  descriptionEn: row.description_en,
  ebopsCode: row.ebops_code,
  gatsModes: row.gats_modes,
  languages: row.languages,
  clientReferences: row.client_references.map((r) => ({
    clientName: r.clientName,
    country: r.country ?? null,
    year: r.year ?? null,
    descriptionZh: r.descriptionZh ?? null,
    descriptionEn: r.descriptionEn ?? null,
  })),
  status: row.status,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const presentEvent = (row: EventRow) => ({
  id: row.id,
  organisationId: row.organisation_id,
  kind: row.kind,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  themeZh: row.theme_zh,
  themeEn: row.theme_en,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  timeZone: row.time_zone,
  venueZh: row.venue_zh,
  venueEn: row.venue_en,
  unlocode: row.unlocode,
  status: row.status,
  createdAt: row.created_at.toISOString(),
});

export const presentHall = (row: HallRow) => ({
  id: row.id,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  hsChapters: row.hs_chapters,
});

export const presentBooth = (
  row: BoothRow,
  exhibitors: ReadonlyMap<string, { displayNameZh: string; displayNameEn: string }>,
) => {
  const exhibitor =
    row.exhibitor_organisation_id === null ? undefined : exhibitors.get(row.exhibitor_organisation_id);
  return {
    id: row.id,
    hallId: row.hall_id,
    code: row.code,
    // An exhibitor whose showcase is not published is not named to the public.
    exhibitor:
      exhibitor === undefined || row.exhibitor_organisation_id === null
        ? null
        : { organisationId: row.exhibitor_organisation_id, ...exhibitor },
  };
};

export const presentSession = (row: SessionRow) => ({
  id: row.id,
  hallId: row.hall_id,
  titleZh: row.title_zh,
  titleEn: row.title_en,
  speakerZh: row.speaker_zh,
  speakerEn: row.speaker_en,
  startsAt: row.starts_at.toISOString(),
  endsAt: row.ends_at.toISOString(),
});
