import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MoneyJson } from '@tradehub/kernel';
import {
  ApiError,
  apiDelete,
  apiGet,
  apiPost,
  isUnauthenticated,
  type ProblemFieldError,
  seg,
} from './client.ts';

// The trade module's HTTP API (server/src/modules/trade/routes.ts; contract in the trade API notes):
// orders between a seller and a buyer organisation, their lifecycle, shares and documents.

export const ORDER_STATUSES = [
  'draft',
  'offered',
  'countered',
  'accepted',
  'rejected',
  'in_fulfilment',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ROLES = ['seller', 'buyer', 'shared'] as const;
export type OrderRole = (typeof ORDER_ROLES)[number];

export const ORDER_ACTIONS = [
  'offer',
  'accept',
  'reject',
  'counter',
  'start_fulfilment',
  'complete',
  'cancel',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const SHARE_ROLES = ['forwarder', 'broker', 'bank', 'other'] as const;
export type ShareRole = (typeof SHARE_ROLES)[number];

export const PARTY_ROLES = ['seller', 'buyer', 'forwarder', 'broker', 'bank', 'other'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const ORDER_DOCUMENT_KINDS = [
  'sales_contract',
  'proforma_invoice',
  'commercial_invoice',
  'packing_list',
  'certificate_of_origin',
  'bill_of_lading',
  'e_invoice',
] as const;
export type OrderDocumentKind = (typeof ORDER_DOCUMENT_KINDS)[number];

/** Kinds the Peppol BIS Billing 3.0 export exists for. */
export const PEPPOL_KINDS: readonly OrderDocumentKind[] = ['commercial_invoice', 'e_invoice'];

export const INCOTERMS_2020 = [
  'EXW',
  'FCA',
  'CPT',
  'CIP',
  'DAP',
  'DPU',
  'DDP',
  'FAS',
  'FOB',
  'CFR',
  'CIF',
] as const;
export type IncotermsRule = (typeof INCOTERMS_2020)[number];

export type OrderParty = {
  organisationId?: string;
  name: string;
  country: string;
  companyId?: string;
  email?: string;
  addressLines?: string[];
  city?: string;
  postalCode?: string;
};

export type OrderLine = {
  lineNumber: number;
  sellerItemId?: string;
  descriptionEn: string;
  descriptionZh?: string;
  hsCode: string;
  quantity: string;
  unitCode: string;
  unitPrice: MoneyJson;
  lineTotal: MoneyJson;
};

export type OrderContent = {
  buyerReference: string;
  issueDate: string;
  currency: string;
  seller: OrderParty;
  buyer: OrderParty;
  incoterms: { rule: IncotermsRule; namedPlace: { unlocode: string; name?: string } };
  requestedDeliveryDate?: string;
  paymentTerms: string;
  note?: string;
  lines: OrderLine[];
  total: MoneyJson;
};

export type OrderView = {
  id: string;
  version: number;
  status: OrderStatus;
  myRole: OrderRole;
  sellerOrganisationId: string;
  buyerOrganisationId: string | null;
  buyerInvitation: { email: string; status: 'pending' | 'claimed' } | null;
  createdByOrganisationId: string;
  awaitingOrganisationId: string | null;
  /** What the server would accept from the caller now (the display still computes its own). */
  allowedActions?: OrderAction[];
  content: OrderContent;
  createdAt: string;
  updatedAt: string;
};

export type OrderHistoryRow = {
  version?: number;
  at: string;
  status: OrderStatus;
  action: string;
  byOrganisationId: string;
  byOrganisationName: string;
  byUserLabel: string;
  note: string | null;
  contentChanged: boolean;
};

export type OrderPartyView = { organisationId: string | null; name: string; role: PartyRole };
export type OrderShare = {
  organisationId: string;
  name: string;
  role: ShareRole;
  sharedAt: string;
  sharedByOrganisationId: string;
};
export type OrderDocument = {
  documentId: string;
  kind: OrderDocumentKind;
  documentNumber: string;
  version: number;
  replacesDocumentId: string | null;
  status: string;
  issuedAt: string;
};

export type OrderDetail = OrderView & {
  history: OrderHistoryRow[];
  parties: OrderPartyView[];
  shares: OrderShare[];
  documents: OrderDocument[];
};

export type OrderPage = { items: OrderView[]; nextCursor: string | null; total: number };

/** `name` is the English name, `nameZh` the Chinese one. */
export type Partner = {
  organisationId: string;
  name: string;
  nameZh?: string;
  kind: string;
  country: string;
};

export type OrderFilters = { status: OrderStatus | null; role: OrderRole | null; q: string };

export type IssuedOrderDocument = {
  documentId: string;
  kind: OrderDocumentKind;
  documentNumber: string;
  version: number;
};

export const ORDERS_PAGE_SIZE = 25;
const EXPORT_PAGE_SIZE = 200;

// Cache keys under ['orgs', orgId, ...] like query-keys.ts, so switching organisation never mixes data.
export const orderKeys = {
  all: (orgId: string) => ['orgs', orgId, 'orders'] as const,
  list: (orgId: string, filters: OrderFilters) =>
    ['orgs', orgId, 'orders', 'list', filters.status ?? '', filters.role ?? '', filters.q.trim()] as const,
  one: (orgId: string, orderId: string) => ['orgs', orgId, 'orders', 'one', orderId] as const,
  partners: (orgId: string, q: string) => ['orgs', orgId, 'partners', q] as const,
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/orders`;
const one = (orgId: string, orderId: string) => `${base(orgId)}/${seg(orderId)}`;

export const listOrders = (
  orgId: string,
  filters: OrderFilters,
  cursor: string | null,
  limit = ORDERS_PAGE_SIZE,
  signal?: AbortSignal,
): Promise<OrderPage> =>
  apiGet<OrderPage>(
    base(orgId),
    { status: filters.status, role: filters.role, q: filters.q.trim(), limit, cursor },
    signal,
  );

export const getOrder = (orgId: string, orderId: string, signal?: AbortSignal): Promise<OrderDetail> =>
  apiGet<OrderDetail>(one(orgId, orderId), undefined, signal);

export const createOrder = (orgId: string, content: OrderContent): Promise<OrderView> =>
  apiPost<OrderView>(base(orgId), { content });

export type ActionInput = { action: OrderAction; version: number; note?: string; content?: OrderContent };

export const runOrderAction = (orgId: string, orderId: string, input: ActionInput): Promise<OrderView> =>
  apiPost<OrderView>(`${one(orgId, orderId)}/actions`, input);

export const shareOrder = (
  orgId: string,
  orderId: string,
  input: { organisationId: string; role: ShareRole },
): Promise<unknown> => apiPost<unknown>(`${one(orgId, orderId)}/shares`, input);

export const unshareOrder = (orgId: string, orderId: string, organisationId: string): Promise<void> =>
  apiDelete(`${one(orgId, orderId)}/shares/${seg(organisationId)}`);

export const issueOrderDocument = (
  orgId: string,
  orderId: string,
  input: { kind: OrderDocumentKind; replacesDocumentId?: string },
): Promise<IssuedOrderDocument> => apiPost<IssuedOrderDocument>(`${one(orgId, orderId)}/documents`, input);

export const listPartners = (orgId: string, q: string, signal?: AbortSignal): Promise<Partner[]> =>
  apiGet<Partner[]>(`/api/orgs/${seg(orgId)}/partners`, { q: q.trim() }, signal);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fieldErrorsOf = (value: unknown): ProblemFieldError[] =>
  Array.isArray(value)
    ? value.filter(isRecord).map((item) => ({
        field: typeof item.field === 'string' ? item.field : '',
        code: typeof item.code === 'string' ? item.code : '',
        message: typeof item.message === 'string' ? item.message : '',
      }))
    : [];

/** The problem answer of a failed call as an ApiError, like client.ts makes for JSON calls. */
const problemOf = async (response: Response): Promise<ApiError> => {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!isRecord(body) || typeof body.code !== 'string') {
    return new ApiError({ status: response.status, code: 'client.unexpected_response' });
  }
  return new ApiError({
    status: response.status,
    code: body.code,
    ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
    ...(typeof body.title === 'string' ? { title: body.title } : {}),
    ...(typeof body.requestId === 'string' ? { requestId: body.requestId } : {}),
    errors: fieldErrorsOf(body.errors),
  });
};

// client.ts speaks JSON with GET/POST/PATCH/DELETE; the order API also needs PUT, XML uploads and
// byte-exact downloads (PDFs and bundles are signed data), which go through this one function.
const send = async (
  path: string,
  init: { method: 'GET' | 'POST' | 'PUT'; accept: string; contentType?: string; body?: string | Blob },
): Promise<Response> => {
  const headers: Record<string, string> = { accept: `${init.accept}, application/problem+json` };
  if (init.contentType) {
    headers['content-type'] = init.contentType;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method,
      credentials: 'same-origin',
      headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'client.network_error' });
  }
  if (response.ok) {
    return response;
  }
  const error = await problemOf(response);
  if (isUnauthenticated(error)) {
    // The session ended; a reload sends the user through the login page and back here.
    window.location.reload();
  }
  throw error;
};

export const updateOrder = async (
  orgId: string,
  orderId: string,
  input: { version: number; content: OrderContent },
): Promise<OrderView> => {
  const response = await send(one(orgId, orderId), {
    method: 'PUT',
    accept: 'application/json',
    contentType: 'application/json',
    body: JSON.stringify(input),
  });
  return (await response.json()) as OrderView;
};

/** What the importer states where a UBL Order is silent (HS codes by the file's line number, ...). */
export type UblOrderCompletion = {
  hsCodes?: Record<string, string>;
  incoterms?: { rule: string; namedPlace: { unlocode: string; name?: string } };
  paymentTerms?: string;
};

/**
 * Imports a UBL 2.4 Order file as a draft order; the server validates it against the schema. With
 * a completion, the file travels as JSON beside what the importer states.
 */
export const importUblOrder = async (
  orgId: string,
  file: Blob,
  completion?: UblOrderCompletion,
): Promise<OrderView> => {
  const response = await send(
    `${base(orgId)}/import/ubl`,
    completion === undefined
      ? { method: 'POST', accept: 'application/json', contentType: 'application/xml', body: file }
      : {
          method: 'POST',
          accept: 'application/json',
          contentType: 'application/json',
          body: JSON.stringify({ ubl: await file.text(), completion }),
        },
  );
  return (await response.json()) as OrderView;
};

const fetchBlob = async (path: string, accept: string): Promise<Blob> =>
  (await send(path, { method: 'GET', accept })).blob();

export type OrderFile =
  | { kind: 'pdf'; documentId: string }
  | { kind: 'bundle'; documentId: string }
  | { kind: 'peppol'; documentId: string }
  | { kind: 'ubl-order' }
  | { kind: 'ubl-order-response' };

/** A file of the order as the server sent it, byte for byte. */
export const fetchOrderFile = (orgId: string, orderId: string, file: OrderFile): Promise<Blob> => {
  const order = one(orgId, orderId);
  switch (file.kind) {
    case 'pdf':
      return fetchBlob(`${order}/documents/${seg(file.documentId)}/pdf`, 'application/pdf');
    case 'bundle':
      return fetchBlob(`${order}/documents/${seg(file.documentId)}/bundle`, 'application/json');
    case 'peppol':
      return fetchBlob(`${order}/documents/${seg(file.documentId)}/peppol`, 'application/xml');
    case 'ubl-order':
      return fetchBlob(`${order}/ubl/order`, 'application/xml');
    case 'ubl-order-response':
      return fetchBlob(`${order}/ubl/order-response`, 'application/xml');
  }
};

/** Every order of the filtered list, page by page, up to `maxRows`. */
export const collectOrders = async (
  orgId: string,
  filters: OrderFilters,
  maxRows: number,
  onProgress: (count: number) => void,
): Promise<{ orders: OrderView[]; truncated: boolean }> => {
  const orders: OrderView[] = [];
  let cursor: string | null = null;
  do {
    const page = await listOrders(orgId, filters, cursor, EXPORT_PAGE_SIZE);
    orders.push(...page.items);
    onProgress(orders.length);
    cursor = page.nextCursor;
  } while (cursor !== null && orders.length < maxRows);
  return { orders: orders.slice(0, maxRows), truncated: cursor !== null || orders.length > maxRows };
};

export const useOrders = (orgId: string, filters: OrderFilters) =>
  useInfiniteQuery({
    queryKey: orderKeys.list(orgId, filters),
    queryFn: ({ pageParam, signal }) => listOrders(orgId, filters, pageParam, ORDERS_PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useOrder = (orgId: string, orderId: string) =>
  useQuery({
    queryKey: orderKeys.one(orgId, orderId),
    queryFn: ({ signal }) => getOrder(orgId, orderId, signal),
  });

export const usePartners = (orgId: string, q: string) =>
  useQuery({
    queryKey: orderKeys.partners(orgId, q.trim()),
    queryFn: ({ signal }) => listPartners(orgId, q, signal),
    staleTime: 5 * 60_000,
  });

/** Any write to an order: refreshes that order and every list of the organisation. */
export const useOrderMutation = <Input, Output>(orgId: string, write: (input: Input) => Promise<Output>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: orderKeys.all(orgId) }),
  });
};
