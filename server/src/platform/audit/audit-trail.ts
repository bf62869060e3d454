import { newId } from '@tradehub/kernel';
import type { ColumnType, Generated } from 'kysely';
import type { Executor } from '../access/index.ts';

type EntriesTable = {
  id: string;
  seq: Generated<string>;
  organisation_id: string | null;
  at: Generated<Date>;
  actor_type: AuditActorType;
  actor_id: string | null;
  actor_label: string;
  action: string;
  object_type: string | null;
  object_id: string | null;
  request_id: string;
  outcome: AuditOutcome;
  status_code: number;
  detail: ColumnType<Record<string, unknown> | null, string | null, never>;
};
type AuditTables = { 'audit.entries': EntriesTable };

export type AuditActorType = 'user' | 'api_key' | 'system' | 'anonymous';
export type AuditOutcome = 'success' | 'denied' | 'failed';

export type AuditRecord = {
  organisationId: string | null;
  actor: { type: AuditActorType; id: string | null; label: string };
  action: string;
  object: { type: string; id: string } | null;
  requestId: string;
  outcome: AuditOutcome;
  statusCode: number;
  detail?: Record<string, unknown>;
};

export type AuditEntry = Omit<AuditRecord, 'detail'> & { id: string; at: Date; seq: string };

const tables = (ex: Executor) => ex.withTables<AuditTables>();

/** Appends one audit row; call it inside the transaction of the change it describes. */
export const appendAudit = async (ex: Executor, record: AuditRecord): Promise<string> => {
  const id = newId('aud');
  await tables(ex)
    .insertInto('audit.entries')
    .values({
      id,
      organisation_id: record.organisationId,
      actor_type: record.actor.type,
      actor_id: record.actor.id,
      actor_label: record.actor.label,
      action: record.action,
      object_type: record.object?.type ?? null,
      object_id: record.object?.id ?? null,
      request_id: record.requestId,
      outcome: record.outcome,
      status_code: record.statusCode,
      detail: record.detail === undefined ? null : JSON.stringify(record.detail),
    })
    .execute();

  return id;
};

export type ListAuditOptions = {
  organisationId: string;
  limit: number;
  /** Cursor: the `seq` of the last row of the previous page. */
  beforeSeq?: string;
  action?: string;
};

/** One page of an organisation's trail, newest first. */
export const listAudit = async (ex: Executor, options: ListAuditOptions) => {
  let query = tables(ex)
    .selectFrom('audit.entries')
    .selectAll()
    .where('organisation_id', '=', options.organisationId)
    .orderBy('seq', 'desc')
    .limit(options.limit + 1);
  if (options.beforeSeq !== undefined) {
    query = query.where('seq', '<', options.beforeSeq);
  }
  if (options.action !== undefined) {
    query = query.where('action', '=', options.action);
  }
  const rows = await query.execute();
  const page = rows.slice(0, options.limit);
  const items: AuditEntry[] = page.map((row) => ({
    id: row.id,
    seq: String(row.seq),
    at: row.at,
    organisationId: row.organisation_id,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    action: row.action,
    object: row.object_type && row.object_id ? { type: row.object_type, id: row.object_id } : null,
    requestId: row.request_id,
    outcome: row.outcome,
    statusCode: row.status_code,
  }));
  const last = page.at(-1);

  return { items, nextCursor: rows.length > options.limit && last ? String(last.seq) : null };
};
