import { describe, expect, it } from 'vitest';
import { escrowActions, fundTerms, todayUtc } from './escrow-model.ts';

const order = { status: 'accepted' as const, sellerOrganisationId: 'org_s', buyerOrganisationId: 'org_b' };
const funded = (
  releaseTrigger: 'buyer_acceptance' | 'delivery' | 'date',
  mediator: string | null = null,
) => ({
  status: 'funded' as const,
  releaseTrigger,
  mediatorOrganisationId: mediator,
});

describe('escrowActions', () => {
  it('lets only the buyer fund, and only an agreed order', () => {
    expect(escrowActions(order, null, 'org_b')).toEqual(['fund']);
    expect(escrowActions(order, null, 'org_s')).toEqual([]);
    expect(escrowActions(order, null, 'org_x')).toEqual([]);
    expect(escrowActions({ ...order, status: 'offered' }, null, 'org_b')).toEqual([]);
    expect(escrowActions({ ...order, status: 'in_fulfilment' }, null, 'org_b')).toEqual(['fund']);
  });

  it('gives the buyer release, named after the trigger, and refund once the order ended', () => {
    expect(escrowActions(order, funded('buyer_acceptance'), 'org_b')).toEqual(['release']);
    expect(escrowActions(order, funded('delivery'), 'org_b')).toEqual(['confirmDelivery']);
    expect(escrowActions({ ...order, status: 'cancelled' }, funded('date'), 'org_b')).toEqual([
      'release',
      'refund',
    ]);
  });

  it('never lets the seller release', () => {
    expect(escrowActions(order, funded('delivery'), 'org_s')).toEqual(['refund']);
  });

  it('gives the mediator every outcome and a shared carrier only delivery', () => {
    expect(escrowActions(order, funded('date', 'org_m'), 'org_m')).toEqual(['release', 'refund', 'split']);
    expect(escrowActions(order, funded('delivery'), 'org_c')).toEqual(['confirmDelivery']);
    expect(escrowActions(order, funded('buyer_acceptance'), 'org_c')).toEqual([]);
  });

  it('offers nothing once the escrow is settled', () => {
    for (const status of ['released', 'refunded', 'split'] as const) {
      const settled = { ...funded('delivery', 'org_m'), status };
      for (const org of ['org_b', 'org_s', 'org_m', 'org_c']) {
        expect(escrowActions(order, settled, org)).toEqual([]);
      }
    }
  });
});

describe('fundTerms', () => {
  it('sends a date only with the date trigger', () => {
    expect(fundTerms('date', '2026-12-01')).toEqual({ releaseTrigger: 'date', releaseOn: '2026-12-01' });
    expect(fundTerms('delivery', '2026-12-01')).toEqual({ releaseTrigger: 'delivery' });
  });

  it('takes today in UTC, not local time', () => {
    expect(todayUtc(new Date('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
  });
});
