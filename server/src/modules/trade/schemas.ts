import { z } from 'zod';
import { incoterms2020Rules } from './domain/order-content.ts';
import { orderActions, orderStatuses } from './domain/order-state-machine.ts';
import { tradeDocumentKinds } from './domain/trade-document-kinds.ts';

// The shapes the API accepts; the code lists and the arithmetic are checked by
// domain/validate-order-content.ts, which names the same fields.
const text = (max: number) => z.string().trim().min(1).max(max);

const ZMoneyJson = z.strictObject({
  amount: z.string().max(40),
  currency: z.string().max(3),
});

const ZOrderParty = z.strictObject({
  organisationId: z.string().max(64).optional(),
  name: text(200),
  country: z.string().length(2),
  companyId: text(64).optional(),
  email: z.email().max(254).optional(),
  addressLines: z.array(text(200)).max(5).optional(),
  city: text(100).optional(),
  postalCode: text(20).optional(),
});

const ZOrderLineInput = z.strictObject({
  lineNumber: z.number().int().min(1).max(99_999).optional(),
  sellerItemId: text(64).optional(),
  descriptionEn: text(500),
  descriptionZh: text(500).optional(),
  hsCode: z.string().max(12),
  quantity: z.string().max(30),
  unitCode: z.string().max(3),
  unitPrice: ZMoneyJson,
  lineTotal: ZMoneyJson.optional(),
});

const MAX_ORDER_LINES = 500;

export const ZOrderContentInput = z.strictObject({
  buyerReference: text(100),
  issueDate: z.string().max(10).optional(),
  currency: z.string().max(3),
  seller: ZOrderParty,
  buyer: ZOrderParty,
  incoterms: z.strictObject({
    rule: z.enum(incoterms2020Rules as readonly [string, ...string[]]),
    namedPlace: z.strictObject({ unlocode: z.string().max(6), name: text(100).optional() }),
  }),
  requestedDeliveryDate: z.string().max(10).optional(),
  paymentTerms: text(500),
  note: text(2000).optional(),
  lines: z.array(ZOrderLineInput).min(1).max(MAX_ORDER_LINES),
  total: ZMoneyJson.optional(),
});

/** A UBL Order sent as JSON with what the importer states where the file is silent. */
export const ZUblOrderImport = z.strictObject({
  ubl: z.string().min(1),
  completion: z
    .strictObject({
      incoterms: z
        .strictObject({
          rule: z.string().max(3),
          namedPlace: z.strictObject({ unlocode: z.string().max(6), name: text(100).optional() }),
        })
        .optional(),
      hsCodes: z.record(z.string().max(6), z.string().max(12)).optional(),
      paymentTerms: text(500).optional(),
    })
    .optional(),
});

export const ZOrderStatus = z.enum(orderStatuses);
export const ZOrderAction = z.enum(orderActions);
export const ZDocumentKind = z.enum(tradeDocumentKinds);
export const ZShareRole = z.enum(['forwarder', 'broker', 'bank', 'other']);
export const ZNote = text(2000);

const ZOrderLineJson = ZOrderLineInput.extend({ lineNumber: z.number().int(), lineTotal: ZMoneyJson });
const ZOrderContentJson = ZOrderContentInput.extend({
  issueDate: z.string(),
  lines: z.array(ZOrderLineJson),
  total: ZMoneyJson,
});

export const ZOrderView = z.object({
  id: z.string(),
  version: z.number().int(),
  status: ZOrderStatus,
  myRole: z.enum(['seller', 'buyer', 'shared']),
  sellerOrganisationId: z.string(),
  buyerOrganisationId: z.string().nullable(),
  buyerInvitation: z.object({ email: z.string(), status: z.enum(['pending', 'claimed']) }).nullable(),
  createdByOrganisationId: z.string(),
  awaitingOrganisationId: z.string().nullable(),
  allowedActions: z.array(ZOrderAction),
  content: ZOrderContentJson,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZOrderCreated = ZOrderView.extend({
  /** Shown once, when a buyer was invited by e-mail: the link that lets them claim the order. */
  invitationUrl: z.string().optional(),
});

export const ZOrderDetail = ZOrderView.extend({
  history: z.array(
    z.object({
      version: z.number().int(),
      at: z.string(),
      status: ZOrderStatus,
      action: z.string(),
      byOrganisationId: z.string(),
      byOrganisationName: z.string(),
      byUserLabel: z.string(),
      note: z.string().nullable(),
      contentChanged: z.boolean(),
    }),
  ),
  parties: z.array(
    z.object({
      organisationId: z.string().nullable(),
      name: z.string(),
      role: z.enum(['seller', 'buyer', 'forwarder', 'broker', 'bank', 'other']),
    }),
  ),
  shares: z.array(
    z.object({
      organisationId: z.string(),
      name: z.string(),
      role: ZShareRole,
      sharedAt: z.string(),
      sharedByOrganisationId: z.string(),
    }),
  ),
  documents: z.array(
    z.object({
      documentId: z.string(),
      kind: ZDocumentKind,
      documentNumber: z.string(),
      version: z.number().int(),
      replacesDocumentId: z.string().nullable(),
      status: z.string(),
      issuedAt: z.string(),
    }),
  ),
});

export const ZPartner = z.object({
  organisationId: z.string(),
  name: z.string(),
  nameZh: z.string(),
  kind: z.string(),
  country: z.string(),
});
