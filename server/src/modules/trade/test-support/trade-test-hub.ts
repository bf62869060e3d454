import { mkdirSync } from 'node:fs';
import { pino } from 'pino';
import { createTestDatabase } from '../../../../test/support/test-db.ts';
import { testLogDir } from '../../../../test/support/test-hub.ts';
import { buildHub } from '../../../app.ts';
import { createLogger } from '../../../platform/logging/index.ts';
import { createArgon2PasswordHasher } from '../../identity/index.ts';
import type { GenerateTradeDocument } from '../deps.ts';
import type { TradeDocumentKind } from '../domain/trade-document-kinds.ts';

// Tests only. The real generators (domain/generate-documents.ts) map every field of each kind;
// this one builds the least document the documents module issues, so the order routes can be
// tested before (and independently of) them.
const documentTypeOf: Record<
  TradeDocumentKind,
  'CommercialInvoice' | 'PackingList' | 'BillOfLading' | 'CertificateOfOrigin' | 'Other'
> = {
  sales_contract: 'Other',
  proforma_invoice: 'Other',
  commercial_invoice: 'CommercialInvoice',
  packing_list: 'PackingList',
  certificate_of_origin: 'CertificateOfOrigin',
  bill_of_lading: 'BillOfLading',
  e_invoice: 'Other',
};

const minimalGenerator: GenerateTradeDocument = (kind, order, ctx) => ({
  documentType: documentTypeOf[kind],
  documentNumber: ctx.documentNumber,
  subject: {
    issueDate: ctx.issueDate,
    buyerReference: order.buyerReference,
    seller: { name: order.seller.name, country: order.seller.country },
    buyer: { name: order.buyer.name, country: order.buyer.country },
    currency: order.currency,
    lineCount: order.lines.length,
    ...(ctx.overrides ?? {}),
  },
});

const fastPasswords = createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
let hubCount = 0;

/** A full hub on a fresh copy of the migrated test database, with the test document generator. */
export const createTradeTestHub = async () => {
  mkdirSync(testLogDir, { recursive: true });
  hubCount += 1;
  const logger = createLogger({
    level: 'debug',
    destination: pino.destination({
      dest: `${testLogDir}trade-hub-${process.pid}-${hubCount}.log`,
      sync: true,
    }),
  });
  const db = await createTestDatabase();
  const hub = await buildHub({
    config: {
      publicUrl: 'http://localhost:8080',
      bodyLimitBytes: 1024 * 1024,
      writeRateMax: 10_000,
      webDistDir: '/nonexistent',
    },
    db,
    logger,
    passwords: fastPasswords,
    trade: { generateDocument: minimalGenerator },
  });
  return {
    hub,
    close: async () => {
      await hub.close();
      await db.close();
    },
  };
};
