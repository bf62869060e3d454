import { formatMoneyAmount, type Money, money, multiplyMoney, parseMoney } from '@tradehub/kernel';
import type {
  CreditLimit,
  Declaration,
  DeclarationSummary,
  LimitStatus,
  PolicyRole,
  PolicySummary,
} from '../../api/finance-insurance.ts';
import { checkAmount } from '../../components/payments/ledger-model.ts';

// Pure rules of the credit-insurance pages, kept apart so they are tested without a browser. The
// arithmetic mirrors the server's (docs/credit-insurance.md): integer minor units, half-up.

export type LimitAction = 'approve' | 'refuse' | 'reduce' | 'cancel';

/** What the caller may decide on a limit now: only the insurer decides (the server refuses the rest). */
export const limitActions = (role: PolicyRole, status: LimitStatus): LimitAction[] => {
  if (role !== 'insurer') {
    return [];
  }
  if (status === 'requested') {
    return ['approve', 'refuse', 'cancel'];
  }
  return status === 'approved' ? ['reduce', 'cancel'] : [];
};

export type DeclarationAction = 'premium' | 'settle' | 'claim' | 'acceptClaim' | 'rejectClaim';

/**
 * What the caller may do on a declaration now. The exporter finishes a premium, reports payment or
 * claims; the insurer accepts or rejects a filed claim, and accepts again an accepted one whose
 * payout did not finish. A claim before `claimableFrom` is still offered: the server's refusal
 * names the date, and the page shows it beforehand.
 */
export const declarationActions = (
  role: PolicyRole,
  declaration: Pick<Declaration, 'status' | 'claim'>,
): DeclarationAction[] => {
  if (role === 'exporter') {
    if (declaration.status === 'pending_premium') {
      return ['premium'];
    }
    return declaration.status === 'active' ? ['settle', 'claim'] : [];
  }
  const claim = declaration.claim;
  if (claim?.status === 'filed') {
    return ['acceptClaim', 'rejectClaim'];
  }
  return claim?.status === 'accepted' ? ['acceptClaim'] : [];
};

/** Whether a claim may be filed on `today` (YYYY-MM-DD, UTC) under the waiting period. */
export const claimOpen = (declaration: Pick<DeclarationSummary, 'claimableFrom'>, today: string): boolean =>
  today >= declaration.claimableFrom;

/** Today as the server counts days: the UTC calendar date. */
export const utcToday = (now: Date): string => now.toISOString().slice(0, 10);

const OUTSTANDING: readonly DeclarationSummary['status'][] = ['pending_premium', 'active', 'claimed'];

const parseOr = (amount: string, currency: string): Money | null => {
  try {
    return parseMoney(amount, currency);
  } catch {
    return null;
  }
};

/**
 * A limit's outstanding exposure (invoices declared and not settled) and what is left of its
 * approved amount, as decimal strings; `left` is null when nothing is approved.
 */
export const limitHeadroom = (
  limit: Pick<CreditLimit, 'id' | 'approvedAmount' | 'requestedAmount'>,
  declarations: readonly Pick<DeclarationSummary, 'limitId' | 'status' | 'invoiceAmount'>[],
): { exposure: string; left: string | null } => {
  const currency = limit.requestedAmount.currency;
  let exposure = 0n;
  for (const d of declarations) {
    if (d.limitId === limit.id && OUTSTANDING.includes(d.status)) {
      exposure += parseOr(d.invoiceAmount.amount, currency)?.amountMinor ?? 0n;
    }
  }
  const approved = limit.approvedAmount ? parseOr(limit.approvedAmount.amount, currency) : null;
  const left = approved ? approved.amountMinor - exposure : null;
  return {
    exposure: formatMoneyAmount(money(currency, exposure)),
    left: left === null ? null : formatMoneyAmount(money(currency, left > 0n ? left : 0n)),
  };
};

/** The premium the server will charge: invoice amount x rate, half-up; null while the amount is not valid. */
export const premiumPreview = (amount: string, premiumRate: string, currency: string): string | null => {
  if (checkAmount(amount, currency) !== null) {
    return null;
  }
  return formatMoneyAmount(multiplyMoney(parseMoney(amount.trim(), currency), premiumRate, 'half_up'));
};

/** `90` -> `0.90`, `87.5` -> `0.875`: a percentage as a factor, by moving the point, not by dividing. */
export const percentFactor = (percent: string): string | null => {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(percent.trim());
  if (!match) {
    return null;
  }
  const fraction = match[2] ?? '';
  const digits = `${(match[1] ?? '0').padStart(3, '0')}${fraction}`;
  const cut = digits.length - fraction.length - 2;
  return `${BigInt(digits.slice(0, cut)).toString()}.${digits.slice(cut)}`;
};

/** An indemnity percentage the server takes: above 0, at most 100, two decimals at most. */
export const isIndemnityPercent = (percent: string): boolean => {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(percent.trim());
  if (!match) {
    return false;
  }
  const hundredths = BigInt(match[1] ?? '0') * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  return hundredths > 0n && hundredths <= 10_000n;
};

/** The payout the insurer will pay on an outstanding amount: outstanding x indemnity %, half-up. */
export const payoutPreview = (
  outstanding: string,
  indemnityPercent: string,
  currency: string,
): string | null => {
  const factor = percentFactor(indemnityPercent);
  if (factor === null || checkAmount(outstanding, currency) !== null) {
    return null;
  }
  return formatMoneyAmount(multiplyMoney(parseMoney(outstanding.trim(), currency), factor, 'half_up'));
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const dayNumber = (date: string) => Math.round(new Date(`${date}T00:00:00Z`).getTime() / DAY_MS);

/**
 * What is wrong with the dates of a declaration under the policy, as the server's field error
 * code (`fieldErrors.<code>` translates it), or null: checked while typing, and the server checks again.
 */
export const declarationDateProblem = (
  policy: Pick<PolicySummary, 'periodStart' | 'periodEnd' | 'maxCreditPeriodDays'>,
  shipmentDate: string,
  dueDate: string,
): { field: 'shipmentDate' | 'dueDate'; code: string } | null => {
  if (!DATE.test(shipmentDate) || !DATE.test(dueDate)) {
    return null;
  }
  if (shipmentDate < policy.periodStart || shipmentDate > policy.periodEnd) {
    return { field: 'shipmentDate', code: 'finance.insurance_outside_policy_period' };
  }
  if (dueDate < shipmentDate) {
    return { field: 'dueDate', code: 'finance.insurance_due_before_shipment' };
  }
  if (dayNumber(dueDate) - dayNumber(shipmentDate) > policy.maxCreditPeriodDays) {
    return { field: 'dueDate', code: 'finance.insurance_credit_period_too_long' };
  }
  return null;
};

/** The other organisation on a policy, seen from the caller's side. */
export const counterpartyOf = (
  policy: Pick<PolicySummary, 'role' | 'insurerOrganisationId' | 'exporterOrganisationId'>,
) => (policy.role === 'insurer' ? policy.exporterOrganisationId : policy.insurerOrganisationId);

/** Limits a shipment can be declared against: approved ones. */
export const declarableLimits = (limits: readonly CreditLimit[]): CreditLimit[] =>
  limits.filter((limit) => limit.status === 'approved');
