import type { FastifyInstance } from 'fastify';
import type { TradeDeps, TradeFormats } from './deps.ts';
import type { OrderContentInput } from './domain/order-json.ts';
import type { OrderAction } from './domain/order-state-machine.ts';
import {
  buildPeppolInvoice,
  buildUblOrder,
  buildUblOrderResponse,
  parseUblOrder,
  parseUblOrderResponse,
} from './formats/index.ts';
import { registerTradeRoutes } from './routes.ts';
import { actOnOrder } from './service/act-on-order.ts';
import type { WriteContext } from './service/context.ts';
import { createOrder } from './service/create-order.ts';
import { getOrder } from './service/get-order.ts';
import { type IssueOrderDocumentInput, issueOrderDocument } from './service/issue-order-document.ts';
import { listOrders } from './service/list-orders.ts';
import { shareOrder } from './service/share-order.ts';

export type { GenerateTradeDocument, TradeDeps, TradeDocuments, TradeFormats } from './deps.ts';
export { generateTradeDocument } from './domain/generate-documents.ts';
export type { Incoterms2020Rule, OrderContent, OrderLine, OrderParty } from './domain/order-content.ts';
export type { OrderContentInput, OrderContentJson } from './domain/order-json.ts';
export { orderContentFromJson, orderContentToJson } from './domain/order-json.ts';
export {
  type OrderAction,
  type OrderStatus,
  orderActions,
  orderStatuses,
} from './domain/order-state-machine.ts';
export { type TradeDocumentKind, tradeDocumentKinds } from './domain/trade-document-kinds.ts';
export { tradeErrorStatuses, tradeFieldErrorCodes } from './errors.ts';
export { type InvoiceIssuedPayload, tradeEvents } from './events.ts';
export type { WriteContext as TradeWriteContext } from './service/context.ts';

/** The UBL 2.4 Order / OrderResponse and Peppol BIS Billing 3.0 converters the routes use. */
export const tradeFormats: TradeFormats = {
  parseUblOrder,
  buildUblOrder,
  parseUblOrderResponse,
  buildUblOrderResponse,
  buildPeppolInvoice,
};

/** The trade module bound to its dependencies: what the composition root, flows and the seed use. */
export const createTradeModule = (deps: TradeDeps) => ({
  registerRoutes: (app: FastifyInstance) => registerTradeRoutes(app, deps),
  /** Drafts an order for `organisationId` (its seller or buyer); the caller decided access. */
  createOrder: (ctx: WriteContext, organisationId: string, content: OrderContentInput) =>
    createOrder(deps, ctx, organisationId, content),
  /** One lifecycle step by a party of the order (the seed walks the demo orders through them). */
  actOnOrder: (
    ctx: WriteContext,
    organisationId: string,
    orderId: string,
    input: { action: OrderAction; version: number; note?: string; content?: OrderContentInput },
  ) => actOnOrder(deps, ctx, organisationId, orderId, input),
  /** Shares an order with another organisation (read only: the order and its documents). */
  shareOrder: (
    ctx: WriteContext,
    organisationId: string,
    orderId: string,
    input: { organisationId: string; role: 'forwarder' | 'broker' | 'bank' | 'other' },
  ) => shareOrder(deps, ctx, organisationId, orderId, input),
  /** Issues a document of the order as the seller's signed credential. */
  issueDocument: (
    ctx: WriteContext,
    organisationId: string,
    orderId: string,
    input: IssueOrderDocumentInput,
  ) => issueOrderDocument(deps, ctx, organisationId, orderId, input),
  /** How many orders the organisation is seller, buyer or a shared party of. */
  countOrders: async (organisationId: string) => (await listOrders(deps, { organisationId, limit: 1 })).total,
  /** A page of the orders the organisation is seller, buyer or a shared party of, newest first. */
  listOrders: (filter: Parameters<typeof listOrders>[1]) => listOrders(deps, filter),
  /** An order as `organisationId` sees it, with its timeline and documents. */
  getOrder: (organisationId: string, orderId: string) => getOrder(deps, organisationId, orderId),
});

export type TradeModule = ReturnType<typeof createTradeModule>;
