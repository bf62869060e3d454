import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { ExpoDeps } from '../deps.ts';
import { type MoneyInput, moneyJson, moneyOf, type ServicesTradeContext } from './context.ts';
import {
  checkTechnology,
  chinaDay,
  findCatalogueEntry,
  type PaymentMethod,
  registrationNumber,
  type TechnologyCategory,
  type TechnologyDirection,
  type TechnologyField,
} from './domain-services-trade.ts';
import {
  findTechnologyContract,
  type HistoryRow,
  insertHistory,
  insertTechnologyContract,
  listHistory,
  listTechnologyContracts,
  markCancelled,
  markRegistered,
  nextRegistrationSequence,
  type TechnologyContractFilter,
  type TechnologyContractRow,
} from './repository-services-trade.ts';

const invalid = (errors: FieldError[]) =>
  new AppError('expo.technology_invalid', 'The technology contract has invalid fields.', {
    fieldErrors: errors,
  });
const notFound = (id: string) => new AppError('http.not_found', `No expo_technology_contract ${id}.`);

export type TechnologyContractInput = {
  reference: string;
  direction: TechnologyDirection;
  foreignParty: { name: string; country: string; organisationId?: string | null | undefined };
  technologyName: string;
  technologyFields: TechnologyField[];
  category: TechnologyCategory;
  catalogueEntry?: string | null | undefined;
  licenceNumber?: string | null | undefined;
  value: MoneyInput;
  paymentMethod: PaymentMethod;
  termStartsOn: string;
  termEndsOn: string;
};

type Names = ReadonlyMap<string, { name: string; nameZh: string }>;

const namesOf = (deps: ExpoDeps, rows: readonly TechnologyContractRow[]): Promise<Names> =>
  deps.organisationNames([
    ...new Set(
      rows.flatMap((row) => [
        row.organisation_id,
        ...(row.foreign_organisation_id ? [row.foreign_organisation_id] : []),
      ]),
    ),
  ]);

const technologyJson = (row: TechnologyContractRow, viewer: string | null, names: Names) => {
  const entry = row.catalogue_entry === null ? undefined : findCatalogueEntry(row.catalogue_entry);
  return {
    id: row.id,
    organisationId: row.organisation_id,
    chinesePartyName: names.get(row.organisation_id)?.name ?? null,
    chinesePartyNameZh: names.get(row.organisation_id)?.nameZh ?? null,
    role:
      viewer === null
        ? ('regulator' as const)
        : row.organisation_id === viewer
          ? ('chinese_party' as const)
          : ('foreign_party' as const),
    reference: row.reference,
    direction: row.direction,
    foreignParty: {
      name: row.foreign_party_name,
      country: row.foreign_party_country,
      organisationId: row.foreign_organisation_id,
    },
    technologyName: row.technology_name,
    technologyFields: row.technology_fields,
    category: row.category,
    catalogueEntry:
      entry === undefined
        ? null
        : { id: entry.id, nameZh: entry.nameZh, nameEn: entry.nameEn, verified: entry.verified },
    licenceNumber: row.licence_number,
    value: moneyJson(row.value_minor, row.currency),
    paymentMethod: row.payment_method,
    termStartsOn: row.term_starts_on,
    termEndsOn: row.term_ends_on,
    status: row.status,
    registrationNumber: row.registration_number,
    registeredOn: row.registered_on,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
};

const historyJson = (row: HistoryRow) => ({
  fromStatus: row.from_status,
  toStatus: row.to_status,
  reason: row.reason,
  at: row.at.toISOString(),
});

/**
 * Records a technology import or export contract as a draft. A prohibited technology is refused
 * (422, with the catalogue entry as the reason) and nothing is stored; a restricted one must name
 * its catalogue entry and needs a licence number before it can be registered.
 */
export const createTechnologyContract = async (
  deps: ExpoDeps,
  ctx: ServicesTradeContext,
  input: TechnologyContractInput,
) => {
  const errors: FieldError[] = [];
  const value = moneyOf(input.value, 'value', 'expo.technology', errors);
  const check = checkTechnology({
    direction: input.direction,
    category: input.category,
    catalogueEntry: input.catalogueEntry ?? null,
  });
  if (check.outcome === 'invalid') {
    errors.push({
      field: check.field,
      code: `expo.technology_catalogue_${check.code}`,
      message: `The catalogue entry: ${check.code.replace('_', ' ')}`,
    });
  }
  if (input.foreignParty.country === 'CN') {
    errors.push({
      field: 'foreignParty.country',
      code: 'expo.technology_party_in_china',
      message: 'The foreign party is abroad',
    });
  }
  const foreignId = input.foreignParty.organisationId ?? null;
  if (foreignId !== null && (await deps.organisationKind(foreignId)) === undefined) {
    errors.push({
      field: 'foreignParty.organisationId',
      code: 'expo.technology_unknown_organisation',
      message: 'No such organisation on the hub',
    });
  }
  if (input.termEndsOn < input.termStartsOn) {
    errors.push({
      field: 'termEndsOn',
      code: 'expo.technology_dates_reversed',
      message: 'Ends before it starts',
    });
  }
  if (errors.length > 0 || value === undefined || check.outcome === 'invalid') {
    throw invalid(errors);
  }
  if (check.outcome === 'refused') {
    throw new AppError(
      'expo.technology_prohibited',
      check.entry === null
        ? `The technology is prohibited from ${input.direction}: it cannot be contracted or registered.`
        : `The technology is prohibited from ${input.direction} (${check.entry.id}, ${check.entry.nameEn} / ${check.entry.nameZh}): it cannot be contracted or registered.`,
      {
        details: {
          catalogueEntry:
            check.entry === null
              ? null
              : { id: check.entry.id, nameZh: check.entry.nameZh, nameEn: check.entry.nameEn },
        },
      },
    );
  }
  const row = await deps.db.transaction(async (trx) => {
    const at = deps.now();
    const inserted = await insertTechnologyContract(trx, {
      id: newId('etc'),
      organisation_id: ctx.organisationId,
      reference: input.reference,
      direction: input.direction,
      foreign_party_name: input.foreignParty.name,
      foreign_party_country: input.foreignParty.country,
      foreign_organisation_id: foreignId,
      technology_name: input.technologyName,
      technology_fields: [...new Set(input.technologyFields)],
      category: check.category,
      catalogue_entry: check.entry?.id ?? null,
      licence_number: input.licenceNumber ?? null,
      currency: value.currency,
      value_minor: value.amountMinor,
      payment_method: input.paymentMethod,
      term_starts_on: input.termStartsOn,
      term_ends_on: input.termEndsOn,
      created_at: at,
    });
    if (inserted === undefined) {
      throw new AppError(
        'expo.technology_reference_exists',
        `A technology contract ${input.reference} exists already.`,
      );
    }
    await insertHistory(trx, {
      object_id: inserted.id,
      organisation_id: ctx.organisationId,
      from_status: null,
      to_status: 'draft',
      reason: null,
      at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_technology_contract', id: inserted.id },
    });
    return inserted;
  });
  return technologyJson(row, ctx.organisationId, await namesOf(deps, [row]));
};

export const getTechnologyContract = async (deps: ExpoDeps, organisationId: string, id: string) => {
  const row = await findTechnologyContract(deps.db.kysely, organisationId, id);
  if (row === undefined) {
    throw notFound(id);
  }
  return {
    ...technologyJson(row, organisationId, await namesOf(deps, [row])),
    history: (await listHistory(deps.db.kysely, id)).map(historyJson),
  };
};

export const listTechnologyContractsOf = async (deps: ExpoDeps, filter: TechnologyContractFilter) => {
  const rows = await listTechnologyContracts(deps.db.kysely, filter);
  const names = await namesOf(deps, rows);
  return { items: rows.map((row) => technologyJson(row, filter.organisationId, names)) };
};

/**
 * Registers a draft: a free technology at once, a restricted one only with the licence number
 * (given now or on the draft). The registration number and date are the record's.
 */
export const registerTechnologyContract = async (
  deps: ExpoDeps,
  ctx: ServicesTradeContext,
  id: string,
  input: { version: number; licenceNumber?: string | undefined },
) => {
  await deps.db.transaction(async (trx) => {
    const current = await findTechnologyContract(trx, ctx.organisationId, id, {
      forUpdate: true,
      ownOnly: true,
    });
    if (current === undefined) {
      throw notFound(id);
    }
    if (current.version !== input.version) {
      throw new AppError('expo.version_conflict', 'The contract changed meanwhile: reload it.', {
        details: { currentVersion: current.version },
      });
    }
    if (current.status !== 'draft') {
      throw new AppError(
        'expo.technology_not_draft',
        `The contract is ${current.status}: only a draft is registered.`,
      );
    }
    const licenceNumber = input.licenceNumber ?? current.licence_number;
    if (current.category === 'restricted' && licenceNumber === null) {
      throw new AppError(
        'expo.technology_licence_required',
        'A restricted technology needs its import or export licence number before registration.',
      );
    }
    const at = deps.now();
    const day = chinaDay(at);
    const sequence = await nextRegistrationSequence(trx, Number(day.slice(0, 4)));
    await markRegistered(trx, {
      id,
      licenceNumber,
      registrationNumber: registrationNumber(Number(day.slice(0, 4)), current.direction, sequence),
      registeredOn: day,
      at,
    });
    await insertHistory(trx, {
      object_id: id,
      organisation_id: ctx.organisationId,
      from_status: 'draft',
      to_status: 'registered',
      reason: null,
      at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_technology_contract', id },
    });
  });
  return getTechnologyContract(deps, ctx.organisationId, id);
};

/** Cancels a draft or a registration (the contract was ended or never took effect), with the reason. */
export const cancelTechnologyContract = async (
  deps: ExpoDeps,
  ctx: ServicesTradeContext,
  id: string,
  input: { version: number; reason: string },
) => {
  await deps.db.transaction(async (trx) => {
    const current = await findTechnologyContract(trx, ctx.organisationId, id, {
      forUpdate: true,
      ownOnly: true,
    });
    if (current === undefined) {
      throw notFound(id);
    }
    if (current.version !== input.version) {
      throw new AppError('expo.version_conflict', 'The contract changed meanwhile: reload it.', {
        details: { currentVersion: current.version },
      });
    }
    if (current.status === 'cancelled') {
      throw new AppError('expo.technology_cancelled', 'The contract is cancelled already.');
    }
    const at = deps.now();
    await markCancelled(trx, id, at);
    await insertHistory(trx, {
      object_id: id,
      organisation_id: ctx.organisationId,
      from_status: current.status,
      to_status: 'cancelled',
      reason: input.reason,
      at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_technology_contract', id },
    });
  });
  return getTechnologyContract(deps, ctx.organisationId, id);
};
