import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { IpKind } from './domain/registry-number.ts';

// SQL only: the registry's tables in migrations/0006_ip_registry.sql. Dates travel as YYYY-MM-DD
// text (to_char) and amounts as decimal text (read back into bigint by the service), so neither a
// time zone nor a float touches them.

export type AssetStatus = 'pending' | 'granted' | 'expired' | 'lapsed' | 'revoked';
export type AssetRow = {
  id: string;
  organisation_id: string;
  kind: IpKind;
  title_zh: string;
  title_en: string;
  registry_number: string | null;
  registry_number_canonical: string | null;
  jurisdiction: string;
  filing_date: string | null;
  grant_date: string | null;
  expiry_date: string | null;
  status: AssetStatus;
  nice_classes: number[];
  ipc_classes: string[];
  abstract_zh: string;
  abstract_en: string;
  secret_document_sha256: string | null;
  visibility: 'draft' | 'published';
  version: number;
  created_at: Date;
  updated_at: Date;
};
export type OwnerRow = {
  asset_id: string;
  position: number;
  owner_organisation_id: string | null;
  person_name: string | null;
};
export type AssetEventKind =
  | 'created'
  | 'updated'
  | 'licensed'
  | 'assigned_out'
  | 'assigned_in'
  | 'pledged'
  | 'pledge_released'
  | 'watch_set';
export type AssetEventRow = {
  asset_id: string;
  organisation_id: string;
  kind: AssetEventKind;
  detail: Record<string, unknown>;
  at: Date;
};
export type AgreementRow = {
  id: string;
  organisation_id: string;
  asset_id: string;
  kind: 'licence' | 'assignment';
  counterparty_organisation_id: string | null;
  counterparty_name: string | null;
  exclusivity: 'exclusive' | 'sole' | 'non_exclusive' | null;
  territory: string[];
  field_of_use: string;
  term_start: string;
  term_end: string | null;
  royalty_kind: 'none' | 'lump_sum' | 'percent';
  royalty_amount_minor: string | null;
  royalty_currency: string | null;
  royalty_percent: string | null;
  document_id: string;
  credential_id: string;
  doc_hash: string;
  status: 'awaiting_acceptance' | 'accepted' | 'issued';
  accepted_at: Date | null;
  accepted_by: string | null;
  created_at: Date;
};
export type PledgeRow = {
  id: string;
  organisation_id: string;
  asset_id: string;
  bank_organisation_id: string;
  secured_amount_minor: string;
  currency: string;
  reference: string | null;
  status: 'active' | 'released';
  registered_at: Date;
  released_at: Date | null;
  /** The pledge's registration in finance's duplicate-financing registry; null before 0007 only. */
  registration_id: string | null;
};
export type ListingRow = {
  id: string;
  organisation_id: string;
  asset_ids: string[];
  deal: 'licence' | 'sale' | 'either';
  pitch_zh: string;
  pitch_en: string;
  fields: string[];
  asking_kind: 'negotiable' | 'price' | 'royalty';
  asking_amount_minor: string | null;
  asking_currency: string | null;
  asking_percent: string | null;
  status: 'draft' | 'published' | 'withdrawn';
  version: number;
  created_at: Date;
  updated_at: Date;
};
export type WatchRow = {
  id: string;
  organisation_id: string;
  asset_id: string;
  jurisdictions: string[];
  keywords: string[];
  status: 'active' | 'paused';
  created_at: Date;
};
export type AlertRow = {
  id: string;
  organisation_id: string;
  watch_id: string;
  asset_id: string;
  url: string;
  marketplace: string;
  country: string;
  evidence_sha256: string;
  observed_at: Date;
  reported_by: string;
  status: 'open' | 'dismissed' | 'dispute_intake';
  created_at: Date;
};
export type IntakeRow = {
  id: string;
  organisation_id: string;
  alert_id: string;
  asset_id: string;
  case_file: Record<string, unknown>;
  status: 'awaiting_disputes_module';
  created_at: Date;
};

const one = <T>(rows: T[], what: string): T => {
  const row = rows[0];
  if (row === undefined) {
    throw new Error(`${what} returned no row`);
  }
  return row;
};

const assetColumns = sql.raw(`a.id, a.organisation_id, a.kind, a.title_zh, a.title_en, a.registry_number,
  a.registry_number_canonical, a.jurisdiction, to_char(a.filing_date, 'YYYY-MM-DD') as filing_date,
  to_char(a.grant_date, 'YYYY-MM-DD') as grant_date, to_char(a.expiry_date, 'YYYY-MM-DD') as expiry_date,
  a.status, a.nice_classes, a.ipc_classes, a.abstract_zh, a.abstract_en, a.secret_document_sha256,
  a.visibility, a.version, a.created_at, a.updated_at`);
const agreementColumns = sql.raw(`id, organisation_id, asset_id, kind, counterparty_organisation_id,
  counterparty_name, exclusivity, territory, field_of_use, to_char(term_start, 'YYYY-MM-DD') as term_start,
  to_char(term_end, 'YYYY-MM-DD') as term_end, royalty_kind, royalty_amount_minor::text as royalty_amount_minor,
  royalty_currency, royalty_percent::text as royalty_percent, document_id, credential_id, doc_hash, status,
  accepted_at, accepted_by, created_at`);
const pledgeColumns = sql.raw(`id, organisation_id, asset_id, bank_organisation_id,
  secured_amount_minor::text as secured_amount_minor, currency, reference, status, registered_at, released_at,
  registration_id`);
const listingColumns = sql.raw(`id, organisation_id, asset_ids, deal, pitch_zh, pitch_en, fields, asking_kind,
  asking_amount_minor::text as asking_amount_minor, asking_currency, asking_percent::text as asking_percent,
  status, version, created_at, updated_at`);

// ---------------------------------------------------------------- assets

export type AssetInsert = Omit<AssetRow, 'version' | 'updated_at'>;

export const insertAsset = async (ex: Executor, a: AssetInsert) => {
  const { rows } = await sql<AssetRow>`insert into expo.ip_assets as a (id, organisation_id, kind, title_zh,
      title_en, registry_number, registry_number_canonical, jurisdiction, filing_date, grant_date, expiry_date,
      status, nice_classes, ipc_classes, abstract_zh, abstract_en, secret_document_sha256, visibility, version,
      created_at, updated_at)
    values (${a.id}, ${a.organisation_id}, ${a.kind}, ${a.title_zh}, ${a.title_en}, ${a.registry_number},
      ${a.registry_number_canonical}, ${a.jurisdiction}, ${a.filing_date}::date, ${a.grant_date}::date,
      ${a.expiry_date}::date, ${a.status}, ${a.nice_classes}::int[], ${a.ipc_classes}::text[], ${a.abstract_zh},
      ${a.abstract_en}, ${a.secret_document_sha256}, ${a.visibility}, 1, ${a.created_at}, ${a.created_at})
    on conflict do nothing
    returning ${assetColumns}`.execute(ex);
  return rows[0];
};

/** The asset by id, whoever holds it (the service decides what the caller may see). */
export const findAsset = async (ex: Executor, assetId: string, forUpdate = false) => {
  const { rows } = await sql<AssetRow>`select ${assetColumns} from expo.ip_assets a where a.id = ${assetId}
    ${forUpdate ? sql`for update` : sql``}`.execute(ex);
  return rows[0];
};

export const findAssets = async (ex: Executor, assetIds: readonly string[]) => {
  if (assetIds.length === 0) {
    return [];
  }
  const { rows } = await sql<AssetRow>`select ${assetColumns} from expo.ip_assets a
    where a.id = any(${[...assetIds]}::text[])`.execute(ex);
  return rows;
};

export type AssetFilter = {
  /** The holder's own assets (every visibility), or else the published registry. */
  holder?: string | undefined;
  kind?: IpKind | undefined;
  jurisdiction?: string | undefined;
  text?: string | undefined;
  limit: number;
};

export const listAssets = async (ex: Executor, filter: AssetFilter) => {
  const like = filter.text === undefined ? undefined : `%${filter.text.replaceAll(/[\\%_]/g, '\\$&')}%`;
  const { rows } = await sql<AssetRow>`select ${assetColumns} from expo.ip_assets a
    where ${filter.holder === undefined ? sql`a.visibility = 'published'` : sql`a.organisation_id = ${filter.holder}`}
      ${filter.kind === undefined ? sql`` : sql`and a.kind = ${filter.kind}`}
      ${filter.jurisdiction === undefined ? sql`` : sql`and a.jurisdiction = ${filter.jurisdiction}`}
      ${
        like === undefined
          ? sql``
          : sql`and (a.title_zh ilike ${like} or a.title_en ilike ${like} or a.registry_number ilike ${like}
              or array_to_string(a.ipc_classes, ' ') ilike ${like})`
      }
    order by a.created_at desc, a.id desc
    limit ${filter.limit}`.execute(ex);
  return rows;
};

export const updateAsset = async (
  ex: Executor,
  assetId: string,
  change: Partial<
    Pick<
      AssetRow,
      | 'title_zh'
      | 'title_en'
      | 'status'
      | 'grant_date'
      | 'expiry_date'
      | 'visibility'
      | 'abstract_zh'
      | 'abstract_en'
      | 'nice_classes'
      | 'ipc_classes'
      | 'organisation_id'
    >
  >,
  at: Date,
) => {
  const keep = (column: string) => sql.ref(`a.${column}`);
  const { rows } = await sql<AssetRow>`update expo.ip_assets a set
      title_zh = ${change.title_zh === undefined ? keep('title_zh') : change.title_zh},
      title_en = ${change.title_en === undefined ? keep('title_en') : change.title_en},
      status = ${change.status === undefined ? keep('status') : change.status},
      grant_date = ${change.grant_date === undefined ? keep('grant_date') : sql`${change.grant_date}::date`},
      expiry_date = ${change.expiry_date === undefined ? keep('expiry_date') : sql`${change.expiry_date}::date`},
      visibility = ${change.visibility === undefined ? keep('visibility') : change.visibility},
      abstract_zh = ${change.abstract_zh === undefined ? keep('abstract_zh') : change.abstract_zh},
      abstract_en = ${change.abstract_en === undefined ? keep('abstract_en') : change.abstract_en},
      nice_classes = ${change.nice_classes === undefined ? keep('nice_classes') : sql`${change.nice_classes}::int[]`},
      ipc_classes = ${change.ipc_classes === undefined ? keep('ipc_classes') : sql`${change.ipc_classes}::text[]`},
      organisation_id = ${change.organisation_id === undefined ? keep('organisation_id') : change.organisation_id},
      version = a.version + 1,
      updated_at = ${at}
    where a.id = ${assetId}
    returning ${assetColumns}`.execute(ex);
  return one(rows, `update of asset ${assetId}`);
};

export const replaceOwners = async (
  ex: Executor,
  assetId: string,
  organisationId: string,
  owners: readonly { organisationId?: string | undefined; personName?: string | undefined }[],
) => {
  await sql`delete from expo.ip_asset_owners where asset_id = ${assetId}`.execute(ex);
  for (const [position, owner] of owners.entries()) {
    await sql`insert into expo.ip_asset_owners (asset_id, organisation_id, position, owner_organisation_id,
        person_name)
      values (${assetId}, ${organisationId}, ${position}, ${owner.organisationId ?? null},
        ${owner.personName ?? null})`.execute(ex);
  }
};

export const listOwners = async (ex: Executor, assetIds: readonly string[]) => {
  if (assetIds.length === 0) {
    return [];
  }
  const { rows } = await sql<OwnerRow>`select asset_id, position, owner_organisation_id, person_name
    from expo.ip_asset_owners where asset_id = any(${[...assetIds]}::text[])
    order by asset_id, position`.execute(ex);
  return rows;
};

export const insertAssetEvent = async (ex: Executor, e: AssetEventRow) => {
  await sql`insert into expo.ip_asset_events (asset_id, organisation_id, kind, detail, at)
    values (${e.asset_id}, ${e.organisation_id}, ${e.kind}, ${JSON.stringify(e.detail)}::jsonb, ${e.at})`.execute(
    ex,
  );
};

export const listAssetEvents = async (ex: Executor, assetId: string) => {
  const { rows } = await sql<AssetEventRow>`select asset_id, organisation_id, kind, detail, at
    from expo.ip_asset_events where asset_id = ${assetId} order by at, kind`.execute(ex);
  return rows;
};

// ---------------------------------------------------------------- agreements

export const insertAgreement = async (ex: Executor, g: Omit<AgreementRow, 'accepted_at' | 'accepted_by'>) => {
  const { rows } =
    await sql<AgreementRow>`insert into expo.ip_agreements (id, organisation_id, asset_id, kind,
      counterparty_organisation_id, counterparty_name, exclusivity, territory, field_of_use, term_start, term_end,
      royalty_kind, royalty_amount_minor, royalty_currency, royalty_percent, document_id, credential_id, doc_hash,
      status, created_at)
    values (${g.id}, ${g.organisation_id}, ${g.asset_id}, ${g.kind}, ${g.counterparty_organisation_id},
      ${g.counterparty_name}, ${g.exclusivity}, ${g.territory}::text[], ${g.field_of_use}, ${g.term_start}::date,
      ${g.term_end}::date, ${g.royalty_kind}, ${g.royalty_amount_minor}::bigint, ${g.royalty_currency},
      ${g.royalty_percent}::numeric, ${g.document_id}, ${g.credential_id}, ${g.doc_hash}, ${g.status},
      ${g.created_at})
    returning ${agreementColumns}`.execute(ex);
  return one(rows, 'insert into expo.ip_agreements');
};

/** An agreement the organisation is a party to (licensor/assignor or counterparty), or undefined. */
export const findAgreementForParty = async (
  ex: Executor,
  organisationId: string,
  agreementId: string,
  forUpdate = false,
) => {
  const { rows } = await sql<AgreementRow>`select ${agreementColumns} from expo.ip_agreements
    where id = ${agreementId}
      and (organisation_id = ${organisationId} or counterparty_organisation_id = ${organisationId})
    ${forUpdate ? sql`for update` : sql``}`.execute(ex);
  return rows[0];
};

export const listAgreementsForParty = async (ex: Executor, organisationId: string, assetId?: string) => {
  const { rows } = await sql<AgreementRow>`select ${agreementColumns} from expo.ip_agreements
    where (organisation_id = ${organisationId} or counterparty_organisation_id = ${organisationId})
      ${assetId === undefined ? sql`` : sql`and asset_id = ${assetId}`}
    order by created_at desc, id desc limit 500`.execute(ex);
  return rows;
};

/** Licences of the asset still in force on or after `day` (for the exclusivity check). */
export const listLicencesInForce = async (ex: Executor, assetId: string, day: string) => {
  const { rows } = await sql<AgreementRow>`select ${agreementColumns} from expo.ip_agreements
    where asset_id = ${assetId} and kind = 'licence' and (term_end is null or term_end >= ${day}::date)`.execute(
    ex,
  );
  return rows;
};

export const pendingAssignment = async (ex: Executor, assetId: string) => {
  const { rows } = await sql<{ id: string }>`select id from expo.ip_agreements
    where asset_id = ${assetId} and kind = 'assignment' and status = 'awaiting_acceptance'`.execute(ex);
  return rows[0]?.id;
};

export const markAccepted = async (ex: Executor, agreementId: string, at: Date, by: string) => {
  const { rows } = await sql<AgreementRow>`update expo.ip_agreements
    set status = 'accepted', accepted_at = ${at}, accepted_by = ${by}
    where id = ${agreementId} returning ${agreementColumns}`.execute(ex);
  return one(rows, `acceptance of ${agreementId}`);
};

// ---------------------------------------------------------------- pledges

export const insertPledge = async (
  ex: Executor,
  p: Omit<PledgeRow, 'status' | 'released_at' | 'registration_id'> & { registration_id: string },
) => {
  const { rows } = await sql<PledgeRow>`insert into expo.ip_pledges (id, organisation_id, asset_id,
      bank_organisation_id, secured_amount_minor, currency, reference, status, registered_at, registration_id)
    values (${p.id}, ${p.organisation_id}, ${p.asset_id}, ${p.bank_organisation_id},
      ${p.secured_amount_minor}::bigint, ${p.currency}, ${p.reference}, 'active', ${p.registered_at},
      ${p.registration_id})
    on conflict do nothing
    returning ${pledgeColumns}`.execute(ex);
  return rows[0];
};

export const activePledgeOf = async (ex: Executor, assetId: string) => {
  const { rows } = await sql<PledgeRow>`select ${pledgeColumns} from expo.ip_pledges
    where asset_id = ${assetId} and status = 'active'`.execute(ex);
  return rows[0];
};

/** Pledges the organisation made (as holder) or holds (as bank). */
export const listPledgesForParty = async (ex: Executor, organisationId: string, assetId?: string) => {
  const { rows } = await sql<PledgeRow>`select ${pledgeColumns} from expo.ip_pledges
    where (organisation_id = ${organisationId} or bank_organisation_id = ${organisationId})
      ${assetId === undefined ? sql`` : sql`and asset_id = ${assetId}`}
    order by registered_at desc, id desc limit 500`.execute(ex);
  return rows;
};

export const findPledgeForBank = async (ex: Executor, bankId: string, pledgeId: string) => {
  const { rows } = await sql<PledgeRow>`select ${pledgeColumns} from expo.ip_pledges
    where id = ${pledgeId} and bank_organisation_id = ${bankId} for update`.execute(ex);
  return rows[0];
};

export const findPledgeForParty = async (ex: Executor, organisationId: string, pledgeId: string) => {
  const { rows } = await sql<PledgeRow>`select ${pledgeColumns} from expo.ip_pledges
    where id = ${pledgeId} and (organisation_id = ${organisationId} or bank_organisation_id = ${organisationId})`.execute(
    ex,
  );
  return rows[0];
};

export const releasePledge = async (ex: Executor, pledgeId: string, at: Date) => {
  const { rows } = await sql<PledgeRow>`update expo.ip_pledges set status = 'released', released_at = ${at}
    where id = ${pledgeId} returning ${pledgeColumns}`.execute(ex);
  return one(rows, `release of ${pledgeId}`);
};

// ---------------------------------------------------------------- listings

export const insertListing = async (
  ex: Executor,
  l: Omit<ListingRow, 'version' | 'updated_at'> & { tokens: string[] },
) => {
  const { rows } = await sql<ListingRow>`insert into expo.ip_listings (id, organisation_id, asset_ids, deal,
      pitch_zh, pitch_en, fields, asking_kind, asking_amount_minor, asking_currency, asking_percent, tokens,
      status, version, created_at, updated_at)
    values (${l.id}, ${l.organisation_id}, ${l.asset_ids}::text[], ${l.deal}, ${l.pitch_zh}, ${l.pitch_en},
      ${l.fields}::text[], ${l.asking_kind}, ${l.asking_amount_minor}::bigint, ${l.asking_currency},
      ${l.asking_percent}::numeric, ${l.tokens}::text[], ${l.status}, 1, ${l.created_at}, ${l.created_at})
    returning ${listingColumns}`.execute(ex);
  return one(rows, 'insert into expo.ip_listings');
};

export const findListing = async (ex: Executor, listingId: string, forUpdate = false) => {
  const { rows } =
    await sql<ListingRow>`select ${listingColumns} from expo.ip_listings where id = ${listingId}
    ${forUpdate ? sql`for update` : sql``}`.execute(ex);
  return rows[0];
};

export type ListingFilter = {
  holder?: string | undefined;
  tokens: readonly string[];
  field?: string | undefined;
  deal?: 'licence' | 'sale' | undefined;
  limit: number;
};

export const listListings = async (ex: Executor, filter: ListingFilter) => {
  const { rows } = await sql<ListingRow>`select ${listingColumns} from expo.ip_listings
    where ${filter.holder === undefined ? sql`status = 'published'` : sql`organisation_id = ${filter.holder}`}
      ${filter.tokens.length === 0 ? sql`` : sql`and tokens @> ${[...filter.tokens]}::text[]`}
      ${filter.field === undefined ? sql`` : sql`and ${filter.field} = any(fields)`}
      ${filter.deal === undefined ? sql`` : sql`and deal in (${filter.deal}, 'either')`}
    order by created_at desc, id desc
    limit ${filter.limit}`.execute(ex);
  return rows;
};

export const updateListing = async (
  ex: Executor,
  listingId: string,
  change: {
    status?: ListingRow['status'] | undefined;
    pitch_zh?: string | undefined;
    pitch_en?: string | undefined;
  },
  tokens: string[] | undefined,
  at: Date,
) => {
  const { rows } = await sql<ListingRow>`update expo.ip_listings set
      status = coalesce(${change.status ?? null}, status),
      pitch_zh = coalesce(${change.pitch_zh ?? null}, pitch_zh),
      pitch_en = coalesce(${change.pitch_en ?? null}, pitch_en),
      tokens = coalesce(${tokens ?? null}::text[], tokens),
      version = version + 1,
      updated_at = ${at}
    where id = ${listingId} returning ${listingColumns}`.execute(ex);
  return one(rows, `update of listing ${listingId}`);
};

// ---------------------------------------------------------------- watches, alerts, intakes

export const insertWatch = async (ex: Executor, w: WatchRow) => {
  const { rows } =
    await sql<WatchRow>`insert into expo.ip_watches (id, organisation_id, asset_id, jurisdictions,
      keywords, status, created_at)
    values (${w.id}, ${w.organisation_id}, ${w.asset_id}, ${w.jurisdictions}::text[], ${w.keywords}::text[],
      ${w.status}, ${w.created_at})
    returning id, organisation_id, asset_id, jurisdictions, keywords, status, created_at`.execute(ex);
  return one(rows, 'insert into expo.ip_watches');
};

export const findWatch = async (ex: Executor, organisationId: string, watchId: string) => {
  const { rows } = await sql<WatchRow>`select id, organisation_id, asset_id, jurisdictions, keywords, status,
      created_at
    from expo.ip_watches where id = ${watchId} and organisation_id = ${organisationId}`.execute(ex);
  return rows[0];
};

export const listWatches = async (ex: Executor, organisationId: string, assetId?: string) => {
  const { rows } = await sql<WatchRow>`select id, organisation_id, asset_id, jurisdictions, keywords, status,
      created_at
    from expo.ip_watches where organisation_id = ${organisationId}
      ${assetId === undefined ? sql`` : sql`and asset_id = ${assetId}`}
    order by created_at desc, id desc limit 500`.execute(ex);
  return rows;
};

const alertColumns =
  sql.raw(`id, organisation_id, watch_id, asset_id, url, marketplace, country, evidence_sha256,
  observed_at, reported_by, status, created_at`);

/** The new alert, or the one already recorded for the same evidence at the same URL. */
export const insertAlert = async (
  ex: Executor,
  a: AlertRow,
): Promise<{ alert: AlertRow; created: boolean }> => {
  const { rows } =
    await sql<AlertRow>`insert into expo.ip_alerts (id, organisation_id, watch_id, asset_id, url,
      marketplace, country, evidence_sha256, observed_at, reported_by, status, created_at)
    values (${a.id}, ${a.organisation_id}, ${a.watch_id}, ${a.asset_id}, ${a.url}, ${a.marketplace}, ${a.country},
      ${a.evidence_sha256}, ${a.observed_at}, ${a.reported_by}, ${a.status}, ${a.created_at})
    on conflict (watch_id, url, evidence_sha256) do nothing
    returning ${alertColumns}`.execute(ex);
  if (rows[0] !== undefined) {
    return { alert: rows[0], created: true };
  }
  const existing = await sql<AlertRow>`select ${alertColumns} from expo.ip_alerts
    where watch_id = ${a.watch_id} and url = ${a.url} and evidence_sha256 = ${a.evidence_sha256}`.execute(ex);
  return { alert: one(existing.rows, 'the existing alert'), created: false };
};

export const findAlert = async (ex: Executor, organisationId: string, alertId: string, forUpdate = false) => {
  const { rows } = await sql<AlertRow>`select ${alertColumns} from expo.ip_alerts
    where id = ${alertId} and organisation_id = ${organisationId} ${forUpdate ? sql`for update` : sql``}`.execute(
    ex,
  );
  return rows[0];
};

export const listAlerts = async (ex: Executor, organisationId: string, assetId?: string) => {
  const { rows } = await sql<AlertRow>`select ${alertColumns} from expo.ip_alerts
    where organisation_id = ${organisationId} ${assetId === undefined ? sql`` : sql`and asset_id = ${assetId}`}
    order by created_at desc, id desc limit 500`.execute(ex);
  return rows;
};

export const setAlertStatus = async (ex: Executor, alertId: string, status: AlertRow['status']) => {
  const { rows } = await sql<AlertRow>`update expo.ip_alerts set status = ${status} where id = ${alertId}
    returning ${alertColumns}`.execute(ex);
  return one(rows, `status of alert ${alertId}`);
};

export const insertIntake = async (ex: Executor, i: IntakeRow) => {
  const { rows } = await sql<IntakeRow>`insert into expo.ip_dispute_intakes (id, organisation_id, alert_id,
      asset_id, case_file, status, created_at)
    values (${i.id}, ${i.organisation_id}, ${i.alert_id}, ${i.asset_id}, ${JSON.stringify(i.case_file)}::jsonb,
      ${i.status}, ${i.created_at})
    returning id, organisation_id, alert_id, asset_id, case_file, status, created_at`.execute(ex);
  return one(rows, 'insert into expo.ip_dispute_intakes');
};

export const findIntakeOfAlert = async (ex: Executor, organisationId: string, alertId: string) => {
  const { rows } = await sql<IntakeRow>`select id, organisation_id, alert_id, asset_id, case_file, status,
      created_at
    from expo.ip_dispute_intakes where alert_id = ${alertId} and organisation_id = ${organisationId}`.execute(
    ex,
  );
  return rows[0];
};
