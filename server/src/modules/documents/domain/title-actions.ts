// The title chain of a transferable record, on the hub's side: the rules are @tradehub/verifier's
// (the same function replays a chain offline, so the hub cannot enforce one rule and verifiers
// check another); here they are applied to a record row, with organisations as the parties.

import {
  applyTitleAction,
  defaultReceiver,
  TITLE_ACTION_CODES,
  type TitleAction,
  type TitleRuleViolation,
  type TitleState,
  type TitleStatus,
} from '@tradehub/verifier';

export type { TitleAction, TitleStatus };

/** The actions a holder can take over HTTP (ISSUE is the record's creation). */
export const titleHttpActions = [
  'transfer_holder',
  'endorse',
  'blank_endorse',
  'surrender_for_delivery',
  'accept_surrender',
  'reject_surrender',
  'amend',
] as const satisfies readonly TitleAction[];

export type TitleHttpAction = (typeof titleHttpActions)[number];

/** The record columns the rules read. */
export type TitleRecordState = {
  issuerOrganisationId: string;
  holderOrganisationId: string;
  endorseeOrganisationId: string | null;
  surrenderedByOrganisationId: string | null;
  status: TitleStatus;
};

const toState = (record: TitleRecordState): TitleState => ({
  issuer: record.issuerOrganisationId,
  holder: record.holderOrganisationId,
  endorsee: record.endorseeOrganisationId,
  status: record.status,
  surrenderedBy: record.surrenderedByOrganisationId,
});

export type TitleDecision =
  | {
      ok: true;
      /** Whom the action goes to: the entry's counterparty (null: zeros). */
      to: string | null;
      next: TitleRecordState;
      kind: number;
      pintCode: string;
    }
  | { ok: false; violation: TitleRuleViolation; message: string };

/**
 * Decides an action by `actorOrganisationId` on a record: the receiver (`to`, or the action's
 * default when none is named) and the state after it, or why the rules refuse it.
 */
export const decideTitleAction = (
  record: TitleRecordState,
  action: TitleHttpAction,
  actorOrganisationId: string,
  to: string | undefined,
): TitleDecision => {
  const state = toState(record);
  const receiver = to ?? defaultReceiver(action, state);
  const result = applyTitleAction(state, { action, actor: actorOrganisationId, to: receiver }, state.issuer);
  if (!result.ok) {
    return result;
  }
  const next = result.state;
  return {
    ok: true,
    to: receiver,
    next: {
      issuerOrganisationId: next.issuer,
      holderOrganisationId: next.holder,
      endorseeOrganisationId: next.endorsee,
      surrenderedByOrganisationId: next.surrenderedBy,
      status: next.status,
    },
    kind: TITLE_ACTION_CODES[action].kind,
    pintCode: TITLE_ACTION_CODES[action].pintCode,
  };
};

/** The DCSA PINT / eBL action code of an action. */
export const pintCodeOf = (action: TitleAction): string => TITLE_ACTION_CODES[action].pintCode;
