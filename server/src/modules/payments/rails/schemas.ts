import { z } from 'zod';
import { ZAmount, ZClientId, ZCurrency } from '../schemas.ts';

// The outbound payment API's shapes. Lengths follow the pacs.008 schema (Max140Text names,
// Max70Text street names, Max35Text towns); the builder and the rail check the rest (CBPR+
// structured address, BIC, IBAN check digits, wallet ids) and answer with field errors.

const text = (max: number) => z.string().trim().min(1).max(max);

export const ZPostalAddressInput = z.strictObject({
  department: text(70).optional(),
  streetName: text(70).optional(),
  buildingNumber: text(16).optional(),
  buildingName: text(35).optional(),
  floor: text(70).optional(),
  postBox: text(16).optional(),
  room: text(70).optional(),
  postCode: text(16).optional(),
  townName: text(35),
  townLocationName: text(35).optional(),
  districtName: text(35).optional(),
  countrySubDivision: text(35).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code'),
  addressLines: z.array(text(70)).max(2).optional(),
});

export const ZBeneficiaryAccountInput = z.union([
  z.strictObject({ iban: z.string().trim().min(5).max(34) }),
  z.strictObject({ other: text(34) }),
  z.strictObject({ wallet: text(34) }),
]);

export const ZBeneficiaryInput = z.strictObject({
  name: text(140),
  postalAddress: ZPostalAddressInput,
  account: ZBeneficiaryAccountInput,
  agentBic: z.string().trim().min(8).max(11),
  cipsParticipantId: z.string().trim().min(1).max(35).optional(),
  lei: z.string().trim().length(20).optional(),
});

export const ZDebtorInput = z.strictObject({
  name: text(140),
  postalAddress: ZPostalAddressInput,
  lei: z.string().trim().length(20).optional(),
});

export const ZRail = z.enum(['sandbox', 'cips', 'ecny']);

export const ZOutboundInput = z.strictObject({
  id: ZClientId,
  rail: ZRail,
  debitAccountId: z.string().min(1).max(64),
  amount: ZAmount,
  currency: ZCurrency,
  debtor: ZDebtorInput,
  beneficiary: ZBeneficiaryInput,
  remittanceInformation: text(140).optional(),
  purposeCode: z
    .string()
    .regex(/^[A-Z]{4}$/, 'an ExternalPurpose1Code such as GDDS')
    .optional(),
});

export const ZOutboundStatus = z.enum(['prepared', 'submitted', 'accepted', 'settled', 'rejected']);

export const ZSubmitInput = z.strictObject({
  // manual: the operator delivered the downloaded message to the rail itself.
  via: z.enum(['transport', 'manual']).default('transport'),
});

export const ZStatusInput = z.strictObject({
  /** The pacs.002.001.10 the bank or the rail sent, as XML text. */
  message: z.string().min(1).max(1_000_000),
});

// Answers carry what was stored: the same members, checked on the way in.
const ZAddress = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const ZOutboundPayment = z.object({
  id: z.string(),
  clientId: z.string(),
  organisationId: z.string(),
  rail: ZRail,
  status: ZOutboundStatus,
  amount: z.string(),
  currency: z.string(),
  debitAccountId: z.string(),
  inTransitAccountId: z.string(),
  pendingTransferId: z.string(),
  resolutionTransferId: z.string().nullable(),
  debtor: z.object({ name: z.string(), postalAddress: ZAddress, lei: z.string().optional() }),
  beneficiary: z.object({
    name: z.string(),
    postalAddress: ZAddress,
    account: z.union([
      z.object({ iban: z.string() }),
      z.object({ other: z.string() }),
      z.object({ wallet: z.string() }),
    ]),
    agentBic: z.string(),
    cipsParticipantId: z.string().optional(),
    lei: z.string().optional(),
  }),
  remittanceInformation: z.string().nullable(),
  messageId: z.string(),
  endToEndId: z.string(),
  uetr: z.string(),
  messageDefinition: z.string(),
  transportState: z.enum(['not_configured', 'in_process', 'delivered', 'failed', 'manual']).nullable(),
  transportReference: z.string().nullable(),
  reasonCode: z.string().nullable(),
  reasonText: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(
    z.object({
      seq: z.number(),
      kind: z.enum(['prepared', 'submitted', 'not_sent', 'transport_failed', 'status']),
      status: ZOutboundStatus,
      isoStatus: z.string().nullable(),
      reasonCode: z.string().nullable(),
      detail: z.string().nullable(),
      statusMessageId: z.string().nullable(),
      transferId: z.string().nullable(),
      byLabel: z.string(),
      at: z.string(),
    }),
  ),
});

export const ZOutboundSummary = ZOutboundPayment.omit({ events: true, debtor: true });
