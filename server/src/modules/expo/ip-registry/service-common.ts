import {
  AppError,
  type FieldError,
  isCountryCode,
  isCurrencyCode,
  type Money,
  money,
  moneyToJson,
  parseMoney,
} from '@tradehub/kernel';
import type { Actor, Executor } from '../../../platform/access/index.ts';
import type { ExpoDeps } from '../deps.ts';
import type {
  AgreementRow,
  AlertRow,
  AssetEventRow,
  AssetRow,
  ListingRow,
  OwnerRow,
  PledgeRow,
  WatchRow,
} from './repository-ip.ts';

/** Who acts (the organisation in the path, and the person or key) and how the change is audited. */
export type IpContext = {
  organisationId: string;
  // null: the hub itself (the demo seed).
  actor: Actor | null;
  /** The HTTP request acting (finance's query trail names it); absent for the demo seed. */
  requestId?: string | undefined;
  audit: (
    ex: Executor,
    change: {
      organisationId: string;
      object: { type: string; id: string };
      detail?: Record<string, unknown>;
    },
  ) => Promise<void>;
};

export const invalid = (errors: FieldError[], message = 'See the fields.') =>
  new AppError('expo.invalid', message, { fieldErrors: errors });

/** What the caller may not see is "not found", so probing ids reveals nothing. */
export const notFound = (kind: string, id: string) => new AppError('expo.not_found', `No ${kind} ${id}.`);

export const actorLabel = (actor: Actor | null) =>
  actor === null ? 'system' : actor.kind === 'user' ? `user:${actor.userId}` : `api_key:${actor.apiKeyId}`;

/** ISO 3166-1 alpha-2, or EP (European Patent Office) and WO (WIPO) as IP jurisdictions. */
export const isJurisdiction = (code: string) => code === 'EP' || code === 'WO' || isCountryCode(code);

export const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export const isCalendarDate = (text: string) => {
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text;
};

export type MoneyInput = { amount: string; currency: string };

/** Money from its JSON form, or the field error saying why not (never a 500 on bad input). */
export const moneyOf = (field: string, input: MoneyInput, positive = true): Money | FieldError => {
  if (!isCurrencyCode(input.currency)) {
    return { field: `${field}.currency`, code: 'expo.ip_currency', message: 'An ISO 4217 currency code' };
  }
  try {
    const value = parseMoney(input.amount, input.currency);
    if (positive ? value.amountMinor <= 0n : value.amountMinor < 0n) {
      return { field: `${field}.amount`, code: 'expo.ip_amount', message: 'A positive amount' };
    }
    return value;
  } catch (error) {
    if (error instanceof AppError) {
      return { field: `${field}.amount`, code: 'expo.ip_amount', message: error.message };
    }
    throw error;
  }
};

export const isFieldError = (value: Money | FieldError): value is FieldError => 'field' in value;

export const moneyJson = (minor: string | null, currency: string | null) =>
  minor === null || currency === null ? null : moneyToJson(money(currency, BigInt(minor)));

type Names = ReadonlyMap<string, { name: string; nameZh: string }>;

export const namesOf = (deps: ExpoDeps, ids: Iterable<string | null>): Promise<Names> =>
  deps.organisationNames([...new Set([...ids].filter((id): id is string => id !== null))]);

const orgRef = (names: Names, id: string) => ({
  organisationId: id,
  name: names.get(id)?.name ?? id,
  nameZh: names.get(id)?.nameZh ?? id,
});

// ---------------------------------------------------------------- presenters

/** An asset as anyone allowed to see it sees it; the secret's hash only to its holder. */
export const presentAsset = (row: AssetRow, owners: readonly OwnerRow[], names: Names, viewer: string) => ({
  id: row.id,
  kind: row.kind,
  titleZh: row.title_zh,
  titleEn: row.title_en,
  registryNumber: row.registry_number,
  registryNumberCanonical: row.registry_number_canonical,
  jurisdiction: row.jurisdiction,
  filingDate: row.filing_date,
  grantDate: row.grant_date,
  expiryDate: row.expiry_date,
  status: row.status,
  niceClasses: row.nice_classes,
  ipcClasses: row.ipc_classes,
  abstractZh: row.abstract_zh,
  abstractEn: row.abstract_en,
  secretDocumentSha256: row.organisation_id === viewer ? row.secret_document_sha256 : null,
  visibility: row.visibility,
  version: row.version,
  holder: orgRef(names, row.organisation_id),
  isMine: row.organisation_id === viewer,
  owners: owners
    .filter((o) => o.asset_id === row.id)
    .map((o) =>
      o.owner_organisation_id === null
        ? {
            kind: 'person' as const,
            personName: o.person_name ?? '',
            organisationId: null,
            name: o.person_name ?? '',
            nameZh: o.person_name ?? '',
          }
        : { kind: 'organisation' as const, personName: null, ...orgRef(names, o.owner_organisation_id) },
    ),
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const presentAgreement = (
  row: AgreementRow,
  asset: AssetRow | undefined,
  names: Names,
  viewer: string,
) => ({
  id: row.id,
  kind: row.kind,
  assetId: row.asset_id,
  assetTitleZh: asset?.title_zh ?? null,
  assetTitleEn: asset?.title_en ?? null,
  myRole: row.organisation_id === viewer ? ('grantor' as const) : ('counterparty' as const),
  grantor: orgRef(names, row.organisation_id),
  counterparty:
    row.counterparty_organisation_id === null
      ? { organisationId: null, name: row.counterparty_name ?? '', nameZh: row.counterparty_name ?? '' }
      : orgRef(names, row.counterparty_organisation_id),
  exclusivity: row.exclusivity,
  territory: row.territory,
  fieldOfUse: row.field_of_use,
  termStart: row.term_start,
  termEnd: row.term_end,
  royalty:
    row.royalty_kind === 'lump_sum'
      ? {
          kind: 'lump_sum' as const,
          amount: moneyJson(row.royalty_amount_minor, row.royalty_currency),
          percent: null,
        }
      : row.royalty_kind === 'percent'
        ? { kind: 'percent' as const, amount: null, percent: trimPercent(row.royalty_percent) }
        : { kind: 'none' as const, amount: null, percent: null },
  documentId: row.document_id,
  credentialId: row.credential_id,
  docHash: row.doc_hash,
  status: row.status,
  acceptedAt: row.accepted_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

const trimPercent = (text: string | null) =>
  text === null ? null : text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;

export const presentPledge = (row: PledgeRow, names: Names, viewer: string) => ({
  id: row.id,
  assetId: row.asset_id,
  holder: orgRef(names, row.organisation_id),
  bank: orgRef(names, row.bank_organisation_id),
  myRole: row.bank_organisation_id === viewer ? ('bank' as const) : ('holder' as const),
  securedAmount: moneyJson(row.secured_amount_minor, row.currency),
  reference: row.reference,
  status: row.status,
  registeredAt: row.registered_at.toISOString(),
  releasedAt: row.released_at?.toISOString() ?? null,
  // The bank's registration in the duplicate-financing registry, which only it may read.
  registrationId: row.bank_organisation_id === viewer ? row.registration_id : null,
});

export const presentListing = (
  row: ListingRow,
  assets: readonly AssetRow[],
  names: Names,
  viewer: string,
) => ({
  id: row.id,
  holder: orgRef(names, row.organisation_id),
  isMine: row.organisation_id === viewer,
  assets: row.asset_ids.map((id) => {
    const asset = assets.find((a) => a.id === id);
    return {
      id,
      kind: asset?.kind ?? null,
      titleZh: asset?.title_zh ?? '',
      titleEn: asset?.title_en ?? '',
      jurisdiction: asset?.jurisdiction ?? null,
      registryNumber: asset?.registry_number ?? null,
    };
  }),
  deal: row.deal,
  pitchZh: row.pitch_zh,
  pitchEn: row.pitch_en,
  fields: row.fields,
  asking:
    row.asking_kind === 'price'
      ? {
          kind: 'price' as const,
          amount: moneyJson(row.asking_amount_minor, row.asking_currency),
          percent: null,
        }
      : row.asking_kind === 'royalty'
        ? { kind: 'royalty' as const, amount: null, percent: trimPercent(row.asking_percent) }
        : { kind: 'negotiable' as const, amount: null, percent: null },
  status: row.status,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const presentWatch = (row: WatchRow) => ({
  id: row.id,
  assetId: row.asset_id,
  jurisdictions: row.jurisdictions,
  keywords: row.keywords,
  status: row.status,
  createdAt: row.created_at.toISOString(),
});

export const presentAlert = (row: AlertRow, asset: AssetRow | undefined) => ({
  id: row.id,
  watchId: row.watch_id,
  assetId: row.asset_id,
  assetTitleZh: asset?.title_zh ?? null,
  assetTitleEn: asset?.title_en ?? null,
  url: row.url,
  marketplace: row.marketplace,
  country: row.country,
  evidenceSha256: row.evidence_sha256,
  observedAt: row.observed_at.toISOString(),
  reportedBy: row.reported_by,
  status: row.status,
  createdAt: row.created_at.toISOString(),
});

export const presentEvent = (row: AssetEventRow) => ({
  kind: row.kind,
  organisationId: row.organisation_id,
  detail: row.detail,
  at: row.at.toISOString(),
});
