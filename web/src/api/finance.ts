import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
  assetType: AssetType;
  status: RegistrationStatus;
  faceAmount: MoneyValue;
  financedAmount: MoneyValue;
  reference: string | null;
  registeredAt: string;
  expiresAt: string;
  releasedAt: string | null;
};

/**
 * What the registry holds: an invoice, a purchase order financed before shipment, or an IP right
 * pledged to a bank (registered by the expo IP registry when the holder pledges it).
 */
export const ASSET_TYPES = ['invoice', 'purchase_order', 'ip_asset'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

/** The registered IP rights a bank may ask about (a trade secret has no registry number). */
export const IP_RIGHT_KINDS = [
  'patent',
  'utility_model',
  'design',
  'trademark',
  'copyright',
  'software_copyright',
] as const;
export type IpRightKind = (typeof IP_RIGHT_KINDS)[number];

/** An IP right as the registry's check takes it; the registry number in any spelling. */
export type IpRightInput = { kind: IpRightKind; jurisdiction: string; registryNumber: string };

export type RegisterInput = {
  /** `invoice` when left out; a purchase order's number and agreed date go in `invoice` too. */
  assetType?: Exclude<AssetType, 'ip_asset'>;
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

export const checkInvoice = (
  orgId: string,
  invoice: InvoiceInput,
  assetType: Exclude<AssetType, 'ip_asset'> = 'invoice',
): Promise<CheckAnswer> => apiPost<CheckAnswer>(`${base(orgId)}/checks`, { assetType, invoice });

/** Whether an IP right is pledged on the hub already: exact_match or no_match, nothing more. */
export const checkIpAsset = (orgId: string, right: IpRightInput): Promise<CheckAnswer> =>
  apiPost<CheckAnswer>(`${base(orgId)}/ip-assets/check`, right);

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

// Financing requests (server/src/modules/finance/routes-financing.ts; contract in docs/finance.md):
// an exporter asks banks to finance an invoice it issued; the request reads the invoice from the
// signed credential, so the bank sees what the exporter signed.

export const REQUEST_STATUSES = [
  'draft',
  'open',
  'offered',
  'accepted',
  'disbursed',
  'repaid',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const OFFER_STATUSES = ['open', 'accepted', 'lapsed', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export type InvoiceParty = { name: string; country: string; companyId: string | null };

export type FinancingOffer = {
  id: string;
  requestId: string;
  bankOrganisationId: string;
  amount: MoneyValue;
  /** Annual, as a decimal string: "0.08" is 8 %. */
  rate: string;
  fee: MoneyValue;
  tenorDays: number;
  /** What the exporter receives: amount less fee. */
  disbursement: MoneyValue;
  /** What the exporter owes at maturity. */
  repayment: MoneyValue;
  expiresAt: string;
  status: OfferStatus;
  createdAt: string;
};

export type FinancingEvent = {
  id: string;
  organisationId: string;
  kind: string;
  detail: Record<string, unknown>;
  at: string;
};

export type FinancingRequest = {
  id: string;
  status: RequestStatus;
  /** The caller's side of the request. */
  role: 'exporter' | 'bank';
  exporterOrganisationId: string;
  /** What is financed: an issued invoice, or an agreed order (purchase-order financing). */
  subjectKind: AssetType;
  /** The invoice's document and credential; null for a purchase order. */
  documentId: string | null;
  credentialId: string | null;
  /** The purchase order, or the order an invoice belongs to when the hub knows it. */
  orderId: string | null;
  orderVersion: number | null;
  /** The subject's number, date, parties and total: the invoice's or the purchase order's. */
  invoice: {
    number: string;
    issueDate: string;
    seller: InvoiceParty;
    buyer: InvoiceParty;
    amount: MoneyValue;
  };
  registryAssetType: AssetType;
  registryInvoice: InvoiceInput;
  requestedAmount: MoneyValue;
  tenorDays: number;
  evidenceDocumentIds: string[];
  sharedWith: string[];
  acceptedOfferId: string | null;
  exporterAccountId: string | null;
  registrationId: string | null;
  disbursementTransferId: string | null;
  repaymentTransferId: string | null;
  offers: FinancingOffer[];
  events: FinancingEvent[];
  createdAt: string;
  updatedAt: string;
};

export type FinancingRequestPage = { items: FinancingRequest[]; nextCursor: string | null };

/** Either `documentId` (an issued invoice) or `orderId` (an agreed order the organisation sells). */
export type CreateRequestInput = {
  documentId?: string;
  orderId?: string;
  requestedAmount: MoneyValue;
  tenorDays: number;
  evidenceDocumentIds?: string[];
};

export type OfferInput = {
  amount: MoneyValue;
  rate: string;
  fee: MoneyValue;
  tenorDays?: number;
  expiresAt: string;
};

export const REQUESTS_PAGE_SIZE = 50;
const REQUESTS_EXPORT_PAGE_SIZE = 200;

export const financingKeys = {
  all: (orgId: string) => ['orgs', orgId, 'finance', 'requests'] as const,
  list: (orgId: string, status: RequestStatus | null) =>
    ['orgs', orgId, 'finance', 'requests', 'list', status ?? ''] as const,
  one: (orgId: string, requestId: string) =>
    ['orgs', orgId, 'finance', 'requests', 'one', requestId] as const,
};

const requests = (orgId: string) => `/api/orgs/${seg(orgId)}/finance/requests`;
const request = (orgId: string, requestId: string) => `${requests(orgId)}/${seg(requestId)}`;

export const listFinancingRequests = (
  orgId: string,
  status: RequestStatus | null,
  cursor: string | null,
  limit = REQUESTS_PAGE_SIZE,
  signal?: AbortSignal,
): Promise<FinancingRequestPage> =>
  apiGet<FinancingRequestPage>(requests(orgId), { status, cursor, limit }, signal);

export const getFinancingRequest = (
  orgId: string,
  requestId: string,
  signal?: AbortSignal,
): Promise<FinancingRequest> => apiGet<FinancingRequest>(request(orgId, requestId), undefined, signal);

export const createFinancingRequest = (orgId: string, input: CreateRequestInput): Promise<FinancingRequest> =>
  apiPost<FinancingRequest>(requests(orgId), input);

export const shareFinancingRequest = (
  orgId: string,
  requestId: string,
  bankOrganisationIds: string[],
): Promise<FinancingRequest> =>
  apiPost<FinancingRequest>(`${request(orgId, requestId)}/shares`, { bankOrganisationIds });

export const offerFinancing = (
  orgId: string,
  requestId: string,
  input: OfferInput,
): Promise<FinancingRequest> => apiPost<FinancingRequest>(`${request(orgId, requestId)}/offers`, input);

export const acceptFinancingOffer = (
  orgId: string,
  requestId: string,
  input: { offerId: string; creditAccountId: string },
): Promise<FinancingRequest> => apiPost<FinancingRequest>(`${request(orgId, requestId)}/accept`, input);

/** The bank disburses from, or the exporter repays from, the account named. */
export const payFinancing = (
  orgId: string,
  requestId: string,
  step: 'disburse' | 'repay',
  debitAccountId: string,
): Promise<FinancingRequest> =>
  apiPost<FinancingRequest>(`${request(orgId, requestId)}/${step}`, { debitAccountId });

export const withdrawFinancingRequest = (orgId: string, requestId: string): Promise<FinancingRequest> =>
  apiPost<FinancingRequest>(`${request(orgId, requestId)}/withdraw`);

/** Every request of the filtered list, page by page, up to `maxRows`, for exports. */
export const collectFinancingRequests = async (
  orgId: string,
  status: RequestStatus | null,
  maxRows: number,
  onProgress: (count: number) => void,
): Promise<{ rows: FinancingRequest[]; truncated: boolean }> => {
  const rows: FinancingRequest[] = [];
  let cursor: string | null = null;
  do {
    const page = await listFinancingRequests(orgId, status, cursor, REQUESTS_EXPORT_PAGE_SIZE);
    rows.push(...page.items);
    onProgress(rows.length);
    cursor = page.nextCursor;
  } while (cursor !== null && rows.length < maxRows);
  return { rows: rows.slice(0, maxRows), truncated: cursor !== null || rows.length > maxRows };
};

export const useFinancingRequests = (orgId: string, status: RequestStatus | null) =>
  useInfiniteQuery({
    queryKey: financingKeys.list(orgId, status),
    queryFn: ({ pageParam, signal }) =>
      listFinancingRequests(orgId, status, pageParam, REQUESTS_PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useFinancingRequest = (orgId: string, requestId: string) =>
  useQuery({
    queryKey: financingKeys.one(orgId, requestId),
    queryFn: ({ signal }) => getFinancingRequest(orgId, requestId, signal),
  });

/** A financing step: the requests, the registry lists and the balances it moved are refreshed. */
export const useFinancingMutation = <Input>(
  orgId: string,
  write: (input: Input) => Promise<FinancingRequest>,
) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: financeKeys.all(orgId) }),
        queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'payments'] }),
      ]);
    },
  });
};
