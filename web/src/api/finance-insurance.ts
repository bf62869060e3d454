import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, seg } from './client.ts';
import type { MoneyValue } from './finance.ts';

// Export credit insurance (server/src/modules/finance/insurance/routes-insurance.ts; contract in
// docs/credit-insurance.md): an insurer's policies for exporters, buyer credit limits, shipments
// declared under a policy with their premium, and claims with their payout. Amounts are decimal
// strings with their currency; rates and percentages are decimal text.

export const POLICY_ROLES = ['insurer', 'exporter'] as const;
export type PolicyRole = (typeof POLICY_ROLES)[number];

export const LIMIT_STATUSES = ['requested', 'approved', 'refused', 'cancelled'] as const;
export type LimitStatus = (typeof LIMIT_STATUSES)[number];

export const LIMIT_EVENT_KINDS = ['requested', 'approved', 'refused', 'reduced', 'cancelled'] as const;

export const DECLARATION_STATUSES = ['pending_premium', 'active', 'settled', 'claimed'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

export const CLAIM_STATUSES = ['filed', 'accepted', 'paid', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_EVENT_KINDS = ['filed', 'accepted', 'paid', 'payout_failed', 'rejected'] as const;

export const EVIDENCE_ROLES = ['invoice', 'bill_of_lading', 'order', 'other'] as const;
export type EvidenceRole = (typeof EVIDENCE_ROLES)[number];

export type LimitHistoryItem = {
  kind: string;
  byOrganisationId: string;
  amount: MoneyValue | null;
  reason: string | null;
  at: string;
};

export type CreditLimit = {
  id: string;
  policyId: string;
  buyer: { organisationId: string | null; name: string; country: string; registrationId: string | null };
  requestedAmount: MoneyValue;
  approvedAmount: MoneyValue | null;
  status: LimitStatus;
  history: LimitHistoryItem[];
};

export type PolicySummary = {
  id: string;
  policyNumber: string;
  /** The caller's side of the policy. */
  role: PolicyRole;
  insurerOrganisationId: string;
  exporterOrganisationId: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  /** A share of the declared value: "0.0035". */
  premiumRate: string;
  /** "90" is 90 % of the outstanding amount. */
  indemnityPercent: string;
  waitingPeriodDays: number;
  maxCreditPeriodDays: number;
  insurerAccountId: string;
  createdAt: string;
};

export type Policy = PolicySummary & { limits: CreditLimit[] };

export type EvidenceItem = { role: string; documentId: string; credentialId: string; sha256: string };

export type Claim = {
  id: string;
  status: ClaimStatus;
  outstandingAmount: MoneyValue;
  payoutAmount: MoneyValue;
  evidence: EvidenceItem[];
  reason: string | null;
  payoutTransferId: string | null;
  filedAt: string;
  history: { kind: string; byOrganisationId: string; detail: Record<string, unknown>; at: string }[];
};

export type DeclarationSummary = {
  id: string;
  policyId: string;
  limitId: string;
  invoiceNumber: string;
  invoiceAmount: MoneyValue;
  shipmentDate: string;
  dueDate: string;
  /** The first day (UTC) a claim may be filed: due date plus the waiting period. */
  claimableFrom: string;
  premium: MoneyValue;
  premiumTransferId: string | null;
  accountId: string;
  status: DeclarationStatus;
  createdAt: string;
};

export type Declaration = DeclarationSummary & { claim: Claim | null };

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
  buyer: { organisationId: string } | { name: string; country: string; registrationId?: string };
  amount: MoneyValue;
};

export type LimitDecision =
  | { action: 'approve'; amount: MoneyValue }
  | { action: 'reduce'; amount: MoneyValue; reason?: string }
  | { action: 'refuse' | 'cancel'; reason: string };

export type DeclarationInput = {
  limitId: string;
  invoiceNumber: string;
  invoiceAmount: MoneyValue;
  shipmentDate: string;
  dueDate: string;
  accountId: string;
};

export type ClaimInput = {
  outstandingAmount?: MoneyValue;
  evidence: { role: EvidenceRole; documentId: string }[];
};

export type ClaimDecision = { decision: 'accept' } | { decision: 'reject'; reason: string };

export const POLICIES_PAGE_SIZE = 200;

export const insuranceKeys = {
  all: (orgId: string) => ['orgs', orgId, 'finance', 'insurance'] as const,
  policies: (orgId: string) => ['orgs', orgId, 'finance', 'insurance', 'policies'] as const,
  policy: (orgId: string, policyId: string) =>
    ['orgs', orgId, 'finance', 'insurance', 'policy', policyId] as const,
  declarations: (orgId: string, policyId: string) =>
    ['orgs', orgId, 'finance', 'insurance', 'declarations', policyId] as const,
  declaration: (orgId: string, declarationId: string) =>
    ['orgs', orgId, 'finance', 'insurance', 'declaration', declarationId] as const,
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/finance/insurance`;
const policyPath = (orgId: string, policyId: string) => `${base(orgId)}/policies/${seg(policyId)}`;
const declarationPath = (orgId: string, declarationId: string) =>
  `${base(orgId)}/declarations/${seg(declarationId)}`;

export const listPolicies = (orgId: string, signal?: AbortSignal): Promise<{ items: PolicySummary[] }> =>
  apiGet<{ items: PolicySummary[] }>(`${base(orgId)}/policies`, { limit: POLICIES_PAGE_SIZE }, signal);

export const getPolicy = (orgId: string, policyId: string, signal?: AbortSignal): Promise<Policy> =>
  apiGet<Policy>(policyPath(orgId, policyId), undefined, signal);

export const issuePolicy = (orgId: string, input: IssuePolicyInput): Promise<Policy> =>
  apiPost<Policy>(`${base(orgId)}/policies`, input);

export const applyForLimit = (orgId: string, policyId: string, input: LimitApplication): Promise<Policy> =>
  apiPost<Policy>(`${policyPath(orgId, policyId)}/limits`, input);

export const decideLimit = (
  orgId: string,
  policyId: string,
  limitId: string,
  decision: LimitDecision,
): Promise<Policy> =>
  apiPost<Policy>(`${policyPath(orgId, policyId)}/limits/${seg(limitId)}/decision`, decision);

export const listDeclarations = (
  orgId: string,
  policyId: string,
  signal?: AbortSignal,
): Promise<{ items: DeclarationSummary[] }> =>
  apiGet<{ items: DeclarationSummary[] }>(`${policyPath(orgId, policyId)}/declarations`, undefined, signal);

export const declareShipment = (
  orgId: string,
  policyId: string,
  input: DeclarationInput,
): Promise<Declaration> => apiPost<Declaration>(`${policyPath(orgId, policyId)}/declarations`, input);

export const getDeclaration = (
  orgId: string,
  declarationId: string,
  signal?: AbortSignal,
): Promise<Declaration> => apiGet<Declaration>(declarationPath(orgId, declarationId), undefined, signal);

/** `premium` finishes an interrupted premium posting; `settle` reports that the buyer paid. */
export const declarationStep = (
  orgId: string,
  declarationId: string,
  step: 'premium' | 'settle',
): Promise<Declaration> => apiPost<Declaration>(`${declarationPath(orgId, declarationId)}/${step}`);

export const fileClaim = (orgId: string, declarationId: string, input: ClaimInput): Promise<Declaration> =>
  apiPost<Declaration>(`${declarationPath(orgId, declarationId)}/claim`, input);

export const decideClaim = (
  orgId: string,
  declarationId: string,
  decision: ClaimDecision,
): Promise<Declaration> =>
  apiPost<Declaration>(`${declarationPath(orgId, declarationId)}/claim/decision`, decision);

export const usePolicies = (orgId: string) =>
  useQuery({ queryKey: insuranceKeys.policies(orgId), queryFn: ({ signal }) => listPolicies(orgId, signal) });

export const usePolicy = (orgId: string, policyId: string) =>
  useQuery({
    queryKey: insuranceKeys.policy(orgId, policyId),
    queryFn: ({ signal }) => getPolicy(orgId, policyId, signal),
  });

export const useDeclarations = (orgId: string, policyId: string) =>
  useQuery({
    queryKey: insuranceKeys.declarations(orgId, policyId),
    queryFn: ({ signal }) => listDeclarations(orgId, policyId, signal),
  });

export const useDeclaration = (orgId: string, declarationId: string | null) =>
  useQuery({
    queryKey: insuranceKeys.declaration(orgId, declarationId ?? ''),
    queryFn: ({ signal }) => getDeclaration(orgId, declarationId ?? '', signal),
    enabled: declarationId !== null,
  });

/** Any insurance write: policies, limits and declarations are read again, and the balances premiums and payouts moved. */
export const useInsuranceMutation = <Input, Output>(
  orgId: string,
  write: (input: Input) => Promise<Output>,
) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: insuranceKeys.all(orgId) }),
        queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'payments'] }),
      ]);
    },
  });
};
