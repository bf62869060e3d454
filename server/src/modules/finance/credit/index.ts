import type { FastifyInstance } from 'fastify';
import type { CreditDeps } from './deps.ts';
import { scoreCredit, scorecard } from './domain/scorecard.ts';
import { registerCreditRoutes } from './routes-credit.ts';
import { deriveCreditKey } from './service/credit-key.ts';
import { gatherFacts } from './service/gather-facts.ts';

/** Credit scores bound to their dependencies: the finance index re-exports this for the composition root. */
export const createCreditScores = (deps: CreditDeps) => {
  const key = deriveCreditKey(deps.secretKey);
  return {
    /** The snapshot key's id and raw public key. */
    signingKey: { keyId: key.keyId, publicKey: key.publicKey },
    registerRoutes: (app: FastifyInstance) => registerCreditRoutes(app, deps, key),
    /**
     * The organisation's score as of now, computed from its verified records like a snapshot but
     * neither signed nor stored (for ranking, e.g. expo matchmaking), with the scorecard's maximum
     * and the completed orders it counted.
     */
    scoreOf: async (organisationId: string) => {
      const facts = await gatherFacts(deps, organisationId, deps.now());
      const score = scoreCredit(facts);
      return {
        score: score.total,
        max: scorecard.total.max,
        grade: score.grade,
        completedOrders: facts.orders.completed,
      };
    },
  };
};

export type CreditScores = ReturnType<typeof createCreditScores>;
