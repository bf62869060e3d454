import { z } from 'zod';
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

export const ZCheckAnswer = z.object({
  queryId: z.string(),
  answer: z.enum(registryAnswers),
  risk: z.enum(riskLevels),
});

export const ZRegistrationStatus = z.enum(['active', 'released', 'expired']);

export const ZRegistration = z.object({
  id: z.string(),
  assetType: z.literal('invoice'),
  status: ZRegistrationStatus,
  faceAmount: z.object({ amount: z.string(), currency: z.string() }),
  financedAmount: z.object({ amount: z.string(), currency: z.string() }),
  reference: z.string().nullable(),
  registeredAt: z.string(),
  expiresAt: z.string(),
  releasedAt: z.string().nullable(),
});

export const ZRegisterInput = z.strictObject({
  invoice: ZInvoiceInput,
  financedAmount: ZMoneyJson,
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  reference: z.string().trim().min(1).max(100).optional(),
});
