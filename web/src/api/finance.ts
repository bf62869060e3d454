import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, seg } from './client.ts';

// The duplicate-financing registry's HTTP API (server/src/modules/finance/routes.ts; contract in
// docs/finance-registry.md). The registry answers a check with a verdict and a risk level only,
// never whose registration matched.

export const FINANCIER_KINDS = ['bank', 'payment_institution', 'insurer'] as const;

export const PARTY_SCHEMES = ['uscc', 'lei', 'registration'] as const;
export type PartyScheme = (typeof PARTY_SCHEMES)[number];

export const REGISTRY_ANSWERS = ['no_match', 'exact_match', 'similar'] as const;
export type RegistryAnswer = (typeof REGISTRY_ANSWERS)[number];

export const RISK_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const REGISTRATION_STATUSES = ['active', 'released', 'expired'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export type PartyId = { scheme: PartyScheme; value: string; country?: string };

export type MoneyValue = { amount: string; currency: string };

export type InvoiceInput = {
  seller: PartyId;
  buyer: PartyId;
  invoiceNumber: string;
  issueDate: string;
  amount: MoneyValue;
};

export type CheckAnswer = { queryId: string; answer: RegistryAnswer; risk: RiskLevel };

export type Registration = {
  id: string;
  assetType: 'invoice';
  status: RegistrationStatus;
  faceAmount: MoneyValue;
  financedAmount: MoneyValue;
  reference: string | null;
  registeredAt: string;
  expiresAt: string;
  releasedAt: string | null;
};

export type RegisterInput = {
  invoice: InvoiceInput;
  financedAmount: MoneyValue;
  expiresAt?: string;
  reference?: string;
};

export type RegistrationPage = { items: Registration[]; nextCursor: string | null };

export const REGISTRATIONS_PAGE_SIZE = 50;

export const financeKeys = {
  all: (orgId: string) => ['orgs', orgId, 'finance'] as const,
  registrations: (orgId: string, status: RegistrationStatus | null) =>
    ['orgs', orgId, 'finance', 'registrations', status ?? ''] as const,
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/finance/registry`;

export const checkInvoice = (orgId: string, invoice: InvoiceInput): Promise<CheckAnswer> =>
  apiPost<CheckAnswer>(`${base(orgId)}/checks`, { invoice });

export const registerInvoice = (
  orgId: string,
  input: RegisterInput,
): Promise<Registration & { check: Omit<CheckAnswer, 'queryId'> }> =>
  apiPost<Registration & { check: Omit<CheckAnswer, 'queryId'> }>(`${base(orgId)}/registrations`, input);

export const listRegistrations = (
  orgId: string,
  status: RegistrationStatus | null,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<RegistrationPage> =>
  apiGet<RegistrationPage>(
    `${base(orgId)}/registrations`,
    { status, cursor, limit: REGISTRATIONS_PAGE_SIZE },
    signal,
  );

export const releaseRegistration = (orgId: string, registrationId: string): Promise<Registration> =>
  apiPost<Registration>(`${base(orgId)}/registrations/${seg(registrationId)}/release`);

export const useRegistrations = (orgId: string, status: RegistrationStatus | null, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: financeKeys.registrations(orgId, status),
    queryFn: ({ pageParam, signal }) => listRegistrations(orgId, status, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });

/** Any registry write: the organisation's registration lists are refreshed. */
export const useRegistryMutation = <Input, Output>(
  orgId: string,
  write: (input: Input) => Promise<Output>,
) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: financeKeys.all(orgId) }),
  });
};
