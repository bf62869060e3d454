import { useQuery } from '@tanstack/react-query';
import { apiGet, apiPost, seg } from '../../api/client.ts';
import { paymentKeys } from '../../api/payments.ts';

// Outbound payments over the rails (server/src/modules/payments/rails/routes.ts; contract in
// docs/payment-rails.md). Amounts are decimal strings; the message downloads as a file.

export const RAILS = ['sandbox', 'cips', 'ecny'] as const;
export type Rail = (typeof RAILS)[number];

export const OUTBOUND_STATUSES = ['prepared', 'submitted', 'accepted', 'settled', 'rejected'] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

export type PostalAddress = {
  streetName?: string;
  buildingNumber?: string;
  postCode?: string;
  townName: string;
  country: string;
};

export type BeneficiaryAccount = { iban: string } | { other: string } | { wallet: string };

export type Beneficiary = {
  name: string;
  postalAddress: PostalAddress;
  account: BeneficiaryAccount;
  agentBic: string;
  cipsParticipantId?: string;
};

export type OutboundEvent = {
  seq: number;
  kind: 'prepared' | 'submitted' | 'not_sent' | 'transport_failed' | 'status';
  status: OutboundStatus;
  isoStatus: string | null;
  reasonCode: string | null;
  detail: string | null;
  statusMessageId: string | null;
  transferId: string | null;
  byLabel: string;
  at: string;
};

export type OutboundPayment = {
  id: string;
  clientId: string;
  rail: Rail;
  status: OutboundStatus;
  amount: string;
  currency: string;
  debitAccountId: string;
  inTransitAccountId: string;
  pendingTransferId: string;
  resolutionTransferId: string | null;
  beneficiary: Beneficiary;
  remittanceInformation: string | null;
  messageId: string;
  uetr: string;
  messageDefinition: string;
  transportState: 'not_configured' | 'in_process' | 'delivered' | 'failed' | 'manual' | null;
  transportReference: string | null;
  reasonCode: string | null;
  reasonText: string | null;
  createdAt: string;
  updatedAt: string;
  events?: OutboundEvent[];
  debtor?: { name: string; postalAddress: PostalAddress };
};

export type OutboundInput = {
  id: string;
  rail: Rail;
  debitAccountId: string;
  amount: string;
  currency: string;
  debtor: { name: string; postalAddress: PostalAddress };
  beneficiary: Beneficiary;
  remittanceInformation?: string;
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/payments/outbound`;

export const outboundKeys = {
  list: (orgId: string) => [...paymentKeys.all(orgId), 'outbound'] as const,
  one: (orgId: string, paymentId: string) => [...paymentKeys.all(orgId), 'outbound', paymentId] as const,
};

/** Where the browser downloads the payment's pacs.008 (the server names the file). */
export const messageUrl = (orgId: string, paymentId: string) => `${base(orgId)}/${seg(paymentId)}/message`;

export const createOutbound = (orgId: string, input: OutboundInput) =>
  apiPost<OutboundPayment>(base(orgId), input);

export const submitOutbound = (orgId: string, paymentId: string, via: 'transport' | 'manual') =>
  apiPost<OutboundPayment>(`${base(orgId)}/${seg(paymentId)}/submit`, { via });

export const useOutboundPayments = (orgId: string) =>
  useQuery({
    queryKey: outboundKeys.list(orgId),
    queryFn: async ({ signal }) =>
      (await apiGet<{ items: OutboundPayment[] }>(base(orgId), { limit: 200 }, signal)).items,
  });

export const useOutboundPayment = (orgId: string, paymentId: string) =>
  useQuery({
    queryKey: outboundKeys.one(orgId, paymentId),
    queryFn: ({ signal }) => apiGet<OutboundPayment>(`${base(orgId)}/${seg(paymentId)}`, undefined, signal),
  });

export const statusColor: Record<OutboundStatus, string> = {
  prepared: 'default',
  submitted: 'processing',
  accepted: 'blue',
  settled: 'success',
  rejected: 'error',
};
