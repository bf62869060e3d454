import { AppError, newId } from '@tradehub/kernel';
import type { ExpoDeps } from '../deps.ts';
import {
  findPledgeForBank,
  findPledgeForParty,
  insertAssetEvent,
  insertPledge,
  listPledgesForParty,
  pendingAssignment,
  releasePledge,
} from './repository-ip.ts';
import { heldAsset } from './service-assets.ts';
import {
  type IpContext,
  invalid,
  isFieldError,
  type MoneyInput,
  moneyOf,
  namesOf,
  notFound,
  presentPledge,
} from './service-common.ts';

export type PledgeInput = {
  bankOrganisationId: string;
  securedAmount: MoneyInput;
  reference?: string | undefined;
};

/**
 * Registers the asset as collateral with a bank. Kept in the registry's own table: the finance
 * module's duplicate-financing registry takes invoices only (docs/expo-ip-registry.md). A partial
 * unique index makes a second active pledge of the same asset fail atomically.
 */
export const pledgeIpAsset = async (deps: ExpoDeps, ctx: IpContext, assetId: string, input: PledgeInput) => {
  // The asset first: a caller that cannot see it learns nothing from a 400 about the bank.
  await heldAsset(deps.db.kysely, ctx.organisationId, assetId);
  const amount = moneyOf('securedAmount', input.securedAmount);
  const problems = isFieldError(amount) ? [amount] : [];
  if (input.bankOrganisationId === ctx.organisationId) {
    problems.push({
      field: 'bankOrganisationId',
      code: 'expo.ip_self_counterparty',
      message: 'Not your own organisation',
    });
  } else if ((await deps.organisationKind(input.bankOrganisationId)) !== 'bank') {
    problems.push({ field: 'bankOrganisationId', code: 'expo.ip_not_a_bank', message: 'A bank on the hub' });
  }
  if (problems.length > 0 || isFieldError(amount)) {
    throw invalid(problems, 'The pledge cannot be registered: see the fields.');
  }
  const row = await deps.db.transaction(async (trx) => {
    const asset = await heldAsset(trx, ctx.organisationId, assetId, true);
    if (asset.status !== 'granted') {
      throw new AppError(
        'expo.ip_asset_not_in_force',
        `${assetId} is ${asset.status}: only a granted right is pledged.`,
      );
    }
    if ((await pendingAssignment(trx, assetId)) !== undefined) {
      throw new AppError('expo.ip_assignment_pending', `${assetId} has an assignment awaiting acceptance.`);
    }
    const at = deps.now();
    const row = await insertPledge(trx, {
      id: newId('eig'),
      organisation_id: ctx.organisationId,
      asset_id: assetId,
      bank_organisation_id: input.bankOrganisationId,
      secured_amount_minor: amount.amountMinor.toString(),
      currency: amount.currency,
      reference: input.reference ?? null,
      registered_at: at,
    });
    if (row === undefined) {
      throw new AppError('expo.ip_pledged', `${assetId} is already pledged.`);
    }
    await insertAssetEvent(trx, {
      asset_id: assetId,
      organisation_id: ctx.organisationId,
      kind: 'pledged',
      detail: { pledgeId: row.id, bankOrganisationId: input.bankOrganisationId },
      at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'ip_pledge', id: row.id },
      detail: { assetId },
    });
    return row;
  });
  // Names are looked up after the commit, outside the transaction.
  const names = await namesOf(deps, [row.organisation_id, row.bank_organisation_id]);
  return presentPledge(row, names, ctx.organisationId);
};

export const listIpPledges = async (deps: ExpoDeps, organisationId: string) => {
  const rows = await listPledgesForParty(deps.db.kysely, organisationId);
  const names = await namesOf(
    deps,
    rows.flatMap((r) => [r.organisation_id, r.bank_organisation_id]),
  );
  return { items: rows.map((r) => presentPledge(r, names, organisationId)) };
};

/** The bank releases its pledge (repaid, or waived); the holder cannot release it itself. */
export const releaseIpPledge = async (deps: ExpoDeps, ctx: IpContext, pledgeId: string) => {
  const released = await deps.db.transaction(async (trx) => {
    const row = await findPledgeForBank(trx, ctx.organisationId, pledgeId);
    if (row === undefined) {
      if ((await findPledgeForParty(trx, ctx.organisationId, pledgeId)) !== undefined) {
        throw new AppError('expo.ip_not_pledgee', 'Only the bank holding the pledge releases it.');
      }
      throw notFound('ip_pledge', pledgeId);
    }
    if (row.status === 'released') {
      throw new AppError('expo.ip_pledge_released', `${pledgeId} was released already.`);
    }
    const at = deps.now();
    const released = await releasePledge(trx, pledgeId, at);
    await insertAssetEvent(trx, {
      asset_id: row.asset_id,
      organisation_id: row.organisation_id,
      kind: 'pledge_released',
      detail: { pledgeId, bankOrganisationId: ctx.organisationId },
      at,
    });
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'ip_pledge', id: pledgeId } });
    return released;
  });
  const names = await namesOf(deps, [released.organisation_id, released.bank_organisation_id]);
  return presentPledge(released, names, ctx.organisationId);
};
