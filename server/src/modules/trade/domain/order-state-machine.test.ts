import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  type OrderAction,
  type OrderSide,
  type OrderState,
  type OrderStatus,
  orderActions,
  orderStatuses,
  terminalStatuses,
  transition,
} from './order-state-machine.ts';

const sides: OrderSide[] = ['seller', 'buyer'];

// The lifecycle written out as rows of (status, awaiting, action, by) -> outcome, independently of
// the switch in the implementation: every combination not listed here must be refused.
type Row = [
  OrderStatus,
  OrderSide | null,
  OrderAction,
  OrderSide,
  OrderStatus | 'not_your_move' | 'seller_only',
];
const created: OrderSide = 'seller';
const allowedRows: Row[] = [
  ['draft', null, 'offer', 'seller', 'offered'],
  ['draft', null, 'offer', 'buyer', 'not_your_move'],
  ['draft', null, 'cancel', 'seller', 'cancelled'],
  ['draft', null, 'cancel', 'buyer', 'cancelled'],
  ...(['offered', 'countered'] as const).flatMap((status): Row[] =>
    sides.flatMap((awaiting): Row[] =>
      sides.flatMap((by): Row[] => [
        [status, awaiting, 'accept', by, awaiting === by ? 'accepted' : 'not_your_move'],
        [status, awaiting, 'reject', by, awaiting === by ? 'rejected' : 'not_your_move'],
        [status, awaiting, 'counter', by, awaiting === by ? 'countered' : 'not_your_move'],
        [status, awaiting, 'cancel', by, 'cancelled'],
      ]),
    ),
  ),
  ['accepted', null, 'start_fulfilment', 'seller', 'in_fulfilment'],
  ['accepted', null, 'start_fulfilment', 'buyer', 'seller_only'],
  ['accepted', null, 'cancel', 'seller', 'cancelled'],
  ['accepted', null, 'cancel', 'buyer', 'cancelled'],
  ['in_fulfilment', null, 'complete', 'seller', 'completed'],
  ['in_fulfilment', null, 'complete', 'buyer', 'seller_only'],
];

const awaitingOf = (status: OrderStatus): (OrderSide | null)[] =>
  status === 'offered' || status === 'countered' ? sides : [null];

describe('order state machine', () => {
  it('matches the lifecycle table for every status, action and party', () => {
    let checked = 0;
    for (const status of orderStatuses) {
      for (const awaiting of awaitingOf(status)) {
        for (const action of orderActions) {
          for (const by of sides) {
            const state: OrderState = { status, createdBy: created, awaiting };
            const row = allowedRows.find(
              ([s, a, act, b]) => s === status && a === awaiting && act === action && b === by,
            );
            const result = transition(state, action, by);
            const expected = row?.[4] ?? 'not_allowed';
            if (expected === 'not_allowed' || expected === 'not_your_move' || expected === 'seller_only') {
              expect(result, `${status}/${awaiting}/${action}/${by}`).toEqual({ refused: expected });
            } else {
              expect('next' in result && result.next.status, `${status}/${awaiting}/${action}/${by}`).toBe(
                expected,
              );
            }
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBe((orderStatuses.length + 2) * orderActions.length * sides.length);
  });

  it('hands a counter-offer to the party that made the previous offer', () => {
    const offered = transition({ status: 'draft', createdBy: 'seller', awaiting: null }, 'offer', 'seller');
    expect(offered).toEqual({ next: { status: 'offered', createdBy: 'seller', awaiting: 'buyer' } });
    const countered = transition(
      { status: 'offered', createdBy: 'seller', awaiting: 'buyer' },
      'counter',
      'buyer',
    );
    expect(countered).toEqual({ next: { status: 'countered', createdBy: 'seller', awaiting: 'seller' } });
    const again = transition(
      { status: 'countered', createdBy: 'seller', awaiting: 'seller' },
      'counter',
      'seller',
    );
    expect(again).toEqual({ next: { status: 'countered', createdBy: 'seller', awaiting: 'buyer' } });
  });

  it('lets a buyer-drafted order be offered by the buyer and answered by the seller', () => {
    const offered = transition({ status: 'draft', createdBy: 'buyer', awaiting: null }, 'offer', 'buyer');
    expect(offered).toEqual({ next: { status: 'offered', createdBy: 'buyer', awaiting: 'seller' } });
    expect(allowedActions({ status: 'offered', createdBy: 'buyer', awaiting: 'seller' }, 'seller')).toEqual([
      'accept',
      'reject',
      'counter',
      'cancel',
    ]);
  });

  it('never leaves a terminal state', () => {
    for (const status of terminalStatuses) {
      for (const by of sides) {
        expect(allowedActions({ status, createdBy: 'seller', awaiting: null }, by)).toEqual([]);
      }
    }
  });

  it('keeps random action sequences inside the table (property)', () => {
    const step = fc.record({ action: fc.constantFrom(...orderActions), by: fc.constantFrom(...sides) });
    fc.assert(
      fc.property(fc.constantFrom(...sides), fc.array(step, { maxLength: 40 }), (creator, steps) => {
        let state: OrderState = { status: 'draft', createdBy: creator, awaiting: null };
        for (const { action, by } of steps) {
          const result = transition(state, action, by);
          if ('refused' in result) {
            continue;
          }
          const row = allowedRows.find(
            ([s, a, act, b, outcome]) =>
              s === state.status &&
              (a === state.awaiting || state.status === 'draft') &&
              act === action &&
              (b === by || state.status === 'draft') &&
              outcome === result.next.status,
          );
          expect(row, `${state.status} --${action}/${by}--> ${result.next.status}`).toBeDefined();
          expect(orderStatuses).toContain(result.next.status);
          expect(result.next.createdBy).toBe(creator);
          // An open offer always awaits someone; a settled order awaits no one.
          expect(result.next.awaiting !== null).toBe(
            result.next.status === 'offered' || result.next.status === 'countered',
          );
          if (result.next.awaiting !== null) {
            expect(result.next.awaiting).not.toBe(by);
          }
          state = result.next;
        }
      }),
      { seed: 20261127, numRuns: 500 },
    );
  });
});
