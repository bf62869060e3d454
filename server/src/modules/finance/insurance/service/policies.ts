import { AppError, type FieldError, isAppError, isCountryCode, newId, parseMoney } from '@tradehub/kernel';
import type { Executor } from '../../../../platform/access/index.ts';
import { findOrganisationDirectoryEntries } from '../../../identity/index.ts';
import type { FinanceDeps } from '../../deps.ts';
import type { WriteContext } from '../../service/context.ts';
import { isIndemnityPercent, isIsoDate, isPremiumRate } from '../domain/terms.ts';
import {
  findLimit,
  findLiveLimitByBuyer,
  findPolicyByNumber,
  insertLimit,
  insertLimitEvent,
  insertPolicy,
  type LimitEventKind,
  type LimitEventRow,
  type LimitRow,
  type LimitStatus,
  listLimitEvents,
  listLimits,
  listPolicies,
  type PolicyRow,
  updateLimit,
} from '../repository-insurance.ts';
import { invalid, moneyJson, type PolicyRole, requireRole, visiblePolicy } from './common.ts';

export type IssuePolicyInput = {
  policyNumber: string;
  exporterOrganisationId: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  premiumRate: string;
  indemnityPercent: string;
  waitingPeriodDays: number;
  maxCreditPeriodDays: number;
  insurerAccountId: string;
};

export type LimitApplication = {
  buyer: {
    organisationId?: string | undefined;
    name?: string | undefined;
    country?: string | undefined;
    registrationId?: string | undefined;
  };
  amount: { amount: string; currency: string };
};

export type LimitDecision =
  | { action: 'approve'; amount: { amount: string; currency: string } }
  | { action: 'reduce'; amount: { amount: string; currency: string }; reason?: string | undefined }
  | { action: 'refuse' | 'cancel'; reason: string };

export const presentPolicy = (row: PolicyRow, role: PolicyRole) => ({
  id: row.id,
  policyNumber: row.policy_number,
  role,
  insurerOrganisationId: row.insurer_organisation_id,
  exporterOrganisationId: row.exporter_organisation_id,
  currency: row.currency,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  premiumRate: row.premium_rate,
  indemnityPercent: row.indemnity_percent,
  waitingPeriodDays: row.waiting_period_days,
  maxCreditPeriodDays: row.max_credit_period_days,
  insurerAccountId: row.insurer_account_id,
  createdAt: row.created_at.toISOString(),
});

export const presentLimit = (row: LimitRow, currency: string, events: readonly LimitEventRow[]) => ({
  id: row.id,
  policyId: row.policy_id,
  buyer: {
    organisationId: row.buyer_organisation_id,
    name: row.buyer_name,
    country: row.buyer_country,
    registrationId: row.buyer_registration_id,
  },
  requestedAmount: moneyJson(row.requested_minor, currency),
  approvedAmount: row.approved_minor === null ? null : moneyJson(row.approved_minor, currency),
  status: row.status,
  history: events
    .filter((event) => event.limit_id === row.id)
    .map((event) => ({
      kind: event.kind,
      byOrganisationId: event.organisation_id,
      amount: event.amount_minor === null ? null : moneyJson(event.amount_minor, currency),
      reason: event.reason,
      at: event.at.toISOString(),
    })),
});

export type PolicyView = ReturnType<typeof presentPolicy> & { limits: ReturnType<typeof presentLimit>[] };

const policyView = async (ex: Executor, policy: PolicyRow, role: PolicyRole): Promise<PolicyView> => {
  const limits = await listLimits(ex, policy.id);
  const events = await listLimitEvents(
    ex,
    limits.map((limit) => limit.id),
  );
  return {
    ...presentPolicy(policy, role),
    limits: limits.map((limit) => presentLimit(limit, policy.currency, events)),
  };
};

/** An amount in the policy's currency, more than zero, or the field error saying why not. */
export const amountIn = (
  currency: string,
  input: { amount: string; currency: string },
  field: string,
  errors: FieldError[],
): bigint => {
  if (input.currency.trim().toUpperCase() !== currency) {
    errors.push({
      field: `${field}.currency`,
      code: 'finance.currency_mismatch',
      message: `The policy is in ${currency}`,
    });
    return 0n;
  }
  try {
    const parsed = parseMoney(input.amount.trim(), currency);
    if (parsed.amountMinor <= 0n) {
      errors.push({
        field: `${field}.amount`,
        code: 'finance.amount_not_positive',
        message: 'More than zero',
      });
    }
    return parsed.amountMinor;
  } catch (error) {
    if (!isAppError(error)) {
      throw error;
    }
    errors.push({ field: `${field}.amount`, code: error.code, message: error.message });
    return 0n;
  }
};

/** An insurer issues a policy to an exporter on the hub. */
export const issuePolicy = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  input: IssuePolicyInput,
): Promise<PolicyView> => {
  const directory = await findOrganisationDirectoryEntries(deps.db.kysely, [
    organisationId,
    input.exporterOrganisationId,
  ]);
  if (directory.get(organisationId)?.kind !== 'insurer') {
    throw new AppError(
      'finance.insurance_not_an_insurer',
      'Only an insurer issues credit-insurance policies.',
    );
  }
  const errors: FieldError[] = [];
  const currency = input.currency.trim().toUpperCase();
  try {
    parseMoney('0', currency);
  } catch {
    errors.push({ field: 'currency', code: 'kernel.unknown_code', message: 'An ISO 4217 currency code' });
  }
  if (!directory.has(input.exporterOrganisationId) || input.exporterOrganisationId === organisationId) {
    errors.push({
      field: 'exporterOrganisationId',
      code: 'finance.insurance_unknown_exporter',
      message: 'An organisation on the hub other than the insurer',
    });
  }
  for (const field of ['periodStart', 'periodEnd'] as const) {
    if (!isIsoDate(input[field])) {
      errors.push({ field, code: 'kernel.invalid_format', message: 'A date written YYYY-MM-DD' });
    }
  }
  if (isIsoDate(input.periodStart) && isIsoDate(input.periodEnd) && input.periodEnd < input.periodStart) {
    errors.push({
      field: 'periodEnd',
      code: 'finance.insurance_period_reversed',
      message: 'On or after the start',
    });
  }
  if (!isPremiumRate(input.premiumRate)) {
    errors.push({
      field: 'premiumRate',
      code: 'finance.insurance_invalid_rate',
      message: 'A share of the declared value between 0 and 1, such as 0.0035',
    });
  }
  if (!isIndemnityPercent(input.indemnityPercent)) {
    errors.push({
      field: 'indemnityPercent',
      code: 'finance.insurance_invalid_percent',
      message: 'A percentage above 0 and at most 100, such as 90',
    });
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  return deps.db.transaction(async (trx) => {
    if ((await findPolicyByNumber(trx, organisationId, input.policyNumber)) !== undefined) {
      throw new AppError(
        'finance.insurance_policy_number_taken',
        `Policy number ${input.policyNumber} is in use.`,
      );
    }
    const row: PolicyRow = {
      id: newId('ipo'),
      policy_number: input.policyNumber,
      insurer_organisation_id: organisationId,
      exporter_organisation_id: input.exporterOrganisationId,
      currency,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      premium_rate: input.premiumRate,
      indemnity_percent: input.indemnityPercent,
      waiting_period_days: input.waitingPeriodDays,
      max_credit_period_days: input.maxCreditPeriodDays,
      insurer_account_id: input.insurerAccountId,
      created_at: deps.now(),
    };
    await insertPolicy(trx, row);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'insurance_policy', id: row.id },
      detail: { policyNumber: row.policy_number, exporterOrganisationId: row.exporter_organisation_id },
    });
    return policyView(trx, row, 'insurer');
  });
};

export const getPolicy = async (deps: FinanceDeps, organisationId: string, policyId: string) => {
  const { policy, role } = await visiblePolicy(deps.db.kysely, organisationId, policyId);
  return policyView(deps.db.kysely, policy, role);
};

export const listOwnPolicies = async (deps: FinanceDeps, organisationId: string, limit: number) => {
  const rows = await listPolicies(deps.db.kysely, organisationId, limit);
  return {
    items: rows.map((row) =>
      presentPolicy(row, row.insurer_organisation_id === organisationId ? 'insurer' : 'exporter'),
    ),
  };
};

const limitNotFound = (id: string) =>
  new AppError('finance.insurance_limit_not_found', `No credit limit ${id}.`);

/** The exporter applies for a credit limit on one buyer. */
export const applyForLimit = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  policyId: string,
  input: LimitApplication,
): Promise<PolicyView> => {
  const { policy, role } = await visiblePolicy(deps.db.kysely, organisationId, policyId);
  requireRole(role, 'exporter');
  const errors: FieldError[] = [];
  const requested = amountIn(policy.currency, input.amount, 'amount', errors);
  let buyer: Pick<
    LimitRow,
    'buyer_organisation_id' | 'buyer_name' | 'buyer_country' | 'buyer_registration_id' | 'buyer_key'
  >;
  if (input.buyer.organisationId !== undefined) {
    const entry = (await findOrganisationDirectoryEntries(deps.db.kysely, [input.buyer.organisationId])).get(
      input.buyer.organisationId,
    );
    if (entry === undefined || input.buyer.organisationId === organisationId) {
      errors.push({
        field: 'buyer.organisationId',
        code: 'finance.insurance_unknown_buyer',
        message: 'An organisation on the hub other than the exporter',
      });
    }
    buyer = {
      buyer_organisation_id: input.buyer.organisationId,
      buyer_name: entry?.name ?? '',
      buyer_country: entry?.country ?? '',
      buyer_registration_id: null,
      buyer_key: `ORG:${input.buyer.organisationId}`,
    };
  } else {
    const name = input.buyer.name?.trim() ?? '';
    const country = input.buyer.country?.trim().toUpperCase() ?? '';
    const registrationId = input.buyer.registrationId?.trim() || null;
    if (name === '') {
      errors.push({
        field: 'buyer.name',
        code: 'kernel.required',
        message: 'The buyer, on the hub or by name',
      });
    }
    if (!isCountryCode(country)) {
      errors.push({
        field: 'buyer.country',
        code: 'kernel.unknown_code',
        message: 'An ISO 3166 country code',
      });
    }
    buyer = {
      buyer_organisation_id: null,
      buyer_name: name,
      buyer_country: country,
      buyer_registration_id: registrationId,
      buyer_key:
        registrationId === null
          ? `NAME:${country}:${name.normalize('NFKC').toUpperCase().replace(/\s+/g, ' ')}`
          : `REG:${country}:${registrationId.toUpperCase()}`,
    };
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  return deps.db.transaction(async (trx) => {
    if ((await findLiveLimitByBuyer(trx, policyId, buyer.buyer_key)) !== undefined) {
      throw new AppError(
        'finance.insurance_limit_exists',
        'The policy has a limit on this buyer, requested or approved: ask the insurer to change that one.',
      );
    }
    const now = deps.now();
    const row: LimitRow = {
      id: newId('icl'),
      policy_id: policyId,
      ...buyer,
      requested_minor: requested.toString(),
      approved_minor: null,
      status: 'requested',
      created_at: now,
      updated_at: now,
    };
    await insertLimit(trx, row);
    await insertLimitEvent(trx, {
      id: newId('ile'),
      limit_id: row.id,
      organisation_id: organisationId,
      kind: 'requested',
      amount_minor: row.requested_minor,
      reason: null,
      at: now,
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'insurance_credit_limit', id: row.id },
      detail: { policyId, requested: row.requested_minor },
    });
    return policyView(trx, policy, role);
  });
};

const allowedFrom: Record<LimitDecision['action'], readonly LimitStatus[]> = {
  approve: ['requested'],
  refuse: ['requested'],
  reduce: ['approved'],
  cancel: ['requested', 'approved'],
};

/**
 * The insurer approves an amount or refuses a requested limit, or reduces or cancels an approved
 * one. A reduction or cancellation binds new declarations only: shipments declared before stay
 * covered, as under the usual terms (a limit change does not reach back).
 */
export const decideLimit = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  policyId: string,
  limitId: string,
  decision: LimitDecision,
): Promise<PolicyView> => {
  const { policy, role } = await visiblePolicy(deps.db.kysely, organisationId, policyId);
  requireRole(role, 'insurer');
  const errors: FieldError[] = [];
  const amount = 'amount' in decision ? amountIn(policy.currency, decision.amount, 'amount', errors) : 0n;
  return deps.db.transaction(async (trx) => {
    const limit = await findLimit(trx, limitId, true);
    if (limit === undefined || limit.policy_id !== policyId) {
      throw limitNotFound(limitId);
    }
    if (!allowedFrom[decision.action].includes(limit.status)) {
      throw new AppError(
        'finance.insurance_limit_wrong_state',
        `A limit that is ${limit.status} cannot be ${decision.action}d.`,
        { details: { currentStatus: limit.status } },
      );
    }
    if (
      decision.action === 'reduce' &&
      errors.length === 0 &&
      amount >= BigInt(limit.approved_minor ?? '0')
    ) {
      errors.push({
        field: 'amount.amount',
        code: 'finance.insurance_not_a_reduction',
        message: 'Less than the approved amount',
      });
    }
    if (errors.length > 0) {
      throw invalid(errors);
    }
    const now = deps.now();
    const status: LimitStatus =
      decision.action === 'approve' || decision.action === 'reduce'
        ? 'approved'
        : decision.action === 'refuse'
          ? 'refused'
          : 'cancelled';
    const approved = status === 'approved' ? amount.toString() : null;
    const kind: LimitEventKind = (
      { approve: 'approved', reduce: 'reduced', refuse: 'refused', cancel: 'cancelled' } as const
    )[decision.action];
    await updateLimit(trx, limitId, { status, approved_minor: approved, updated_at: now });
    await insertLimitEvent(trx, {
      id: newId('ile'),
      limit_id: limitId,
      organisation_id: organisationId,
      kind,
      amount_minor: approved,
      reason: 'reason' in decision ? (decision.reason ?? null) : null,
      at: now,
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'insurance_credit_limit', id: limitId },
      detail: { policyId, decision: kind, amount: approved },
    });
    return policyView(trx, policy, role);
  });
};
