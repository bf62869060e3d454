import type { ColumnType, Selectable } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { RepairOrigin, RepairStage } from './domain/repair.ts';

type Json<T> = ColumnType<T, string, string>;

type RepairTicketsTable = {
  id: string;
  warehouse_id: string;
  client_organisation_id: string;
  origin: RepairOrigin;
  return_case_id: string | null;
  buyer_reference: string;
  sku: string;
  serial_number: string | null;
  quantity: number;
  fault: string;
  stage: RepairStage;
  return_shipment_reference: string | null;
  created_at: Date;
  updated_at: Date;
};
type RepairTicketStepsTable = {
  repair_ticket_id: string;
  seq: number;
  stage: string;
  detail: Json<Record<string, unknown>>;
  organisation_id: string;
  actor: string | null;
  at: Date;
};

type RepairTables = {
  'logistics.repair_tickets': RepairTicketsTable;
  'logistics.repair_ticket_steps': RepairTicketStepsTable;
};

export type RepairTicketRow = Selectable<RepairTicketsTable>;
export type RepairTicketStepRow = Selectable<RepairTicketStepsTable>;

const tables = (ex: Executor) => ex.withTables<RepairTables>();

export const insertRepairTicket = async (ex: Executor, row: RepairTicketRow) => {
  await tables(ex).insertInto('logistics.repair_tickets').values(row).execute();
};

/** The ticket locked for the transaction that moves it on, so two steps cannot both apply. */
export const lockRepairTicket = (ex: Executor, warehouseId: string, ticketId: string) =>
  tables(ex)
    .selectFrom('logistics.repair_tickets')
    .selectAll()
    .where('id', '=', ticketId)
    .where('warehouse_id', '=', warehouseId)
    .forUpdate()
    .executeTakeFirst();

export const findRepairTicket = (ex: Executor, warehouseId: string, ticketId: string, clientId?: string) => {
  let query = tables(ex)
    .selectFrom('logistics.repair_tickets')
    .selectAll()
    .where('id', '=', ticketId)
    .where('warehouse_id', '=', warehouseId);
  if (clientId !== undefined) {
    query = query.where('client_organisation_id', '=', clientId);
  }
  return query.executeTakeFirst();
};

export const updateRepairTicket = async (
  ex: Executor,
  id: string,
  change: Partial<Pick<RepairTicketRow, 'stage' | 'return_shipment_reference'>> & { updated_at: Date },
) => {
  await tables(ex).updateTable('logistics.repair_tickets').set(change).where('id', '=', id).execute();
};

export const listRepairTickets = (ex: Executor, warehouseId: string, clientId?: string) => {
  let query = tables(ex)
    .selectFrom('logistics.repair_tickets')
    .selectAll()
    .where('warehouse_id', '=', warehouseId);
  if (clientId !== undefined) {
    query = query.where('client_organisation_id', '=', clientId);
  }
  return query.orderBy('id', 'desc').limit(500).execute();
};

export const insertRepairStep = async (ex: Executor, row: Omit<RepairTicketStepRow, 'seq'>) => {
  const last = await tables(ex)
    .selectFrom('logistics.repair_ticket_steps')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('repair_ticket_id', '=', row.repair_ticket_id)
    .executeTakeFirst();
  await tables(ex)
    .insertInto('logistics.repair_ticket_steps')
    .values({ ...row, seq: Number(last?.seq ?? 0) + 1, detail: JSON.stringify(row.detail) })
    .execute();
};

export const listRepairSteps = (ex: Executor, ticketId: string) =>
  tables(ex)
    .selectFrom('logistics.repair_ticket_steps')
    .selectAll()
    .where('repair_ticket_id', '=', ticketId)
    .orderBy('seq')
    .execute();
