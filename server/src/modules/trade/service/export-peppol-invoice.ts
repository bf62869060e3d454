import { AppError } from '@tradehub/kernel';
import type { TradeDeps } from '../deps.ts';
import { type OrderContentJson, orderContentFromJson } from '../domain/order-json.ts';
import { invoiceKinds } from '../domain/trade-document-kinds.ts';
import { findVisibleOrderDocument } from './order-document-files.ts';

/** A commercial invoice or e-invoice of the order as a Peppol BIS Billing 3.0 UBL Invoice. */
export const exportPeppolInvoice = async (
  deps: TradeDeps,
  organisationId: string,
  orderId: string,
  documentId: string,
) => {
  const { order, document } = await findVisibleOrderDocument(
    deps.db.kysely,
    organisationId,
    orderId,
    documentId,
  );
  if (!invoiceKinds.includes(document.kind)) {
    throw new AppError('trade.not_an_invoice', `A ${document.kind} is not exported as a Peppol invoice.`);
  }
  return deps.formats.buildPeppolInvoice(orderContentFromJson(order.content as OrderContentJson), {
    invoiceNumber: document.document_number,
    issueDate: document.issue_date,
  });
};
