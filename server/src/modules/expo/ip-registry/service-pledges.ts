import { AppError, type FieldError, newId } from '@tradehub/kernel';
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
  chinaDay,
  type IpContext,
  invalid,
  isCalendarDate,
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
  /** The pledge term's last day (YYYY-MM-DD): its registry entry lapses after it; a year if absent. */
  expiresOn?: string | undefined;
};

// As the finance registry allows (ten years of 365 days): a longer pledge is registered again.
const MAX_TERM_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The field error of a pledge term that is no day, not after today (China time) or too far ahead. */
const termProblem = (expiresOn: string, at: Date): FieldError | undefined => {
  if (!isCalendarDate(expiresOn)) {
    return { field: 'expiresOn', code: 'expo.ip_date', message: 'A calendar date as YYYY-MM-DD' };
  }
  const today = chinaDay(at);
  const latest = new Date(Date.parse(`${today}T00:00:00Z`) + MAX_TERM_DAYS * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return expiresOn > today && expiresOn <= latest
    ? undefined
    : {
        field: 'expiresOn',
        code: 'expo.ip_pledge_term',
        message: `After today and at most ${MAX_TERM_DAYS} days ahead`,
      };
};

const alreadyPledged = (assetId: string) => new AppError('expo.ip_pledged', `${assetId} is already pledged.`);

/**
 * Registers the asset as collateral with a bank, through the finance module's duplicate-financing
 * registry (`deps.ipPledgeRegistry`, in this transaction): the right (kind, jurisdiction,
 * registry number) is registered for the bank, so it is pledged at most once at a time across
 * every bank, whoever on the hub holds it, and banks checking the registry see it. The row here
 * keeps who pledged what to which bank, with the registration's id; a partial unique index also
 * keeps one active pledge per asset. Either both commit or neither does.
 */
export const pledgeIpAsset = async (deps: ExpoDeps, ctx: IpContext, assetId: string, input: PledgeInput) => {
  // The asset first: a caller that cannot see it learns nothing from a 400 about the bank.
  await heldAsset(deps.db.kysely, ctx.organisationId, assetId);
  const { actor, requestId } = ctx;
  if (actor === null || requestId === undefined) {
    throw new Error(
      'expo: a pledge is registered by a person or key over HTTP (the registry trail names them)',
    );
  }
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
  const term = input.expiresOn === undefined ? undefined : termProblem(input.expiresOn, deps.now());
  if (term !== undefined) {
    problems.push(term);
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
    if (asset.registry_number_canonical === null) {
      throw new AppError(
        'expo.ip_no_registry_number',
        `${assetId} has no registry number: the financing registry knows a right by it.`,
      );
    }
    if ((await pendingAssignment(trx, assetId)) !== undefined) {
      throw new AppError('expo.ip_assignment_pending', `${assetId} has an assignment awaiting acceptance.`);
    }
    const registration = await deps.ipPledgeRegistry.register(trx, {
      pledgorOrganisationId: ctx.organisationId,
      actor,
      requestId,
      financierOrganisationId: input.bankOrganisationId,
      right: {
        kind: asset.kind,
        jurisdiction: asset.jurisdiction,
        registryNumber: asset.registry_number_canonical,
      },
      securedAmount: { amountMinor: amount.amountMinor, currency: amount.currency },
      expiresOn: input.expiresOn,
      reference: input.reference ?? null,
    });
    if (!registration.registered) {
      // Nothing was written but finance's record of the attempt, which commits: the refusal
      // leaves the same trail as a bank's refused registration.
      return 'held' as const;
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
      registration_id: registration.registrationId,
    });
    if (row === undefined) {
      // This asset's own pledge from before the registry knew pledges: the rollback undoes the
      // registration just made.
      throw alreadyPledged(assetId);
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
      detail: { assetId, registrationId: registration.registrationId },
    });
    return row;
  });
  if (row === 'held') {
    throw alreadyPledged(assetId);
  }
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

/**
 * The bank releases its pledge (repaid, or waived), and with it the pledge's registration in the
 * duplicate-financing registry, in one transaction; the holder cannot release it itself.
 */
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
    if (row.registration_id !== null) {
      await deps.ipPledgeRegistry.release(trx, {
        financierOrganisationId: ctx.organisationId,
        registrationId: row.registration_id,
      });
    }
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
