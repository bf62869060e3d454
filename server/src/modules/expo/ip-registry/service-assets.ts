import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import type { ExpoDeps } from '../deps.ts';
import { checkRegistryNumber, type IpKind } from './domain/registry-number.ts';
import {
  type AssetRow,
  type AssetStatus,
  activePledgeOf,
  findAsset,
  insertAsset,
  insertAssetEvent,
  listAgreementsForParty,
  listAlerts,
  listAssetEvents,
  listAssets,
  listOwners,
  listPledgesForParty,
  listWatches,
  replaceOwners,
  updateAsset as updateAssetRow,
} from './repository-ip.ts';
import {
  type IpContext,
  invalid,
  isCalendarDate,
  isJurisdiction,
  namesOf,
  notFound,
  presentAgreement,
  presentAlert,
  presentAsset,
  presentEvent,
  presentPledge,
  presentWatch,
} from './service-common.ts';

export type OwnerInput = { organisationId: string } | { personName: string };

export type AssetInput = {
  kind: IpKind;
  titleZh: string;
  titleEn: string;
  registryNumber?: string | null | undefined;
  jurisdiction: string;
  filingDate?: string | null | undefined;
  grantDate?: string | null | undefined;
  expiryDate?: string | null | undefined;
  status: AssetStatus;
  niceClasses?: number[] | undefined;
  ipcClasses?: string[] | undefined;
  abstractZh?: string | undefined;
  abstractEn?: string | undefined;
  secretDocumentSha256?: string | null | undefined;
  owners?: OwnerInput[] | undefined;
  visibility: 'draft' | 'published';
};

export type AssetChange = {
  version: number;
  titleZh?: string | undefined;
  titleEn?: string | undefined;
  status?: AssetStatus | undefined;
  grantDate?: string | null | undefined;
  expiryDate?: string | null | undefined;
  niceClasses?: number[] | undefined;
  ipcClasses?: string[] | undefined;
  abstractZh?: string | undefined;
  abstractEn?: string | undefined;
  visibility?: 'draft' | 'published' | undefined;
};

// WIPO IPC symbols: section A-H, two-digit class, subclass letter, optionally main group and
// subgroup (e.g. H01M 10/0525).
const IPC = /^[A-H]\d{2}[A-Z](?: ?\d{1,4}\/\d{2,6})?$/;
const REGISTERED: ReadonlySet<IpKind> = new Set(['patent', 'utility_model', 'design', 'trademark']);

const classProblems = (
  kind: IpKind,
  nice: readonly number[] = [],
  ipc: readonly string[] = [],
): FieldError[] => {
  const problems: FieldError[] = [];
  if (nice.length > 0 && kind !== 'trademark') {
    problems.push({
      field: 'niceClasses',
      code: 'expo.ip_classes_kind',
      message: 'Nice classes are for trademarks',
    });
  }
  if (ipc.length > 0 && kind !== 'patent' && kind !== 'utility_model') {
    problems.push({
      field: 'ipcClasses',
      code: 'expo.ip_classes_kind',
      message: 'IPC symbols are for patents and utility models',
    });
  }
  ipc.forEach((symbol, i) => {
    if (!IPC.test(symbol)) {
      problems.push({
        field: `ipcClasses.${i}`,
        code: 'expo.ip_ipc_format',
        message: 'An IPC symbol such as H01M 10/0525',
      });
    }
  });
  return problems;
};

const dateProblems = (dates: {
  filingDate?: string | null;
  grantDate?: string | null;
  expiryDate?: string | null;
}) => {
  const problems: FieldError[] = [];
  for (const [field, value] of Object.entries(dates)) {
    if (typeof value === 'string' && !isCalendarDate(value)) {
      problems.push({ field, code: 'expo.ip_date', message: 'A calendar date as YYYY-MM-DD' });
    }
  }
  if (problems.length > 0) {
    return problems;
  }
  const { filingDate, grantDate, expiryDate } = dates;
  if (filingDate && grantDate && grantDate < filingDate) {
    problems.push({ field: 'grantDate', code: 'expo.ip_date_order', message: 'Granted before it was filed' });
  }
  if (filingDate && expiryDate && expiryDate < filingDate) {
    problems.push({
      field: 'expiryDate',
      code: 'expo.ip_date_order',
      message: 'Expires before it was filed',
    });
  }
  return problems;
};

/** The caller's view of an asset, or not found: its holder sees it, others when it is published or they are party to an agreement on it. */
export const visibleAsset = async (
  ex: Executor,
  organisationId: string,
  assetId: string,
  forUpdate = false,
) => {
  const asset = await findAsset(ex, assetId, forUpdate);
  if (asset === undefined) {
    throw notFound('ip_asset', assetId);
  }
  if (asset.organisation_id === organisationId || asset.visibility === 'published') {
    return asset;
  }
  const mine = await listAgreementsForParty(ex, organisationId, assetId);
  if (mine.length > 0) {
    return asset;
  }
  throw notFound('ip_asset', assetId);
};

/** The asset, held by the caller: 404 when it cannot see it, 403 with the reason when someone else holds it. */
export const heldAsset = async (ex: Executor, organisationId: string, assetId: string, forUpdate = false) => {
  const asset = await visibleAsset(ex, organisationId, assetId, forUpdate);
  if (asset.organisation_id !== organisationId) {
    throw new AppError(
      'expo.ip_not_owner',
      `Your organisation does not hold ${assetId}: only its holder may do this.`,
    );
  }
  return asset;
};

const presentOne = async (deps: ExpoDeps, ex: Executor, asset: AssetRow, viewer: string) => {
  const owners = await listOwners(ex, [asset.id]);
  const names = await namesOf(deps, [asset.organisation_id, ...owners.map((o) => o.owner_organisation_id)]);
  return presentAsset(asset, owners, names, viewer);
};

export const createAsset = async (deps: ExpoDeps, ctx: IpContext, input: AssetInput) => {
  const problems: FieldError[] = [];
  let canonical: string | null = null;
  if (!isJurisdiction(input.jurisdiction)) {
    problems.push({
      field: 'jurisdiction',
      code: 'expo.ip_jurisdiction',
      message: 'An ISO 3166-1 alpha-2 code, EP or WO',
    });
  }
  const number = input.registryNumber?.trim() || null;
  if (number !== null) {
    const checked = checkRegistryNumber(input.kind, input.jurisdiction, number);
    if (checked.ok) {
      canonical = checked.canonical;
    } else {
      problems.push({ field: 'registryNumber', code: checked.code, message: checked.message });
    }
  } else if (input.status === 'granted' && REGISTERED.has(input.kind)) {
    problems.push({
      field: 'registryNumber',
      code: 'expo.required',
      message: 'A granted right has a registry number',
    });
  }
  const secret = input.secretDocumentSha256 ?? null;
  if (input.kind === 'trade_secret_reference') {
    if (secret === null) {
      problems.push({
        field: 'secretDocumentSha256',
        code: 'expo.required',
        message: 'The SHA-256 of the secret document (its content never comes to the hub)',
      });
    }
    if (input.visibility === 'published') {
      problems.push({
        field: 'visibility',
        code: 'expo.ip_trade_secret_private',
        message: 'A trade-secret reference is never published',
      });
    }
  } else if (secret !== null) {
    problems.push({
      field: 'secretDocumentSha256',
      code: 'expo.ip_secret_only',
      message: 'Only a trade-secret reference carries a document hash',
    });
  }
  problems.push(...classProblems(input.kind, input.niceClasses, input.ipcClasses));
  problems.push(
    ...dateProblems({
      filingDate: input.filingDate ?? null,
      grantDate: input.grantDate ?? null,
      expiryDate: input.expiryDate ?? null,
    }),
  );
  const owners = input.owners ?? [{ organisationId: ctx.organisationId }];
  const ownerOrgs = owners.flatMap((o) => ('organisationId' in o ? [o.organisationId] : []));
  const known = await deps.organisationNames(ownerOrgs);
  owners.forEach((owner, i) => {
    if ('organisationId' in owner && !known.has(owner.organisationId)) {
      problems.push({
        field: `owners.${i}.organisationId`,
        code: 'expo.ip_unknown_organisation',
        message: 'No organisation with this id on the hub',
      });
    }
  });
  if (!ownerOrgs.includes(ctx.organisationId)) {
    problems.push({
      field: 'owners',
      code: 'expo.ip_holder_not_owner',
      message: 'Your organisation must be one of the owners of record of what it registers',
    });
  }
  if (problems.length > 0) {
    throw invalid(problems, 'The asset cannot be recorded: see the fields.');
  }
  const stored = await deps.db.transaction(async (trx) => {
    const at = deps.now();
    const row = await insertAsset(trx, {
      id: newId('eip'),
      organisation_id: ctx.organisationId,
      kind: input.kind,
      title_zh: input.titleZh,
      title_en: input.titleEn,
      registry_number: number,
      registry_number_canonical: canonical,
      jurisdiction: input.jurisdiction,
      filing_date: input.filingDate ?? null,
      grant_date: input.grantDate ?? null,
      expiry_date: input.expiryDate ?? null,
      status: input.status,
      nice_classes: [...new Set(input.niceClasses ?? [])].sort((a, b) => a - b),
      ipc_classes: input.ipcClasses ?? [],
      abstract_zh: input.abstractZh ?? '',
      abstract_en: input.abstractEn ?? '',
      secret_document_sha256: secret,
      visibility: input.visibility,
      created_at: at,
    });
    if (row === undefined) {
      throw new AppError(
        'expo.ip_duplicate_asset',
        `Your organisation already recorded ${input.kind} ${canonical ?? ''} in ${input.jurisdiction}.`,
      );
    }
    await replaceOwners(trx, row.id, ctx.organisationId, owners);
    await insertAssetEvent(trx, {
      asset_id: row.id,
      organisation_id: ctx.organisationId,
      kind: 'created',
      detail: {},
      at,
    });
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'ip_asset', id: row.id } });
    return row;
  });
  // Presented after the commit: the directory lookup of names runs outside the transaction.
  return presentOne(deps, deps.db.kysely, stored, ctx.organisationId);
};

export const updateAsset = async (deps: ExpoDeps, ctx: IpContext, assetId: string, change: AssetChange) => {
  const stored = await deps.db.transaction(async (trx) => {
    const asset = await heldAsset(trx, ctx.organisationId, assetId, true);
    if (asset.version !== change.version) {
      throw new AppError(
        'expo.version_conflict',
        `${assetId} is at version ${asset.version}, not ${change.version}.`,
      );
    }
    const problems: FieldError[] = [
      ...classProblems(
        asset.kind,
        change.niceClasses ?? asset.nice_classes,
        change.ipcClasses ?? asset.ipc_classes,
      ),
      ...dateProblems({
        filingDate: asset.filing_date,
        grantDate: change.grantDate === undefined ? asset.grant_date : change.grantDate,
        expiryDate: change.expiryDate === undefined ? asset.expiry_date : change.expiryDate,
      }),
    ];
    if (asset.kind === 'trade_secret_reference' && change.visibility === 'published') {
      problems.push({
        field: 'visibility',
        code: 'expo.ip_trade_secret_private',
        message: 'A trade-secret reference is never published',
      });
    }
    if (problems.length > 0) {
      throw invalid(problems, 'The asset cannot be changed: see the fields.');
    }
    const at = deps.now();
    const row = await updateAssetRow(
      trx,
      assetId,
      {
        ...(change.titleZh === undefined ? {} : { title_zh: change.titleZh }),
        ...(change.titleEn === undefined ? {} : { title_en: change.titleEn }),
        ...(change.status === undefined ? {} : { status: change.status }),
        ...(change.grantDate === undefined ? {} : { grant_date: change.grantDate }),
        ...(change.expiryDate === undefined ? {} : { expiry_date: change.expiryDate }),
        ...(change.visibility === undefined ? {} : { visibility: change.visibility }),
        ...(change.abstractZh === undefined ? {} : { abstract_zh: change.abstractZh }),
        ...(change.abstractEn === undefined ? {} : { abstract_en: change.abstractEn }),
        ...(change.niceClasses === undefined ? {} : { nice_classes: change.niceClasses }),
        ...(change.ipcClasses === undefined ? {} : { ipc_classes: change.ipcClasses }),
      },
      at,
    );
    const changed = Object.keys(change).filter((key) => key !== 'version');
    await insertAssetEvent(trx, {
      asset_id: assetId,
      organisation_id: ctx.organisationId,
      kind: 'updated',
      detail: { fields: changed, ...(change.status === undefined ? {} : { status: change.status }) },
      at,
    });
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'ip_asset', id: assetId } });
    return row;
  });
  return presentOne(deps, deps.db.kysely, stored, ctx.organisationId);
};

export const listIpAssets = async (
  deps: ExpoDeps,
  organisationId: string,
  query: {
    scope: 'mine' | 'registry';
    kind?: IpKind | undefined;
    jurisdiction?: string | undefined;
    q?: string | undefined;
  },
) => {
  const ex = deps.db.kysely;
  const rows = await listAssets(ex, {
    holder: query.scope === 'mine' ? organisationId : undefined,
    kind: query.kind,
    jurisdiction: query.jurisdiction,
    text: query.q?.trim() || undefined,
    limit: 500,
  });
  const owners = await listOwners(
    ex,
    rows.map((r) => r.id),
  );
  const names = await namesOf(deps, [
    ...rows.map((r) => r.organisation_id),
    ...owners.map((o) => o.owner_organisation_id),
  ]);
  return { items: rows.map((row) => presentAsset(row, owners, names, organisationId)) };
};

/** The asset page: the asset, the caller's agreements on it, its pledge state, and for the holder its history, watches and alerts. */
export const getIpAsset = async (deps: ExpoDeps, organisationId: string, assetId: string) => {
  const ex = deps.db.kysely;
  const asset = await visibleAsset(ex, organisationId, assetId);
  const isHolder = asset.organisation_id === organisationId;
  const [agreements, pledge, events, pledges, watches, alerts] = await Promise.all([
    listAgreementsForParty(ex, organisationId, assetId),
    activePledgeOf(ex, assetId),
    listAssetEvents(ex, assetId),
    listPledgesForParty(ex, organisationId, assetId),
    isHolder ? listWatches(ex, organisationId, assetId) : Promise.resolve([]),
    isHolder ? listAlerts(ex, organisationId, assetId) : Promise.resolve([]),
  ]);
  const names = await namesOf(deps, [
    ...agreements.flatMap((g) => [g.organisation_id, g.counterparty_organisation_id]),
    ...pledges.flatMap((p) => [p.organisation_id, p.bank_organisation_id]),
  ]);
  return {
    asset: await presentOne(deps, ex, asset, organisationId),
    // A registered pledge is public in the national registers; who the bank is stays with the parties.
    pledged: pledge !== undefined,
    agreements: agreements.map((g) => presentAgreement(g, asset, names, organisationId)),
    pledges: pledges.map((p) => presentPledge(p, names, organisationId)),
    // The chain of title is the asset's public history; everything else in it is the holder's.
    history: events
      .filter(
        (e) => isHolder || e.kind === 'assigned_in' || e.kind === 'assigned_out' || e.kind === 'created',
      )
      .map(presentEvent),
    watches: watches.map(presentWatch),
    alerts: alerts.map((a) => presentAlert(a, asset)),
  };
};
