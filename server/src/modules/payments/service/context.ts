import { AppError } from '@tradehub/kernel';
import type { Actor, Executor } from '../../../platform/access/index.ts';
import type { PaymentsDeps } from '../deps.ts';

export type AuditedChange = {
  organisationId: string | null;
  object: { type: string; id: string } | null;
  detail?: Record<string, unknown>;
};

/** Who acts and how the change is audited inside the ledger transaction. */
export type WriteContext = {
  actor: Actor | null;
  audit: (ex: Executor, change: AuditedChange) => Promise<void>;
};

/** A context that audits nothing: the sweeper and tests acting as the system. */
export const systemContext: WriteContext = { actor: null, audit: async () => {} };

/** An AppError whose field error carries the same code, so the UI can point at the field. */
export const refused = (code: string, message: string, field?: string, details?: Record<string, unknown>) =>
  new AppError(code, message, {
    ...(field === undefined ? {} : { fieldErrors: [{ field, code, message }] }),
    ...(details === undefined ? {} : { details }),
  });

const financialKinds = new Set(['bank', 'payment_institution']);

/** Banks and payment institutions may grant overdrafts, run liquidity and quote FX. */
export const requireFinancialInstitution = async (deps: PaymentsDeps, organisationId: string) => {
  if (!financialKinds.has((await deps.organisationKind(organisationId)) ?? '')) {
    throw new AppError(
      'payments.not_a_financial_institution',
      'Only a bank or a payment institution may do this.',
    );
  }
};
