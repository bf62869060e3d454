import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../platform/access/index.ts';
import type { FinanceDeps } from './deps.ts';
import { registerInsuranceRoutes } from './insurance/routes-insurance.ts';
import { registerFinanceRoutes } from './routes.ts';
import { registerFinancingRoutes } from './routes-financing.ts';
import { type IpPledgeRegistration, registerIpPledge } from './service/register-ip-pledge.ts';
import { releaseIpPledge } from './service/release-ip-pledge.ts';

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
  /**
   * IP pledges in the duplicate-financing registry, for the expo IP registry to call inside its
   * own transaction `trx` (wired through ExpoDeps in app.ts): `register` fingerprints the right
   * and registers it for the bank, or answers `{registered: false}` when an active pledge holds
   * the same right; `release` releases it when the bank releases the pledge.
   */
  ipPledges: {
    register: (trx: Executor, pledge: IpPledgeRegistration) => registerIpPledge(deps, trx, pledge),
    release: (trx: Executor, release: { financierOrganisationId: string; registrationId: string }) =>
      releaseIpPledge(deps, trx, release),
  },
});

export type FinanceModule = ReturnType<typeof createFinanceModule>;
