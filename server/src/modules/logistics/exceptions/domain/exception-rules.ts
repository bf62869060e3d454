/** The kinds of exception a shipment's milestones raise. */
export const exceptionKinds = ['delay', 'gap'] as const;
export type ExceptionKind = (typeof exceptionKinds)[number];

/**
 * open: raised, nobody has reacted; acknowledged: a party has seen it (a worse delay opens it again);
 * resolved: the milestone was reported within the threshold, or (a gap) at all. Resolved is final:
 * a new occurrence is a new exception.
 */
export const exceptionStates = ['open', 'acknowledged', 'resolved'] as const;
export type ExceptionState = (typeof exceptionStates)[number];

/** The threshold when neither the shipper nor the shipment sets one: 24 hours. */
export const DEFAULT_DELAY_THRESHOLD_MINUTES = 24 * 60;
/** At most 30 days: beyond that nothing a carrier reports would count as late. */
export const MAX_DELAY_THRESHOLD_MINUTES = 30 * 24 * 60;

/** A live (open or acknowledged) exception of one milestone. */
export type LiveException = {
  id: string;
  delayMinutes: number | null;
  observedClassifier: 'ACT' | 'EST' | null;
};

export type Observed = { at: string; classifier: 'ACT' | 'EST'; eventId: string; delayMinutes: number };

export type ExceptionChange =
  | { op: 'raise'; kind: 'delay'; observed: Observed }
  /** A gap is raised by the sweeper: nothing was observed. */
  | { op: 'raise'; kind: 'gap' }
  /** `reopen`: the delay got worse, so an acknowledged exception is open again. */
  | { op: 'update'; id: string; observed: Observed; reopen: boolean }
  | { op: 'resolve'; id: string; observed: Observed };

/**
 * What an estimated or actual departure or arrival changes in the milestone's exceptions.
 *
 * An actual event (ACT): closes a gap (the milestone is no longer missing); beyond the threshold it
 * raises a delay or restates the live one with the actual time (reopened only when worse); within
 * it, it resolves a live delay (the feared delay did not happen).
 *
 * An estimate (EST): beyond the threshold it raises a delay, or updates the live one when the new
 * estimate is worse; a better estimate changes nothing (the carrier may revise again), and once the
 * milestone has an actual event, estimates no longer count.
 */
export const judgeObservation = (input: {
  observed: Observed;
  thresholdMinutes: number;
  liveDelay: LiveException | undefined;
  liveGap: LiveException | undefined;
  actualKnown: boolean;
}): ExceptionChange[] => {
  const { observed, thresholdMinutes, liveDelay, liveGap } = input;
  const late = observed.delayMinutes > thresholdMinutes;
  const changes: ExceptionChange[] = [];
  if (observed.classifier === 'ACT') {
    if (liveGap !== undefined) {
      changes.push({ op: 'resolve', id: liveGap.id, observed });
    }
    if (!late) {
      if (liveDelay !== undefined) {
        changes.push({ op: 'resolve', id: liveDelay.id, observed });
      }
      return changes;
    }
    if (liveDelay === undefined) {
      changes.push({ op: 'raise', kind: 'delay', observed });
    } else if (liveDelay.observedClassifier !== 'ACT' || liveDelay.delayMinutes !== observed.delayMinutes) {
      changes.push({
        op: 'update',
        id: liveDelay.id,
        observed,
        reopen: observed.delayMinutes > (liveDelay.delayMinutes ?? 0),
      });
    }
    return changes;
  }
  if (input.actualKnown || !late) {
    return changes;
  }
  if (liveDelay === undefined) {
    changes.push({ op: 'raise', kind: 'delay', observed });
  } else if (observed.delayMinutes > (liveDelay.delayMinutes ?? 0)) {
    changes.push({ op: 'update', id: liveDelay.id, observed, reopen: true });
  }
  return changes;
};
