import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { Transaction } from 'kysely';
import { publishEvent } from '../../../platform/events/index.ts';
import { findEbops } from '../catalogue/ebops.ts';
import type { ExpoDeps } from '../deps.ts';
import { type MoneyInput, moneyJson, moneyOf, type ServicesTradeContext } from './context.ts';
import {
  canMoveServiceContract,
  chinaDay,
  deliveryFits,
  type GatsMode,
  type ServiceContractStatus,
} from './domain-services-trade.ts';
import { type ServiceDeliveryRecordedPayload, servicesTradeEvents } from './events.ts';
import {
  addDeliveredValue,
  deleteServiceContract as deleteContractRow,
  type Evidence,
  findServiceContract,
  type HistoryRow,
  insertDelivery,
  insertHistory,
  insertServiceContract,
  listDeliveries,
  listHistory,
  listServiceContracts,
  type ServiceContractFilter,
  type ServiceContractRow,
  type ServiceDeliveryRow,
  updateServiceContract as updateContractRow,
} from './repository-services-trade.ts';

const invalid = (errors: FieldError[]) =>
  new AppError('expo.service_invalid', 'The service contract has invalid fields.', { fieldErrors: errors });
const notFound = (id: string) => new AppError('http.not_found', `No expo_service_contract ${id}.`);

export type ServiceContractInput = {
  reference: string;
  title: string;
  client: { name: string; country: string; organisationId?: string | null | undefined };
  ebopsCode: string;
  gatsMode: GatsMode;
  value: MoneyInput;
  startsOn: string;
  endsOn: string;
  digitallyDelivered: boolean;
  evidence: Evidence[];
};

/** A change: every field optional (and may be given as undefined, as a parsed body gives it). */
export type ServiceContractChange = {
  [K in Exclude<keyof ServiceContractInput, 'reference'>]?: ServiceContractInput[K] | undefined;
} & {
  version: number;
  status?: ServiceContractStatus | undefined;
  reason?: string | undefined;
};

type Names = ReadonlyMap<string, { name: string; nameZh: string }>;

const namesOf = (deps: ExpoDeps, rows: readonly ServiceContractRow[]): Promise<Names> =>
  deps.organisationNames([
    ...new Set(
      rows.flatMap((row) => [
        row.organisation_id,
        ...(row.client_organisation_id ? [row.client_organisation_id] : []),
      ]),
    ),
  ]);

const contractJson = (row: ServiceContractRow, viewer: string | null, names: Names) => {
  const ebops = findEbops(row.ebops_code);
  return {
    id: row.id,
    organisationId: row.organisation_id,
    providerName: names.get(row.organisation_id)?.name ?? null,
    providerNameZh: names.get(row.organisation_id)?.nameZh ?? null,
    // How the caller stands to the contract: its provider, the client named on it, or a regulator.
    role:
      viewer === null
        ? ('regulator' as const)
        : row.organisation_id === viewer
          ? ('provider' as const)
          : ('client' as const),
    reference: row.reference,
    title: row.title,
    client: {
      name: row.client_name,
      country: row.client_country,
      organisationId: row.client_organisation_id,
    },
    ebopsCode: row.ebops_code,
    ebopsEn: ebops?.en ?? null,
    ebopsZh: ebops?.zh ?? null,
    gatsMode: row.gats_mode,
    value: moneyJson(row.value_minor, row.currency),
    delivered: moneyJson(row.delivered_minor, row.currency),
    remaining: moneyJson(row.value_minor - row.delivered_minor, row.currency),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    digitallyDelivered: row.digitally_delivered,
    evidence: row.evidence,
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
};

const deliveryJson = (row: ServiceDeliveryRow) => ({
  id: row.id,
  contractId: row.contract_id,
  deliveredOn: row.delivered_on,
  value: moneyJson(row.value_minor, row.currency),
  note: row.note,
  evidence: row.evidence,
  eventId: row.event_id,
  createdAt: row.created_at.toISOString(),
});

const historyJson = (row: HistoryRow) => ({
  fromStatus: row.from_status,
  toStatus: row.to_status,
  reason: row.reason,
  at: row.at.toISOString(),
});

/** The field errors of a contract's parts, checked together so the form shows them all at once. */
const checkParts = async (
  deps: ExpoDeps,
  input: ServiceContractChange | ServiceContractInput,
  dates: { startsOn: string; endsOn: string },
  errors: FieldError[],
) => {
  if (input.ebopsCode !== undefined && findEbops(input.ebopsCode) === undefined) {
    errors.push({
      field: 'ebopsCode',
      code: 'expo.service_unknown_ebops',
      message: 'Not an EBOPS 2010 item',
    });
  }
  if (input.client !== undefined) {
    if (input.client.country === 'CN') {
      errors.push({
        field: 'client.country',
        code: 'expo.service_client_in_china',
        message: 'A services export has a client abroad',
      });
    }
    const clientId = input.client.organisationId ?? null;
    if (clientId !== null && (await deps.organisationKind(clientId)) === undefined) {
      errors.push({
        field: 'client.organisationId',
        code: 'expo.service_unknown_organisation',
        message: 'No such organisation on the hub',
      });
    }
  }
  if (dates.endsOn < dates.startsOn) {
    errors.push({ field: 'endsOn', code: 'expo.service_dates_reversed', message: 'Ends before it starts' });
  }
};

export const createServiceContract = async (
  deps: ExpoDeps,
  ctx: ServicesTradeContext,
  input: ServiceContractInput,
) => {
  const errors: FieldError[] = [];
  const value = moneyOf(input.value, 'value', 'expo.service', errors);
  await checkParts(deps, input, input, errors);
  if (errors.length > 0 || value === undefined) {
    throw invalid(errors);
  }
  const row = await deps.db.transaction(async (trx) => {
    const at = deps.now();
    const inserted = await insertServiceContract(trx, {
      id: newId('esc'),
      organisation_id: ctx.organisationId,
      reference: input.reference,
      title: input.title,
      client_name: input.client.name,
      client_country: input.client.country,
      client_organisation_id: input.client.organisationId ?? null,
      ebops_code: input.ebopsCode,
      gats_mode: input.gatsMode,
      currency: value.currency,
      value_minor: value.amountMinor,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      digitally_delivered: input.digitallyDelivered,
      evidence: input.evidence,
      status: 'active',
      created_at: at,
    });
    if (inserted === undefined) {
      throw new AppError(
        'expo.service_reference_exists',
        `A service contract ${input.reference} exists already.`,
      );
    }
    await insertHistory(trx, {
      object_id: inserted.id,
      organisation_id: ctx.organisationId,
      from_status: null,
      to_status: 'active',
      reason: null,
      at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_service_contract', id: inserted.id },
    });
    return inserted;
  });
  return contractJson(row, ctx.organisationId, await namesOf(deps, [row]));
};

/** One contract with its deliveries and history: the provider's, or one naming the caller as client. */
export const getServiceContract = async (deps: ExpoDeps, organisationId: string, id: string) => {
  const row = await findServiceContract(deps.db.kysely, organisationId, id);
  if (row === undefined) {
    throw notFound(id);
  }
  return {
    ...contractJson(row, organisationId, await namesOf(deps, [row])),
    deliveries: (await listDeliveries(deps.db.kysely, id)).map(deliveryJson),
    history: (await listHistory(deps.db.kysely, id)).map(historyJson),
  };
};

export const listServiceContractsOf = async (deps: ExpoDeps, filter: ServiceContractFilter) => {
  const rows = await listServiceContracts(deps.db.kysely, filter);
  const names = await namesOf(deps, rows);
  return { items: rows.map((row) => contractJson(row, filter.organisationId, names)) };
};

export const updateServiceContract = async (
  deps: ExpoDeps,
  ctx: ServicesTradeContext,
  id: string,
  change: ServiceContractChange,
) => {
  const row = await deps.db.transaction(async (trx) => {
    const current = await findServiceContract(trx, ctx.organisationId, id, {
      forUpdate: true,
      ownOnly: true,
    });
    if (current === undefined) {
      throw notFound(id);
    }
    if (current.version !== change.version) {
      throw new AppError('expo.version_conflict', 'The contract changed meanwhile: reload it.', {
        details: { currentVersion: current.version },
      });
    }
    if (current.status !== 'active') {
      throw new AppError(
        'expo.service_contract_closed',
        `The contract is ${current.status}: it no longer changes.`,
      );
    }
    const errors: FieldError[] = [];
    const value =
      change.value === undefined ? undefined : moneyOf(change.value, 'value', 'expo.service', errors);
    const dates = {
      startsOn: change.startsOn ?? current.starts_on,
      endsOn: change.endsOn ?? current.ends_on,
    };
    await checkParts(deps, change, dates, errors);
    if (value !== undefined && value.currency !== current.currency && current.delivered_minor > 0n) {
      errors.push({
        field: 'value.currency',
        code: 'expo.service_currency_mismatch',
        message: 'The deliveries are in the contract currency: it cannot change',
      });
    }
    if (errors.length > 0 || (change.value !== undefined && value === undefined)) {
      throw invalid(errors);
    }
    if (value !== undefined && value.amountMinor < current.delivered_minor) {
      throw new AppError(
        'expo.service_value_below_delivered',
        'The contract value would be below what was delivered.',
        {
          details: { delivered: moneyJson(current.delivered_minor, current.currency) },
        },
      );
    }
    const status = change.status ?? current.status;
    if (!canMoveServiceContract(current.status, status)) {
      throw new AppError(
        'expo.service_illegal_transition',
        `A ${current.status} contract cannot become ${status}.`,
      );
    }
    const at = deps.now();
    const next: ServiceContractRow = {
      ...current,
      title: change.title ?? current.title,
      client_name: change.client?.name ?? current.client_name,
      client_country: change.client?.country ?? current.client_country,
      client_organisation_id:
        change.client === undefined ? current.client_organisation_id : (change.client.organisationId ?? null),
      ebops_code: change.ebopsCode ?? current.ebops_code,
      gats_mode: change.gatsMode ?? current.gats_mode,
      currency: value?.currency ?? current.currency,
      value_minor: value?.amountMinor ?? current.value_minor,
      starts_on: dates.startsOn,
      ends_on: dates.endsOn,
      digitally_delivered: change.digitallyDelivered ?? current.digitally_delivered,
      evidence: change.evidence ?? current.evidence,
      status,
      updated_at: at,
    };
    await updateContractRow(trx, next);
    if (status !== current.status) {
      await insertHistory(trx, {
        object_id: id,
        organisation_id: ctx.organisationId,
        from_status: current.status,
        to_status: status,
        reason: change.reason ?? null,
        at,
      });
    }
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_service_contract', id },
    });
    return { ...next, version: current.version + 1 };
  });
  return contractJson(row, ctx.organisationId, await namesOf(deps, [row]));
};

/**
 * Deletes a contract recorded by mistake. One with deliveries stays: its deliveries are facts the
 * statistics counted, so it is terminated instead.
 */
export const deleteServiceContract = async (deps: ExpoDeps, ctx: ServicesTradeContext, id: string) => {
  await deps.db.transaction(async (trx) => {
    const current = await findServiceContract(trx, ctx.organisationId, id, {
      forUpdate: true,
      ownOnly: true,
    });
    if (current === undefined) {
      throw notFound(id);
    }
    if (current.delivered_minor > 0n) {
      throw new AppError('expo.service_has_deliveries', 'The contract has deliveries: terminate it instead.');
    }
    await deleteContractRow(trx, ctx.organisationId, id);
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_service_contract', id },
    });
  });
};

export type DeliveryInput = {
  deliveredOn: string;
  value: MoneyInput;
  note?: string | undefined;
  evidence: Evidence[];
};

/**
 * Records a delivery or instalment. The contract row is locked, so concurrent deliveries are
 * summed one after the other and never exceed the contract value together (409 otherwise). The
 * statistics event goes into the outbox in the same transaction.
 */
export const recordServiceDelivery = async (
  deps: ExpoDeps,
  ctx: ServicesTradeContext,
  contractId: string,
  input: DeliveryInput,
) => {
  const delivery = await deps.db.transaction(async (trx) => {
    const contract = await findServiceContract(trx, ctx.organisationId, contractId, {
      forUpdate: true,
      ownOnly: true,
    });
    if (contract === undefined) {
      throw notFound(contractId);
    }
    if (contract.status !== 'active') {
      throw new AppError(
        'expo.service_contract_closed',
        `The contract is ${contract.status}: no more deliveries.`,
      );
    }
    const errors: FieldError[] = [];
    const value = moneyOf(input.value, 'value', 'expo.service', errors);
    if (value !== undefined && value.currency !== contract.currency) {
      errors.push({
        field: 'value.currency',
        code: 'expo.service_currency_mismatch',
        message: `Deliveries are in the contract currency ${contract.currency}`,
      });
    }
    const at = deps.now();
    if (input.deliveredOn < contract.starts_on) {
      errors.push({
        field: 'deliveredOn',
        code: 'expo.service_delivery_before_start',
        message: 'Before the contract starts',
      });
    }
    if (input.deliveredOn > chinaDay(at)) {
      errors.push({
        field: 'deliveredOn',
        code: 'expo.service_delivery_in_future',
        message: 'Not delivered yet',
      });
    }
    if (errors.length > 0 || value === undefined) {
      throw invalid(errors);
    }
    if (!deliveryFits(contract.value_minor, contract.delivered_minor, value.amountMinor)) {
      throw new AppError(
        'expo.service_delivery_exceeds_value',
        'The deliveries would exceed the contract value.',
        {
          details: {
            remaining: moneyJson(contract.value_minor - contract.delivered_minor, contract.currency),
          },
        },
      );
    }
    const id = newId('esd');
    const payload: ServiceDeliveryRecordedPayload = {
      deliveryId: id,
      contractId,
      providerOrganisationId: ctx.organisationId,
      clientCountry: contract.client_country,
      ebopsCode: contract.ebops_code,
      gatsMode: contract.gats_mode,
      digitallyDelivered: contract.digitally_delivered,
      currency: contract.currency,
      amountMinor: value.amountMinor.toString(),
      deliveredOn: input.deliveredOn,
    };
    const eventId = await publishEvent(trx as Transaction<object>, {
      topic: servicesTradeEvents.deliveryRecorded,
      organisationId: ctx.organisationId,
      payload,
    });
    const row: ServiceDeliveryRow = {
      id,
      contract_id: contractId,
      organisation_id: ctx.organisationId,
      delivered_on: input.deliveredOn,
      currency: contract.currency,
      value_minor: value.amountMinor,
      note: input.note ?? '',
      evidence: input.evidence,
      event_id: eventId,
      created_at: at,
    };
    await insertDelivery(trx, row);
    await addDeliveredValue(trx, contractId, value.amountMinor, at);
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_service_delivery', id },
      detail: { contractId },
    });
    return row;
  });
  deps.afterCommit?.();
  return deliveryJson(delivery);
};
