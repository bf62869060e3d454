import type { RecordView, TitleAction } from '../../api/transferable-records.ts';

// Which title actions the eBL page offers. The server is the judge (403 for a non-holder, 409 for
// a stale head); this only keeps buttons away from those who cannot use them.

/** Actions that name the organisation receiving possession or title. */
export const NEEDS_TARGET: readonly TitleAction[] = ['transfer_holder', 'endorse'];

export const recordActions = (
  record: Pick<RecordView, 'status' | 'holderOrganisationId' | 'issuerOrganisationId'>,
  orgId: string,
): TitleAction[] => {
  if (record.status === 'active' && record.holderOrganisationId === orgId) {
    // The carrier holding its own record has nothing to surrender to itself.
    return record.issuerOrganisationId === orgId
      ? ['transfer_holder', 'endorse', 'blank_endorse']
      : ['transfer_holder', 'endorse', 'blank_endorse', 'surrender_for_delivery'];
  }
  if (record.status === 'surrendered' && record.issuerOrganisationId === orgId) {
    return ['accept_surrender', 'reject_surrender'];
  }
  return [];
};

/** Surrender goes back to the carrier that issued the record; other actions name their target. */
export const actionTarget = (
  action: TitleAction,
  record: Pick<RecordView, 'issuerOrganisationId'>,
  chosen: string | null,
): string | null =>
  action === 'surrender_for_delivery'
    ? record.issuerOrganisationId
    : NEEDS_TARGET.includes(action)
      ? chosen
      : null;
