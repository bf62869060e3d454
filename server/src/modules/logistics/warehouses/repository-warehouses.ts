import { type ColumnType, type Generated, type Selectable, sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { MovementKind, ReturnGrade, ReturnStage, StockBucket, WarehouseRole } from './domain/stock.ts';

type Json<T> = ColumnType<T, string, string>;

export type WarehouseAddress = {
  lines: string[];
  postcode?: string | undefined;
  city: string;
  country: string;
};

type WarehousesTable = {
  id: string;
  operator_organisation_id: string;
  name: string;
  unlocode: string;
  address: Json<WarehouseAddress>;
  roles: WarehouseRole[];
  created_at: Date;
};
type WarehouseClientsTable = { warehouse_id: string; client_organisation_id: string; granted_at: Date };
type StockLevelsTable = {
  warehouse_id: string;
  client_organisation_id: string;
  sku: string;
  bucket: StockBucket;
  quantity: number;
};
type StockMovementsTable = {
  id: string;
  seq: Generated<ColumnType<string, never, never>>;
  warehouse_id: string;
  client_organisation_id: string;
  sku: string;
  kind: MovementKind;
  quantity: number;
  from_bucket: StockBucket | null;
  to_bucket: StockBucket | null;
  reference: string | null;
  reason: string | null;
  return_case_id: string | null;
  recorded_by_organisation_id: string;
  recorded_by: string | null;
  created_at: Date;
};
type ReturnCasesTable = {
  id: string;
  warehouse_id: string;
  client_organisation_id: string;
  buyer_reference: string;
  order_reference: string;
  sku: string;
  quantity: number;
  reason: string;
  stage: ReturnStage;
  grade: ReturnGrade | null;
  customs_return_reference: string | null;
  created_at: Date;
  updated_at: Date;
};
type ReturnCaseStepsTable = {
  return_case_id: string;
  seq: number;
  stage: string;
  detail: Json<Record<string, unknown>>;
  organisation_id: string;
  actor: string | null;
  at: Date;
};

type WarehouseTables = {
  'logistics.warehouses': WarehousesTable;
  'logistics.warehouse_clients': WarehouseClientsTable;
  'logistics.stock_levels': StockLevelsTable;
  'logistics.stock_movements': StockMovementsTable;
  'logistics.return_cases': ReturnCasesTable;
  'logistics.return_case_steps': ReturnCaseStepsTable;
};

export type WarehouseRow = Selectable<WarehousesTable>;
export type StockMovementRow = Selectable<StockMovementsTable>;
export type ReturnCaseRow = Selectable<ReturnCasesTable>;
export type ReturnCaseStepRow = Selectable<ReturnCaseStepsTable>;

const tables = (ex: Executor) => ex.withTables<WarehouseTables>();

export const insertWarehouse = async (ex: Executor, row: WarehouseRow) => {
  await tables(ex)
    .insertInto('logistics.warehouses')
    .values({ ...row, address: JSON.stringify(row.address) })
    .execute();
};

/** The warehouse with the caller's standing in it: operator, client, or absent (neither). */
export const findWarehouseFor = async (ex: Executor, organisationId: string, warehouseId: string) => {
  const row = await tables(ex)
    .selectFrom('logistics.warehouses')
    .selectAll()
    .where('id', '=', warehouseId)
    .executeTakeFirst();
  if (row === undefined) {
    return undefined;
  }
  if (row.operator_organisation_id === organisationId) {
    return { row, standing: 'operator' as const };
  }
  return (await isClient(ex, warehouseId, organisationId)) ? { row, standing: 'client' as const } : undefined;
};

export const isClient = async (ex: Executor, warehouseId: string, organisationId: string) =>
  (await tables(ex)
    .selectFrom('logistics.warehouse_clients')
    .select('client_organisation_id')
    .where('warehouse_id', '=', warehouseId)
    .where('client_organisation_id', '=', organisationId)
    .executeTakeFirst()) !== undefined;

export const listWarehousesFor = (ex: Executor, organisationId: string) =>
  tables(ex)
    .selectFrom('logistics.warehouses as w')
    .selectAll('w')
    .where((eb) =>
      eb.or([
        eb('w.operator_organisation_id', '=', organisationId),
        eb.exists(
          eb
            .selectFrom('logistics.warehouse_clients as c')
            .select('c.warehouse_id')
            .whereRef('c.warehouse_id', '=', 'w.id')
            .where('c.client_organisation_id', '=', organisationId),
        ),
      ]),
    )
    .orderBy('w.id')
    .limit(500)
    .execute();

export const listClients = (ex: Executor, warehouseId: string) =>
  tables(ex)
    .selectFrom('logistics.warehouse_clients')
    .select(['client_organisation_id', 'granted_at'])
    .where('warehouse_id', '=', warehouseId)
    .orderBy('client_organisation_id')
    .execute();

/** True when this call granted it; a second grant changes nothing. */
export const insertClient = async (ex: Executor, warehouseId: string, clientId: string, at: Date) => {
  const result = await tables(ex)
    .insertInto('logistics.warehouse_clients')
    .values({ warehouse_id: warehouseId, client_organisation_id: clientId, granted_at: at })
    .onConflict((oc) => oc.columns(['warehouse_id', 'client_organisation_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
};

type StockKey = { warehouseId: string; clientId: string; sku: string; bucket: StockBucket };

/**
 * Takes `quantity` out of a bucket unless it holds less. The update's row lock makes a second
 * taker wait for the first to commit and then re-check the condition against the new quantity,
 * so two picks of the last unit cannot both succeed. Answers the quantity that was available
 * when it refused.
 */
export const takeStock = async (
  ex: Executor,
  key: StockKey,
  quantity: number,
): Promise<{ ok: true } | { ok: false; available: number }> => {
  const taken = await tables(ex)
    .updateTable('logistics.stock_levels')
    .set((eb) => ({ quantity: eb('quantity', '-', quantity) }))
    .where('warehouse_id', '=', key.warehouseId)
    .where('client_organisation_id', '=', key.clientId)
    .where('sku', '=', key.sku)
    .where('bucket', '=', key.bucket)
    .where('quantity', '>=', quantity)
    .returning('quantity')
    .executeTakeFirst();
  if (taken !== undefined) {
    return { ok: true };
  }
  const level = await tables(ex)
    .selectFrom('logistics.stock_levels')
    .select('quantity')
    .where('warehouse_id', '=', key.warehouseId)
    .where('client_organisation_id', '=', key.clientId)
    .where('sku', '=', key.sku)
    .where('bucket', '=', key.bucket)
    .executeTakeFirst();
  return { ok: false, available: level?.quantity ?? 0 };
};

export const putStock = async (ex: Executor, key: StockKey, quantity: number) => {
  await tables(ex)
    .insertInto('logistics.stock_levels')
    .values({
      warehouse_id: key.warehouseId,
      client_organisation_id: key.clientId,
      sku: key.sku,
      bucket: key.bucket,
      quantity,
    })
    .onConflict((oc) =>
      oc
        .columns(['warehouse_id', 'client_organisation_id', 'sku', 'bucket'])
        .doUpdateSet({ quantity: sql<number>`logistics.stock_levels.quantity + excluded.quantity` }),
    )
    .execute();
};

export const insertMovement = async (ex: Executor, row: Omit<StockMovementRow, 'seq'>) => {
  await tables(ex).insertInto('logistics.stock_movements').values(row).execute();
};

/** Stock levels; `clientId` narrows them to one client's (what a client may see). */
export const listStockLevels = (ex: Executor, warehouseId: string, clientId?: string, sku?: string) => {
  let query = tables(ex)
    .selectFrom('logistics.stock_levels')
    .selectAll()
    .where('warehouse_id', '=', warehouseId);
  if (clientId !== undefined) {
    query = query.where('client_organisation_id', '=', clientId);
  }
  if (sku !== undefined) {
    query = query.where('sku', '=', sku);
  }
  return query.orderBy('client_organisation_id').orderBy('sku').orderBy('bucket').execute();
};

export const listMovements = (
  ex: Executor,
  filter: { warehouseId: string; clientId?: string | undefined; sku?: string | undefined; limit: number },
) => {
  let query = tables(ex)
    .selectFrom('logistics.stock_movements')
    .selectAll()
    .where('warehouse_id', '=', filter.warehouseId);
  if (filter.clientId !== undefined) {
    query = query.where('client_organisation_id', '=', filter.clientId);
  }
  if (filter.sku !== undefined) {
    query = query.where('sku', '=', filter.sku);
  }
  return query.orderBy('seq').limit(filter.limit).execute();
};

export const insertReturnCase = async (ex: Executor, row: ReturnCaseRow) => {
  await tables(ex).insertInto('logistics.return_cases').values(row).execute();
};

/** The case locked for the transaction that moves it on, so two steps cannot both apply. */
export const lockReturnCase = (ex: Executor, warehouseId: string, returnId: string) =>
  tables(ex)
    .selectFrom('logistics.return_cases')
    .selectAll()
    .where('id', '=', returnId)
    .where('warehouse_id', '=', warehouseId)
    .forUpdate()
    .executeTakeFirst();

export const findReturnCase = (ex: Executor, warehouseId: string, returnId: string, clientId?: string) => {
  let query = tables(ex)
    .selectFrom('logistics.return_cases')
    .selectAll()
    .where('id', '=', returnId)
    .where('warehouse_id', '=', warehouseId);
  if (clientId !== undefined) {
    query = query.where('client_organisation_id', '=', clientId);
  }
  return query.executeTakeFirst();
};

export const updateReturnCase = async (
  ex: Executor,
  id: string,
  change: Partial<Pick<ReturnCaseRow, 'stage' | 'grade' | 'customs_return_reference'>> & { updated_at: Date },
) => {
  await tables(ex).updateTable('logistics.return_cases').set(change).where('id', '=', id).execute();
};

export const listReturnCases = (ex: Executor, warehouseId: string, clientId?: string) => {
  let query = tables(ex)
    .selectFrom('logistics.return_cases')
    .selectAll()
    .where('warehouse_id', '=', warehouseId);
  if (clientId !== undefined) {
    query = query.where('client_organisation_id', '=', clientId);
  }
  return query.orderBy('id', 'desc').limit(500).execute();
};

export const insertReturnStep = async (ex: Executor, row: Omit<ReturnCaseStepRow, 'seq'>) => {
  const last = await tables(ex)
    .selectFrom('logistics.return_case_steps')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('return_case_id', '=', row.return_case_id)
    .executeTakeFirst();
  await tables(ex)
    .insertInto('logistics.return_case_steps')
    .values({ ...row, seq: Number(last?.seq ?? 0) + 1, detail: JSON.stringify(row.detail) })
    .execute();
};

export const listReturnSteps = (ex: Executor, returnId: string) =>
  tables(ex)
    .selectFrom('logistics.return_case_steps')
    .selectAll()
    .where('return_case_id', '=', returnId)
    .orderBy('seq')
    .execute();

export const countReturnStages = (ex: Executor, warehouseId: string, clientId?: string) => {
  let query = tables(ex)
    .selectFrom('logistics.return_cases')
    .select(['stage', (eb) => eb.fn.countAll<string>().as('count')])
    .where('warehouse_id', '=', warehouseId);
  if (clientId !== undefined) {
    query = query.where('client_organisation_id', '=', clientId);
  }
  return query.groupBy('stage').execute();
};
