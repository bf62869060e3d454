import { AppError, type FieldError, formatMoneyAmount, isAppError, money, newId } from '@tradehub/kernel';
import type { Executor } from '../../../../platform/access/index.ts';
import type { FinanceDeps } from '../../deps.ts';
import type { WriteContext } from '../../service/context.ts';
import { claimableFrom, declarationDateProblem, isIsoDate, premiumOf } from '../domain/terms.ts';
import {
  type ClaimEventRow,
  type ClaimRow,
  type DeclarationRow,
  deletePendingDeclaration,
  findClaimOfDeclaration,
  findDeclaration,
  findDeclarationByInvoice,
  findLimit,
  insertDeclaration,
  listClaimEvents,
  listDeclarations,
  outstandingExposure,
  type PolicyRow,
  updateDeclaration,
} from '../repository-insurance.ts';
import { invalid, ledgerContext, moneyJson, type PolicyRole, requireRole, visiblePolicy } from './common.ts';
import { amountIn } from './policies.ts';

export type DeclarationInput = {
  limitId: string;
  invoiceNumber: string;
  invoiceAmount: { amount: string; currency: string };
  shipmentDate: string;
  dueDate: string;
  /** The exporter's account in the policy's currency: the premium is paid from it, a payout into it. */
  accountId: string;
};

export const declarationNotFound = (id: string) =>
  new AppError('finance.insurance_declaration_not_found', `No declaration ${id}.`);

/** The declaration as `organisationId` may see it (the policy's insurer or exporter), else 404. */
export const visibleDeclaration = async (
  ex: Executor,
  organisationId: string,
  declarationId: string,
  forUpdate = false,
): Promise<{ declaration: DeclarationRow; policy: PolicyRow; role: PolicyRole }> => {
  const declaration = await findDeclaration(ex, declarationId, forUpdate);
  if (declaration === undefined) {
    throw declarationNotFound(declarationId);
  }
  try {
    return { declaration, ...(await visiblePolicy(ex, organisationId, declaration.policy_id)) };
  } catch (error) {
    if (isAppError(error) && error.code === 'finance.insurance_policy_not_found') {
      throw declarationNotFound(declarationId);
    }
    throw error;
  }
};

const presentClaim = (claim: ClaimRow, currency: string, events: readonly ClaimEventRow[]) => ({
  id: claim.id,
  status: claim.status,
  outstandingAmount: moneyJson(claim.outstanding_minor, currency),
  payoutAmount: moneyJson(claim.payout_minor, currency),
  evidence: claim.evidence,
  reason: claim.reason,
  payoutTransferId: claim.payout_transfer_id,
  filedAt: claim.filed_at.toISOString(),
  history: events.map((event) => ({
    kind: event.kind,
    byOrganisationId: event.organisation_id,
    detail: event.detail,
    at: event.at.toISOString(),
  })),
});

export const presentDeclaration = (row: DeclarationRow, policy: PolicyRow) => ({
  id: row.id,
  policyId: row.policy_id,
  limitId: row.limit_id,
  invoiceNumber: row.invoice_number,
  invoiceAmount: moneyJson(row.invoice_minor, policy.currency),
  shipmentDate: row.shipment_date,
  dueDate: row.due_date,
  claimableFrom: claimableFrom(row.due_date, policy.waiting_period_days),
  premium: moneyJson(row.premium_minor, policy.currency),
  premiumTransferId: row.premium_transfer_id,
  accountId: row.exporter_account_id,
  status: row.status,
  createdAt: row.created_at.toISOString(),
});

export type DeclarationView = ReturnType<typeof presentDeclaration> & {
  claim: ReturnType<typeof presentClaim> | null;
};

export const declarationView = async (
  ex: Executor,
  row: DeclarationRow,
  policy: PolicyRow,
): Promise<DeclarationView> => {
  const claim = await findClaimOfDeclaration(ex, row.id);
  return {
    ...presentDeclaration(row, policy),
    claim:
      claim === undefined ? null : presentClaim(claim, policy.currency, await listClaimEvents(ex, claim.id)),
  };
};

export const getDeclaration = async (deps: FinanceDeps, organisationId: string, declarationId: string) => {
  const { declaration, policy } = await visibleDeclaration(deps.db.kysely, organisationId, declarationId);
  return declarationView(deps.db.kysely, declaration, policy);
};

export const listPolicyDeclarations = async (deps: FinanceDeps, organisationId: string, policyId: string) => {
  const { policy } = await visiblePolicy(deps.db.kysely, organisationId, policyId);
  const rows = await listDeclarations(deps.db.kysely, policyId);
  return { items: rows.map((row) => presentDeclaration(row, policy)) };
};

const premiumTransferId = (declarationId: string) => `insurance-premium-${declarationId}`;

/**
 * The exporter declares a shipment to a buyer with an approved limit. Refused when the limit is
 * not approved, when the buyer's outstanding declared exposure would pass it, outside the policy
 * period or beyond the maximum credit period. The premium (declared value x rate, half-up) is
 * paid through the ledger from the exporter's account to the insurer's.
 *
 * The ledger posts in its own transaction (the payments module opens one per posting and refuses
 * one nested in another), so the steps are ordered: (1) the declaration is written as
 * `pending_premium` with the limit row locked: it counts against the limit from then on, so two
 * declarations at once cannot both pass it; (2) the premium is posted under a transfer id derived
 * from the declaration's, so a repeat never charges twice; (3) the declaration becomes `active`.
 * When the ledger refuses (no funds, wrong account or currency), the pending declaration is
 * deleted and the ledger's problem is the answer: nothing is left. Should the process die between
 * (2) and (3), the declaration stays `pending_premium`; `POST …/declarations/:id/premium` finishes
 * it (the replayed transfer answers the first), or removes it if the premium never posted.
 */
export const declareShipment = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  policyId: string,
  input: DeclarationInput,
): Promise<DeclarationView> => {
  const { policy, role } = await visiblePolicy(deps.db.kysely, organisationId, policyId);
  requireRole(role, 'exporter');
  const errors: FieldError[] = [];
  const invoiceMinor = amountIn(policy.currency, input.invoiceAmount, 'invoiceAmount', errors);
  for (const field of ['shipmentDate', 'dueDate'] as const) {
    if (!isIsoDate(input[field])) {
      errors.push({ field, code: 'kernel.invalid_format', message: 'A date written YYYY-MM-DD' });
    }
  }
  if (errors.length === 0) {
    const problem = declarationDateProblem(
      {
        periodStart: policy.period_start,
        periodEnd: policy.period_end,
        maxCreditPeriodDays: policy.max_credit_period_days,
      },
      input.shipmentDate,
      input.dueDate,
    );
    if (problem !== undefined) {
      errors.push(problem);
    }
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const premium = premiumOf(money(policy.currency, invoiceMinor), policy.premium_rate);
  const pending = await deps.db.transaction(async (trx) => {
    const limit = await findLimit(trx, input.limitId, true);
    if (limit === undefined || limit.policy_id !== policyId) {
      throw new AppError('finance.insurance_limit_not_found', `No credit limit ${input.limitId}.`);
    }
    if (limit.status !== 'approved' || limit.approved_minor === null) {
      throw new AppError(
        'finance.insurance_no_approved_limit',
        `The limit on this buyer is ${limit.status}: only a buyer with an approved limit is covered.`,
        { details: { limitStatus: limit.status } },
      );
    }
    if ((await findDeclarationByInvoice(trx, policyId, input.invoiceNumber)) !== undefined) {
      throw new AppError(
        'finance.insurance_invoice_declared',
        `Invoice ${input.invoiceNumber} is declared under this policy already.`,
      );
    }
    const outstanding = await outstandingExposure(trx, limit.id);
    const approved = BigInt(limit.approved_minor);
    if (outstanding + invoiceMinor > approved) {
      const amount = (minor: bigint) => formatMoneyAmount(money(policy.currency, minor));
      throw new AppError(
        'finance.insurance_limit_exceeded',
        `The buyer's outstanding exposure would be ${amount(outstanding + invoiceMinor)} ${policy.currency}, above the limit of ${amount(approved)}: ${amount(approved > outstanding ? approved - outstanding : 0n)} is left.`,
        {
          details: {
            limit: amount(approved),
            outstanding: amount(outstanding),
            available: amount(approved > outstanding ? approved - outstanding : 0n),
            currency: policy.currency,
          },
        },
      );
    }
    const now = deps.now();
    const row: DeclarationRow = {
      id: newId('ide'),
      policy_id: policyId,
      limit_id: limit.id,
      invoice_number: input.invoiceNumber,
      invoice_minor: invoiceMinor.toString(),
      shipment_date: input.shipmentDate,
      due_date: input.dueDate,
      premium_minor: premium.amountMinor.toString(),
      exporter_account_id: input.accountId,
      status: premium.amountMinor > 0n ? 'pending_premium' : 'active',
      premium_transfer_id: null,
      created_at: now,
      updated_at: now,
    };
    await insertDeclaration(trx, row);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'insurance_declaration', id: row.id },
      detail: { policyId, invoiceNumber: row.invoice_number, premium: row.premium_minor },
    });
    return row;
  });
  if (pending.status !== 'pending_premium') {
    return declarationView(deps.db.kysely, pending, policy);
  }
  return chargePremium(deps, ctx, organisationId, pending, policy);
};

/** Steps (2) and (3) of a declaration; see `declareShipment`. */
const chargePremium = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  row: DeclarationRow,
  policy: PolicyRow,
): Promise<DeclarationView> => {
  let transferId: string;
  try {
    const posted = await deps.payments.createTransfer(ledgerContext(ctx), organisationId, {
      id: premiumTransferId(row.id),
      debitAccountId: row.exporter_account_id,
      creditAccountId: policy.insurer_account_id,
      amount: formatMoneyAmount(money(policy.currency, BigInt(row.premium_minor))),
      currency: policy.currency,
      reference: `Premium ${policy.policy_number} ${row.invoice_number}`.slice(0, 140),
    });
    transferId = posted.transfer.id;
  } catch (error) {
    if (isAppError(error)) {
      // The ledger refused and moved nothing: the declaration never took effect.
      await deps.db.transaction((trx) => deletePendingDeclaration(trx, row.id));
    }
    throw error;
  }
  return deps.db.transaction(async (trx) => {
    const now = deps.now();
    await updateDeclaration(trx, row.id, {
      status: 'active',
      premium_transfer_id: transferId,
      updated_at: now,
    });
    return declarationView(
      trx,
      { ...row, status: 'active', premium_transfer_id: transferId, updated_at: now },
      policy,
    );
  });
};

/** Finishes a declaration left `pending_premium` by an interrupted request (exporter only). */
export const retryPremium = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  declarationId: string,
): Promise<DeclarationView> => {
  const { declaration, policy, role } = await visibleDeclaration(
    deps.db.kysely,
    organisationId,
    declarationId,
  );
  requireRole(role, 'exporter');
  if (declaration.status !== 'pending_premium') {
    return declarationView(deps.db.kysely, declaration, policy);
  }
  return chargePremium(deps, ctx, organisationId, declaration, policy);
};

/** The exporter reports that the buyer paid: the invoice no longer counts against the limit. */
export const settleDeclaration = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  declarationId: string,
): Promise<DeclarationView> =>
  deps.db.transaction(async (trx) => {
    const { declaration, policy, role } = await visibleDeclaration(trx, organisationId, declarationId, true);
    requireRole(role, 'exporter');
    if (declaration.status !== 'active') {
      throw new AppError(
        'finance.insurance_declaration_wrong_state',
        `A declaration that is ${declaration.status} cannot be settled.`,
        { details: { currentStatus: declaration.status } },
      );
    }
    const now = deps.now();
    await updateDeclaration(trx, declarationId, { status: 'settled', updated_at: now });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'insurance_declaration', id: declarationId },
      detail: { status: 'settled' },
    });
    return declarationView(trx, { ...declaration, status: 'settled', updated_at: now }, policy);
  });
