import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { Executor } from '../../../../platform/access/index.ts';
import { actorId } from '../../../../platform/access/index.ts';
import type { LogisticsDeps } from '../../deps.ts';
import type { WriteContext } from '../../service/context.ts';
import { bucketsOf, type DirectMovementKind, type MovementKind } from '../domain/stock.ts';
import {
  insertMovement,
  isClient,
  listMovements,
  listStockLevels,
  putStock,
  type StockMovementRow,
  takeStock,
} from '../repository-warehouses.ts';
import { requireOperator, requireWarehouse } from './warehouses.ts';

export type MovementInput = {
  clientOrganisationId: string;
  sku: string;
  kind: DirectMovementKind;
  /** Positive, except an adjustment, which is signed and never zero. */
  quantity: number;
  reference?: string | undefined;
  reason?: string | undefined;
};

export type Movement = {
  warehouseId: string;
  clientId: string;
  sku: string;
  kind: MovementKind;
  signedQuantity: number;
  reference: string | null;
  reason: string | null;
  returnCaseId: string | null;
};

/**
 * Appends a movement and changes the stock levels it touches, inside the caller's transaction.
 * A movement that takes more than its bucket holds throws `logistics.stock_insufficient` with the
 * quantity available; the caller's transaction then rolls back whatever it wrote before.
 */
export const applyMovement = async (
  deps: LogisticsDeps,
  trx: Executor,
  ctx: WriteContext,
  recordedBy: string,
  movement: Movement,
) => {
  const quantity = Math.abs(movement.signedQuantity);
  const { from, to } = bucketsOf(movement.kind, movement.signedQuantity);
  const key = { warehouseId: movement.warehouseId, clientId: movement.clientId, sku: movement.sku };
  if (from !== null) {
    const taken = await takeStock(trx, { ...key, bucket: from }, quantity);
    if (!taken.ok) {
      throw new AppError(
        'logistics.stock_insufficient',
        `Only ${taken.available} of ${movement.sku} in ${from}; ${quantity} asked for.`,
        { details: { available: taken.available, bucket: from } },
      );
    }
  }
  if (to !== null) {
    await putStock(trx, { ...key, bucket: to }, quantity);
  }
  const row: Omit<StockMovementRow, 'seq'> = {
    id: newId('stm'),
    warehouse_id: movement.warehouseId,
    client_organisation_id: movement.clientId,
    sku: movement.sku,
    kind: movement.kind,
    quantity,
    from_bucket: from,
    to_bucket: to,
    reference: movement.reference,
    reason: movement.reason,
    return_case_id: movement.returnCaseId,
    recorded_by_organisation_id: recordedBy,
    recorded_by: ctx.actor === null ? null : actorId(ctx.actor),
    created_at: deps.now(),
  };
  await insertMovement(trx, row);
  return row;
};

export const presentMovement = (row: Omit<StockMovementRow, 'seq'>) => ({
  id: row.id,
  warehouseId: row.warehouse_id,
  clientOrganisationId: row.client_organisation_id,
  sku: row.sku,
  kind: row.kind,
  quantity: row.quantity,
  fromBucket: row.from_bucket,
  toBucket: row.to_bucket,
  reference: row.reference,
  reason: row.reason,
  returnCaseId: row.return_case_id,
  recordedByOrganisationId: row.recorded_by_organisation_id,
  createdAt: row.created_at.toISOString(),
});

const invalid = (errors: FieldError[]) =>
  new AppError('http.validation_failed', 'The movement has invalid fields.', { fieldErrors: errors });

/** The operator records an inbound, pick, outbound or adjustment for one of its clients. */
export const recordMovement = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  warehouseId: string,
  input: MovementInput,
) => {
  await requireOperator(deps, organisationId, warehouseId);
  const errors: FieldError[] = [];
  if (input.kind === 'adjustment') {
    if (input.quantity === 0) {
      errors.push({ field: 'quantity', code: 'logistics.stock_quantity_zero', message: 'not zero' });
    }
    if (input.reason === undefined) {
      errors.push({
        field: 'reason',
        code: 'logistics.stock_reason_required',
        message: 'why the count changed',
      });
    }
  } else if (input.quantity <= 0) {
    errors.push({
      field: 'quantity',
      code: 'logistics.stock_quantity_not_positive',
      message: 'more than zero',
    });
  }
  if (input.kind === 'outbound' && input.reference === undefined) {
    errors.push({
      field: 'reference',
      code: 'logistics.stock_reference_required',
      message: 'the buyer reference the goods go to',
    });
  }
  if (!(await isClient(deps.db.kysely, warehouseId, input.clientOrganisationId))) {
    errors.push({
      field: 'clientOrganisationId',
      code: 'logistics.warehouse_not_client',
      message: 'not a client of this warehouse',
    });
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const row = await deps.db.transaction(async (trx) => {
    const stored = await applyMovement(deps, trx, ctx, organisationId, {
      warehouseId,
      clientId: input.clientOrganisationId,
      sku: input.sku,
      kind: input.kind,
      signedQuantity: input.quantity,
      reference: input.reference ?? null,
      reason: input.reason ?? null,
      returnCaseId: null,
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'warehouse', id: warehouseId },
      detail: { movementId: stored.id, kind: stored.kind, sku: stored.sku, quantity: input.quantity },
    });
    return stored;
  });
  return presentMovement(row);
};

/** Stock per client, SKU and bucket: the operator sees every client's, a client its own. */
export const getStock = async (
  deps: LogisticsDeps,
  organisationId: string,
  warehouseId: string,
  sku: string | undefined,
) => {
  const { standing } = await requireWarehouse(deps, organisationId, warehouseId);
  const levels = await listStockLevels(
    deps.db.kysely,
    warehouseId,
    standing === 'client' ? organisationId : undefined,
    sku,
  );
  const items = new Map<
    string,
    {
      clientOrganisationId: string;
      sku: string;
      sellable: number;
      picked: number;
      quarantine: number;
      inRepair: number;
    }
  >();
  for (const level of levels) {
    const id = `${level.client_organisation_id}\u0000${level.sku}`;
    const item = items.get(id) ?? {
      clientOrganisationId: level.client_organisation_id,
      sku: level.sku,
      sellable: 0,
      picked: 0,
      quarantine: 0,
      inRepair: 0,
    };
    item[level.bucket === 'in_repair' ? 'inRepair' : level.bucket] = level.quantity;
    items.set(id, item);
  }
  return { items: [...items.values()] };
};

export const getMovements = async (
  deps: LogisticsDeps,
  organisationId: string,
  warehouseId: string,
  filter: { sku?: string | undefined; limit: number },
) => {
  const { standing } = await requireWarehouse(deps, organisationId, warehouseId);
  const rows = await listMovements(deps.db.kysely, {
    warehouseId,
    clientId: standing === 'client' ? organisationId : undefined,
    sku: filter.sku,
    limit: filter.limit,
  });
  return { items: rows.map(presentMovement) };
};
