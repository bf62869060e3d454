import type { FastifyInstance } from 'fastify';
import type { CustomsDeps } from './deps.ts';
import { registerCustomsRoutes } from './routes.ts';
import { type ReceiveContext, receiveMessages } from './service/receive-messages.ts';

export type { CustomsDeps, SandboxSettings, SubmitterKey } from './deps.ts';
export { customsErrorStatuses } from './errors.ts';
export { customsEvents, type ParcelReleasedPayload } from './events.ts';
export type { ReceiveOutcome } from './service/receive-messages.ts';
export { MAX_MESSAGES_PER_BATCH } from './service/receive-messages.ts';
export { importTariff, loadTariff, type TariffInForce } from './service/tariff-source.ts';

/** The sandbox's defaults: 2% of parcels inspected, the matching rules at their own severities. */
export const defaultSandboxSettings = { inspectionRate: 0.02, matchingSeverities: {} };

/** The customs module bound to its dependencies: what the composition root, the CLI and the seed use. */
export const createCustomsModule = (deps: CustomsDeps) => ({
  registerRoutes: (app: FastifyInstance) => registerCustomsRoutes(app, deps),
  /** Receives CEB messages from one organisation, as the HTTP routes do (seed, CLI). */
  receiveMessages: (ctx: ReceiveContext, xmls: readonly string[]) => receiveMessages(deps, ctx, xmls),
});

export type CustomsModule = ReturnType<typeof createCustomsModule>;
export { type DemoParcel, type DemoParcelOptions, generateDemoParcels } from './demo/demo-parcels.ts';
export { signAsDemoDeclarant } from './demo/demo-signer.ts';
