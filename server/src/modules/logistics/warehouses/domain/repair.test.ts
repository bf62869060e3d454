import { describe, expect, it } from 'vitest';
import { outcomeAllowed, repairOutcomes, repairStages, stageAfter, stepFrom } from './repair.ts';

describe('repair ticket stages', () => {
  it('a diagnosis leads to diagnosed or unrepairable, a completion to repaired', () => {
    expect(stageAfter({ step: 'diagnose', repairable: true })).toBe('diagnosed');
    expect(stageAfter({ step: 'diagnose', repairable: false })).toBe('unrepairable');
    expect(stageAfter({ step: 'complete' })).toBe('repaired');
    expect(stageAfter({ step: 'close', outcome: 'restocked' })).toBe('restocked');
  });

  it('closing is only possible once the repair is decided', () => {
    expect(stepFrom.close).toEqual(['repaired', 'unrepairable']);
    expect(stepFrom.complete).toEqual(['diagnosed']);
    expect(repairStages.filter((stage) => stepFrom.diagnose.includes(stage))).toEqual(['received']);
  });

  it("a buyer's item always goes back to the buyer; a refurbished return to the shelf or the scrap", () => {
    const allowed = (origin: 'buyer' | 'return_case', stage: 'repaired' | 'unrepairable') =>
      repairOutcomes.filter((outcome) => outcomeAllowed(origin, stage, outcome));
    expect(allowed('buyer', 'repaired')).toEqual(['returned_to_buyer']);
    expect(allowed('buyer', 'unrepairable')).toEqual(['returned_to_buyer']);
    expect(allowed('return_case', 'repaired')).toEqual(['restocked']);
    expect(allowed('return_case', 'unrepairable')).toEqual(['scrapped']);
  });
});
