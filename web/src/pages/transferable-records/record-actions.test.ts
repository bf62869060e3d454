import { describe, expect, it } from 'vitest';
import { actionTarget, recordActions } from './record-actions.ts';

const CARRIER = 'org_carrier';
const SHIPPER = 'org_shipper';
const BANK = 'org_bank';

const record = (patch: Partial<Parameters<typeof recordActions>[0]> = {}) => ({
  status: 'active' as const,
  holderOrganisationId: SHIPPER,
  issuerOrganisationId: CARRIER,
  ...patch,
});

describe('recordActions', () => {
  it('lets the holder transfer, endorse and surrender', () => {
    expect(recordActions(record(), SHIPPER)).toEqual([
      'transfer_holder',
      'endorse',
      'blank_endorse',
      'surrender_for_delivery',
    ]);
  });

  it('gives nothing to an organisation that does not hold the record', () => {
    expect(recordActions(record(), BANK)).toEqual([]);
    expect(recordActions(record(), CARRIER)).toEqual([]);
  });

  it('lets only the carrier answer a surrender', () => {
    const surrendered = record({ status: 'surrendered', holderOrganisationId: CARRIER });
    expect(recordActions(surrendered, CARRIER)).toEqual(['accept_surrender', 'reject_surrender']);
    expect(recordActions(surrendered, SHIPPER)).toEqual([]);
    expect(recordActions(record({ status: 'accomplished', holderOrganisationId: CARRIER }), CARRIER)).toEqual(
      [],
    );
  });

  it('sends a surrender to the issuing carrier whatever was picked', () => {
    expect(actionTarget('surrender_for_delivery', record(), BANK)).toBe(CARRIER);
    expect(actionTarget('transfer_holder', record(), BANK)).toBe(BANK);
    expect(actionTarget('blank_endorse', record(), BANK)).toBeNull();
  });
});
