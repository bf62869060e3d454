import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { LogisticsDeps } from '../../deps.ts';
import type { WriteContext } from '../../service/context.ts';
import type { WarehouseRole } from '../domain/stock.ts';
import {
  findWarehouseFor,
  insertClient,
  insertWarehouse,
  listClients,
  listWarehousesFor,
  type WarehouseAddress,
  type WarehouseRow,
} from '../repository-warehouses.ts';

/** Organisation kinds that may run a warehouse: a logistics provider, or an exporter its own. */
const OPERATOR_KINDS = new Set(['logistics_provider', 'exporter']);

export type CreateWarehouseInput = {
  name: string;
  unlocode: string;
  address: WarehouseAddress;
  roles: WarehouseRole[];
};

export type WarehouseStanding = 'operator' | 'client';

export const presentWarehouse = (row: WarehouseRow, standing: WarehouseStanding) => ({
  id: row.id,
  operatorOrganisationId: row.operator_organisation_id,
  name: row.name,
  unlocode: row.unlocode,
  address: row.address,
  roles: row.roles,
  myStanding: standing,
  createdAt: row.created_at.toISOString(),
});

/**
 * The warehouse as `organisationId` sees it; 404 for one it neither operates nor is a client of,
 * the same answer as for one that does not exist.
 */
export const requireWarehouse = async (deps: LogisticsDeps, organisationId: string, warehouseId: string) => {
  const found = await findWarehouseFor(deps.db.kysely, organisationId, warehouseId);
  if (found === undefined) {
    throw new AppError('logistics.warehouse_not_found', `No warehouse ${warehouseId}.`);
  }
  return found;
};

export const requireOperator = async (deps: LogisticsDeps, organisationId: string, warehouseId: string) => {
  const found = await requireWarehouse(deps, organisationId, warehouseId);
  if (found.standing !== 'operator') {
    throw new AppError('logistics.warehouse_operator_only', 'Only the warehouse operator may do this.');
  }
  return found;
};

export const createWarehouse = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  input: CreateWarehouseInput,
) => {
  const kind = await deps.organisationKind(organisationId);
  if (kind === undefined || !OPERATOR_KINDS.has(kind)) {
    throw new AppError(
      'logistics.warehouse_operator_kind',
      'Only a logistics provider or an exporter may operate a warehouse.',
    );
  }
  const errors: FieldError[] = [];
  const unlocode = input.unlocode.toUpperCase();
  if (deps.codes.checkUnlocode(unlocode) === 'invalid') {
    errors.push({ field: 'unlocode', code: 'kernel.unknown_code', message: 'not a known UN/LOCODE' });
  } else if (unlocode.slice(0, 2) !== input.address.country.toUpperCase()) {
    errors.push({
      field: 'address.country',
      code: 'logistics.warehouse_country_mismatch',
      message: 'not the country of the UN/LOCODE',
    });
  }
  if (new Set(input.roles).size !== input.roles.length) {
    errors.push({ field: 'roles', code: 'logistics.warehouse_duplicate_role', message: 'a role twice' });
  }
  if (errors.length > 0) {
    throw new AppError('http.validation_failed', 'The warehouse has invalid fields.', {
      fieldErrors: errors,
    });
  }
  const row: WarehouseRow = {
    id: newId('whs'),
    operator_organisation_id: organisationId,
    name: input.name,
    unlocode,
    address: { ...input.address, country: input.address.country.toUpperCase() },
    roles: input.roles,
    created_at: deps.now(),
  };
  await deps.db.transaction(async (trx) => {
    await insertWarehouse(trx, row);
    await ctx.audit(trx, { organisationId, object: { type: 'warehouse', id: row.id }, detail: { unlocode } });
  });
  return { ...presentWarehouse(row, 'operator'), clients: [] };
};

export const getWarehouse = async (deps: LogisticsDeps, organisationId: string, warehouseId: string) => {
  const { row, standing } = await requireWarehouse(deps, organisationId, warehouseId);
  // A client learns who else stores goods there only from the operator, not from the hub.
  const clients =
    standing === 'operator'
      ? (await listClients(deps.db.kysely, warehouseId)).map((c) => ({
          organisationId: c.client_organisation_id,
          grantedAt: c.granted_at.toISOString(),
        }))
      : [];
  return { ...presentWarehouse(row, standing), clients };
};

export const listWarehouses = async (deps: LogisticsDeps, organisationId: string) => ({
  items: (await listWarehousesFor(deps.db.kysely, organisationId)).map((row) =>
    presentWarehouse(row, row.operator_organisation_id === organisationId ? 'operator' : 'client'),
  ),
});

/** The operator grants an organisation use of its warehouse; granting twice changes nothing. */
export const grantClient = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  warehouseId: string,
  clientOrganisationId: string,
) => {
  await requireOperator(deps, organisationId, warehouseId);
  if (clientOrganisationId === organisationId || !(await deps.organisationExists(clientOrganisationId))) {
    throw new AppError('http.validation_failed', 'The client is not valid.', {
      fieldErrors: [
        {
          field: 'organisationId',
          code: 'logistics.unknown_organisation',
          message: 'no other organisation on the hub',
        },
      ],
    });
  }
  const granted = await deps.db.transaction(async (trx) => {
    const inserted = await insertClient(trx, warehouseId, clientOrganisationId, deps.now());
    if (inserted) {
      await ctx.audit(trx, {
        organisationId,
        object: { type: 'warehouse', id: warehouseId },
        detail: { clientOrganisationId },
      });
    }
    return inserted;
  });
  return { granted, warehouse: await getWarehouse(deps, organisationId, warehouseId) };
};
