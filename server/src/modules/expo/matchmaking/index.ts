// The public face of expo matchmaking inside the expo module: the meetings part reads leads
// through findLeadForParty; the module's routes.ts mounts the routes; the module's index.ts
// hands the seed and the bench createMatchmaking.
import type { ExpoDeps } from '../deps.ts';
import { seedDemoMatchmaking } from './demo.ts';
import { matchRequirement } from './match-requirement.ts';

export { convertAtRate } from './convert-at-rate.ts';
export { type MatchDeps, matchRequirement } from './match-requirement.ts';
export { findLeadForParty, type LeadParties } from './repository-leads.ts';
export { registerMatchmakingRoutes } from './routes-matchmaking.ts';
export { matchWeights, scoreMatch } from './score-match.ts';

/** Matchmaking bound to the module's dependencies. */
export const createMatchmaking = (deps: ExpoDeps) => ({
  /** (Re)matches one requirement against the published catalogue and stores its leads. */
  matchRequirement: (requirementId: string) => matchRequirement(deps.db, deps, requirementId),
  /** The demo: the Kuala Lumpur importer's umbrella requirement, matched, and a year of past ones. */
  seedDemo: (
    ctx: Parameters<typeof seedDemoMatchmaking>[1],
    parties: Parameters<typeof seedDemoMatchmaking>[2],
  ) => seedDemoMatchmaking(deps, ctx, parties),
});
