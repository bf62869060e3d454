import type { TradeDeps } from '../deps.ts';
import { findVisibleOrderDocument } from './order-document-files.ts';

/** The tradehub-bundle/v1 of one of the order's documents, for offline verification. */
export const getOrderDocumentBundle = async (
  deps: TradeDeps,
  organisationId: string,
  orderId: string,
  documentId: string,
) => {
  const { order } = await findVisibleOrderDocument(deps.db.kysely, organisationId, orderId, documentId);
  return deps.documents.bundle(order.seller_organisation_id, documentId);
};
