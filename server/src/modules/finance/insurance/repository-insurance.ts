import { type ColumnType, type Selectable, sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';

export type LimitStatus = 'requested' | 'approved' | 'refused' | 'cancelled';
export type LimitEventKind = 'requested' | 'approved' | 'refused' | 'reduced' | 'cancelled';
export type DeclarationStatus = 'pending_premium' | 'active' | 'settled' | 'claimed';
export type ClaimStatus = 'filed' | 'accepted' | 'paid' | 'rejected';
export type ClaimEventKind = 'filed' | 'accepted' | 'paid' | 'payout_failed' | 'rejected';

export type EvidenceItem = { role: string; documentId: string; credentialId: string; sha256: string };

// bigint and date columns travel as text, so no precision or time zone is lost on the way.
type BigintText = ColumnType<string, string, string>;
type DateText = ColumnType<string, string, string>;

type PoliciesTable = {
  id: string;
  policy_number: string;
  insurer_organisation_id: string;
  exporter_organisation_id: string;
  currency: string;
  period_start: DateText;
  period_end: DateText;
  premium_rate: string;
  indemnity_percent: string;
  waiting_period_days: number;
  max_credit_period_days: number;
  insurer_account_id: string;
  created_at: Date;
};

type LimitsTable = {
  id: string;
  policy_id: string;
  buyer_organisation_id: string | null;
  buyer_name: string;
  buyer_country: string;
  buyer_registration_id: string | null;
  buyer_key: string;
  requested_minor: BigintText;
  approved_minor: BigintText | null;
  status: LimitStatus;
  created_at: Date;
  updated_at: Date;
};

type LimitEventsTable = {
  id: string;
  limit_id: string;
  organisation_id: string;
  kind: LimitEventKind;
  amount_minor: BigintText | null;
  reason: string | null;
  at: Date;
};

type DeclarationsTable = {
  id: string;
  policy_id: string;
  limit_id: string;
  invoice_number: string;
  invoice_minor: BigintText;
  shipment_date: DateText;
  due_date: DateText;
  premium_minor: BigintText;
  exporter_account_id: string;
  status: DeclarationStatus;
  premium_transfer_id: string | null;
  created_at: Date;
  updated_at: Date;
};

type ClaimsTable = {
  id: string;
  declaration_id: string;
  policy_id: string;
  outstanding_minor: BigintText;
  payout_minor: BigintText;
  evidence: ColumnType<EvidenceItem[], string, never>;
  status: ClaimStatus;
  reason: string | null;
  payout_transfer_id: string | null;
  filed_at: Date;
  updated_at: Date;
};

type ClaimEventsTable = {
  id: string;
  claim_id: string;
  organisation_id: string;
  kind: ClaimEventKind;
  detail: ColumnType<Record<string, unknown>, string, never>;
  at: Date;
};

type InsuranceTables = {
  'finance.insurance_policies': PoliciesTable;
  'finance.insurance_credit_limits': LimitsTable;
  'finance.insurance_limit_events': LimitEventsTable;
  'finance.insurance_declarations': DeclarationsTable;
  'finance.insurance_claims': ClaimsTable;
  'finance.insurance_claim_events': ClaimEventsTable;
};

export type PolicyRow = Selectable<PoliciesTable>;
export type LimitRow = Selectable<LimitsTable>;
export type LimitEventRow = Selectable<LimitEventsTable>;
export type DeclarationRow = Selectable<DeclarationsTable>;
export type ClaimRow = Selectable<ClaimsTable>;
export type ClaimEventRow = Selectable<ClaimEventsTable>;

const tables = (ex: Executor) => ex.withTables<InsuranceTables>();

// Dates as text in every read, whatever the driver would make of them.
const policyColumns = [
  'id',
  'policy_number',
  'insurer_organisation_id',
  'exporter_organisation_id',
  'currency',
  sql<string>`to_char(period_start, 'YYYY-MM-DD')`.as('period_start'),
  sql<string>`to_char(period_end, 'YYYY-MM-DD')`.as('period_end'),
  'premium_rate',
  'indemnity_percent',
  'waiting_period_days',
  'max_credit_period_days',
  'insurer_account_id',
  'created_at',
] as const;

const limitColumns = [
  'id',
  'policy_id',
  'buyer_organisation_id',
  'buyer_name',
  'buyer_country',
  'buyer_registration_id',
  'buyer_key',
  sql<string>`requested_minor::text`.as('requested_minor'),
  sql<string | null>`approved_minor::text`.as('approved_minor'),
  'status',
  'created_at',
  'updated_at',
] as const;

const declarationColumns = [
  'id',
  'policy_id',
  'limit_id',
  'invoice_number',
  sql<string>`invoice_minor::text`.as('invoice_minor'),
  sql<string>`to_char(shipment_date, 'YYYY-MM-DD')`.as('shipment_date'),
  sql<string>`to_char(due_date, 'YYYY-MM-DD')`.as('due_date'),
  sql<string>`premium_minor::text`.as('premium_minor'),
  'exporter_account_id',
  'status',
  'premium_transfer_id',
  'created_at',
  'updated_at',
] as const;

const claimColumns = [
  'id',
  'declaration_id',
  'policy_id',
  sql<string>`outstanding_minor::text`.as('outstanding_minor'),
  sql<string>`payout_minor::text`.as('payout_minor'),
  'evidence',
  'status',
  'reason',
  'payout_transfer_id',
  'filed_at',
  'updated_at',
] as const;

export const insertPolicy = (ex: Executor, row: PolicyRow) =>
  tables(ex).insertInto('finance.insurance_policies').values(row).execute();

export const findPolicy = (ex: Executor, id: string) =>
  tables(ex)
    .selectFrom('finance.insurance_policies')
    .select(policyColumns)
    .where('id', '=', id)
    .executeTakeFirst() as Promise<PolicyRow | undefined>;

export const findPolicyByNumber = (ex: Executor, insurerId: string, policyNumber: string) =>
  tables(ex)
    .selectFrom('finance.insurance_policies')
    .select('id')
    .where('insurer_organisation_id', '=', insurerId)
    .where('policy_number', '=', policyNumber)
    .executeTakeFirst();

/** Policies the organisation issued or holds, newest first. */
export const listPolicies = (ex: Executor, organisationId: string, limit: number) =>
  tables(ex)
    .selectFrom('finance.insurance_policies')
    .select(policyColumns)
    .where((eb) =>
      eb.or([
        eb('insurer_organisation_id', '=', organisationId),
        eb('exporter_organisation_id', '=', organisationId),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(limit)
    .execute() as Promise<PolicyRow[]>;

export const insertLimit = (ex: Executor, row: LimitRow) =>
  tables(ex).insertInto('finance.insurance_credit_limits').values(row).execute();

export const findLimit = (ex: Executor, id: string, forUpdate = false) => {
  const query = tables(ex)
    .selectFrom('finance.insurance_credit_limits')
    .select(limitColumns)
    .where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst() as Promise<LimitRow | undefined>;
};

export const findLiveLimitByBuyer = (ex: Executor, policyId: string, buyerKey: string) =>
  tables(ex)
    .selectFrom('finance.insurance_credit_limits')
    .select('id')
    .where('policy_id', '=', policyId)
    .where('buyer_key', '=', buyerKey)
    .where('status', 'in', ['requested', 'approved'])
    .executeTakeFirst();

export const listLimits = (ex: Executor, policyId: string) =>
  tables(ex)
    .selectFrom('finance.insurance_credit_limits')
    .select(limitColumns)
    .where('policy_id', '=', policyId)
    .orderBy('id')
    .execute() as Promise<LimitRow[]>;

export const updateLimit = (
  ex: Executor,
  id: string,
  change: { status: LimitStatus; approved_minor: string | null; updated_at: Date },
) => tables(ex).updateTable('finance.insurance_credit_limits').set(change).where('id', '=', id).execute();

export const insertLimitEvent = (ex: Executor, row: LimitEventRow) =>
  tables(ex).insertInto('finance.insurance_limit_events').values(row).execute();

export const listLimitEvents = (ex: Executor, limitIds: readonly string[]) =>
  limitIds.length === 0
    ? Promise.resolve([] as LimitEventRow[])
    : (tables(ex)
        .selectFrom('finance.insurance_limit_events')
        .select([
          'id',
          'limit_id',
          'organisation_id',
          'kind',
          sql<string | null>`amount_minor::text`.as('amount_minor'),
          'reason',
          'at',
        ])
        .where('limit_id', 'in', limitIds)
        .orderBy('id')
        .execute() as Promise<LimitEventRow[]>);

/** What the limit covers now: the invoice amounts of its declarations the buyer has not paid. */
export const outstandingExposure = async (ex: Executor, limitId: string): Promise<bigint> => {
  const row = await tables(ex)
    .selectFrom('finance.insurance_declarations')
    .select(sql<string>`coalesce(sum(invoice_minor), 0)::text`.as('total'))
    .where('limit_id', '=', limitId)
    .where('status', 'in', ['pending_premium', 'active', 'claimed'])
    .executeTakeFirst();
  return BigInt(row?.total ?? '0');
};

export const insertDeclaration = (ex: Executor, row: DeclarationRow) =>
  tables(ex).insertInto('finance.insurance_declarations').values(row).execute();

export const findDeclaration = (ex: Executor, id: string, forUpdate = false) => {
  const query = tables(ex)
    .selectFrom('finance.insurance_declarations')
    .select(declarationColumns)
    .where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst() as Promise<DeclarationRow | undefined>;
};

export const findDeclarationByInvoice = (ex: Executor, policyId: string, invoiceNumber: string) =>
  tables(ex)
    .selectFrom('finance.insurance_declarations')
    .select('id')
    .where('policy_id', '=', policyId)
    .where('invoice_number', '=', invoiceNumber)
    .executeTakeFirst();

export const listDeclarations = (ex: Executor, policyId: string) =>
  tables(ex)
    .selectFrom('finance.insurance_declarations')
    .select(declarationColumns)
    .where('policy_id', '=', policyId)
    .orderBy('id', 'desc')
    .execute() as Promise<DeclarationRow[]>;

export const updateDeclaration = (
  ex: Executor,
  id: string,
  change: { status: DeclarationStatus; premium_transfer_id?: string | null; updated_at: Date },
) => tables(ex).updateTable('finance.insurance_declarations').set(change).where('id', '=', id).execute();

/** Removes a declaration whose premium the ledger refused: it never took effect. */
export const deletePendingDeclaration = (ex: Executor, id: string) =>
  tables(ex)
    .deleteFrom('finance.insurance_declarations')
    .where('id', '=', id)
    .where('status', '=', 'pending_premium')
    .execute();

export const insertClaim = (ex: Executor, row: Omit<ClaimRow, 'evidence'> & { evidence: EvidenceItem[] }) =>
  tables(ex)
    .insertInto('finance.insurance_claims')
    .values({ ...row, evidence: JSON.stringify(row.evidence) })
    .execute();

export const findClaimOfDeclaration = (ex: Executor, declarationId: string, forUpdate = false) => {
  const query = tables(ex)
    .selectFrom('finance.insurance_claims')
    .select(claimColumns)
    .where('declaration_id', '=', declarationId);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst() as Promise<ClaimRow | undefined>;
};

export const updateClaim = (
  ex: Executor,
  id: string,
  change: {
    status: ClaimStatus;
    reason?: string | null;
    payout_transfer_id?: string | null;
    updated_at: Date;
  },
) => tables(ex).updateTable('finance.insurance_claims').set(change).where('id', '=', id).execute();

export const insertClaimEvent = (
  ex: Executor,
  row: Omit<ClaimEventRow, 'detail'> & { detail: Record<string, unknown> },
) =>
  tables(ex)
    .insertInto('finance.insurance_claim_events')
    .values({ ...row, detail: JSON.stringify(row.detail) })
    .execute();

export const listClaimEvents = (ex: Executor, claimId: string) =>
  tables(ex)
    .selectFrom('finance.insurance_claim_events')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('id')
    .execute();
