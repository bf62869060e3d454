import {
  AppError,
  canonicalize,
  type FieldError,
  formatMoneyAmount,
  isAppError,
  type JsonValue,
  money,
  newId,
  sha256Hex,
} from '@tradehub/kernel';
import type { Executor } from '../../../../platform/access/index.ts';
import type { FinanceDeps } from '../../deps.ts';
import type { WriteContext } from '../../service/context.ts';
import { claimableFrom, payoutOf, utcDate } from '../domain/terms.ts';
import {
  type ClaimEventKind,
  type ClaimRow,
  type EvidenceItem,
  findClaimOfDeclaration,
  insertClaim,
  insertClaimEvent,
  updateClaim,
  updateDeclaration,
} from '../repository-insurance.ts';
import { invalid, ledgerContext, requireRole } from './common.ts';
import { type DeclarationView, declarationView, visibleDeclaration } from './declarations.ts';
import { amountIn } from './policies.ts';

export const evidenceRoles = ['invoice', 'bill_of_lading', 'order', 'other'] as const;

export type ClaimInput = {
  /** What the buyer still owes; the whole invoice when absent. */
  outstandingAmount?: { amount: string; currency: string } | undefined;
  evidence: readonly { role: (typeof evidenceRoles)[number]; documentId: string }[];
};

export type ClaimDecision = { decision: 'accept' } | { decision: 'reject'; reason: string };

const recordClaimEvent = (
  ex: Executor,
  claimId: string,
  organisationId: string,
  kind: ClaimEventKind,
  at: Date,
  detail: Record<string, unknown>,
) =>
  insertClaimEvent(ex, {
    id: newId('ice'),
    claim_id: claimId,
    organisation_id: organisationId,
    kind,
    at,
    detail,
  });

const wrongState = (status: string, step: string) =>
  new AppError('finance.insurance_claim_wrong_state', `A claim that is ${status} cannot be ${step}.`, {
    details: { currentStatus: status },
  });

/**
 * The evidence bundle: each document must be one the exporter issued and still valid; its id,
 * credential id and the SHA-256 of its signed credential (JCS) are fixed in the claim, so a later
 * amendment cannot change what the claim was filed on.
 */
const readEvidence = async (
  deps: FinanceDeps,
  organisationId: string,
  evidence: ClaimInput['evidence'],
): Promise<EvidenceItem[]> => {
  const ids = evidence.map((item) => item.documentId);
  const statuses = await deps.documents.statuses(organisationId, ids);
  const errors: FieldError[] = [];
  evidence.forEach((item, i) => {
    const status = statuses.get(item.documentId);
    if (status !== 'active') {
      errors.push({
        field: `evidence.${i}.documentId`,
        code: 'finance.evidence_not_valid',
        message:
          status === undefined ? 'Not a document your organisation issued' : `The document is ${status}`,
      });
    }
  });
  if (!evidence.some((item) => item.role === 'invoice')) {
    errors.push({
      field: 'evidence',
      code: 'finance.insurance_invoice_evidence_missing',
      message: 'The commercial invoice is part of the evidence',
    });
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const items: EvidenceItem[] = [];
  for (const item of evidence) {
    const { credential } = await deps.documents.bundle(organisationId, item.documentId);
    items.push({
      role: item.role,
      documentId: item.documentId,
      credentialId: typeof credential.id === 'string' ? credential.id : '',
      sha256: sha256Hex(canonicalize(credential as JsonValue)),
    });
  }
  return items;
};

/**
 * The exporter claims for a declaration the buyer has not paid, once the waiting period after the
 * due date has run (before: 409 with `details.claimableFrom`). One claim per declaration.
 */
export const fileClaim = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  declarationId: string,
  input: ClaimInput,
): Promise<DeclarationView> => {
  const { declaration, policy, role } = await visibleDeclaration(
    deps.db.kysely,
    organisationId,
    declarationId,
  );
  requireRole(role, 'exporter');
  const from = claimableFrom(declaration.due_date, policy.waiting_period_days);
  if (utcDate(deps.now()) < from) {
    throw new AppError(
      'finance.insurance_claim_too_early',
      `The waiting period after the due date has not run: a claim can be filed from ${from}.`,
      { details: { claimableFrom: from } },
    );
  }
  const errors: FieldError[] = [];
  const invoiceMinor = BigInt(declaration.invoice_minor);
  const outstandingMinor =
    input.outstandingAmount === undefined
      ? invoiceMinor
      : amountIn(policy.currency, input.outstandingAmount, 'outstandingAmount', errors);
  if (errors.length === 0 && outstandingMinor > invoiceMinor) {
    errors.push({
      field: 'outstandingAmount.amount',
      code: 'finance.insurance_outstanding_exceeds_invoice',
      message: 'At most the declared invoice amount',
    });
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const evidence = await readEvidence(deps, organisationId, input.evidence);
  const payout = payoutOf(money(policy.currency, outstandingMinor), policy.indemnity_percent);
  return deps.db.transaction(async (trx) => {
    const locked = await visibleDeclaration(trx, organisationId, declarationId, true);
    if ((await findClaimOfDeclaration(trx, declarationId)) !== undefined) {
      throw new AppError(
        'finance.insurance_claim_exists',
        `Declaration ${declarationId} has a claim already.`,
      );
    }
    if (locked.declaration.status !== 'active') {
      throw new AppError(
        'finance.insurance_declaration_wrong_state',
        `A declaration that is ${locked.declaration.status} cannot be claimed for.`,
        { details: { currentStatus: locked.declaration.status } },
      );
    }
    const now = deps.now();
    const claim: ClaimRow = {
      id: newId('icm'),
      declaration_id: declarationId,
      policy_id: policy.id,
      outstanding_minor: outstandingMinor.toString(),
      payout_minor: payout.amountMinor.toString(),
      evidence,
      status: 'filed',
      reason: null,
      payout_transfer_id: null,
      filed_at: now,
      updated_at: now,
    };
    await insertClaim(trx, claim);
    await recordClaimEvent(trx, claim.id, organisationId, 'filed', now, {
      outstanding: formatMoneyAmount(money(policy.currency, outstandingMinor)),
      evidence: evidence.map((item) => item.documentId),
    });
    await updateDeclaration(trx, declarationId, { status: 'claimed', updated_at: now });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'insurance_declaration', id: declarationId },
      detail: { claimId: claim.id, outstanding: claim.outstanding_minor },
    });
    return declarationView(trx, { ...locked.declaration, status: 'claimed', updated_at: now }, policy);
  });
};

const payoutTransferId = (claimId: string) => `insurance-payout-${claimId}`;

/**
 * The insurer accepts (payout = outstanding x indemnity %, paid from its account into the
 * exporter's) or rejects with a reason.
 *
 * The ledger posts in its own transaction, so acceptance is ordered: (1) `filed` -> `accepted`,
 * with its event, under the claim's row lock, so a rejection racing it finds it accepted; (2) the
 * payout is posted under a transfer id derived from the claim's, so a repeat never pays twice;
 * (3) `accepted` -> `paid` with the transfer id. When the ledger refuses (the insurer's account
 * lacks the money), a `payout_failed` event records it, the claim goes back to `filed` and the
 * ledger's problem is the answer. A process dying after (1) leaves the claim `accepted`: accepting
 * it again runs (2) and (3), and the replayed transfer answers the first.
 */
export const decideClaim = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  declarationId: string,
  decision: ClaimDecision,
): Promise<DeclarationView> => {
  const { policy, role } = await visibleDeclaration(deps.db.kysely, organisationId, declarationId);
  requireRole(role, 'insurer');
  const claimNotFound = () =>
    new AppError('finance.insurance_claim_not_found', `Declaration ${declarationId} has no claim.`);
  const accepted = await deps.db.transaction(async (trx) => {
    const locked = await visibleDeclaration(trx, organisationId, declarationId, true);
    const claim = await findClaimOfDeclaration(trx, declarationId, true);
    if (claim === undefined) {
      throw claimNotFound();
    }
    const now = deps.now();
    if (decision.decision === 'reject') {
      if (claim.status !== 'filed') {
        throw wrongState(claim.status, 'rejected');
      }
      await updateClaim(trx, claim.id, { status: 'rejected', reason: decision.reason, updated_at: now });
      await recordClaimEvent(trx, claim.id, organisationId, 'rejected', now, { reason: decision.reason });
      await ctx.audit(trx, {
        organisationId,
        object: { type: 'insurance_declaration', id: declarationId },
        detail: { claimId: claim.id, decision: 'rejected' },
      });
      return { done: await declarationView(trx, locked.declaration, policy) };
    }
    if (claim.status === 'filed') {
      await updateClaim(trx, claim.id, { status: 'accepted', updated_at: now });
      await recordClaimEvent(trx, claim.id, organisationId, 'accepted', now, {
        payout: formatMoneyAmount(money(policy.currency, BigInt(claim.payout_minor))),
      });
      await ctx.audit(trx, {
        organisationId,
        object: { type: 'insurance_declaration', id: declarationId },
        detail: { claimId: claim.id, decision: 'accepted', payout: claim.payout_minor },
      });
    } else if (claim.status !== 'accepted') {
      throw wrongState(claim.status, 'accepted');
    }
    return { claim, declaration: locked.declaration };
  });
  if ('done' in accepted) {
    return accepted.done;
  }
  const { claim, declaration } = accepted;
  let transferId: string | null = null;
  if (BigInt(claim.payout_minor) > 0n) {
    try {
      const posted = await deps.payments.createTransfer(ledgerContext(ctx), organisationId, {
        id: payoutTransferId(claim.id),
        debitAccountId: policy.insurer_account_id,
        creditAccountId: declaration.exporter_account_id,
        amount: formatMoneyAmount(money(policy.currency, BigInt(claim.payout_minor))),
        currency: policy.currency,
        reference: `Claim ${policy.policy_number} ${declaration.invoice_number}`.slice(0, 140),
      });
      transferId = posted.transfer.id;
    } catch (error) {
      if (isAppError(error)) {
        await deps.db.transaction(async (trx) => {
          const now = deps.now();
          await updateClaim(trx, claim.id, { status: 'filed', updated_at: now });
          await recordClaimEvent(trx, claim.id, organisationId, 'payout_failed', now, { code: error.code });
        });
      }
      throw error;
    }
  }
  return deps.db.transaction(async (trx) => {
    const current = await findClaimOfDeclaration(trx, declarationId, true);
    // A concurrent acceptance of the same claim may have finished first: its answer stands.
    if (current?.status === 'accepted') {
      const now = deps.now();
      await updateClaim(trx, claim.id, { status: 'paid', payout_transfer_id: transferId, updated_at: now });
      await recordClaimEvent(trx, claim.id, organisationId, 'paid', now, {
        transferId,
        payout: formatMoneyAmount(money(policy.currency, BigInt(claim.payout_minor))),
      });
    }
    return declarationView(trx, declaration, policy);
  });
};
