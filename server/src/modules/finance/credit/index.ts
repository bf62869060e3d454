import type { FastifyInstance } from 'fastify';
import type { CreditDeps } from './deps.ts';
import { registerCreditRoutes } from './routes-credit.ts';
import { deriveCreditKey } from './service/credit-key.ts';

/** Credit scores bound to their dependencies: the finance index re-exports this for the composition root. */
export const createCreditScores = (deps: CreditDeps) => {
  const key = deriveCreditKey(deps.secretKey);
  return {
    /** The snapshot key's id and raw public key. */
    signingKey: { keyId: key.keyId, publicKey: key.publicKey },
    registerRoutes: (app: FastifyInstance) => registerCreditRoutes(app, deps, key),
  };
};

export type CreditScores = ReturnType<typeof createCreditScores>;
