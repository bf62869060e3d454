import { TradeLogEntryKind } from '@tradehub/verifier';
import { describe, expect, it } from 'vitest';
import { decideTitleAction, type TitleRecordState } from './title-actions.ts';

const held = (patch: Partial<TitleRecordState> = {}): TitleRecordState => ({
  issuerOrganisationId: 'org_carrier',
  holderOrganisationId: 'org_shipper',
  endorseeOrganisationId: null,
  surrenderedByOrganisationId: null,
  status: 'active',
  ...patch,
});

describe('decideTitleAction', () => {
  it('sends a surrender to the issuer and a rejected one back to whoever surrendered', () => {
    const surrender = decideTitleAction(held(), 'surrender_for_delivery', 'org_shipper', undefined);
    expect(surrender).toMatchObject({
      ok: true,
      to: 'org_carrier',
      kind: TradeLogEntryKind.SURRENDER_FOR_DELIVERY,
      pintCode: 'SURRENDER_FOR_DELIVERY',
      next: {
        holderOrganisationId: 'org_carrier',
        status: 'surrendered',
        surrenderedByOrganisationId: 'org_shipper',
      },
    });
    if (!surrender.ok) {
      throw new Error(surrender.message);
    }
    expect(decideTitleAction(surrender.next, 'reject_surrender', 'org_carrier', undefined)).toMatchObject({
      ok: true,
      to: 'org_shipper',
      pintCode: 'SREJ',
      next: { holderOrganisationId: 'org_shipper', status: 'active', surrenderedByOrganisationId: null },
    });
    expect(decideTitleAction(surrender.next, 'accept_surrender', 'org_carrier', undefined)).toMatchObject({
      ok: true,
      to: null,
      pintCode: 'SACC',
      next: { status: 'accomplished' },
    });
  });

  it('refuses a surrender sent anywhere but to the issuer, and any action by a non-holder', () => {
    expect(decideTitleAction(held(), 'surrender_for_delivery', 'org_shipper', 'org_bank')).toMatchObject({
      ok: false,
      violation: 'wrong_receiver',
    });
    expect(decideTitleAction(held(), 'transfer_holder', 'org_bank', 'org_buyer')).toMatchObject({
      ok: false,
      violation: 'not_holder',
    });
    expect(decideTitleAction(held(), 'transfer_holder', 'org_shipper', undefined)).toMatchObject({
      ok: false,
      violation: 'needs_receiver',
    });
  });

  it('lets only the issuer amend, while it holds the record, and returns it to whoever surrendered', () => {
    expect(decideTitleAction(held(), 'amend', 'org_shipper', undefined)).toMatchObject({
      ok: false,
      violation: 'not_issuer',
    });
    const surrendered = held({
      holderOrganisationId: 'org_carrier',
      status: 'surrendered',
      surrenderedByOrganisationId: 'org_shipper',
    });
    expect(decideTitleAction(surrendered, 'amend', 'org_carrier', undefined)).toMatchObject({
      ok: true,
      to: 'org_shipper',
      kind: TradeLogEntryKind.AMEND,
      next: { holderOrganisationId: 'org_shipper', status: 'active' },
    });
  });
});
