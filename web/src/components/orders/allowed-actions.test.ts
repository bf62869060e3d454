import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../api/orders.ts';
import {
  allowedActions,
  canEdit,
  canShare,
  issuableKinds,
  type OrderForActions,
  whoseMove,
} from './allowed-actions.ts';

const SELLER = 'org_seller';
const BUYER = 'org_buyer';

const order = (patch: Partial<OrderForActions>): OrderForActions => ({
  status: 'draft',
  myRole: 'seller',
  createdByOrganisationId: SELLER,
  awaitingOrganisationId: null,
  ...patch,
});

describe('allowedActions', () => {
  it('lets the creator offer or cancel a draft, and the other party only cancel', () => {
    expect(allowedActions(order({}), SELLER)).toEqual(['offer', 'cancel']);
    expect(allowedActions(order({ myRole: 'buyer' }), BUYER)).toEqual(['cancel']);
  });

  it('lets only the awaited party answer an offer or a counter-offer', () => {
    const offered = order({ status: 'offered', awaitingOrganisationId: BUYER });
    expect(allowedActions({ ...offered, myRole: 'buyer' }, BUYER)).toEqual([
      'accept',
      'reject',
      'counter',
      'cancel',
    ]);
    expect(allowedActions(offered, SELLER)).toEqual(['cancel']);
    const countered = order({ status: 'countered', awaitingOrganisationId: SELLER });
    expect(allowedActions(countered, SELLER)).toEqual(['accept', 'reject', 'counter', 'cancel']);
    expect(allowedActions({ ...countered, myRole: 'buyer' }, BUYER)).toEqual(['cancel']);
  });

  it('leaves fulfilment to the seller', () => {
    const accepted = order({ status: 'accepted' });
    expect(allowedActions(accepted, SELLER)).toEqual(['start_fulfilment', 'cancel']);
    expect(allowedActions({ ...accepted, myRole: 'buyer' }, BUYER)).toEqual(['cancel']);
    expect(allowedActions(order({ status: 'in_fulfilment' }), SELLER)).toEqual(['complete']);
    expect(allowedActions(order({ status: 'in_fulfilment', myRole: 'buyer' }), BUYER)).toEqual([]);
  });

  it('offers nothing in final states or to a shared party', () => {
    for (const status of ['rejected', 'completed', 'cancelled'] as const) {
      expect(allowedActions(order({ status }), SELLER)).toEqual([]);
    }
    for (const status of ORDER_STATUSES) {
      expect(
        allowedActions(order({ status, myRole: 'shared', awaitingOrganisationId: 'org_fwd' }), 'org_fwd'),
      ).toEqual([]);
    }
  });
});

describe('other permissions', () => {
  it('lets only the creator edit, and only a draft', () => {
    expect(canEdit(order({}), SELLER)).toBe(true);
    expect(canEdit(order({ myRole: 'buyer' }), BUYER)).toBe(false);
    expect(canEdit(order({ status: 'offered' }), SELLER)).toBe(false);
  });

  it('lets the seller issue contract and proforma while negotiating, everything once agreed', () => {
    expect(issuableKinds({ status: 'accepted', myRole: 'seller' })).toContain('commercial_invoice');
    expect(issuableKinds({ status: 'accepted', myRole: 'seller' })).toHaveLength(7);
    expect(issuableKinds({ status: 'accepted', myRole: 'buyer' })).toEqual([]);
    expect(issuableKinds({ status: 'offered', myRole: 'seller' })).toEqual([
      'sales_contract',
      'proforma_invoice',
    ]);
    expect(issuableKinds({ status: 'draft', myRole: 'seller' })).toEqual([]);
    expect(issuableKinds({ status: 'cancelled', myRole: 'seller' })).toEqual([]);
    expect(canShare({ status: 'accepted', myRole: 'buyer' })).toBe(true);
    expect(canShare({ status: 'accepted', myRole: 'shared' })).toBe(false);
  });

  it('tells whose move it is', () => {
    expect(whoseMove({ awaitingOrganisationId: SELLER }, SELLER)).toBe('mine');
    expect(whoseMove({ awaitingOrganisationId: BUYER }, SELLER)).toBe('theirs');
    expect(whoseMove({ awaitingOrganisationId: null }, SELLER)).toBe('nobody');
  });
});
