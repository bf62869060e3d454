import { AppError, type FieldError, isCountryCode, newId } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import type { ExpoDeps } from '../deps.ts';
import {
  canonicalPercent,
  type Exclusivity,
  isRoyaltyPercent,
  licencesConflict,
} from './domain/agreement-rules.ts';
import {
  type AgreementRow,
  type AssetRow,
  activePledgeOf,
  findAgreementForParty,
  findAsset,
  findAssets,
  insertAgreement,
  insertAssetEvent,
  listAgreementsForParty,
  listLicencesInForce,
  listOwners,
  markAccepted,
  pendingAssignment,
  replaceOwners,
  updateAsset,
} from './repository-ip.ts';
import { heldAsset } from './service-assets.ts';
import {
  actorLabel,
  chinaDay,
  type IpContext,
  invalid,
  isCalendarDate,
  isFieldError,
  type MoneyInput,
  moneyJson,
  moneyOf,
  namesOf,
  notFound,
  presentAgreement,
} from './service-common.ts';

export type RoyaltyInput =
  | { kind: 'none' }
  | { kind: 'lump_sum'; amount: MoneyInput }
  | { kind: 'percent'; percent: string };

export type AgreementInput = {
  kind: 'licence' | 'assignment';
  counterparty: { organisationId: string } | { name: string };
  exclusivity?: Exclusivity | undefined;
  territory: string[];
  fieldOfUse?: string | undefined;
  termStart: string;
  termEnd?: string | null | undefined;
  royalty: RoyaltyInput;
};

const INACTIVE: ReadonlySet<string> = new Set(['expired', 'lapsed', 'revoked']);

const issueFn = (deps: ExpoDeps) => {
  if (deps.issueAgreement === undefined) {
    throw new Error('expo: issueAgreement is not wired (app.ts)');
  }
  return deps.issueAgreement;
};

/** The state checks every issue repeats inside its transaction, on the locked asset. */
const checkAssetState = async (ex: Executor, asset: AssetRow, input: AgreementInput, today: string) => {
  if (INACTIVE.has(asset.status)) {
    throw new AppError(
      'expo.ip_asset_not_in_force',
      `${asset.id} is ${asset.status}: it cannot be licensed or assigned.`,
    );
  }
  if ((await pendingAssignment(ex, asset.id)) !== undefined) {
    throw new AppError('expo.ip_assignment_pending', `${asset.id} has an assignment awaiting acceptance.`);
  }
  if (input.kind === 'assignment') {
    if ((await activePledgeOf(ex, asset.id)) !== undefined) {
      throw new AppError(
        'expo.ip_pledged',
        `${asset.id} is pledged: it cannot be assigned until the bank releases it.`,
      );
    }
    return;
  }
  const proposed = {
    exclusivity: input.exclusivity ?? 'non_exclusive',
    territory: input.territory,
    termStart: input.termStart,
    termEnd: input.termEnd ?? null,
  };
  const clash = (await listLicencesInForce(ex, asset.id, today)).find((existing) =>
    licencesConflict(
      {
        exclusivity: existing.exclusivity ?? 'non_exclusive',
        territory: existing.territory,
        termStart: existing.term_start,
        termEnd: existing.term_end,
      },
      proposed,
    ),
  );
  if (clash !== undefined) {
    throw new AppError(
      'expo.ip_exclusive_conflict',
      `Licence ${clash.id} (${clash.exclusivity}) already covers part of this territory and term.`,
      { details: { agreementId: clash.id } },
    );
  }
};

export const issueIpAgreement = async (
  deps: ExpoDeps,
  ctx: IpContext,
  assetId: string,
  input: AgreementInput,
) => {
  // The asset first: a caller that cannot see it learns nothing from a 400 about the rest.
  const asset = await heldAsset(deps.db.kysely, ctx.organisationId, assetId);
  const problems: FieldError[] = [];
  const counterpartyOrg = 'organisationId' in input.counterparty ? input.counterparty.organisationId : null;
  if (input.kind === 'licence' && input.exclusivity === undefined) {
    problems.push({
      field: 'exclusivity',
      code: 'expo.required',
      message: 'exclusive, sole or non_exclusive',
    });
  }
  if (input.kind === 'assignment') {
    if (input.exclusivity !== undefined) {
      problems.push({
        field: 'exclusivity',
        code: 'expo.ip_assignment_terms',
        message: 'An assignment transfers the whole right',
      });
    }
    if (counterpartyOrg === null) {
      problems.push({
        field: 'counterparty',
        code: 'expo.ip_assignee_on_hub',
        message: 'Ownership moves on the hub only to an organisation on the hub, which accepts it',
      });
    }
  }
  if (counterpartyOrg === ctx.organisationId) {
    problems.push({
      field: 'counterparty.organisationId',
      code: 'expo.ip_self_counterparty',
      message: 'Not your own organisation',
    });
  } else if (
    counterpartyOrg !== null &&
    !(await deps.organisationNames([counterpartyOrg])).has(counterpartyOrg)
  ) {
    problems.push({
      field: 'counterparty.organisationId',
      code: 'expo.ip_unknown_organisation',
      message: 'No organisation with this id on the hub',
    });
  }
  input.territory.forEach((country, i) => {
    if (!isCountryCode(country)) {
      problems.push({
        field: `territory.${i}`,
        code: 'expo.ip_territory',
        message: 'An ISO 3166-1 alpha-2 code',
      });
    }
  });
  for (const [field, value] of [
    ['termStart', input.termStart],
    ['termEnd', input.termEnd ?? null],
  ] as const) {
    if (value !== null && !isCalendarDate(value)) {
      problems.push({ field, code: 'expo.ip_date', message: 'A calendar date as YYYY-MM-DD' });
    }
  }
  if (input.termEnd && isCalendarDate(input.termStart) && input.termEnd < input.termStart) {
    problems.push({ field: 'termEnd', code: 'expo.ip_date_order', message: 'Ends before it starts' });
  }
  let royaltyMinor: string | null = null;
  let royaltyCurrency: string | null = null;
  let royaltyPercent: string | null = null;
  if (input.royalty.kind === 'lump_sum') {
    const value = moneyOf('royalty.amount', input.royalty.amount);
    if (isFieldError(value)) {
      problems.push(value);
    } else {
      royaltyMinor = value.amountMinor.toString();
      royaltyCurrency = value.currency;
    }
  } else if (input.royalty.kind === 'percent') {
    if (isRoyaltyPercent(input.royalty.percent)) {
      royaltyPercent = canonicalPercent(input.royalty.percent);
    } else {
      problems.push({
        field: 'royalty.percent',
        code: 'expo.ip_percent',
        message: 'Percent as a decimal string above 0 and at most 100, up to 4 decimals, e.g. "3.5"',
      });
    }
  }
  if (problems.length > 0) {
    throw invalid(problems, 'The agreement cannot be issued: see the fields.');
  }
  const today = chinaDay(deps.now());
  // Checked before signing for a clear answer; checked again on the locked asset inside the issuing
  // transaction, since another agreement or pledge may commit in between.
  await checkAssetState(deps.db.kysely, asset, input, today);
  const owners = await listOwners(deps.db.kysely, [asset.id]);
  const names = await namesOf(deps, [
    ctx.organisationId,
    counterpartyOrg,
    ...owners.map((o) => o.owner_organisation_id),
  ]);
  const party = (id: string) => ({
    organisationId: id,
    name: names.get(id)?.name ?? id,
    nameZh: names.get(id)?.nameZh ?? id,
  });
  const id = newId('eil');
  const subject = {
    agreementType: input.kind === 'licence' ? 'IpLicenceAgreement' : 'IpAssignmentAgreement',
    agreementId: id,
    asset: {
      id: asset.id,
      kind: asset.kind,
      titleZh: asset.title_zh,
      titleEn: asset.title_en,
      jurisdiction: asset.jurisdiction,
      ...(asset.registry_number_canonical === null
        ? {}
        : { registryNumber: asset.registry_number_canonical }),
      ...(asset.secret_document_sha256 === null
        ? {}
        : { secretDocumentSha256: asset.secret_document_sha256 }),
    },
    grantor: party(ctx.organisationId),
    counterparty:
      counterpartyOrg === null
        ? { name: (input.counterparty as { name: string }).name }
        : party(counterpartyOrg),
    ...(input.exclusivity === undefined ? {} : { exclusivity: input.exclusivity }),
    territory: input.territory.length === 0 ? ['worldwide'] : input.territory,
    fieldOfUse: input.fieldOfUse ?? '',
    termStart: input.termStart,
    ...(input.termEnd ? { termEnd: input.termEnd } : {}),
    royalty:
      input.royalty.kind === 'lump_sum'
        ? { kind: 'lump_sum', amount: moneyJson(royaltyMinor, royaltyCurrency) }
        : input.royalty.kind === 'percent'
          ? { kind: 'percent', percent: royaltyPercent }
          : { kind: 'none' },
  };
  let stored: AgreementRow | undefined;
  await issueFn(deps)(ctx.actor, ctx.organisationId, { documentNumber: id, subject }, async (trx, issued) => {
    const locked = await findAsset(trx, assetId, true);
    if (locked === undefined || locked.organisation_id !== ctx.organisationId) {
      throw new AppError('expo.ip_not_owner', `Your organisation no longer holds ${assetId}.`);
    }
    await checkAssetState(trx, locked, input, today);
    const at = deps.now();
    stored = await insertAgreement(trx, {
      id,
      organisation_id: ctx.organisationId,
      asset_id: assetId,
      kind: input.kind,
      counterparty_organisation_id: counterpartyOrg,
      counterparty_name: counterpartyOrg === null ? (input.counterparty as { name: string }).name : null,
      exclusivity: input.exclusivity ?? null,
      territory: input.territory,
      field_of_use: input.fieldOfUse ?? '',
      term_start: input.termStart,
      term_end: input.termEnd ?? null,
      royalty_kind: input.royalty.kind,
      royalty_amount_minor: royaltyMinor,
      royalty_currency: royaltyCurrency,
      royalty_percent: royaltyPercent,
      document_id: issued.id,
      credential_id: issued.credentialId,
      doc_hash: issued.docHash,
      status: counterpartyOrg === null ? 'issued' : 'awaiting_acceptance',
      created_at: at,
    });
    if (input.kind === 'licence') {
      await insertAssetEvent(trx, {
        asset_id: assetId,
        organisation_id: ctx.organisationId,
        kind: 'licensed',
        detail: { agreementId: id, exclusivity: input.exclusivity ?? null },
        at,
      });
    }
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'ip_agreement', id },
      detail: { assetId, kind: input.kind, documentId: issued.id },
    });
  });
  if (stored === undefined) {
    throw new Error('the agreement was issued without its row');
  }
  return presentAgreement(stored, asset, names, ctx.organisationId);
};

export const listIpAgreements = async (deps: ExpoDeps, organisationId: string) => {
  const ex = deps.db.kysely;
  const rows = await listAgreementsForParty(ex, organisationId);
  const assets = await findAssets(ex, [...new Set(rows.map((r) => r.asset_id))]);
  const names = await namesOf(
    deps,
    rows.flatMap((r) => [r.organisation_id, r.counterparty_organisation_id]),
  );
  return {
    items: rows.map((row) =>
      presentAgreement(
        row,
        assets.find((a) => a.id === row.asset_id),
        names,
        organisationId,
      ),
    ),
  };
};

export const getIpAgreement = async (deps: ExpoDeps, organisationId: string, agreementId: string) => {
  const ex = deps.db.kysely;
  const row = await findAgreementForParty(ex, organisationId, agreementId);
  if (row === undefined) {
    throw notFound('ip_agreement', agreementId);
  }
  const asset = await findAsset(ex, row.asset_id);
  const names = await namesOf(deps, [row.organisation_id, row.counterparty_organisation_id]);
  return presentAgreement(row, asset, names, organisationId);
};

/** The signed agreement's verification bundle, for either party (the grantor's organisation issued it). */
export const getIpAgreementBundle = async (deps: ExpoDeps, organisationId: string, agreementId: string) => {
  const row = await findAgreementForParty(deps.db.kysely, organisationId, agreementId);
  if (row === undefined) {
    throw notFound('ip_agreement', agreementId);
  }
  if (deps.agreementBundle === undefined) {
    throw new Error('expo: agreementBundle is not wired (app.ts)');
  }
  return deps.agreementBundle(row.organisation_id, row.document_id);
};

/**
 * The counterparty accepts. Accepting an assignment moves the asset to the assignee: the holder
 * changes, the assignor is replaced among the owners of record, and both ends are written into the
 * asset's history. A pledge registered meanwhile blocks it.
 */
export const acceptIpAgreement = async (deps: ExpoDeps, ctx: IpContext, agreementId: string) => {
  const { accepted, asset } = await deps.db.transaction(async (trx) => {
    const row = await findAgreementForParty(trx, ctx.organisationId, agreementId, true);
    if (row === undefined) {
      throw notFound('ip_agreement', agreementId);
    }
    if (row.counterparty_organisation_id !== ctx.organisationId) {
      throw new AppError('expo.ip_not_counterparty', 'Only the counterparty accepts an agreement.');
    }
    if (row.status !== 'awaiting_acceptance') {
      throw new AppError('expo.ip_already_accepted', `${agreementId} was accepted already.`);
    }
    const at = deps.now();
    let asset = await findAsset(trx, row.asset_id, true);
    if (asset === undefined) {
      throw new Error(`agreement ${agreementId} names a missing asset`);
    }
    if (row.kind === 'assignment') {
      if (asset.organisation_id !== row.organisation_id) {
        throw new AppError('expo.ip_not_owner', 'The assignor no longer holds the asset.');
      }
      if ((await activePledgeOf(trx, asset.id)) !== undefined) {
        throw new AppError(
          'expo.ip_pledged',
          `${asset.id} is pledged: it cannot be assigned until the bank releases it.`,
        );
      }
      const owners = await listOwners(trx, [asset.id]);
      const next = owners.map((o) =>
        o.owner_organisation_id === row.organisation_id
          ? { organisationId: ctx.organisationId }
          : o.owner_organisation_id === null
            ? { personName: o.person_name ?? '' }
            : { organisationId: o.owner_organisation_id },
      );
      // Co-owner twice (the assignee was already a co-owner) collapses into one entry.
      const unique = next.filter(
        (o, i) =>
          !('organisationId' in o) ||
          next.findIndex((p) => 'organisationId' in p && p.organisationId === o.organisationId) === i,
      );
      asset = await updateAsset(trx, asset.id, { organisation_id: ctx.organisationId }, at);
      await replaceOwners(trx, asset.id, ctx.organisationId, unique);
      await insertAssetEvent(trx, {
        asset_id: asset.id,
        organisation_id: row.organisation_id,
        kind: 'assigned_out',
        detail: { agreementId, to: ctx.organisationId },
        at,
      });
      await insertAssetEvent(trx, {
        asset_id: asset.id,
        organisation_id: ctx.organisationId,
        kind: 'assigned_in',
        detail: { agreementId, from: row.organisation_id },
        at,
      });
    }
    const accepted = await markAccepted(trx, agreementId, at, actorLabel(ctx.actor));
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'ip_agreement', id: agreementId },
      detail: { kind: row.kind, assetId: row.asset_id },
    });
    return { accepted, asset };
  });
  // Names are looked up after the commit, outside the transaction.
  const names = await namesOf(deps, [accepted.organisation_id, accepted.counterparty_organisation_id]);
  return presentAgreement(accepted, asset, names, ctx.organisationId);
};
