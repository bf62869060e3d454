import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type {
  GatsMode,
  PaymentMethod,
  ServiceContractStatus,
  TechnologyDirection,
  TechnologyField,
  TechnologyStatus,
} from './domain-services-trade.ts';

// SQL only: the tables of migrations/0005_services_trade.sql. Dates travel as YYYY-MM-DD text
// (to_char), so no time zone can shift a contract's dates; money as bigint minor units.

export type Evidence =
  | { kind: 'document'; documentId: string }
  | { kind: 'file'; sha256: string; name: string; sizeBytes: number };

export type ServiceContractRow = {
  id: string;
  organisation_id: string;
  reference: string;
  title: string;
  client_name: string;
  client_country: string;
  client_organisation_id: string | null;
  ebops_code: string;
  gats_mode: GatsMode;
  currency: string;
  value_minor: bigint;
  delivered_minor: bigint;
  starts_on: string;
  ends_on: string;
  digitally_delivered: boolean;
  evidence: Evidence[];
  status: ServiceContractStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type ServiceDeliveryRow = {
  id: string;
  contract_id: string;
  organisation_id: string;
  delivered_on: string;
  currency: string;
  value_minor: bigint;
  note: string;
  evidence: Evidence[];
  event_id: string;
  created_at: Date;
};

export type TechnologyContractRow = {
  id: string;
  organisation_id: string;
  reference: string;
  direction: TechnologyDirection;
  foreign_party_name: string;
  foreign_party_country: string;
  foreign_organisation_id: string | null;
  technology_name: string;
  technology_fields: TechnologyField[];
  category: 'free' | 'restricted';
  catalogue_entry: string | null;
  licence_number: string | null;
  currency: string;
  value_minor: bigint;
  payment_method: PaymentMethod;
  term_starts_on: string;
  term_ends_on: string;
  status: TechnologyStatus;
  registration_number: string | null;
  registered_on: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type HistoryRow = {
  object_id: string;
  organisation_id: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  at: Date;
};

// The driver hands bigint columns back as strings on PostgreSQL and as bigint on PGlite.
const big = (value: unknown): bigint => BigInt(value as string | bigint);

const contractColumns = sql.raw(`id, organisation_id, reference, title, client_name, client_country,
  client_organisation_id, ebops_code, gats_mode, currency, value_minor, delivered_minor,
  to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on,
  digitally_delivered, evidence, status, version, created_at, updated_at`);
const deliveryColumns = sql.raw(`id, contract_id, organisation_id,
  to_char(delivered_on, 'YYYY-MM-DD') as delivered_on, currency, value_minor, note, evidence, event_id,
  created_at`);
const technologyColumns = sql.raw(`id, organisation_id, reference, direction, foreign_party_name,
  foreign_party_country, foreign_organisation_id, technology_name, technology_fields, category,
  catalogue_entry, licence_number, currency, value_minor, payment_method,
  to_char(term_starts_on, 'YYYY-MM-DD') as term_starts_on, to_char(term_ends_on, 'YYYY-MM-DD') as term_ends_on,
  status, registration_number, to_char(registered_on, 'YYYY-MM-DD') as registered_on, version, created_at,
  updated_at`);

const contractOf = (row: ServiceContractRow): ServiceContractRow => ({
  ...row,
  value_minor: big(row.value_minor),
  delivered_minor: big(row.delivered_minor),
});
const deliveryOf = (row: ServiceDeliveryRow): ServiceDeliveryRow => ({
  ...row,
  value_minor: big(row.value_minor),
});
const technologyOf = (row: TechnologyContractRow): TechnologyContractRow => ({
  ...row,
  value_minor: big(row.value_minor),
});

// ------------------------------------------------------------------------------ service contracts

export const insertServiceContract = async (
  ex: Executor,
  row: Omit<ServiceContractRow, 'delivered_minor' | 'version' | 'updated_at'>,
): Promise<ServiceContractRow | undefined> => {
  const { rows } = await sql<ServiceContractRow>`insert into expo.service_contracts (id, organisation_id,
      reference, title, client_name, client_country, client_organisation_id, ebops_code, gats_mode, currency,
      value_minor, starts_on, ends_on, digitally_delivered, evidence, status, version, created_at, updated_at)
    values (${row.id}, ${row.organisation_id}, ${row.reference}, ${row.title}, ${row.client_name},
      ${row.client_country}, ${row.client_organisation_id}, ${row.ebops_code}, ${row.gats_mode}, ${row.currency},
      ${row.value_minor.toString()}::bigint, ${row.starts_on}::date, ${row.ends_on}::date,
      ${row.digitally_delivered}, ${JSON.stringify(row.evidence)}::jsonb, ${row.status}, 1, ${row.created_at},
      ${row.created_at})
    on conflict (organisation_id, reference) do nothing
    returning ${contractColumns}`.execute(ex);
  return rows[0] === undefined ? undefined : contractOf(rows[0]);
};

/**
 * One contract as the organisation sees it: its own (provider) or one naming it as the client.
 * `forUpdate` locks the row, for a change by its owner.
 */
export const findServiceContract = async (
  ex: Executor,
  organisationId: string,
  id: string,
  options: { forUpdate?: boolean; ownOnly?: boolean } = {},
): Promise<ServiceContractRow | undefined> => {
  const scope =
    options.ownOnly === true
      ? sql`organisation_id = ${organisationId}`
      : sql`(organisation_id = ${organisationId} or client_organisation_id = ${organisationId})`;
  const { rows } = await sql<ServiceContractRow>`select ${contractColumns} from expo.service_contracts
    where id = ${id} and ${scope} ${options.forUpdate === true ? sql`for update` : sql``}`.execute(ex);
  return rows[0] === undefined ? undefined : contractOf(rows[0]);
};

export type ServiceContractFilter = {
  /** The organisation whose view this is; null: every organisation (the regulator's view). */
  organisationId: string | null;
  role: 'provider' | 'client' | 'all';
  status?: ServiceContractStatus | undefined;
  ebops?: string | undefined;
  gatsMode?: GatsMode | undefined;
  clientCountry?: string | undefined;
  providerOrganisationId?: string | undefined;
  /** Contracts running on or after this day, on or before `to`. */
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  limit: number;
};

export const listServiceContracts = async (ex: Executor, filter: ServiceContractFilter) => {
  const conditions = [sql`true`];
  const org = filter.organisationId;
  if (org !== null) {
    conditions.push(
      filter.role === 'provider'
        ? sql`organisation_id = ${org}`
        : filter.role === 'client'
          ? sql`client_organisation_id = ${org}`
          : sql`(organisation_id = ${org} or client_organisation_id = ${org})`,
    );
  }
  if (filter.status !== undefined) {
    conditions.push(sql`status = ${filter.status}`);
  }
  // A category (SI) or an item (SI2) selects the item and everything under it.
  if (filter.ebops !== undefined) {
    conditions.push(sql`left(ebops_code, ${filter.ebops.length}) = ${filter.ebops}`);
  }
  if (filter.gatsMode !== undefined) {
    conditions.push(sql`gats_mode = ${filter.gatsMode}`);
  }
  if (filter.clientCountry !== undefined) {
    conditions.push(sql`client_country = ${filter.clientCountry}`);
  }
  if (filter.providerOrganisationId !== undefined) {
    conditions.push(sql`organisation_id = ${filter.providerOrganisationId}`);
  }
  if (filter.from !== undefined) {
    conditions.push(sql`ends_on >= ${filter.from}::date`);
  }
  if (filter.to !== undefined) {
    conditions.push(sql`starts_on <= ${filter.to}::date`);
  }
  if (filter.q !== undefined) {
    // position(), not LIKE: the caller's text is matched literally, % and _ included.
    const q = filter.q.toLowerCase();
    conditions.push(
      sql`(position(${q} in lower(reference)) > 0 or position(${q} in lower(title)) > 0
        or position(${q} in lower(client_name)) > 0)`,
    );
  }
  const { rows } = await sql<ServiceContractRow>`select ${contractColumns} from expo.service_contracts
    where ${sql.join(conditions, sql` and `)}
    order by created_at desc, id desc limit ${filter.limit}`.execute(ex);
  return rows.map(contractOf);
};

export const updateServiceContract = async (ex: Executor, row: ServiceContractRow) => {
  await sql`update expo.service_contracts set title = ${row.title}, client_name = ${row.client_name},
      client_country = ${row.client_country}, client_organisation_id = ${row.client_organisation_id},
      ebops_code = ${row.ebops_code}, gats_mode = ${row.gats_mode}, value_minor = ${row.value_minor.toString()}::bigint,
      starts_on = ${row.starts_on}::date, ends_on = ${row.ends_on}::date,
      digitally_delivered = ${row.digitally_delivered}, evidence = ${JSON.stringify(row.evidence)}::jsonb,
      status = ${row.status}, version = version + 1, updated_at = ${row.updated_at}
    where id = ${row.id} and organisation_id = ${row.organisation_id}`.execute(ex);
};

export const addDeliveredValue = async (ex: Executor, contractId: string, valueMinor: bigint, at: Date) => {
  await sql`update expo.service_contracts
    set delivered_minor = delivered_minor + ${valueMinor.toString()}::bigint, updated_at = ${at}
    where id = ${contractId}`.execute(ex);
};

export const deleteServiceContract = async (ex: Executor, organisationId: string, id: string) => {
  await sql`delete from expo.services_trade_history where object_id = ${id} and organisation_id = ${organisationId}`.execute(
    ex,
  );
  await sql`delete from expo.service_contracts where id = ${id} and organisation_id = ${organisationId}`.execute(
    ex,
  );
};

export const insertDelivery = async (ex: Executor, row: ServiceDeliveryRow) => {
  await sql`insert into expo.service_deliveries (id, contract_id, organisation_id, delivered_on, currency,
      value_minor, note, evidence, event_id, created_at)
    values (${row.id}, ${row.contract_id}, ${row.organisation_id}, ${row.delivered_on}::date, ${row.currency},
      ${row.value_minor.toString()}::bigint, ${row.note}, ${JSON.stringify(row.evidence)}::jsonb, ${row.event_id},
      ${row.created_at})`.execute(ex);
};

export const listDeliveries = async (ex: Executor, contractId: string) => {
  const { rows } = await sql<ServiceDeliveryRow>`select ${deliveryColumns} from expo.service_deliveries
    where contract_id = ${contractId} order by delivered_on, created_at, id`.execute(ex);
  return rows.map(deliveryOf);
};

// --------------------------------------------------------------------------- technology contracts

export const insertTechnologyContract = async (
  ex: Executor,
  row: Omit<
    TechnologyContractRow,
    'version' | 'updated_at' | 'registration_number' | 'registered_on' | 'status'
  >,
): Promise<TechnologyContractRow | undefined> => {
  const { rows } =
    await sql<TechnologyContractRow>`insert into expo.technology_contracts (id, organisation_id,
      reference, direction, foreign_party_name, foreign_party_country, foreign_organisation_id, technology_name,
      technology_fields, category, catalogue_entry, licence_number, currency, value_minor, payment_method,
      term_starts_on, term_ends_on, status, version, created_at, updated_at)
    values (${row.id}, ${row.organisation_id}, ${row.reference}, ${row.direction}, ${row.foreign_party_name},
      ${row.foreign_party_country}, ${row.foreign_organisation_id}, ${row.technology_name},
      ${[...row.technology_fields]}::text[], ${row.category}, ${row.catalogue_entry}, ${row.licence_number},
      ${row.currency}, ${row.value_minor.toString()}::bigint, ${row.payment_method}, ${row.term_starts_on}::date,
      ${row.term_ends_on}::date, 'draft', 1, ${row.created_at}, ${row.created_at})
    on conflict (organisation_id, reference) do nothing
    returning ${technologyColumns}`.execute(ex);
  return rows[0] === undefined ? undefined : technologyOf(rows[0]);
};

export const findTechnologyContract = async (
  ex: Executor,
  organisationId: string,
  id: string,
  options: { forUpdate?: boolean; ownOnly?: boolean } = {},
): Promise<TechnologyContractRow | undefined> => {
  const scope =
    options.ownOnly === true
      ? sql`organisation_id = ${organisationId}`
      : sql`(organisation_id = ${organisationId} or foreign_organisation_id = ${organisationId})`;
  const { rows } = await sql<TechnologyContractRow>`select ${technologyColumns} from expo.technology_contracts
    where id = ${id} and ${scope} ${options.forUpdate === true ? sql`for update` : sql``}`.execute(ex);
  return rows[0] === undefined ? undefined : technologyOf(rows[0]);
};

export type TechnologyContractFilter = {
  organisationId: string | null;
  direction?: TechnologyDirection | undefined;
  category?: 'free' | 'restricted' | undefined;
  status?: TechnologyStatus | undefined;
  limit: number;
};

export const listTechnologyContracts = async (ex: Executor, filter: TechnologyContractFilter) => {
  const conditions = [sql`true`];
  if (filter.organisationId !== null) {
    conditions.push(
      sql`(organisation_id = ${filter.organisationId} or foreign_organisation_id = ${filter.organisationId})`,
    );
  }
  if (filter.direction !== undefined) {
    conditions.push(sql`direction = ${filter.direction}`);
  }
  if (filter.category !== undefined) {
    conditions.push(sql`category = ${filter.category}`);
  }
  if (filter.status !== undefined) {
    conditions.push(sql`status = ${filter.status}`);
  }
  const { rows } = await sql<TechnologyContractRow>`select ${technologyColumns} from expo.technology_contracts
    where ${sql.join(conditions, sql` and `)}
    order by created_at desc, id desc limit ${filter.limit}`.execute(ex);
  return rows.map(technologyOf);
};

export const markRegistered = async (
  ex: Executor,
  row: {
    id: string;
    licenceNumber: string | null;
    registrationNumber: string;
    registeredOn: string;
    at: Date;
  },
) => {
  await sql`update expo.technology_contracts set status = 'registered', licence_number = ${row.licenceNumber},
      registration_number = ${row.registrationNumber}, registered_on = ${row.registeredOn}::date,
      version = version + 1, updated_at = ${row.at}
    where id = ${row.id}`.execute(ex);
};

export const markCancelled = async (ex: Executor, id: string, at: Date) => {
  await sql`update expo.technology_contracts set status = 'cancelled', version = version + 1, updated_at = ${at}
    where id = ${id}`.execute(ex);
};

/** The next registration sequence of the year: an atomic upsert, so two registrations never share one. */
export const nextRegistrationSequence = async (ex: Executor, year: number): Promise<number> => {
  const { rows } = await sql<{
    last_number: number;
  }>`insert into expo.technology_registration_counters (year, last_number)
    values (${year}, 1)
    on conflict (year) do update set last_number = expo.technology_registration_counters.last_number + 1
    returning last_number`.execute(ex);
  return Number(rows[0]?.last_number ?? 1);
};

// ----------------------------------------------------------------------------------------- history

export const insertHistory = async (ex: Executor, row: HistoryRow) => {
  await sql`insert into expo.services_trade_history (object_id, organisation_id, from_status, to_status, reason, at)
    values (${row.object_id}, ${row.organisation_id}, ${row.from_status}, ${row.to_status}, ${row.reason},
      ${row.at})`.execute(ex);
};

export const listHistory = async (ex: Executor, objectId: string) => {
  const { rows } = await sql<HistoryRow>`select object_id, organisation_id, from_status, to_status, reason, at
    from expo.services_trade_history where object_id = ${objectId} order by id`.execute(ex);
  return rows;
};
