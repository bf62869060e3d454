import { AppError, type FieldError, formatMoneyAmount, money } from '@tradehub/kernel';
import type { Executor } from '../../../../platform/access/index.ts';
import type { WriteContext } from '../../service/context.ts';
import { findPolicy, type PolicyRow } from '../repository-insurance.ts';

/** The insurer that issued the policy, or the exporter that holds it. */
export type PolicyRole = 'insurer' | 'exporter';

export const policyNotFound = (id: string) =>
  new AppError('finance.insurance_policy_not_found', `No insurance policy ${id}.`);

/** The policy as `organisationId` may see it, with its role; 404 for every other organisation. */
export const visiblePolicy = async (
  ex: Executor,
  organisationId: string,
  policyId: string,
): Promise<{ policy: PolicyRow; role: PolicyRole }> => {
  const policy = await findPolicy(ex, policyId);
  if (policy?.insurer_organisation_id === organisationId) {
    return { policy, role: 'insurer' };
  }
  if (policy?.exporter_organisation_id === organisationId) {
    return { policy, role: 'exporter' };
  }
  throw policyNotFound(policyId);
};

export const requireRole = (role: PolicyRole, needed: PolicyRole) => {
  if (role !== needed) {
    throw needed === 'insurer'
      ? new AppError('finance.insurance_insurer_only', 'Only the insurer that issued the policy may do this.')
      : new AppError(
          'finance.insurance_exporter_only',
          'Only the exporter that holds the policy may do this.',
        );
  }
};

export const invalid = (errors: FieldError[]) =>
  new AppError('http.validation_failed', 'The request has invalid fields.', { fieldErrors: errors });

export const moneyJson = (amountMinor: string | bigint, currency: string) => ({
  amount: formatMoneyAmount(money(currency, BigInt(amountMinor))),
  currency,
});

/** The ledger's context for a posting made on behalf of this request: same actor, same audit. */
export const ledgerContext = (ctx: WriteContext) => ({ actor: ctx.actor, audit: ctx.audit });
