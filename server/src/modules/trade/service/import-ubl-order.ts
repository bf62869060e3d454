import type { TradeDeps } from '../deps.ts';
import { orderContentToJson } from '../domain/order-json.ts';
import type { UblOrderCompletion } from '../formats/index.ts';
import type { WriteContext } from './context.ts';
import { createOrder } from './create-order.ts';

/**
 * A UBL 2.4 Order received from a buyer becomes a draft of the importing organisation. A UBL file
 * names parties, not hub organisations: the importer is taken as the seller unless the file's
 * parties already say otherwise; the buyer is then invited at the e-mail address the file gives.
 * What the file lacks (HS codes, an Incoterms 2020 rule) the importer may state in `completion`.
 */
export const importUblOrder = async (
  deps: TradeDeps,
  ctx: WriteContext,
  organisationId: string,
  xml: string,
  completion?: UblOrderCompletion,
) => {
  const content = orderContentToJson(deps.formats.parseUblOrder(xml, completion));
  const named = content.seller.organisationId !== undefined || content.buyer.organisationId !== undefined;
  const input = named ? content : { ...content, seller: { ...content.seller, organisationId } };
  return createOrder(deps, ctx, organisationId, input, 'ubl');
};
