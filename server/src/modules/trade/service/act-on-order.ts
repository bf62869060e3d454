import { AppError } from '@tradehub/kernel';
import type { TradeDeps } from '../deps.ts';
import type { OrderContentInput, OrderContentJson } from '../domain/order-json.ts';
import { type OrderAction, transition } from '../domain/order-state-machine.ts';
import { tradeEvents } from '../events.ts';
import { loadOrderForChange } from './access.ts';
import type { WriteContext } from './context.ts';
import { checkSameParties, prepareContent, validationFailed } from './prepare-content.ts';
import { presentOrder, stateOf } from './presenters.ts';
import { recordChange } from './record-change.ts';

export type OrderActionInput = {
  action: OrderAction;
  version: number;
  note?: string | undefined;
  /** The counter-offer's content (counter only). */
  content?: OrderContentInput | undefined;
};

/**
 * One step of the lifecycle by a party of the order, decided by the state machine: 409 with the
 * current status when the status does not allow it, 403 when it is the other party's move.
 */
export const actOnOrder = async (
  deps: TradeDeps,
  ctx: WriteContext,
  organisationId: string,
  orderId: string,
  input: OrderActionInput,
) => {
  if (input.action === 'counter' && input.content === undefined) {
    throw validationFailed([
      { field: 'content', code: 'kernel.required', message: 'a counter-offer states its terms' },
    ]);
  }
  if (input.action !== 'counter' && input.content !== undefined) {
    throw validationFailed([
      { field: 'content', code: 'kernel.unknown_field', message: 'only a counter-offer changes the terms' },
    ]);
  }
  if (input.action === 'cancel' && input.note === undefined) {
    throw validationFailed([
      { field: 'note', code: 'kernel.required', message: 'say why the order is cancelled' },
    ]);
  }
  const result = await deps.db.transaction(async (trx) => {
    const { row, side } = await loadOrderForChange(trx, organisationId, orderId, input.version);
    const decided = transition(stateOf(row), input.action, side);
    if ('refused' in decided) {
      if (decided.refused === 'not_allowed') {
        throw new AppError(
          'trade.transition_not_allowed',
          `An order that is ${row.status} cannot be given "${input.action}".`,
          {
            details: { currentStatus: row.status },
          },
        );
      }
      throw new AppError(
        'trade.not_your_move',
        decided.refused === 'seller_only'
          ? 'Fulfilment is the seller’s to start and complete.'
          : 'It is the other party’s move.',
        { details: { currentStatus: row.status } },
      );
    }
    let content: OrderContentJson | undefined;
    if (input.content !== undefined) {
      content = await prepareContent(trx, deps, input.content);
      checkSameParties(row.content, content);
    }
    const updated = await recordChange(
      trx,
      ctx,
      row,
      {
        organisationId,
        action: input.action,
        note: input.note,
        content,
        status: decided.next.status,
        awaitingSide: decided.next.awaiting,
        topic: tradeEvents.orderTransitioned,
        detail: { from: row.status },
      },
      deps.now(),
    );
    return { updated, side };
  });
  deps.afterCommit();
  return presentOrder(result.updated, result.side);
};
