import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { CatalogueStatus } from './rules.ts';

// SQL only: the catalogue's tables (migrations/0001_catalogue.sql). bigint and numeric columns
// arrive as strings (platform/db/type-parsers.ts), so no amount passes through a float.

export type ExhibitorRow = {
  organisation_id: string;
  display_name_zh: string;
  display_name_en: string;
  intro_zh: string;
  intro_en: string;
  country: string;
  city_zh: string | null;
  city_en: string | null;
  unlocode: string | null;
  website: string | null;
  export_markets: string[];
  /** Buyers may see the hub track record (credit grade, completed orders) in matchmaking. */
  share_track_record: boolean;
  status: CatalogueStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type ProductImage = { url: string; altZh?: string | undefined; altEn?: string | undefined };

export type ProductRow = {
  id: string;
  organisation_id: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  hs_code: string;
  hs_chapter: string;
  images: ProductImage[];
  moq: string;
  moq_unit: string;
  price_currency: string;
  price_min_minor: string;
  price_max_minor: string;
  lead_time_days: number;
  export_markets: string[];
  status: CatalogueStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type CertificationVerification = 'self_declared' | 'verified' | 'revoked' | 'expired';

export type CertificationRow = {
  product_id: string;
  organisation_id: string;
  scheme: string;
  credential_document_id: string | null;
  verification: CertificationVerification;
  verified_at: Date | null;
  created_at: Date;
};

export type ClientReference = {
  clientName: string;
  country?: string | undefined;
  year?: number | undefined;
  descriptionZh?: string | undefined;
  descriptionEn?: string | undefined;
};

export type ServiceRow = {
  id: string;
  organisation_id: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  ebops_code: string;
  gats_modes: string[];
  languages: string[];
  client_references: ClientReference[];
  status: CatalogueStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type EventRow = {
  id: string;
  organisation_id: string;
  kind: 'annual_expo' | 'online_week';
  name_zh: string;
  name_en: string;
  theme_zh: string;
  theme_en: string;
  starts_on: string;
  ends_on: string;
  time_zone: string;
  venue_zh: string | null;
  venue_en: string | null;
  unlocode: string | null;
  status: 'draft' | 'published' | 'cancelled';
  created_at: Date;
  updated_at: Date;
};

export type HallRow = {
  id: string;
  event_id: string;
  organisation_id: string;
  name_zh: string;
  name_en: string;
  hs_chapters: string[];
  created_at: Date;
};

export type BoothRow = {
  id: string;
  hall_id: string;
  event_id: string;
  organisation_id: string;
  code: string;
  exhibitor_organisation_id: string | null;
  assigned_at: Date | null;
  created_at: Date;
};

export type SessionRow = {
  id: string;
  event_id: string;
  organisation_id: string;
  hall_id: string | null;
  title_zh: string;
  title_en: string;
  speaker_zh: string | null;
  speaker_en: string | null;
  starts_at: Date;
  ends_at: Date;
  created_at: Date;
};

export type Page = { limit: number; offset: number };

const textArray = (values: readonly string[]) => sql`${[...values]}::text[]`;

// ---------------------------------------------------------------- exhibitors

export const findExhibitor = async (
  ex: Executor,
  organisationId: string,
  options: { forUpdate?: boolean } = {},
) => {
  const lock = options.forUpdate === true ? sql` for update` : sql``;
  const { rows } = await sql<ExhibitorRow>`select * from expo.exhibitors
    where organisation_id = ${organisationId}${lock}`.execute(ex);
  return rows[0];
};

export const upsertExhibitor = async (ex: Executor, row: ExhibitorRow) => {
  const { rows } = await sql<ExhibitorRow>`insert into expo.exhibitors (organisation_id, display_name_zh,
      display_name_en, intro_zh, intro_en, country, city_zh, city_en, unlocode, website, export_markets,
      share_track_record, status, version, created_at, updated_at)
    values (${row.organisation_id}, ${row.display_name_zh}, ${row.display_name_en}, ${row.intro_zh},
      ${row.intro_en}, ${row.country}, ${row.city_zh}, ${row.city_en}, ${row.unlocode}, ${row.website},
      ${textArray(row.export_markets)}, ${row.share_track_record}, ${row.status}, ${row.version},
      ${row.created_at}, ${row.updated_at})
    on conflict (organisation_id) do update set display_name_zh = excluded.display_name_zh,
      display_name_en = excluded.display_name_en, intro_zh = excluded.intro_zh, intro_en = excluded.intro_en,
      country = excluded.country, city_zh = excluded.city_zh, city_en = excluded.city_en,
      unlocode = excluded.unlocode, website = excluded.website, export_markets = excluded.export_markets,
      share_track_record = excluded.share_track_record, status = excluded.status, version = excluded.version, updated_at = excluded.updated_at
    returning *`.execute(ex);
  return rows[0] as ExhibitorRow;
};

export type ExhibitorFilter = { country?: string | undefined; hsChapter?: string | undefined };

/** Published showcases, newest change first, with how many published products each shows. */
export const listPublishedExhibitors = async (ex: Executor, filter: ExhibitorFilter, page: Page) => {
  const country = filter.country === undefined ? sql`` : sql` and e.country = ${filter.country}`;
  const chapter =
    filter.hsChapter === undefined
      ? sql``
      : sql` and exists (select 1 from expo.products p where p.organisation_id = e.organisation_id
          and p.status = 'published' and p.hs_chapter = ${filter.hsChapter})`;
  const { rows } = await sql<
    ExhibitorRow & { product_count: string; service_count: string; total: string }
  >`select e.*,
      (select count(*) from expo.products p where p.organisation_id = e.organisation_id
        and p.status = 'published') as product_count,
      (select count(*) from expo.services s where s.organisation_id = e.organisation_id
        and s.status = 'published') as service_count,
      count(*) over () as total
    from expo.exhibitors e
    where e.status = 'published'${country}${chapter}
    order by e.updated_at desc, e.organisation_id
    limit ${page.limit} offset ${page.offset}`.execute(ex);
  return rows;
};

/** Published showcases of the given organisations (for the other parts of the module). */
export const findPublishedExhibitors = async (ex: Executor, organisationIds: readonly string[]) => {
  if (organisationIds.length === 0) {
    return [];
  }
  const { rows } = await sql<ExhibitorRow>`select * from expo.exhibitors
    where status = 'published' and organisation_id = any(${textArray(organisationIds)})`.execute(ex);
  return rows;
};

// ---------------------------------------------------------------- products

export const insertProduct = async (ex: Executor, row: ProductRow) => {
  const { rows } = await sql<ProductRow>`insert into expo.products (id, organisation_id, name_zh, name_en,
      description_zh, description_en, hs_code, hs_chapter, images, moq, moq_unit, price_currency,
      price_min_minor, price_max_minor, lead_time_days, export_markets, status, version, created_at, updated_at)
    values (${row.id}, ${row.organisation_id}, ${row.name_zh}, ${row.name_en}, ${row.description_zh},
      ${row.description_en}, ${row.hs_code}, ${row.hs_chapter}, ${JSON.stringify(row.images)}::jsonb,
      ${row.moq}::numeric, ${row.moq_unit}, ${row.price_currency}, ${row.price_min_minor}::bigint,
      ${row.price_max_minor}::bigint, ${row.lead_time_days}, ${textArray(row.export_markets)}, ${row.status},
      ${row.version}, ${row.created_at}, ${row.updated_at})
    returning *`.execute(ex);
  return rows[0] as ProductRow;
};

export const updateProduct = async (ex: Executor, row: ProductRow) => {
  const { rows } = await sql<ProductRow>`update expo.products set name_zh = ${row.name_zh},
      name_en = ${row.name_en}, description_zh = ${row.description_zh}, description_en = ${row.description_en},
      hs_code = ${row.hs_code}, hs_chapter = ${row.hs_chapter}, images = ${JSON.stringify(row.images)}::jsonb,
      moq = ${row.moq}::numeric, moq_unit = ${row.moq_unit}, price_currency = ${row.price_currency},
      price_min_minor = ${row.price_min_minor}::bigint, price_max_minor = ${row.price_max_minor}::bigint,
      lead_time_days = ${row.lead_time_days}, export_markets = ${textArray(row.export_markets)},
      status = ${row.status}, version = ${row.version}, updated_at = ${row.updated_at}
    where id = ${row.id} and organisation_id = ${row.organisation_id}
    returning *`.execute(ex);
  return rows[0] as ProductRow;
};

/** One of the organisation's own products, whatever its status. */
export const findOwnProduct = async (
  ex: Executor,
  organisationId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
) => {
  const lock = options.forUpdate === true ? sql` for update` : sql``;
  const { rows } = await sql<ProductRow>`select * from expo.products
    where id = ${id} and organisation_id = ${organisationId}${lock}`.execute(ex);
  return rows[0];
};

export const listOwnProducts = async (
  ex: Executor,
  organisationId: string,
  status: CatalogueStatus | undefined,
  page: Page,
) => {
  const byStatus = status === undefined ? sql`` : sql` and status = ${status}`;
  const { rows } = await sql<ProductRow & { total: string }>`select *, count(*) over () as total
    from expo.products where organisation_id = ${organisationId}${byStatus}
    order by created_at desc, id desc limit ${page.limit} offset ${page.offset}`.execute(ex);
  return rows;
};

export type ProductFilter = {
  organisationId?: string | undefined;
  hsChapter?: string | undefined;
  country?: string | undefined;
};

/** Published products of published showcases, newest first. */
export const listPublishedProducts = async (ex: Executor, filter: ProductFilter, page: Page) => {
  const org =
    filter.organisationId === undefined ? sql`` : sql` and p.organisation_id = ${filter.organisationId}`;
  const chapter = filter.hsChapter === undefined ? sql`` : sql` and p.hs_chapter = ${filter.hsChapter}`;
  const country = filter.country === undefined ? sql`` : sql` and e.country = ${filter.country}`;
  const { rows } = await sql<ProductRow & { total: string }>`select p.*, count(*) over () as total
    from expo.products p join expo.exhibitors e on e.organisation_id = p.organisation_id
    where p.status = 'published' and e.status = 'published'${org}${chapter}${country}
    order by p.created_at desc, p.id desc limit ${page.limit} offset ${page.offset}`.execute(ex);
  return rows;
};

/**
 * Published products (of published showcases) by id, for the other parts of the module: search
 * indexing, matchmaking. Ids that are not published are simply missing.
 */
export const findPublishedProducts = async (ex: Executor, ids: readonly string[]) => {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<ProductRow>`select p.* from expo.products p
    join expo.exhibitors e on e.organisation_id = p.organisation_id
    where p.status = 'published' and e.status = 'published' and p.id = any(${textArray(ids)})`.execute(ex);
  return rows;
};

// ---------------------------------------------------------------- certifications

export const listCertifications = async (ex: Executor, productIds: readonly string[]) => {
  if (productIds.length === 0) {
    return [];
  }
  const { rows } = await sql<CertificationRow>`select * from expo.product_certifications
    where product_id = any(${textArray(productIds)}) order by product_id, scheme`.execute(ex);
  return rows;
};

export const upsertCertification = async (ex: Executor, row: CertificationRow) => {
  await sql`insert into expo.product_certifications (product_id, organisation_id, scheme,
      credential_document_id, verification, verified_at, created_at)
    values (${row.product_id}, ${row.organisation_id}, ${row.scheme}, ${row.credential_document_id},
      ${row.verification}, ${row.verified_at}, ${row.created_at})
    on conflict (product_id, scheme) do update set credential_document_id = excluded.credential_document_id,
      verification = excluded.verification, verified_at = excluded.verified_at`.execute(ex);
};

export const setCertificationVerification = async (
  ex: Executor,
  productId: string,
  scheme: string,
  verification: CertificationVerification,
  at: Date,
) => {
  await sql`update expo.product_certifications set verification = ${verification},
      verified_at = ${verification === 'verified' ? at : null}
    where product_id = ${productId} and scheme = ${scheme}`.execute(ex);
};

export const deleteCertification = async (
  ex: Executor,
  organisationId: string,
  productId: string,
  scheme: string,
) => {
  const result = await sql`delete from expo.product_certifications
    where product_id = ${productId} and organisation_id = ${organisationId} and scheme = ${scheme}`.execute(
    ex,
  );
  return Number(result.numAffectedRows ?? 0n) > 0;
};

// ---------------------------------------------------------------- services

export const insertService = async (ex: Executor, row: ServiceRow) => {
  const { rows } = await sql<ServiceRow>`insert into expo.services (id, organisation_id, name_zh, name_en,
      description_zh, description_en, ebops_code, gats_modes, languages, client_references, status, version,
      created_at, updated_at)
    values (${row.id}, ${row.organisation_id}, ${row.name_zh}, ${row.name_en}, ${row.description_zh},
      ${row.description_en}, ${row.ebops_code}, ${textArray(row.gats_modes)}, ${textArray(row.languages)},
      ${JSON.stringify(row.client_references)}::jsonb, ${row.status}, ${row.version}, ${row.created_at},
      ${row.updated_at})
    returning *`.execute(ex);
  return rows[0] as ServiceRow;
};

export const updateService = async (ex: Executor, row: ServiceRow) => {
  const { rows } = await sql<ServiceRow>`update expo.services set name_zh = ${row.name_zh},
      name_en = ${row.name_en}, description_zh = ${row.description_zh}, description_en = ${row.description_en},
      ebops_code = ${row.ebops_code}, gats_modes = ${textArray(row.gats_modes)},
      languages = ${textArray(row.languages)}, client_references = ${JSON.stringify(row.client_references)}::jsonb,
      status = ${row.status}, version = ${row.version}, updated_at = ${row.updated_at}
    where id = ${row.id} and organisation_id = ${row.organisation_id}
    returning *`.execute(ex);
  return rows[0] as ServiceRow;
};

export const findOwnService = async (
  ex: Executor,
  organisationId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
) => {
  const lock = options.forUpdate === true ? sql` for update` : sql``;
  const { rows } = await sql<ServiceRow>`select * from expo.services
    where id = ${id} and organisation_id = ${organisationId}${lock}`.execute(ex);
  return rows[0];
};

export const listOwnServices = async (
  ex: Executor,
  organisationId: string,
  status: CatalogueStatus | undefined,
  page: Page,
) => {
  const byStatus = status === undefined ? sql`` : sql` and status = ${status}`;
  const { rows } = await sql<ServiceRow & { total: string }>`select *, count(*) over () as total
    from expo.services where organisation_id = ${organisationId}${byStatus}
    order by created_at desc, id desc limit ${page.limit} offset ${page.offset}`.execute(ex);
  return rows;
};

/** Published services of published showcases: by id, or all of one organisation. */
export const findPublishedServices = async (
  ex: Executor,
  by: { ids: readonly string[] } | { organisationId: string },
) => {
  const where =
    'ids' in by ? sql`s.id = any(${textArray(by.ids)})` : sql`s.organisation_id = ${by.organisationId}`;
  const { rows } = await sql<ServiceRow>`select s.* from expo.services s
    join expo.exhibitors e on e.organisation_id = s.organisation_id
    where s.status = 'published' and e.status = 'published' and ${where}
    order by s.created_at desc, s.id desc`.execute(ex);
  return rows;
};

// ---------------------------------------------------------------- events

const eventColumns = sql.raw(`id, organisation_id, kind, name_zh, name_en, theme_zh, theme_en,
  to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on, time_zone,
  venue_zh, venue_en, unlocode, status, created_at, updated_at`);

export const insertEvent = async (ex: Executor, row: EventRow) => {
  const { rows } = await sql<EventRow>`insert into expo.events (id, organisation_id, kind, name_zh, name_en,
      theme_zh, theme_en, starts_on, ends_on, time_zone, venue_zh, venue_en, unlocode, status, created_at,
      updated_at)
    values (${row.id}, ${row.organisation_id}, ${row.kind}, ${row.name_zh}, ${row.name_en}, ${row.theme_zh},
      ${row.theme_en}, ${row.starts_on}::date, ${row.ends_on}::date, ${row.time_zone}, ${row.venue_zh},
      ${row.venue_en}, ${row.unlocode}, ${row.status}, ${row.created_at}, ${row.updated_at})
    returning ${eventColumns}`.execute(ex);
  return rows[0] as EventRow;
};

export const setEventStatus = async (ex: Executor, id: string, status: EventRow['status'], at: Date) => {
  const { rows } = await sql<EventRow>`update expo.events set status = ${status}, updated_at = ${at}
    where id = ${id} returning ${eventColumns}`.execute(ex);
  return rows[0] as EventRow;
};

/** The event if it is the organisation's own (any status). */
export const findOwnEvent = async (ex: Executor, organisationId: string, id: string) => {
  const { rows } = await sql<EventRow>`select ${eventColumns} from expo.events
    where id = ${id} and organisation_id = ${organisationId}`.execute(ex);
  return rows[0];
};

/** An event a caller may see: published, or organised by one of `organisationIds`. */
export const findVisibleEvent = async (ex: Executor, id: string, organisationIds: readonly string[]) => {
  const { rows } = await sql<EventRow>`select ${eventColumns} from expo.events
    where id = ${id} and (status = 'published' or organisation_id = any(${textArray(organisationIds)}))`.execute(
    ex,
  );
  return rows[0];
};

export const listVisibleEvents = async (ex: Executor, organisationIds: readonly string[]) => {
  const { rows } = await sql<EventRow>`select ${eventColumns} from expo.events
    where status = 'published' or organisation_id = any(${textArray(organisationIds)})
    order by starts_on desc, id desc limit 200`.execute(ex);
  return rows;
};

export const findEventByName = async (ex: Executor, organisationId: string, nameEn: string) => {
  const { rows } = await sql<EventRow>`select ${eventColumns} from expo.events
    where organisation_id = ${organisationId} and name_en = ${nameEn}`.execute(ex);
  return rows[0];
};

export const insertHall = async (ex: Executor, row: HallRow) => {
  const { rows } = await sql<HallRow>`insert into expo.halls (id, event_id, organisation_id, name_zh, name_en,
      hs_chapters, created_at)
    values (${row.id}, ${row.event_id}, ${row.organisation_id}, ${row.name_zh}, ${row.name_en},
      ${textArray(row.hs_chapters)}, ${row.created_at})
    returning *`.execute(ex);
  return rows[0] as HallRow;
};

export const listHalls = async (ex: Executor, eventId: string) => {
  const { rows } = await sql<HallRow>`select * from expo.halls where event_id = ${eventId}
    order by created_at, id`.execute(ex);
  return rows;
};

export const insertBooth = async (ex: Executor, row: BoothRow) => {
  const { rows } = await sql<BoothRow>`insert into expo.booths (id, hall_id, event_id, organisation_id, code,
      exhibitor_organisation_id, assigned_at, created_at)
    values (${row.id}, ${row.hall_id}, ${row.event_id}, ${row.organisation_id}, ${row.code},
      ${row.exhibitor_organisation_id}, ${row.assigned_at}, ${row.created_at})
    on conflict (event_id, code) do nothing
    returning *`.execute(ex);
  return rows[0];
};

export const findBooth = async (ex: Executor, eventId: string, boothId: string) => {
  const { rows } = await sql<BoothRow>`select * from expo.booths
    where id = ${boothId} and event_id = ${eventId} for update`.execute(ex);
  return rows[0];
};

export const assignBooth = async (ex: Executor, boothId: string, exhibitorId: string | null, at: Date) => {
  const { rows } = await sql<BoothRow>`update expo.booths set exhibitor_organisation_id = ${exhibitorId},
      assigned_at = ${exhibitorId === null ? null : at}
    where id = ${boothId} returning *`.execute(ex);
  return rows[0] as BoothRow;
};

export const listBooths = async (ex: Executor, eventId: string) => {
  const { rows } = await sql<BoothRow>`select * from expo.booths where event_id = ${eventId}
    order by code`.execute(ex);
  return rows;
};

/** The booths an exhibitor holds at published events, with the event and hall names. */
export const listExhibitorBooths = async (ex: Executor, organisationId: string) => {
  const { rows } = await sql<{
    booth_id: string;
    code: string;
    event_id: string;
    event_name_zh: string;
    event_name_en: string;
    starts_on: string;
    ends_on: string;
    hall_id: string;
    hall_name_zh: string;
    hall_name_en: string;
  }>`select b.id as booth_id, b.code, ev.id as event_id, ev.name_zh as event_name_zh,
      ev.name_en as event_name_en, to_char(ev.starts_on, 'YYYY-MM-DD') as starts_on,
      to_char(ev.ends_on, 'YYYY-MM-DD') as ends_on, h.id as hall_id, h.name_zh as hall_name_zh,
      h.name_en as hall_name_en
    from expo.booths b join expo.events ev on ev.id = b.event_id join expo.halls h on h.id = b.hall_id
    where b.exhibitor_organisation_id = ${organisationId} and ev.status = 'published'
    order by ev.starts_on desc, b.code`.execute(ex);
  return rows;
};

export const insertSession = async (ex: Executor, row: SessionRow) => {
  const { rows } = await sql<SessionRow>`insert into expo.schedule_sessions (id, event_id, organisation_id,
      hall_id, title_zh, title_en, speaker_zh, speaker_en, starts_at, ends_at, created_at)
    values (${row.id}, ${row.event_id}, ${row.organisation_id}, ${row.hall_id}, ${row.title_zh},
      ${row.title_en}, ${row.speaker_zh}, ${row.speaker_en}, ${row.starts_at}, ${row.ends_at}, ${row.created_at})
    returning *`.execute(ex);
  return rows[0] as SessionRow;
};

export const listSessions = async (ex: Executor, eventId: string) => {
  const { rows } = await sql<SessionRow>`select * from expo.schedule_sessions where event_id = ${eventId}
    order by starts_at, id`.execute(ex);
  return rows;
};
