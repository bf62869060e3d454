import { describe, expect, it } from 'vitest';
import { judgeObservation, type LiveException, type Observed } from './exception-rules.ts';

const observed = (classifier: 'ACT' | 'EST', delayMinutes: number): Observed => ({
  at: '2026-11-06T06:00:00+01:00',
  classifier,
  eventId: 'e',
  delayMinutes,
});
const live = (
  id: string,
  delayMinutes: number | null,
  observedClassifier: 'ACT' | 'EST' | null,
): LiveException => ({
  id,
  delayMinutes,
  observedClassifier,
});
const judge = (
  o: Observed,
  state: { delay?: LiveException; gap?: LiveException; actualKnown?: boolean } = {},
) =>
  judgeObservation({
    observed: o,
    thresholdMinutes: 1440,
    liveDelay: state.delay,
    liveGap: state.gap,
    actualKnown: state.actualKnown ?? false,
  }).map((c) =>
    c.op === 'raise' ? `raise ${c.kind}` : `${c.op} ${c.id}${c.op === 'update' && c.reopen ? ' reopen' : ''}`,
  );

describe('exception rules', () => {
  it('raises a delay only beyond the threshold, from an estimate or an actual time', () => {
    expect(judge(observed('EST', 1440))).toEqual([]);
    expect(judge(observed('EST', 1441))).toEqual(['raise delay']);
    expect(judge(observed('ACT', 1441))).toEqual(['raise delay']);
    expect(judge(observed('ACT', -600))).toEqual([]);
  });

  it('updates a delay when an estimate worsens it, never when it improves, and ignores estimates after the actual', () => {
    const delay = live('d', 2000, 'EST');
    expect(judge(observed('EST', 3000), { delay })).toEqual(['update d reopen']);
    expect(judge(observed('EST', 1500), { delay })).toEqual([]);
    expect(judge(observed('EST', 9000), { actualKnown: true })).toEqual([]);
  });

  it('restates a delay with the actual time, resolves it when the actual is within the threshold', () => {
    expect(judge(observed('ACT', 1500), { delay: live('d', 2000, 'EST') })).toEqual(['update d']);
    expect(judge(observed('ACT', 2500), { delay: live('d', 2000, 'EST') })).toEqual(['update d reopen']);
    expect(judge(observed('ACT', 2000), { delay: live('d', 2000, 'ACT') })).toEqual([]);
    expect(judge(observed('ACT', 30), { delay: live('d', 2000, 'EST') })).toEqual(['resolve d']);
  });

  it('closes a gap with any actual event, and raises a delay too when that actual is late', () => {
    const gap = live('g', null, null);
    expect(judge(observed('ACT', 60), { gap })).toEqual(['resolve g']);
    expect(judge(observed('ACT', 3000), { gap })).toEqual(['resolve g', 'raise delay']);
    // An estimate does not close a gap: the milestone is still unreported.
    expect(judge(observed('EST', 60), { gap })).toEqual([]);
  });
});
