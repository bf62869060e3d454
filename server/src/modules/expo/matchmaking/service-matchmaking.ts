import { AppError, formatMoneyAmount, money, newId } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import type { ExpoDeps } from '../deps.ts';
import { matchRequirement } from './match-requirement.ts';
import {
  findLeadView,
  findRequirement,
  insertRequirement,
  type LeadStatus,
  type LeadViewRow,
  listLeadsOfSupplier,
  listMatchesOfRequirement,
  listRequirements,
  type RequirementRow,
  setLeadStatus,
  updateRequirement,
} from './repository-matchmaking.ts';
import { checkRequirement, type RequirementInput, type RequirementStatus } from './requirement-rules.ts';
import { withholdTrackRecord } from './score-match.ts';

/** Who acts for which organisation, and how the change joins the audit trail in its transaction. */
export type MatchmakingContext = {
  organisationId: string;
  audit: (
    ex: Executor,
    change: { organisationId: string | null; object: { type: string; id: string } | null },
  ) => Promise<void>;
};

const notFound = (kind: string, id: string) => new AppError('http.not_found', `No ${kind} ${id}.`);

const priceJson = (currency: string | null, amountMinor: string | null) =>
  currency === null || amountMinor === null
    ? null
    : { amount: formatMoneyAmount(money(currency, BigInt(amountMinor))), currency };

export const presentRequirement = (row: RequirementRow) => ({
  id: row.id,
  organisationId: row.organisation_id,
  title: row.title,
  description: row.description,
  hsCode: row.hs_code,
  quantity: row.quantity,
  unit: row.quantity_unit,
  targetPrice: priceJson(row.target_price_currency, row.target_price_minor),
  destinationCountry: row.destination_country,
  destinationUnlocode: row.destination_unlocode,
  certifications: row.certifications,
  deadline: row.deadline,
  status: row.status,
  version: row.version,
  matchCount: row.match_count,
  matchedAt: row.matched_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export type RequirementView = ReturnType<typeof presentRequirement>;

const presentLead = (
  row: LeadViewRow,
  names: ReadonlyMap<string, { name: string; nameZh: string }>,
  side: 'buyer' | 'supplier',
) => ({
  id: row.id,
  // Who reads it: the buyer's view of a match, or the supplier's of a lead.
  side,
  requirementId: row.requirement_id,
  buyerOrganisationId: row.organisation_id,
  supplierOrganisationId: row.supplier_organisation_id,
  // The buyer reads the supplier's credit and history only while the supplier shares them.
  ...(side === 'buyer' && !row.exhibitor_share_track_record
    ? withholdTrackRecord({ score: row.score, components: row.components })
    : { score: row.score, components: row.components }),
  buyerStatus: row.buyer_status,
  supplierStatus: row.supplier_status,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  buyer: {
    name: names.get(row.organisation_id)?.name ?? row.organisation_id,
    nameZh: names.get(row.organisation_id)?.nameZh ?? row.organisation_id,
  },
  exhibitor: { nameZh: row.exhibitor_name_zh, nameEn: row.exhibitor_name_en, country: row.exhibitor_country },
  product: {
    id: row.product_id,
    nameZh: row.product_name_zh,
    nameEn: row.product_name_en,
    hsCode: row.product_hs_code,
    moq: row.product_moq,
    moqUnit: row.product_moq_unit,
    priceMin: priceJson(row.product_price_currency, row.product_price_min_minor),
    priceMax: priceJson(row.product_price_currency, row.product_price_max_minor),
  },
  requirement: {
    title: row.requirement_title,
    description: row.requirement_description,
    hsCode: row.requirement_hs_code,
    quantity: row.requirement_quantity,
    unit: row.requirement_unit,
    targetPrice: priceJson(row.requirement_target_price_currency, row.requirement_target_price_minor),
    destinationCountry: row.requirement_destination_country,
    destinationUnlocode: row.requirement_destination_unlocode,
    certifications: row.requirement_certifications,
    deadline: row.requirement_deadline,
    status: row.requirement_status,
  },
});

export type LeadView = ReturnType<typeof presentLead>;

const namesOf = (deps: ExpoDeps, rows: readonly LeadViewRow[]) =>
  deps.organisationNames([...new Set(rows.map((row) => row.organisation_id))]);

const invalid = (errors: { field: string; code: string; message: string }[]) =>
  new AppError('expo.requirement_invalid', 'The requirement has invalid fields.', { fieldErrors: errors });

/** Runs matching after the requirement's transaction committed, then reads it back with its count. */
const matchedView = async (deps: ExpoDeps, organisationId: string, requirementId: string) => {
  await matchRequirement(deps.db, deps, requirementId);
  const row = await findRequirement(deps.db.kysely, organisationId, requirementId);
  if (row === undefined) {
    throw notFound('expo_requirement', requirementId);
  }
  return presentRequirement(row);
};

/** Posts a buyer's requirement and matches it against the published catalogue. */
export const postRequirement = async (deps: ExpoDeps, ctx: MatchmakingContext, input: RequirementInput) => {
  const now = deps.now();
  const checked = checkRequirement(input, deps.codes, now);
  if (!checked.ok) {
    throw invalid(checked.errors);
  }
  const id = newId('erq');
  await deps.db.transaction(async (trx) => {
    await insertRequirement(trx, { id, organisationId: ctx.organisationId, values: checked.values, at: now });
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_requirement', id } });
  });
  return matchedView(deps, ctx.organisationId, id);
};

export type RequirementChange = RequirementInput & {
  version: number;
  status?: RequirementStatus | undefined;
};

const valuesOf = (row: RequirementRow): RequirementInput => ({
  title: row.title,
  description: row.description,
  hsCode: row.hs_code,
  quantity: row.quantity,
  unit: row.quantity_unit,
  targetPrice: priceJson(row.target_price_currency, row.target_price_minor),
  destinationCountry: row.destination_country,
  destinationUnlocode: row.destination_unlocode,
  certifications: row.certifications,
  deadline: row.deadline,
});

/**
 * Edits a requirement (optimistic locking on `version`) and matches it again. A closed or
 * fulfilled requirement only takes a status change; an unchanged past deadline is not re-checked,
 * so closing an old requirement never fails on its own date.
 */
export const changeRequirement = async (
  deps: ExpoDeps,
  ctx: MatchmakingContext,
  requirementId: string,
  change: RequirementChange,
) => {
  const now = deps.now();
  const { version, status, ...fields } = change;
  const editsContent = Object.values(fields).some((value) => value !== undefined);
  await deps.db.transaction(async (trx) => {
    const row = await findRequirement(trx, ctx.organisationId, requirementId, true);
    if (row === undefined) {
      throw notFound('expo_requirement', requirementId);
    }
    if (row.version !== version) {
      throw new AppError('expo.version_conflict', 'It was changed since you read it: reload and try again.', {
        details: { currentVersion: row.version },
      });
    }
    if (editsContent && row.status !== 'open') {
      throw new AppError(
        'expo.requirement_not_open',
        'Only an open requirement can be edited; reopen it first.',
      );
    }
    const merged = {
      ...valuesOf(row),
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    };
    const checked = checkRequirement(
      fields.deadline === undefined ? { ...merged, deadline: '9999-12-31' } : merged,
      deps.codes,
      now,
    );
    if (!checked.ok) {
      throw invalid(checked.errors);
    }
    const values =
      fields.deadline === undefined ? { ...checked.values, deadline: row.deadline } : checked.values;
    await updateRequirement(trx, requirementId, values, status ?? row.status, now);
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_requirement', id: requirementId },
    });
  });
  return matchedView(deps, ctx.organisationId, requirementId);
};

export const getRequirement = async (deps: ExpoDeps, organisationId: string, requirementId: string) => {
  const row = await findRequirement(deps.db.kysely, organisationId, requirementId);
  if (row === undefined) {
    throw notFound('expo_requirement', requirementId);
  }
  return presentRequirement(row);
};

export const listOwnRequirements = async (
  deps: ExpoDeps,
  organisationId: string,
  filter: { status?: RequirementStatus | undefined; limit: number; offset: number },
) => {
  const { rows, total } = await listRequirements(deps.db.kysely, organisationId, filter);
  return { items: rows.map(presentRequirement), total };
};

/** The buyer's ranked matches of its own requirement, with explained scores. */
export const requirementMatches = async (deps: ExpoDeps, organisationId: string, requirementId: string) => {
  const requirement = await getRequirement(deps, organisationId, requirementId);
  const rows = await listMatchesOfRequirement(deps.db.kysely, organisationId, requirementId);
  const names = await namesOf(deps, rows);
  return { requirement, items: rows.map((row) => presentLead(row, names, 'buyer')) };
};

/** The supplier's inbox: requirements that matched its products. */
export const supplierLeads = async (
  deps: ExpoDeps,
  organisationId: string,
  filter: { status?: LeadStatus | undefined; minScore?: number | undefined; limit: number; offset: number },
) => {
  const { rows, total } = await listLeadsOfSupplier(deps.db.kysely, organisationId, filter);
  const names = await namesOf(deps, rows);
  return { items: rows.map((row) => presentLead(row, names, 'supplier')), total };
};

/** One lead, for either of its parties. */
export const getLead = async (deps: ExpoDeps, organisationId: string, leadId: string) => {
  const row = await findLeadView(deps.db.kysely, organisationId, leadId);
  if (row === undefined) {
    throw notFound('expo_lead', leadId);
  }
  const names = await namesOf(deps, [row]);
  return presentLead(row, names, row.organisation_id === organisationId ? 'buyer' : 'supplier');
};

/** Either side marks a lead interested or declined (or back to new), each side on its own status. */
export const markLead = async (
  deps: ExpoDeps,
  ctx: MatchmakingContext,
  leadId: string,
  status: LeadStatus,
) => {
  const now = deps.now();
  await deps.db.transaction(async (trx) => {
    const row = await findLeadView(trx, ctx.organisationId, leadId, true);
    if (row === undefined) {
      throw notFound('expo_lead', leadId);
    }
    await setLeadStatus(
      trx,
      leadId,
      {
        ...(row.organisation_id === ctx.organisationId ? { buyer: status } : {}),
        ...(row.supplier_organisation_id === ctx.organisationId ? { supplier: status } : {}),
      },
      now,
    );
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_lead', id: leadId } });
  });
  return getLead(deps, ctx.organisationId, leadId);
};
