import type { Actor } from '../../platform/access/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { DocumentInput, IssueOptions, TradehubBundle } from '../documents/index.ts';
import type { OrderContent } from './domain/order-content.ts';
import type { TradeDocumentKind } from './domain/trade-document-kinds.ts';
import type { OrderCodeLists } from './domain/validate-order-content.ts';
import type { ParsedOrderResponse, UblOrderCompletion } from './formats/index.ts';

/** What the trade module needs from the documents module (its index.ts functions). */
export type TradeDocuments = {
  /**
   * Issues one document for the organisation as a signed, log-anchored credential; `amends` makes
   * it an amendment of that earlier document, and `within` runs in the issuing transaction.
   */
  issue(
    actor: Actor | null,
    organisationId: string,
    input: DocumentInput,
    options: { amends?: string | undefined; within?: IssueOptions['within'] },
  ): Promise<{ id: string }>;
  bundle(organisationId: string, documentId: string): Promise<TradehubBundle>;
  pdf(organisationId: string, documentId: string): Promise<{ pdf: Uint8Array; fileName: string }>;
  /** active | revoked | suspended for each known id of the organisation. */
  statuses(organisationId: string, documentIds: readonly string[]): Promise<Map<string, string>>;
};

/** Builds the document of one kind from an order (./domain/generate-documents.ts). */
export type GenerateTradeDocument = (
  kind: TradeDocumentKind,
  order: OrderContent,
  ctx: { documentNumber: string; issueDate: string; overrides?: Record<string, unknown> },
) => DocumentInput;

/** The UBL 2.4 and Peppol BIS Billing 3.0 converters (./formats/index.ts). */
export type TradeFormats = {
  /** Throws AppError http.validation_failed with field errors for a file it refuses. */
  parseUblOrder(xml: string, completion?: UblOrderCompletion): OrderContent;
  buildUblOrder(order: OrderContent, meta: { orderId: string }): string;
  /** Throws AppError http.validation_failed with field errors for a file it refuses. */
  parseUblOrderResponse(xml: string): ParsedOrderResponse;
  buildUblOrderResponse(
    order: OrderContent,
    meta: { orderId: string; responseCode: 'AP' | 'RE' | 'CA'; note?: string; issueDate: string },
  ): string;
  buildPeppolInvoice(
    order: OrderContent,
    invoice: { invoiceNumber: string; issueDate: string; dueDate?: string },
  ): string;
};

/** What the trade module needs from the composition root. */
export type TradeDeps = {
  db: Database;
  now: () => Date;
  /** The hub's public base URL: invitation links start with it. */
  publicUrl: string;
  /** The hub's secret; the key of the invitation-token hashes is derived from it. */
  secretKey: Uint8Array;
  codes: OrderCodeLists;
  documents: TradeDocuments;
  /** Builds a document of one kind from an order (./domain/generate-documents.ts in the hub). */
  generateDocument: GenerateTradeDocument;
  /** The UBL and Peppol converters (./formats/ in the hub). */
  formats: TradeFormats;
  /** Wakes the outbox dispatcher once a transaction that published events has committed. */
  afterCommit: () => void;
};
