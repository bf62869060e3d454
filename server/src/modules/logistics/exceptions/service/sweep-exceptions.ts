import type { LogisticsDeps } from '../../deps.ts';
import {
  actualMilestoneExists,
  findGapCandidates,
  liveExceptionsOf,
  lockShipmentsForJudging,
} from '../repository-exceptions.ts';
import { applyExceptionChanges } from './changes.ts';

/** How far back the sweeper looks: a milestone planned before this is history, not a gap to raise. */
export const SWEEP_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Raises a gap exception for every milestone whose planned time passed more than its threshold
 * before `now` with no actual (ACT) event for it, at most `limit` of them; returns how many were
 * raised. Each shipment is judged in its own transaction under its row lock, re-checked there, so
 * an ACT event stored meanwhile is never followed by a gap for the same milestone.
 */
export const sweepLogisticsExceptions = async (
  deps: Pick<LogisticsDeps, 'db' | 'afterCommit'>,
  now: Date,
  limit = 500,
): Promise<number> => {
  const candidates = await findGapCandidates(
    deps.db.kysely,
    now,
    new Date(now.getTime() - SWEEP_LOOKBACK_MS),
    limit,
  );
  const byShipment = new Map<string, typeof candidates>();
  for (const candidate of candidates) {
    byShipment.set(candidate.shipment_id, [...(byShipment.get(candidate.shipment_id) ?? []), candidate]);
  }
  let raised = 0;
  for (const [shipmentId, milestones] of byShipment) {
    raised += await deps.db.transaction(async (trx) => {
      const shipment = (await lockShipmentsForJudging(trx, [shipmentId])).get(shipmentId);
      if (shipment === undefined) {
        return 0;
      }
      const live = await liveExceptionsOf(trx, shipmentId);
      let published = 0;
      for (const candidate of milestones) {
        const stillMissing =
          !live.some(
            (x) =>
              x.kind === 'gap' && x.leg_index === candidate.leg_index && x.milestone === candidate.milestone,
          ) && !(await actualMilestoneExists(trx, shipmentId, candidate.milestone, candidate.place));
        if (!stillMissing) {
          continue;
        }
        published += await applyExceptionChanges(
          trx,
          {
            shipmentId,
            shipmentReference: shipment.reference,
            shipperOrganisationId: shipment.shipperOrganisationId,
            legIndex: candidate.leg_index,
            milestone: candidate.milestone,
            expectedAt: candidate.expected_at,
          },
          [{ op: 'raise', kind: 'gap' }],
          now,
        );
      }
      return published;
    });
  }
  if (raised > 0) {
    deps.afterCommit();
  }
  return raised;
};
