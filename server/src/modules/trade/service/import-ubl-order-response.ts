import { type FieldError, moneyToJson } from '@tradehub/kernel';
import type { TradeDeps } from '../deps.ts';
import { type OrderContentJson, orderContentToJson } from '../domain/order-json.ts';
import type { OrderAction } from '../domain/order-state-machine.ts';
import { loadVisibleOrder } from './access.ts';
import { actOnOrder } from './act-on-order.ts';
import type { WriteContext } from './context.ts';
import { validationFailed } from './prepare-content.ts';

const ACTION_OF_CODE: Record<'AP' | 'RE' | 'CA', OrderAction> = {
  AP: 'accept',
  RE: 'reject',
  CA: 'counter',
};

/**
 * A UBL OrderResponse from the other party's system, applied to the order as the answer it is:
 * AP accepts, RE rejects, CA counters with the response's priced lines. The file must name this
 * order (its buyer reference, and the hub order id when it gives one); the state machine then
 * decides as for a click in the web app, with the same 403/409 answers.
 */
export const importUblOrderResponse = async (
  deps: TradeDeps,
  ctx: WriteContext,
  organisationId: string,
  orderId: string,
  version: number,
  xml: string,
) => {
  // The order first: a stranger learns nothing about it, not even whether the file would parse.
  const { row } = await loadVisibleOrder(deps.db.kysely, organisationId, orderId);
  const response = deps.formats.parseUblOrderResponse(xml);
  const current = row.content as OrderContentJson;
  const errors: FieldError[] = [];
  if (response.buyerReference !== current.buyerReference) {
    errors.push({
      field: 'buyerReference',
      code: 'trade.reference_mismatch',
      message: `the response answers order ${response.buyerReference}, this order is ${current.buyerReference}`,
    });
  }
  if (response.orderId !== undefined && response.orderId !== orderId) {
    errors.push({
      field: 'orderId',
      code: 'trade.reference_mismatch',
      message: `cbc:SalesOrderID names ${response.orderId}, not this order`,
    });
  }
  if (response.responseCode === undefined) {
    errors.push({
      field: 'responseCode',
      code: 'kernel.required',
      message: 'cbc:OrderResponseCode (AP, RE or CA) says what the response does to the order',
    });
  } else if (response.responseCode === 'CA' && response.content === undefined) {
    errors.push({
      field: 'content',
      code: 'kernel.required',
      message: 'a counter-offer (CA) carries priced order lines',
    });
  } else if (
    response.responseCode === 'AP' &&
    response.content !== undefined &&
    (moneyToJson(response.content.total).amount !== current.total.amount ||
      response.content.currency !== current.total.currency)
  ) {
    errors.push({
      field: 'content',
      code: 'trade.terms_differ',
      message: 'an acceptance that changes the terms is a counter-offer (CA)',
    });
  }
  if (errors.length > 0 || response.responseCode === undefined) {
    throw validationFailed(errors);
  }
  const action = ACTION_OF_CODE[response.responseCode];
  return actOnOrder(deps, ctx, organisationId, orderId, {
    action,
    version,
    note: response.note,
    // A file names parties, not hub organisations, and a counter-offer cannot change them: the
    // order's own parties stand, the response changes the terms.
    content:
      action === 'counter' && response.content !== undefined
        ? {
            ...orderContentToJson(response.content),
            seller: current.seller,
            buyer: current.buyer,
            // The response's cbc:Note is its own (the action's note), not the order's.
            ...(current.note === undefined ? {} : { note: current.note }),
          }
        : undefined,
  });
};
