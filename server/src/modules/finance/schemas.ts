import { z } from 'zod';
import { assetTypes, invoiceAssetTypes } from './domain/fingerprints.ts';
import { ipRightKinds } from './domain/ip-asset.ts';
import { registryAnswers, riskLevels } from './domain/registry-answer.ts';

const ZMoneyJson = z.strictObject({
  amount: z.string().min(1).max(40),
  currency: z.string().max(3),
});

const ZPartyId = z.strictObject({
  scheme: z.enum(['uscc', 'lei', 'registration']),
  value: z.string().min(1).max(100),
  country: z.string().max(2).optional(),
});

/** The invoice fields a check or a registration sends; the registry keeps only their fingerprints. */
export const ZInvoiceInput = z.strictObject({
  seller: ZPartyId,
  buyer: ZPartyId,
  invoiceNumber: z.string().min(1).max(100),
  issueDate: z.string().min(1).max(10),
  amount: ZMoneyJson,
});

/**
 * What is asked about or registered: an invoice unless told. A purchase order's fields are sent
 * in `invoice` as well: its number as `invoiceNumber`, the date it was agreed as `issueDate`.
 */
export const ZAssetType = z.enum(invoiceAssetTypes).default('invoice');

export const ZCheckInput = z.strictObject({ assetType: ZAssetType, invoice: ZInvoiceInput });

export const ZCheckAnswer = z.object({
  queryId: z.string(),
  answer: z.enum(registryAnswers),
  risk: z.enum(riskLevels),
});

/**
 * An IP right a bank asks about before lending against it: its kind, the office that registered
 * it, and its registry number in any spelling (ZL201710601862.3, 2017 1 0601862.3, …).
 */
export const ZIpAssetCheckInput = z.strictObject({
  kind: z.enum(ipRightKinds),
  jurisdiction: z.string().min(1).max(2).describe('ISO 3166-1 alpha-2 of the registering office, or EP / WO'),
  registryNumber: z.string().min(1).max(80),
});

export const ZRegistrationStatus = z.enum(['active', 'released', 'expired']);

export const ZRegistration = z.object({
  id: z.string(),
  assetType: z.enum(assetTypes),
  status: ZRegistrationStatus,
  faceAmount: z.object({ amount: z.string(), currency: z.string() }),
  financedAmount: z.object({ amount: z.string(), currency: z.string() }),
  reference: z.string().nullable(),
  registeredAt: z.string(),
  expiresAt: z.string(),
  releasedAt: z.string().nullable(),
});

export const ZRegisterInput = z.strictObject({
  assetType: ZAssetType,
  invoice: ZInvoiceInput,
  financedAmount: ZMoneyJson,
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  reference: z.string().trim().min(1).max(100).optional(),
});

const ZMoneyView = z.object({ amount: z.string(), currency: z.string() });
const ZInvoicePartyView = z.object({
  name: z.string(),
  country: z.string(),
  companyId: z.string().nullable(),
});

export const ZRequestStatus = z.enum([
  'draft',
  'open',
  'offered',
  'accepted',
  'disbursed',
  'repaid',
  'withdrawn',
]);

export const ZCreateRequestInput = z.strictObject({
  /** An issued commercial invoice of the organisation; or else `orderId`. */
  documentId: z.string().min(1).max(64).optional(),
  /** An agreed order the organisation sells: purchase-order financing. */
  orderId: z.string().min(1).max(64).optional(),
  requestedAmount: ZMoneyJson,
  tenorDays: z.number().int().min(1).max(360),
  /** Shipment evidence where it exists: the exporter's bill of lading, packing list, … */
  evidenceDocumentIds: z.array(z.string().min(1).max(64)).max(10).optional(),
});

export const ZShareInput = z.strictObject({
  bankOrganisationIds: z.array(z.string().min(1).max(64)).min(1).max(20),
});

export const ZOfferInput = z.strictObject({
  amount: ZMoneyJson,
  rate: z.string().min(1).max(10),
  fee: ZMoneyJson,
  tenorDays: z.number().int().min(1).max(360).optional(),
  expiresAt: z.iso.datetime({ offset: true }),
});

export const ZAcceptInput = z.strictObject({
  offerId: z.string().min(1).max(64),
  /** The exporter's ledger account, in the invoice's currency, that the bank pays into. */
  creditAccountId: z.string().min(1).max(64),
});

/** The account the money leaves: the bank's when it disburses, the exporter's when it repays. */
export const ZPayInput = z.strictObject({ debitAccountId: z.string().min(1).max(64) });

export const ZOffer = z.object({
  id: z.string(),
  requestId: z.string(),
  bankOrganisationId: z.string(),
  amount: ZMoneyView,
  rate: z.string(),
  fee: ZMoneyView,
  tenorDays: z.number(),
  disbursement: ZMoneyView,
  repayment: ZMoneyView,
  expiresAt: z.string(),
  status: z.enum(['open', 'accepted', 'lapsed', 'withdrawn']),
  createdAt: z.string(),
});

export const ZFinancingRequest = z.object({
  id: z.string(),
  status: ZRequestStatus,
  role: z.enum(['exporter', 'bank']),
  exporterOrganisationId: z.string(),
  subjectKind: z.enum(['invoice', 'purchase_order']),
  documentId: z.string().nullable(),
  credentialId: z.string().nullable(),
  /** The purchase order, or the order an invoice belongs to when the hub knows it. */
  orderId: z.string().nullable(),
  orderVersion: z.number().nullable(),
  /** The subject's number, date, parties and total: the invoice's or the purchase order's. */
  invoice: z.object({
    number: z.string(),
    issueDate: z.string(),
    seller: ZInvoicePartyView,
    buyer: ZInvoicePartyView,
    amount: ZMoneyView,
  }),
  registryAssetType: z.enum(assetTypes),
  registryInvoice: ZInvoiceInput,
  requestedAmount: ZMoneyView,
  tenorDays: z.number(),
  evidenceDocumentIds: z.array(z.string()),
  sharedWith: z.array(z.string()),
  acceptedOfferId: z.string().nullable(),
  exporterAccountId: z.string().nullable(),
  registrationId: z.string().nullable(),
  disbursementTransferId: z.string().nullable(),
  repaymentTransferId: z.string().nullable(),
  offers: z.array(ZOffer),
  events: z.array(
    z.object({
      id: z.string(),
      organisationId: z.string(),
      kind: z.string(),
      detail: z.record(z.string(), z.unknown()),
      at: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
