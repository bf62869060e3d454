import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { ExpoDeps } from '../deps.ts';
import { canonicalPercent, isRoyaltyPercent } from './domain/agreement-rules.ts';
import { tokenize } from './domain/tokens.ts';
import {
  type AssetRow,
  findAssets,
  findListing,
  insertListing,
  type ListingRow,
  listListings,
  updateListing,
} from './repository-ip.ts';
import {
  type IpContext,
  invalid,
  isFieldError,
  type MoneyInput,
  moneyOf,
  namesOf,
  notFound,
  presentListing,
} from './service-common.ts';

export type AskingInput =
  | { kind: 'negotiable' }
  | { kind: 'price'; amount: MoneyInput }
  | { kind: 'royalty'; percent: string };

export type ListingInput = {
  assetIds: string[];
  deal: 'licence' | 'sale' | 'either';
  pitchZh: string;
  pitchEn: string;
  fields: string[];
  asking: AskingInput;
  status: 'draft' | 'published';
};

export type ListingChange = {
  version: number;
  pitchZh?: string | undefined;
  pitchEn?: string | undefined;
  status?: 'draft' | 'published' | 'withdrawn' | undefined;
};

const tokensOf = (
  listing: Pick<ListingRow, 'pitch_zh' | 'pitch_en' | 'fields'>,
  assets: readonly AssetRow[],
) =>
  tokenize(
    [
      listing.pitch_zh,
      listing.pitch_en,
      ...listing.fields,
      ...assets.flatMap((a) => [a.title_zh, a.title_en, a.registry_number ?? '', ...a.ipc_classes]),
    ].join(' '),
  );

const normaliseField = (field: string) => field.trim().toLowerCase();

/** Asset problems of a listing: each must be the caller's, and public before a published listing names it. */
const assetProblems = (
  assetIds: readonly string[],
  assets: readonly AssetRow[],
  organisationId: string,
  publishing: boolean,
) => {
  const problems: FieldError[] = [];
  assetIds.forEach((id, i) => {
    const asset = assets.find((a) => a.id === id);
    // Another organisation's asset and a missing one read the same, so probing learns nothing.
    if (asset === undefined || asset.organisation_id !== organisationId) {
      problems.push({
        field: `assetIds.${i}`,
        code: 'expo.ip_not_own_asset',
        message: 'Not an asset your organisation holds',
      });
    } else if (asset.kind === 'trade_secret_reference') {
      problems.push({
        field: `assetIds.${i}`,
        code: 'expo.ip_trade_secret_private',
        message: 'A trade-secret reference is never listed',
      });
    } else if (publishing && asset.visibility !== 'published') {
      problems.push({
        field: `assetIds.${i}`,
        code: 'expo.ip_asset_not_published',
        message: 'Publish the asset before a published listing names it',
      });
    }
  });
  return problems;
};

export const createIpListing = async (deps: ExpoDeps, ctx: IpContext, input: ListingInput) => {
  const assetIds = [...new Set(input.assetIds)];
  const assets = await findAssets(deps.db.kysely, assetIds);
  const problems = assetProblems(assetIds, assets, ctx.organisationId, input.status === 'published');
  let askingMinor: string | null = null;
  let askingCurrency: string | null = null;
  let askingPercent: string | null = null;
  if (input.asking.kind === 'price') {
    const value = moneyOf('asking.amount', input.asking.amount);
    if (isFieldError(value)) {
      problems.push(value);
    } else {
      askingMinor = value.amountMinor.toString();
      askingCurrency = value.currency;
    }
  } else if (input.asking.kind === 'royalty') {
    if (isRoyaltyPercent(input.asking.percent)) {
      askingPercent = canonicalPercent(input.asking.percent);
    } else {
      problems.push({
        field: 'asking.percent',
        code: 'expo.ip_percent',
        message: 'Percent as a decimal string, e.g. "3.5"',
      });
    }
  }
  if (problems.length > 0) {
    throw invalid(problems, 'The listing cannot be saved: see the fields.');
  }
  const fields = [...new Set(input.fields.map(normaliseField).filter((f) => f.length > 0))];
  const row = await deps.db.transaction(async (trx) => {
    const at = deps.now();
    const inserted = await insertListing(trx, {
      id: newId('etl'),
      organisation_id: ctx.organisationId,
      asset_ids: assetIds,
      deal: input.deal,
      pitch_zh: input.pitchZh,
      pitch_en: input.pitchEn,
      fields,
      asking_kind: input.asking.kind,
      asking_amount_minor: askingMinor,
      asking_currency: askingCurrency,
      asking_percent: askingPercent,
      tokens: tokensOf({ pitch_zh: input.pitchZh, pitch_en: input.pitchEn, fields }, assets),
      status: input.status,
      created_at: at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'ip_listing', id: inserted.id },
    });
    return inserted;
  });
  // Names are looked up after the commit, outside the transaction.
  const names = await namesOf(deps, [ctx.organisationId]);
  return presentListing(row, assets, names, ctx.organisationId);
};

export const updateIpListing = async (
  deps: ExpoDeps,
  ctx: IpContext,
  listingId: string,
  change: ListingChange,
) => {
  const { updated, assets } = await deps.db.transaction(async (trx) => {
    const row = await findListing(trx, listingId, true);
    if (row === undefined || row.organisation_id !== ctx.organisationId) {
      // Someone else's listing, published or not, cannot be changed: answered as not found.
      throw notFound('ip_listing', listingId);
    }
    if (row.version !== change.version) {
      throw new AppError(
        'expo.version_conflict',
        `${listingId} is at version ${row.version}, not ${change.version}.`,
      );
    }
    const assets = await findAssets(trx, row.asset_ids);
    if (change.status === 'published') {
      const problems = assetProblems(row.asset_ids, assets, ctx.organisationId, true);
      if (problems.length > 0) {
        throw invalid(problems, 'The listing cannot be published: see the fields.');
      }
    }
    const next = {
      ...row,
      pitch_zh: change.pitchZh ?? row.pitch_zh,
      pitch_en: change.pitchEn ?? row.pitch_en,
    };
    const tokens =
      change.pitchZh === undefined && change.pitchEn === undefined ? undefined : tokensOf(next, assets);
    const updated = await updateListing(
      trx,
      listingId,
      { status: change.status, pitch_zh: change.pitchZh, pitch_en: change.pitchEn },
      tokens,
      deps.now(),
    );
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'ip_listing', id: listingId },
    });
    return { updated, assets };
  });
  const names = await namesOf(deps, [ctx.organisationId]);
  return presentListing(updated, assets, names, ctx.organisationId);
};

export const listIpListings = async (
  deps: ExpoDeps,
  organisationId: string,
  query: {
    scope: 'mine' | 'market';
    q?: string | undefined;
    field?: string | undefined;
    deal?: 'licence' | 'sale' | undefined;
  },
) => {
  const ex = deps.db.kysely;
  const rows = await listListings(ex, {
    holder: query.scope === 'mine' ? organisationId : undefined,
    tokens: tokenize(query.q ?? '', 32),
    field: query.field === undefined ? undefined : normaliseField(query.field),
    deal: query.deal,
    limit: 200,
  });
  const assets = await findAssets(ex, [...new Set(rows.flatMap((r) => r.asset_ids))]);
  const names = await namesOf(
    deps,
    rows.map((r) => r.organisation_id),
  );
  return { items: rows.map((r) => presentListing(r, assets, names, organisationId)) };
};

export const getIpListing = async (deps: ExpoDeps, organisationId: string, listingId: string) => {
  const ex = deps.db.kysely;
  const row = await findListing(ex, listingId);
  if (row === undefined || (row.organisation_id !== organisationId && row.status !== 'published')) {
    throw notFound('ip_listing', listingId);
  }
  const assets = await findAssets(ex, row.asset_ids);
  const names = await namesOf(deps, [row.organisation_id]);
  return presentListing(row, assets, names, organisationId);
};
