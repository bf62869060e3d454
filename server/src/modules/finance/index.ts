import type { FastifyInstance } from 'fastify';
import type { FinanceDeps } from './deps.ts';
import { registerFinanceRoutes } from './routes.ts';

export type { FinanceDeps } from './deps.ts';
export type { InvoiceInput, PartyIdInput } from './domain/canonical-invoice.ts';
export { deriveRegistryKey, type RegistryKey } from './domain/fingerprints.ts';
export type { RegistryAnswer } from './domain/registry-answer.ts';
export { financeErrorStatuses, financeFieldErrorCodes } from './errors.ts';

/** The finance module bound to its dependencies: what the composition root uses. */
export const createFinanceModule = (deps: FinanceDeps) => ({
  registerRoutes: (app: FastifyInstance) => registerFinanceRoutes(app, deps),
});

export type FinanceModule = ReturnType<typeof createFinanceModule>;
