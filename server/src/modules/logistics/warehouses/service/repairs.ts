import { AppError, newId } from '@tradehub/kernel';
import { actorId, type Executor } from '../../../../platform/access/index.ts';
import type { LogisticsDeps } from '../../deps.ts';
import type { WriteContext } from '../../service/context.ts';
import {
  outcomeAllowed,
  type RepairOutcome,
  type RepairStep,
  stageAfter,
  stepFrom,
} from '../domain/repair.ts';
import type { MovementKind } from '../domain/stock.ts';
import {
  findRepairTicket,
  insertRepairStep,
  insertRepairTicket,
  listRepairSteps,
  listRepairTickets,
  lockRepairTicket,
  type RepairTicketRow,
  updateRepairTicket,
} from '../repository-repairs.ts';
import { insertReturnStep, isClient, lockReturnCase, updateReturnCase } from '../repository-warehouses.ts';
import { applyMovement } from './stock.ts';
import { requireOperator, requireWarehouse } from './warehouses.ts';

export type OpenRepairInput = {
  clientOrganisationId: string;
  buyerReference: string;
  sku: string;
  quantity: number;
  fault: string;
  serialNumber?: string | undefined;
  /** A grade B return at this warehouse to refurbish; its client, SKU and quantity are taken from it. */
  returnCaseId?: string | undefined;
};

const fieldError = (field: string, code: string, message: string) =>
  new AppError('http.validation_failed', 'The repair ticket has invalid fields.', {
    fieldErrors: [{ field, code, message }],
  });

const presentTicket = (row: RepairTicketRow) => ({
  id: row.id,
  warehouseId: row.warehouse_id,
  clientOrganisationId: row.client_organisation_id,
  origin: row.origin,
  returnCaseId: row.return_case_id,
  buyerReference: row.buyer_reference,
  sku: row.sku,
  serialNumber: row.serial_number,
  quantity: row.quantity,
  fault: row.fault,
  stage: row.stage,
  returnShipmentReference: row.return_shipment_reference,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const recordStep = (
  ex: Executor,
  ctx: WriteContext,
  organisationId: string,
  ticket: { id: string; stage: string },
  at: Date,
  detail: Record<string, unknown>,
) =>
  insertRepairStep(ex, {
    repair_ticket_id: ticket.id,
    stage: ticket.stage,
    detail,
    organisation_id: organisationId,
    actor: ctx.actor === null ? null : actorId(ctx.actor),
    at,
  });

/** A ticket with its history; the operator sees every client's, a client only its own. */
export const getRepair = async (
  deps: LogisticsDeps,
  organisationId: string,
  warehouseId: string,
  ticketId: string,
) => {
  const { standing } = await requireWarehouse(deps, organisationId, warehouseId);
  const row = await findRepairTicket(
    deps.db.kysely,
    warehouseId,
    ticketId,
    standing === 'client' ? organisationId : undefined,
  );
  if (row === undefined) {
    throw new AppError('logistics.repair_not_found', `No repair ticket ${ticketId}.`);
  }
  const steps = await listRepairSteps(deps.db.kysely, ticketId);
  return {
    ...presentTicket(row),
    history: steps.map((s) => ({
      stage: s.stage,
      detail: s.detail,
      organisationId: s.organisation_id,
      actor: s.actor,
      at: s.at.toISOString(),
    })),
  };
};

export const listRepairs = async (deps: LogisticsDeps, organisationId: string, warehouseId: string) => {
  const { standing } = await requireWarehouse(deps, organisationId, warehouseId);
  const rows = await listRepairTickets(
    deps.db.kysely,
    warehouseId,
    standing === 'client' ? organisationId : undefined,
  );
  return { items: rows.map(presentTicket) };
};

/**
 * The after-sales centre opens a ticket: for a buyer's item under warranty, or to refurbish a grade
 * B return of this warehouse, whose units then move from quarantine to `in_repair` and whose case
 * waits in `refurbishing` until the ticket closes.
 */
export const openRepair = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  warehouseId: string,
  input: OpenRepairInput,
) => {
  const { row: warehouse } = await requireOperator(deps, organisationId, warehouseId);
  if (!warehouse.roles.includes('after_sales')) {
    throw new AppError(
      'logistics.warehouse_not_after_sales',
      'This warehouse is not an after-sales service centre.',
    );
  }
  if (!(await isClient(deps.db.kysely, warehouseId, input.clientOrganisationId))) {
    throw fieldError(
      'clientOrganisationId',
      'logistics.warehouse_not_client',
      'not a client of this warehouse',
    );
  }
  const now = deps.now();
  const id = newId('rpr');
  await deps.db.transaction(async (trx) => {
    let row: RepairTicketRow = {
      id,
      warehouse_id: warehouseId,
      client_organisation_id: input.clientOrganisationId,
      origin: 'buyer',
      return_case_id: null,
      buyer_reference: input.buyerReference,
      sku: input.sku,
      serial_number: input.serialNumber ?? null,
      quantity: input.quantity,
      fault: input.fault,
      stage: 'received',
      return_shipment_reference: null,
      created_at: now,
      updated_at: now,
    };
    if (input.returnCaseId !== undefined) {
      const returnCase = await lockReturnCase(trx, warehouseId, input.returnCaseId);
      if (
        returnCase === undefined ||
        returnCase.client_organisation_id !== input.clientOrganisationId ||
        returnCase.stage !== 'inspected' ||
        returnCase.grade !== 'B'
      ) {
        throw fieldError(
          'returnCaseId',
          'logistics.return_not_refurbishable',
          'not an inspected grade B return of this client at this warehouse',
        );
      }
      // The return's own facts stand: a ticket cannot refurbish more units or another SKU.
      row = {
        ...row,
        origin: 'return_case',
        return_case_id: returnCase.id,
        sku: returnCase.sku,
        quantity: returnCase.quantity,
      };
      await updateReturnCase(trx, returnCase.id, { stage: 'refurbishing', updated_at: now });
      await insertReturnStep(trx, {
        return_case_id: returnCase.id,
        stage: 'refurbishing',
        detail: { repairTicketId: id },
        organisation_id: organisationId,
        actor: ctx.actor === null ? null : actorId(ctx.actor),
        at: now,
      });
    }
    await insertRepairTicket(trx, row);
    if (row.return_case_id !== null) {
      await applyMovement(deps, trx, ctx, organisationId, {
        warehouseId,
        clientId: row.client_organisation_id,
        sku: row.sku,
        kind: 'to_repair',
        signedQuantity: row.quantity,
        reference: row.id,
        reason: null,
        returnCaseId: row.return_case_id,
      });
    }
    await recordStep(trx, ctx, organisationId, row, now, { fault: row.fault, origin: row.origin });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'repair_ticket', id },
      detail: { stage: row.stage, origin: row.origin },
    });
  });
  return getRepair(deps, organisationId, warehouseId, id);
};

/** What closing a refurbished return does to its stock and its return case. */
const closingOfReturn: Record<
  Exclude<RepairOutcome, 'returned_to_buyer'>,
  { movement: MovementKind; caseStage: 'restocked' | 'scrapped' }
> = {
  restocked: { movement: 'repaired', caseStage: 'restocked' },
  scrapped: { movement: 'repair_scrap', caseStage: 'scrapped' },
};

/**
 * Moves a ticket on by one step on the locked ticket; a step from the wrong stage is 409
 * `logistics.repair_wrong_stage`, an outcome its origin does not allow a field error.
 */
export const advanceRepair = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  warehouseId: string,
  ticketId: string,
  step: RepairStep,
  detail: { note?: string | undefined; returnShipmentReference?: string | undefined },
) => {
  await requireOperator(deps, organisationId, warehouseId);
  await deps.db.transaction(async (trx) => {
    const row = await lockRepairTicket(trx, warehouseId, ticketId);
    if (row === undefined) {
      throw new AppError('logistics.repair_not_found', `No repair ticket ${ticketId}.`);
    }
    if (!stepFrom[step.step].includes(row.stage)) {
      throw new AppError(
        'logistics.repair_wrong_stage',
        `The repair ticket is ${row.stage}; ${step.step} is not its next step.`,
        { details: { currentStage: row.stage } },
      );
    }
    const now = deps.now();
    if (step.step === 'close') {
      if (!outcomeAllowed(row.origin, row.stage, step.outcome)) {
        throw fieldError(
          'outcome',
          'logistics.repair_outcome_not_allowed',
          `not for a ${row.origin} ticket that is ${row.stage}`,
        );
      }
      if (step.outcome === 'returned_to_buyer' && detail.returnShipmentReference === undefined) {
        throw fieldError(
          'returnShipmentReference',
          'logistics.repair_shipment_required',
          'the tracking number or shipment the item goes back to the buyer with',
        );
      }
      if (step.outcome !== 'returned_to_buyer' && row.return_case_id !== null) {
        const closing = closingOfReturn[step.outcome];
        await applyMovement(deps, trx, ctx, organisationId, {
          warehouseId,
          clientId: row.client_organisation_id,
          sku: row.sku,
          kind: closing.movement,
          signedQuantity: row.quantity,
          reference: row.id,
          reason: null,
          returnCaseId: row.return_case_id,
        });
        await updateReturnCase(trx, row.return_case_id, { stage: closing.caseStage, updated_at: now });
        await insertReturnStep(trx, {
          return_case_id: row.return_case_id,
          stage: closing.caseStage,
          detail: { repairTicketId: row.id },
          organisation_id: organisationId,
          actor: ctx.actor === null ? null : actorId(ctx.actor),
          at: now,
        });
      }
    }
    const stage = stageAfter(step);
    await updateRepairTicket(trx, row.id, {
      stage,
      ...(detail.returnShipmentReference === undefined
        ? {}
        : { return_shipment_reference: detail.returnShipmentReference }),
      updated_at: now,
    });
    const stepDetail = {
      step: step.step,
      ...(step.step === 'diagnose' ? { repairable: step.repairable } : {}),
      ...(detail.note === undefined ? {} : { note: detail.note }),
      ...(detail.returnShipmentReference === undefined
        ? {}
        : { returnShipmentReference: detail.returnShipmentReference }),
    };
    await recordStep(trx, ctx, organisationId, { id: row.id, stage }, now, stepDetail);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'repair_ticket', id: row.id },
      detail: { stage, ...stepDetail },
    });
  });
  return getRepair(deps, organisationId, warehouseId, ticketId);
};
