import { AppError, newId } from '@tradehub/kernel';
import { actorId, type Executor } from '../../../../platform/access/index.ts';
import type { LogisticsDeps } from '../../deps.ts';
import type { WriteContext } from '../../service/context.ts';
import {
  decisionAllowed,
  decisionOutcome,
  type ReturnDecision,
  type ReturnGrade,
  returnStages,
} from '../domain/stock.ts';
import {
  countReturnStages,
  findReturnCase,
  insertReturnCase,
  insertReturnStep,
  isClient,
  listReturnCases,
  listReturnSteps,
  lockReturnCase,
  type ReturnCaseRow,
  updateReturnCase,
} from '../repository-warehouses.ts';
import { applyMovement } from './stock.ts';
import { requireOperator, requireWarehouse } from './warehouses.ts';

export type ReceiveReturnInput = {
  clientOrganisationId: string;
  buyerReference: string;
  orderReference: string;
  sku: string;
  quantity: number;
  reason: string;
};

export type ReturnDecisionInput = {
  decision: ReturnDecision;
  /** The customs return reference (a CEB return message's) when sent back to China. */
  customsReturnReference?: string | undefined;
  /** The re-export's shipment or export declaration. */
  reference?: string | undefined;
};

const fieldError = (field: string, code: string, message: string) =>
  new AppError('http.validation_failed', 'The return step has invalid fields.', {
    fieldErrors: [{ field, code, message }],
  });

const presentCase = (row: ReturnCaseRow) => ({
  id: row.id,
  warehouseId: row.warehouse_id,
  clientOrganisationId: row.client_organisation_id,
  buyerReference: row.buyer_reference,
  orderReference: row.order_reference,
  sku: row.sku,
  quantity: row.quantity,
  reason: row.reason,
  stage: row.stage,
  grade: row.grade,
  customsReturnReference: row.customs_return_reference,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const step = (
  ex: Executor,
  ctx: WriteContext,
  organisationId: string,
  row: ReturnCaseRow,
  at: Date,
  detail: Record<string, unknown>,
) =>
  insertReturnStep(ex, {
    return_case_id: row.id,
    stage: row.stage,
    detail,
    organisation_id: organisationId,
    actor: ctx.actor === null ? null : actorId(ctx.actor),
    at,
  });

/** A return case with its history; the operator sees every client's, a client only its own. */
export const getReturn = async (
  deps: LogisticsDeps,
  organisationId: string,
  warehouseId: string,
  returnId: string,
) => {
  const { standing } = await requireWarehouse(deps, organisationId, warehouseId);
  const row = await findReturnCase(
    deps.db.kysely,
    warehouseId,
    returnId,
    standing === 'client' ? organisationId : undefined,
  );
  if (row === undefined) {
    throw new AppError('logistics.return_not_found', `No return ${returnId}.`);
  }
  const steps = await listReturnSteps(deps.db.kysely, returnId);
  return {
    ...presentCase(row),
    history: steps.map((s) => ({
      stage: s.stage,
      detail: s.detail,
      organisationId: s.organisation_id,
      actor: s.actor,
      at: s.at.toISOString(),
    })),
  };
};

export const listReturns = async (deps: LogisticsDeps, organisationId: string, warehouseId: string) => {
  const { standing } = await requireWarehouse(deps, organisationId, warehouseId);
  const rows = await listReturnCases(
    deps.db.kysely,
    warehouseId,
    standing === 'client' ? organisationId : undefined,
  );
  return { items: rows.map(presentCase) };
};

/** How many cases stand at each stage, every stage present (zero when none). */
export const returnsFunnel = async (deps: LogisticsDeps, organisationId: string, warehouseId: string) => {
  const { standing } = await requireWarehouse(deps, organisationId, warehouseId);
  const counts = await countReturnStages(
    deps.db.kysely,
    warehouseId,
    standing === 'client' ? organisationId : undefined,
  );
  const funnel = Object.fromEntries(returnStages.map((stage) => [stage, 0])) as Record<
    (typeof returnStages)[number],
    number
  >;
  for (const { stage, count } of counts) {
    funnel[stage] = Number(count);
  }
  return funnel;
};

/** The returns centre receives a buyer's return into the client's quarantine stock. */
export const receiveReturn = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  warehouseId: string,
  input: ReceiveReturnInput,
) => {
  const { row: warehouse } = await requireOperator(deps, organisationId, warehouseId);
  if (!warehouse.roles.includes('returns_centre')) {
    throw new AppError('logistics.warehouse_not_returns_centre', 'This warehouse is not a returns centre.');
  }
  if (!(await isClient(deps.db.kysely, warehouseId, input.clientOrganisationId))) {
    throw fieldError(
      'clientOrganisationId',
      'logistics.warehouse_not_client',
      'not a client of this warehouse',
    );
  }
  const now = deps.now();
  const row: ReturnCaseRow = {
    id: newId('rtn'),
    warehouse_id: warehouseId,
    client_organisation_id: input.clientOrganisationId,
    buyer_reference: input.buyerReference,
    order_reference: input.orderReference,
    sku: input.sku,
    quantity: input.quantity,
    reason: input.reason,
    stage: 'received',
    grade: null,
    customs_return_reference: null,
    created_at: now,
    updated_at: now,
  };
  await deps.db.transaction(async (trx) => {
    await insertReturnCase(trx, row);
    await applyMovement(deps, trx, ctx, organisationId, {
      warehouseId,
      clientId: row.client_organisation_id,
      sku: row.sku,
      kind: 'return_received',
      signedQuantity: row.quantity,
      reference: row.buyer_reference,
      reason: row.reason,
      returnCaseId: row.id,
    });
    await step(trx, ctx, organisationId, row, now, { reason: row.reason });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'return_case', id: row.id },
      detail: { stage: row.stage },
    });
  });
  return getReturn(deps, organisationId, warehouseId, row.id);
};

/** Runs one step on a locked case that must stand at `expected`; 409 at any other stage. */
const advance = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  warehouseId: string,
  returnId: string,
  expected: 'received' | 'inspected',
  work: (trx: Executor, row: ReturnCaseRow, now: Date) => Promise<Record<string, unknown>>,
) => {
  await deps.db.transaction(async (trx) => {
    const row = await lockReturnCase(trx, warehouseId, returnId);
    if (row === undefined) {
      throw new AppError('logistics.return_not_found', `No return ${returnId}.`);
    }
    if (row.stage !== expected) {
      throw new AppError('logistics.return_wrong_stage', `The return is ${row.stage}, not ${expected}.`);
    }
    const now = deps.now();
    const detail = await work(trx, row, now);
    const updated = await findReturnCase(trx, warehouseId, returnId);
    if (updated === undefined) {
      throw new Error(`return ${returnId} vanished inside its transaction`);
    }
    await step(trx, ctx, organisationId, updated, now, detail);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'return_case', id: returnId },
      detail: { stage: updated.stage, ...detail },
    });
  });
  return getReturn(deps, organisationId, warehouseId, returnId);
};

/** The operator inspects a received return and grades it. */
export const inspectReturn = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  warehouseId: string,
  returnId: string,
  input: { grade: ReturnGrade; note?: string | undefined },
) => {
  await requireOperator(deps, organisationId, warehouseId);
  return advance(deps, ctx, organisationId, warehouseId, returnId, 'received', async (trx, row, now) => {
    await updateReturnCase(trx, row.id, { stage: 'inspected', grade: input.grade, updated_at: now });
    return { grade: input.grade, ...(input.note === undefined ? {} : { note: input.note }) };
  });
};

/**
 * The operator decides what happens to an inspected return, within what its grade allows, and
 * the units leave quarantine with the matching movement.
 */
export const decideReturn = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  warehouseId: string,
  returnId: string,
  input: ReturnDecisionInput,
) => {
  await requireOperator(deps, organisationId, warehouseId);
  if (input.decision === 'return_to_china' && input.customsReturnReference === undefined) {
    throw fieldError(
      'customsReturnReference',
      'logistics.return_reference_required',
      'the customs return reference of the goods sent back',
    );
  }
  const outcome = decisionOutcome[input.decision];
  return advance(deps, ctx, organisationId, warehouseId, returnId, 'inspected', async (trx, row, now) => {
    if (row.grade === null || !decisionAllowed(row.grade, input.decision)) {
      throw fieldError('decision', 'logistics.return_grade_not_allowed', 'not allowed for the grade');
    }
    await applyMovement(deps, trx, ctx, organisationId, {
      warehouseId,
      clientId: row.client_organisation_id,
      sku: row.sku,
      kind: outcome.movement,
      signedQuantity: row.quantity,
      reference: input.customsReturnReference ?? input.reference ?? null,
      reason: null,
      returnCaseId: row.id,
    });
    await updateReturnCase(trx, row.id, {
      stage: outcome.stage,
      customs_return_reference: input.customsReturnReference ?? null,
      updated_at: now,
    });
    return {
      decision: input.decision,
      ...(input.customsReturnReference === undefined
        ? {}
        : { customsReturnReference: input.customsReturnReference }),
      ...(input.reference === undefined ? {} : { reference: input.reference }),
    };
  });
};
