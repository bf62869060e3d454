import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { RequirementStatus, RequirementValues } from './requirement-rules.ts';
import type { CertificationVerification, MatchComponent } from './score-match.ts';

// SQL only: the tables of migrations/0003_matchmaking.sql, and the reads of the catalogue's tables
// (same module) that matching needs. Dates travel as YYYY-MM-DD text; numerics as strings.

export type RequirementRow = {
  id: string;
  organisation_id: string;
  title: string;
  description: string;
  hs_code: string | null;
  quantity: string;
  quantity_unit: string;
  target_price_currency: string | null;
  target_price_minor: string | null;
  destination_country: string;
  destination_unlocode: string | null;
  certifications: string[];
  deadline: string;
  status: RequirementStatus;
  version: number;
  matched_at: Date | null;
  created_at: Date;
  updated_at: Date;
  match_count: number;
};

export type LeadStatus = 'new' | 'interested' | 'declined';

export type MatchRow = {
  id: string;
  requirement_id: string;
  organisation_id: string;
  supplier_organisation_id: string;
  product_id: string;
  score: number;
  components: MatchComponent[];
  buyer_status: LeadStatus;
  supplier_status: LeadStatus;
  created_at: Date;
  updated_at: Date;
};

const requirementColumns = sql.raw(`r.id, r.organisation_id, r.title, r.description, r.hs_code,
  trim_scale(r.quantity)::text as quantity, r.quantity_unit, r.target_price_currency,
  r.target_price_minor, r.destination_country, r.destination_unlocode, r.certifications,
  to_char(r.deadline, 'YYYY-MM-DD') as deadline, r.status, r.version, r.matched_at, r.created_at,
  r.updated_at,
  (select count(*)::int from expo.matches m where m.requirement_id = r.id and m.current) as match_count`);

// ---------------------------------------------------------------- requirements

export const insertRequirement = async (
  ex: Executor,
  row: { id: string; organisationId: string; values: RequirementValues; at: Date },
) => {
  const { values } = row;
  await sql`insert into expo.requirements (id, organisation_id, title, description, hs_code, quantity,
      quantity_unit, target_price_currency, target_price_minor, destination_country, destination_unlocode,
      certifications, deadline, status, version, created_at, updated_at)
    values (${row.id}, ${row.organisationId}, ${values.title}, ${values.description}, ${values.hsCode},
      ${values.quantity}::numeric, ${values.unit}, ${values.targetPrice?.currency ?? null},
      ${values.targetPrice?.amountMinor.toString() ?? null}::bigint, ${values.destinationCountry},
      ${values.destinationUnlocode}, ${values.certifications}::text[], ${values.deadline}::date, 'open', 1,
      ${row.at}, ${row.at})`.execute(ex);
};

/** The requirement if `organisationId` owns it; `forUpdate` locks it for a change. */
export const findRequirement = async (
  ex: Executor,
  organisationId: string,
  requirementId: string,
  forUpdate = false,
) => {
  const { rows } = await sql<RequirementRow>`select ${requirementColumns} from expo.requirements r
    where r.id = ${requirementId} and r.organisation_id = ${organisationId}
    ${forUpdate ? sql`for update` : sql``}`.execute(ex);
  return rows[0];
};

/** Any requirement by id, for matching (which runs on the owner's behalf). */
export const findRequirementById = async (ex: Executor, requirementId: string) => {
  const { rows } = await sql<RequirementRow>`select ${requirementColumns} from expo.requirements r
    where r.id = ${requirementId}`.execute(ex);
  return rows[0];
};

export const listRequirements = async (
  ex: Executor,
  organisationId: string,
  filter: { status?: RequirementStatus | undefined; limit: number; offset: number },
) => {
  const { rows } = await sql<RequirementRow>`select ${requirementColumns} from expo.requirements r
    where r.organisation_id = ${organisationId}
      ${filter.status === undefined ? sql`` : sql`and r.status = ${filter.status}`}
    order by r.created_at desc, r.id desc
    limit ${filter.limit} offset ${filter.offset}`.execute(ex);
  const { rows: counted } = await sql<{ total: number }>`select count(*)::int as total
    from expo.requirements where organisation_id = ${organisationId}
      ${filter.status === undefined ? sql`` : sql`and status = ${filter.status}`}`.execute(ex);
  return { rows, total: counted[0]?.total ?? 0 };
};

export const updateRequirement = async (
  ex: Executor,
  requirementId: string,
  values: RequirementValues,
  status: RequirementStatus,
  at: Date,
) => {
  await sql`update expo.requirements set title = ${values.title}, description = ${values.description},
      hs_code = ${values.hsCode}, quantity = ${values.quantity}::numeric, quantity_unit = ${values.unit},
      target_price_currency = ${values.targetPrice?.currency ?? null},
      target_price_minor = ${values.targetPrice?.amountMinor.toString() ?? null}::bigint,
      destination_country = ${values.destinationCountry}, destination_unlocode = ${values.destinationUnlocode},
      certifications = ${values.certifications}::text[], deadline = ${values.deadline}::date,
      status = ${status}, version = version + 1, updated_at = ${at}
    where id = ${requirementId}`.execute(ex);
};

// ---------------------------------------------------------------- candidates (the catalogue)

export type CandidateRow = {
  id: string;
  organisation_id: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  hs_code: string;
  moq: string;
  moq_unit: string;
  price_currency: string;
  price_min_minor: string;
  price_max_minor: string;
  export_markets: string[];
  exhibitor_export_markets: string[];
  exhibitor_name_zh: string;
  exhibitor_name_en: string;
  exhibitor_country: string;
  /** The supplier lets buyers see its hub track record (credit, completed orders). */
  share_track_record: boolean;
};

/** Published products (of published showcases) among `productIds`, with their exhibitor's markets. */
export const loadCandidates = async (ex: Executor, productIds: readonly string[]) => {
  if (productIds.length === 0) {
    return [];
  }
  const { rows } = await sql<CandidateRow>`select p.id, p.organisation_id, p.name_zh, p.name_en,
      p.description_zh, p.description_en, p.hs_code, trim_scale(p.moq)::text as moq, p.moq_unit,
      p.price_currency, p.price_min_minor, p.price_max_minor, p.export_markets,
      e.export_markets as exhibitor_export_markets, e.display_name_zh as exhibitor_name_zh,
      e.display_name_en as exhibitor_name_en, e.country as exhibitor_country, e.share_track_record
    from expo.products p join expo.exhibitors e on e.organisation_id = p.organisation_id
    where p.id in (${sql.join(productIds)}) and p.status = 'published' and e.status = 'published'
    order by p.id`.execute(ex);
  return rows;
};

/**
 * Published products of the buyer's HS subheading, then its heading, then its chapter, up to
 * `limit` in all: candidates text search may miss (a listing in the other language). Each tier is
 * a bounded range scan of products_published_by_hs.
 */
export const productsByHs = async (ex: Executor, hsCode: string, limit: number) => {
  const heading = hsCode.slice(0, 4);
  const chapter = hsCode.slice(0, 2);
  const tiers = [
    sql`hs_code = ${hsCode}`,
    sql`hs_code between ${`${heading}00`} and ${`${heading}99`} and hs_code <> ${hsCode}`,
    sql`hs_code between ${`${chapter}0000`} and ${`${chapter}9999`}
      and not (hs_code between ${`${heading}00`} and ${`${heading}99`})`,
  ];
  const ids: string[] = [];
  for (const tier of tiers) {
    if (ids.length >= limit) {
      break;
    }
    const { rows } = await sql<{ id: string }>`select id from expo.products
      where status = 'published' and ${tier}
      order by hs_code, id limit ${limit - ids.length}`.execute(ex);
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
};

export const loadCertifications = async (ex: Executor, productIds: readonly string[]) => {
  const certifications = new Map<string, { scheme: string; verification: CertificationVerification }[]>();
  if (productIds.length === 0) {
    return certifications;
  }
  const { rows } = await sql<{ product_id: string; scheme: string; verification: CertificationVerification }>`
    select product_id, scheme, verification from expo.product_certifications
    where product_id in (${sql.join(productIds)}) order by product_id, scheme`.execute(ex);
  for (const row of rows) {
    const list = certifications.get(row.product_id) ?? [];
    list.push({ scheme: row.scheme, verification: row.verification });
    certifications.set(row.product_id, list);
  }
  return certifications;
};

// ---------------------------------------------------------------- matches and leads

/**
 * Stores this run's matches: new ones are inserted, known ones get their new score (their
 * statuses stay, as either side may have acted), and earlier ones not found again stop being
 * current.
 */
export const storeMatches = async (
  ex: Executor,
  requirement: { id: string; organisationId: string },
  matches: readonly {
    id: string;
    productId: string;
    supplierOrganisationId: string;
    score: number;
    components: MatchComponent[];
  }[],
  at: Date,
) => {
  await sql`update expo.matches set current = false, updated_at = ${at}
    where requirement_id = ${requirement.id} and current`.execute(ex);
  for (const match of matches) {
    await sql`insert into expo.matches (id, requirement_id, organisation_id, supplier_organisation_id,
        product_id, score, components, current, created_at, updated_at)
      values (${match.id}, ${requirement.id}, ${requirement.organisationId}, ${match.supplierOrganisationId},
        ${match.productId}, ${match.score}, ${JSON.stringify(match.components)}::jsonb, true, ${at}, ${at})
      on conflict (requirement_id, product_id) do update
        set score = excluded.score, components = excluded.components, current = true,
          updated_at = excluded.updated_at`.execute(ex);
  }
  await sql`update expo.requirements set matched_at = ${at} where id = ${requirement.id}`.execute(ex);
};

export type LeadViewRow = MatchRow & {
  product_name_zh: string;
  product_name_en: string;
  product_hs_code: string;
  product_moq: string;
  product_moq_unit: string;
  product_price_currency: string;
  product_price_min_minor: string;
  product_price_max_minor: string;
  exhibitor_name_zh: string;
  exhibitor_name_en: string;
  exhibitor_country: string;
  /** The supplier shares its track record now (a stored match may predate its choice). */
  exhibitor_share_track_record: boolean;
  requirement_title: string;
  requirement_description: string;
  requirement_hs_code: string | null;
  requirement_quantity: string;
  requirement_unit: string;
  requirement_target_price_currency: string | null;
  requirement_target_price_minor: string | null;
  requirement_destination_country: string;
  requirement_destination_unlocode: string | null;
  requirement_certifications: string[];
  requirement_deadline: string;
  requirement_status: RequirementStatus;
};

const leadView = sql.raw(`m.id, m.requirement_id, m.organisation_id, m.supplier_organisation_id,
  m.product_id, m.score, m.components, m.buyer_status, m.supplier_status, m.created_at, m.updated_at,
  p.name_zh as product_name_zh, p.name_en as product_name_en, p.hs_code as product_hs_code,
  trim_scale(p.moq)::text as product_moq, p.moq_unit as product_moq_unit,
  p.price_currency as product_price_currency, p.price_min_minor as product_price_min_minor,
  p.price_max_minor as product_price_max_minor, e.display_name_zh as exhibitor_name_zh,
  e.display_name_en as exhibitor_name_en, e.country as exhibitor_country,
  e.share_track_record as exhibitor_share_track_record,
  r.title as requirement_title, r.description as requirement_description,
  r.hs_code as requirement_hs_code, trim_scale(r.quantity)::text as requirement_quantity,
  r.quantity_unit as requirement_unit, r.target_price_currency as requirement_target_price_currency,
  r.target_price_minor as requirement_target_price_minor,
  r.destination_country as requirement_destination_country,
  r.destination_unlocode as requirement_destination_unlocode,
  r.certifications as requirement_certifications,
  to_char(r.deadline, 'YYYY-MM-DD') as requirement_deadline, r.status as requirement_status
  from expo.matches m
  join expo.products p on p.id = m.product_id
  join expo.exhibitors e on e.organisation_id = m.supplier_organisation_id
  join expo.requirements r on r.id = m.requirement_id`);

/** The buyer's ranked current matches of its own requirement. */
export const listMatchesOfRequirement = async (
  ex: Executor,
  organisationId: string,
  requirementId: string,
) => {
  const { rows } = await sql<LeadViewRow>`select ${leadView}
    where m.requirement_id = ${requirementId} and m.organisation_id = ${organisationId} and m.current
    order by m.score desc, m.id`.execute(ex);
  return rows;
};

/** The supplier's current leads: matches on its own products, best and newest first. */
export const listLeadsOfSupplier = async (
  ex: Executor,
  supplierOrganisationId: string,
  filter: { status?: LeadStatus | undefined; minScore?: number | undefined; limit: number; offset: number },
) => {
  const conditions = [
    sql`m.supplier_organisation_id = ${supplierOrganisationId}`,
    sql`m.current`,
    ...(filter.status === undefined ? [] : [sql`m.supplier_status = ${filter.status}`]),
    ...(filter.minScore === undefined ? [] : [sql`m.score >= ${filter.minScore}`]),
  ];
  const where = sql.join(conditions, sql` and `);
  const { rows } = await sql<LeadViewRow>`select ${leadView} where ${where}
    order by m.created_at desc, m.score desc, m.id limit ${filter.limit} offset ${filter.offset}`.execute(ex);
  const { rows: counted } = await sql<{ total: number }>`select count(*)::int as total from expo.matches m
    where ${where}`.execute(ex);
  return { rows, total: counted[0]?.total ?? 0 };
};

/** One lead seen by one of its parties, or undefined for anyone else. */
export const findLeadView = async (
  ex: Executor,
  organisationId: string,
  leadId: string,
  forUpdate = false,
) => {
  const { rows } = await sql<LeadViewRow>`select ${leadView}
    where m.id = ${leadId}
      and (m.organisation_id = ${organisationId} or m.supplier_organisation_id = ${organisationId})
    ${forUpdate ? sql`for update of m` : sql``}`.execute(ex);
  return rows[0];
};

export const setLeadStatus = async (
  ex: Executor,
  leadId: string,
  side: { buyer?: LeadStatus; supplier?: LeadStatus },
  at: Date,
) => {
  await sql`update expo.matches set
      buyer_status = coalesce(${side.buyer ?? null}, buyer_status),
      supplier_status = coalesce(${side.supplier ?? null}, supplier_status),
      updated_at = ${at}
    where id = ${leadId}`.execute(ex);
};
