import { AppError, type FieldError } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import type { TradeDeps } from '../deps.ts';
import { type OrderContentInput, type OrderContentJson, orderContentToJson } from '../domain/order-json.ts';
import type { OrderSide } from '../domain/order-state-machine.ts';
import { validateOrderContent } from '../domain/validate-order-content.ts';
import { findDirectoryEntries } from '../repository.ts';
import { isoDate } from './context.ts';

export const validationFailed = (errors: FieldError[]) =>
  new AppError('http.validation_failed', 'The order has invalid fields.', { fieldErrors: errors });

/**
 * Checks content a party sends (form, counter-offer, UBL import) and returns it with the totals
 * computed: code lists and arithmetic (domain), then the hub organisations it names. The seller
 * is always a hub organisation (it owns the order); the buyer is one, or an e-mail to invite.
 */
export const prepareContent = async (
  ex: Executor,
  deps: TradeDeps,
  input: OrderContentInput,
  prefix = 'content.',
): Promise<OrderContentJson> => {
  const result = validateOrderContent(input, deps.codes, isoDate(deps.now()), prefix);
  if ('errors' in result) {
    throw validationFailed(result.errors);
  }
  const content = orderContentToJson(result.content);
  const errors: FieldError[] = [];
  const sellerId = content.seller.organisationId;
  const buyerId = content.buyer.organisationId;
  const known = await findDirectoryEntries(
    ex,
    [sellerId, buyerId].filter((id): id is string => id !== undefined),
  );
  if (sellerId === undefined) {
    errors.push({
      field: `${prefix}seller.organisationId`,
      code: 'kernel.required',
      message: 'the seller is an organisation on the hub',
    });
  }
  for (const [side, id] of [
    ['seller', sellerId],
    ['buyer', buyerId],
  ] as const) {
    if (id !== undefined && !known.has(id)) {
      errors.push({
        field: `${prefix}${side}.organisationId`,
        code: 'trade.unknown_organisation',
        message: 'no such organisation on the hub',
      });
    }
  }
  if (buyerId === undefined && content.buyer.email === undefined) {
    errors.push({
      field: `${prefix}buyer.email`,
      code: 'trade.buyer_contact_required',
      message: 'a buyer not on the hub is invited by e-mail',
    });
  }
  if (sellerId !== undefined && sellerId === buyerId) {
    errors.push({
      field: `${prefix}buyer.organisationId`,
      code: 'trade.same_organisation',
      message: 'the buyer is another organisation than the seller',
    });
  }
  if (errors.length > 0) {
    throw validationFailed(errors);
  }
  return content;
};

/** The side `organisationId` takes in `content`, or a field error when it is neither party. */
export const sideInContent = (
  content: OrderContentJson,
  organisationId: string,
  prefix = 'content.',
): OrderSide => {
  if (content.seller.organisationId === organisationId) {
    return 'seller';
  }
  if (content.buyer.organisationId === organisationId) {
    return 'buyer';
  }
  throw validationFailed([
    {
      field: `${prefix}seller.organisationId`,
      code: 'trade.not_a_party_of_content',
      message: 'your organisation must be the seller or the buyer of the order',
    },
  ]);
};

/** A change of content may not swap the organisations the order is between. */
export const checkSameParties = (before: OrderContentJson, after: OrderContentJson, prefix = 'content.') => {
  const errors: FieldError[] = [];
  for (const side of ['seller', 'buyer'] as const) {
    if (
      before[side].organisationId !== undefined &&
      before[side].organisationId !== after[side].organisationId
    ) {
      errors.push({
        field: `${prefix}${side}.organisationId`,
        code: 'trade.parties_changed',
        message: 'the parties of an order stay the same',
      });
    }
  }
  if (errors.length > 0) {
    throw validationFailed(errors);
  }
};
