import { newId } from '@tradehub/kernel';
import type { Transaction } from 'kysely';
import { publishEvent } from '../../../../platform/events/index.ts';
import { logisticsEvents } from '../../events.ts';
import type { Milestone } from '../../plans/domain/route-plan.ts';
import type { ExceptionChange } from '../domain/exception-rules.ts';
import { type ExceptionRow, insertException, updateException } from '../repository-exceptions.ts';

const optional = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/** An exception as the shipment's shipper, forwarder and carrier see it (HTTP and callbacks). */
export const presentException = (row: ExceptionRow & { shipment_reference: string }) => ({
  id: row.id,
  shipmentId: row.shipment_id,
  shipmentReference: row.shipment_reference,
  kind: row.kind,
  legIndex: row.leg_index,
  milestone: row.milestone,
  expectedAt: row.expected_at,
  ...optional('observedAt', row.observed_at),
  ...optional('observedClassifier', row.observed_classifier),
  ...optional('delayMinutes', row.delay_minutes),
  state: row.state,
  raisedAt: row.raised_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  ...optional('acknowledgedAt', row.acknowledged_at?.toISOString()),
  ...optional('resolvedAt', row.resolved_at?.toISOString()),
});

export type ExceptionView = ReturnType<typeof presentException>;

const topics = {
  raise: logisticsEvents.exceptionRaised,
  update: logisticsEvents.exceptionUpdated,
  resolve: logisticsEvents.exceptionResolved,
} as const;

/** The milestone a set of changes is about. */
export type MilestoneRef = {
  shipmentId: string;
  shipmentReference: string;
  shipperOrganisationId: string;
  legIndex: number;
  milestone: Milestone;
  expectedAt: string;
};

/**
 * Applies judged changes to a milestone's exceptions in the caller's transaction and publishes
 * each one that changed something, so the subscribers hear of it if and only if it commits.
 * Returns how many were published.
 */
export const applyExceptionChanges = async (
  trx: Transaction<object>,
  ref: MilestoneRef,
  changes: readonly ExceptionChange[],
  at: Date,
): Promise<number> => {
  let published = 0;
  for (const change of changes) {
    let row: ExceptionRow | undefined;
    if (change.op === 'raise') {
      const observed = change.kind === 'delay' ? change.observed : undefined;
      const fresh: ExceptionRow = {
        id: newId('lex'),
        shipment_id: ref.shipmentId,
        kind: change.kind,
        leg_index: ref.legIndex,
        milestone: ref.milestone,
        expected_at: ref.expectedAt,
        observed_at: observed?.at ?? null,
        observed_classifier: observed?.classifier ?? null,
        observed_event_id: observed?.eventId ?? null,
        delay_minutes: observed?.delayMinutes ?? null,
        state: 'open',
        acknowledged_by_organisation_id: null,
        acknowledged_at: null,
        raised_at: at,
        updated_at: at,
        resolved_at: null,
      };
      row = (await insertException(trx, fresh)) ? fresh : undefined;
    } else {
      const observed = {
        observed_at: change.observed.at,
        observed_classifier: change.observed.classifier,
        observed_event_id: change.observed.eventId,
        delay_minutes: change.observed.delayMinutes,
        updated_at: at,
      };
      row = await updateException(
        trx,
        change.id,
        change.op === 'resolve'
          ? { ...observed, state: 'resolved', resolved_at: at }
          : { ...observed, ...(change.reopen ? { state: 'open' as const } : {}) },
      );
    }
    if (row === undefined) {
      continue;
    }
    await publishEvent(trx, {
      topic: topics[change.op],
      organisationId: ref.shipperOrganisationId,
      payload: { exception: presentException({ ...row, shipment_reference: ref.shipmentReference }) },
    });
    published += 1;
  }
  return published;
};
