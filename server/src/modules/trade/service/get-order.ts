import type { TradeDeps } from '../deps.ts';
import type { OrderContentJson } from '../domain/order-json.ts';
import { findDirectoryEntries, listHistory, listOrderDocuments, listShares } from '../repository.ts';
import { loadVisibleOrder } from './access.ts';
import { presentOrder } from './presenters.ts';

/** An order with its timeline, parties, shares and documents, for any organisation that sees it. */
export const getOrder = async (deps: TradeDeps, organisationId: string, orderId: string) => {
  const ex = deps.db.kysely;
  const { row, role } = await loadVisibleOrder(ex, organisationId, orderId);
  const [history, shares, documents] = await Promise.all([
    listHistory(ex, orderId),
    listShares(ex, orderId),
    listOrderDocuments(ex, orderId),
  ]);
  const names = await findDirectoryEntries(ex, [
    ...history.map((h) => h.by_organisation_id),
    ...shares.map((s) => s.organisation_id),
  ]);
  const statuses = await deps.documents.statuses(
    row.seller_organisation_id,
    documents.map((d) => d.document_id),
  );
  const content = row.content as OrderContentJson;
  const nameOf = (id: string) => names.get(id)?.name ?? id;
  return {
    ...presentOrder(row, role),
    history: history.map((h) => ({
      version: h.version,
      at: h.at.toISOString(),
      status: h.status,
      action: h.action,
      byOrganisationId: h.by_organisation_id,
      byOrganisationName: nameOf(h.by_organisation_id),
      byUserLabel: h.by_label,
      note: h.note,
      contentChanged: h.content !== null,
    })),
    parties: [
      { organisationId: row.seller_organisation_id, name: content.seller.name, role: 'seller' as const },
      { organisationId: row.buyer_organisation_id, name: content.buyer.name, role: 'buyer' as const },
      ...shares.map((s) => ({
        organisationId: s.organisation_id,
        name: nameOf(s.organisation_id),
        role: s.role,
      })),
    ],
    shares: shares.map((s) => ({
      organisationId: s.organisation_id,
      name: nameOf(s.organisation_id),
      role: s.role,
      sharedAt: s.shared_at.toISOString(),
      sharedByOrganisationId: s.shared_by_organisation_id,
    })),
    documents: documents.map((d) => ({
      documentId: d.document_id,
      kind: d.kind,
      documentNumber: d.document_number,
      version: d.version,
      replacesDocumentId: d.replaces_document_id,
      status: statuses.get(d.document_id) ?? 'unknown',
      issuedAt: d.issued_at.toISOString(),
    })),
  };
};
