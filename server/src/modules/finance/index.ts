import type { FastifyInstance } from 'fastify';
import type { FinanceDeps } from './deps.ts';
import { registerInsuranceRoutes } from './insurance/routes-insurance.ts';
import { registerFinanceRoutes } from './routes.ts';
import { registerFinancingRoutes } from './routes-financing.ts';

export type { ConcludedOrder, CreditDeps, EscrowOutcomeFact } from './credit/deps.ts';
export { type CreditScores, createCreditScores } from './credit/index.ts';
export type { FinanceDeps } from './deps.ts';
export type { InvoiceInput, PartyIdInput } from './domain/canonical-invoice.ts';
export { deriveRegistryKey, type RegistryKey } from './domain/fingerprints.ts';
export type { RegistryAnswer } from './domain/registry-answer.ts';
export { financeErrorStatuses, financeFieldErrorCodes } from './errors.ts';

/** The finance module bound to its dependencies: what the composition root uses. */
export const createFinanceModule = (deps: FinanceDeps) => ({
  registerRoutes: (app: FastifyInstance) => {
    registerFinanceRoutes(app, deps);
    registerFinancingRoutes(app, deps);
    registerInsuranceRoutes(app, deps);
  },
});

export type FinanceModule = ReturnType<typeof createFinanceModule>;
