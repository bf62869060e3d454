import { AppError, moneyFromJson } from '@tradehub/kernel';
import { publishEvent } from '../../../platform/events/index.ts';
import type { TradeDeps } from '../deps.ts';
import { type OrderContentJson, orderContentFromJson } from '../domain/order-json.ts';
import {
  canIssueIn,
  documentNumberPrefixes,
  type TradeDocumentKind,
} from '../domain/trade-document-kinds.ts';
import { type InvoiceIssuedPayload, tradeEvents } from '../events.ts';
import {
  findOrder,
  findOrderDocument,
  insertOrderDocument,
  latestDocumentVersion,
  type OrderRow,
} from '../repository.ts';
import { loadOrderForChange } from './access.ts';
import { isoDate, type WriteContext } from './context.ts';
import { validationFailed } from './prepare-content.ts';
import { recordChange } from './record-change.ts';

export type IssueOrderDocumentInput = {
  kind: TradeDocumentKind;
  overrides?: Record<string, unknown> | undefined;
  replacesDocumentId?: string | undefined;
};

/** The seller may issue; the buyer and shared parties may not. */
const sellerOnly = async (deps: TradeDeps, organisationId: string, orderId: string) => {
  const { row, side } = await loadOrderForChange(deps.db.kysely, organisationId, orderId, undefined);
  if (side !== 'seller') {
    throw new AppError('trade.not_your_move', 'The seller issues the documents of an order.');
  }
  return row;
};

/**
 * Generates a document of `kind` from the order and issues it through the documents module as the
 * seller's signed credential, then records it against the order. An amendment names the document
 * it replaces and becomes the next version of that kind.
 *
 * The order's record of the document and its history row are written in the documents module's
 * issuing transaction: the signed credential, its log entry and the order's link to it commit
 * together or not at all.
 */
export const issueOrderDocument = async (
  deps: TradeDeps,
  ctx: WriteContext,
  organisationId: string,
  orderId: string,
  input: IssueOrderDocumentInput,
) => {
  const row = await sellerOnly(deps, organisationId, orderId);
  if (!canIssueIn(input.kind, row.status)) {
    throw new AppError(
      'trade.document_not_issuable',
      `A ${input.kind} is not issued for an order that is ${row.status}.`,
      {
        details: { currentStatus: row.status },
      },
    );
  }
  if (input.replacesDocumentId !== undefined) {
    const replaced = await findOrderDocument(deps.db.kysely, orderId, input.replacesDocumentId);
    if (replaced === undefined || replaced.kind !== input.kind) {
      throw validationFailed([
        {
          field: 'replacesDocumentId',
          code: 'trade.not_this_order',
          message: `not a ${input.kind} of this order`,
        },
      ]);
    }
  }
  const version = (await latestDocumentVersion(deps.db.kysely, orderId, input.kind)) + 1;
  const documentNumber = `${documentNumberPrefixes[input.kind]}-${orderId.slice(-10)}-${version}`;
  const issueDate = isoDate(deps.now());
  const documentInput = deps.generateDocument(
    input.kind,
    orderContentFromJson(row.content as OrderContentJson),
    {
      documentNumber,
      issueDate,
      ...(input.overrides === undefined ? {} : { overrides: input.overrides }),
    },
  );
  const issued = await deps.documents
    .issue(ctx.actor, row.seller_organisation_id, documentInput, {
      amends: input.replacesDocumentId,
      // The order's record of the document and its history row commit with the credential.
      within: async (trx, [document]) => {
        if (document === undefined) {
          throw new AppError('http.internal', 'Issuing returned no document.');
        }
        const { row: current } = await loadOrderForChange(trx, organisationId, orderId, undefined);
        const now = deps.now();
        await insertOrderDocument(trx, {
          order_id: orderId,
          document_id: document.id,
          kind: input.kind,
          document_number: documentNumber,
          issue_date: issueDate,
          version,
          replaces_document_id: input.replacesDocumentId ?? null,
          issued_at: now,
        });
        await recordChange(
          trx,
          ctx,
          current,
          {
            organisationId,
            action: 'issue_document',
            topic: tradeEvents.orderDocumentIssued,
            detail: { documentId: document.id, kind: input.kind, documentVersion: version },
          },
          now,
        );
        if (input.kind === 'commercial_invoice' && version === 1) {
          await publishEvent(trx, {
            topic: tradeEvents.invoiceIssued,
            organisationId: row.seller_organisation_id,
            payload: invoiceIssuedPayload(current, document.id, version, issueDate),
          });
        }
      },
    })
    .catch(async (error: unknown) => {
      // Another issue of this kind (or amendment of that document) committed first: the unique
      // (order, kind, version) or replaced-once index refused ours, and nothing was issued. The
      // number is signed, so it is not renumbered here: the caller decides again from the state
      // the answer carries, like any other version conflict.
      if ((error as { code?: unknown }).code === '23505') {
        const [now, latest] = await Promise.all([
          findOrder(deps.db.kysely, orderId),
          latestDocumentVersion(deps.db.kysely, orderId, input.kind),
        ]);
        throw new AppError(
          'trade.version_conflict',
          `Another ${input.kind} of this order was issued meanwhile: its latest version is ${latest}.`,
          {
            details: {
              currentVersion: now?.version ?? row.version,
              currentStatus: now?.status ?? row.status,
            },
          },
        );
      }
      throw error;
    });
  deps.afterCommit();
  return { documentId: issued.id, kind: input.kind, documentNumber, version };
};

/** What the statistics count of an invoiced sale: parties, countries, HS codes and amounts only. */
const invoiceIssuedPayload = (
  row: OrderRow,
  documentId: string,
  version: number,
  issueDate: string,
): InvoiceIssuedPayload => {
  const content = row.content as OrderContentJson;
  return {
    orderId: row.id,
    documentId,
    documentVersion: version,
    issueDate,
    sellerOrganisationId: row.seller_organisation_id,
    buyerOrganisationId: row.buyer_organisation_id,
    sellerCountry: content.seller.country,
    buyerCountry: content.buyer.country,
    currency: content.total.currency,
    lines: content.lines.map((line) => ({
      hsCode: line.hsCode,
      unitCode: line.unitCode,
      amountMinor: moneyFromJson(line.lineTotal).amountMinor.toString(),
    })),
    totalMinor: moneyFromJson(content.total).amountMinor.toString(),
  };
};
