import { AppError } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import { findOrderDocument } from '../repository.ts';
import { loadVisibleOrder } from './access.ts';

/**
 * A document of an order, for any organisation that sees the order (seller, buyer, or one it was
 * shared with); the document itself is held by the seller in the documents module.
 */
export const findVisibleOrderDocument = async (
  ex: Executor,
  organisationId: string,
  orderId: string,
  documentId: string,
) => {
  const { row } = await loadVisibleOrder(ex, organisationId, orderId);
  const document = await findOrderDocument(ex, orderId, documentId);
  if (document === undefined) {
    throw new AppError('trade.document_not_found', `No document ${documentId} of order ${orderId}.`);
  }
  return { order: row, document };
};
