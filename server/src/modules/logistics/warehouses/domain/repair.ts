/**
 * Repair tickets at an after-sales service centre. A ticket is a buyer's item under warranty (the
 * buyer's property, sent back to the buyer whatever the outcome) or the refurbishment of a grade B
 * return (the client's stock: back on the shelf when repaired, scrapped when not).
 */
export const repairOrigins = ['buyer', 'return_case'] as const;
export type RepairOrigin = (typeof repairOrigins)[number];

export const repairStages = [
  'received',
  'diagnosed',
  'unrepairable',
  'repaired',
  'returned_to_buyer',
  'restocked',
  'scrapped',
] as const;
export type RepairStage = (typeof repairStages)[number];

/** The steps after receiving, each allowed from exactly one set of stages. */
export type RepairStep =
  | { step: 'diagnose'; repairable: boolean }
  | { step: 'complete' }
  | { step: 'close'; outcome: RepairOutcome };

export const repairOutcomes = ['returned_to_buyer', 'restocked', 'scrapped'] as const;
export type RepairOutcome = (typeof repairOutcomes)[number];

/** The stages a step may start from. */
export const stepFrom: Record<RepairStep['step'], readonly RepairStage[]> = {
  diagnose: ['received'],
  complete: ['diagnosed'],
  close: ['repaired', 'unrepairable'],
};

/** The stage a step leads to. */
export const stageAfter = (step: RepairStep): RepairStage => {
  switch (step.step) {
    case 'diagnose':
      return step.repairable ? 'diagnosed' : 'unrepairable';
    case 'complete':
      return 'repaired';
    case 'close':
      return step.outcome;
  }
};

/**
 * Which outcome closes a ticket: a buyer's item always goes back to the buyer (it was never the
 * client's stock); a refurbished return goes back on the shelf, an unrepairable one is scrapped.
 */
export const outcomeAllowed = (origin: RepairOrigin, stage: RepairStage, outcome: RepairOutcome): boolean =>
  origin === 'buyer'
    ? outcome === 'returned_to_buyer'
    : outcome === (stage === 'repaired' ? 'restocked' : 'scrapped');
