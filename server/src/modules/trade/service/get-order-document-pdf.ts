import type { TradeDeps } from '../deps.ts';
import { findVisibleOrderDocument } from './order-document-files.ts';

/** The printable, verifiable PDF of one of the order's documents. */
export const getOrderDocumentPdf = async (
  deps: TradeDeps,
  organisationId: string,
  orderId: string,
  documentId: string,
) => {
  const { order } = await findVisibleOrderDocument(deps.db.kysely, organisationId, orderId, documentId);
  return deps.documents.pdf(order.seller_organisation_id, documentId);
};
