import type { FastifyInstance } from 'fastify';
import { createCatalogue } from './catalogue/index.ts';
import type { ExpoDeps } from './deps.ts';
import { seedDemoIpRegistry } from './ip-registry/index.ts';
import { createMatchmaking } from './matchmaking/index.ts';
import { registerExpoRoutes } from './routes.ts';
import { createServicesTrade } from './services-trade/index.ts';

export type { ExpoDeps } from './deps.ts';
export { expoErrorStatuses, expoFieldErrorCodes } from './errors.ts';
/** matchmaking: converts at a payments day rate, scaling for the currencies' minor units (app.ts wiring). */
export { convertAtRate } from './matchmaking/index.ts';

/** services-trade: the delivery topic and payload the statistics consume (stats restates them). */
export { type ServiceDeliveryRecordedPayload, servicesTradeEvents } from './services-trade/index.ts';

/** The expo module bound to its dependencies: what the composition root, the CLI and the seed use. */
export const createExpoModule = (deps: ExpoDeps) => ({
  registerRoutes: (app: FastifyInstance) => registerExpoRoutes(app, deps),
  /** catalogue: the demo seed (showcases, products, services, the 2026 expo). */
  catalogue: createCatalogue(deps),
  /** matchmaking: (re)matching a requirement (the bench times it) and the demo seed. */
  matchmaking: createMatchmaking(deps),
  /** services-trade: the demo seed (service contracts, deliveries, a registered technology contract). */
  servicesTrade: createServicesTrade(deps),
  /** ip-registry: the demo seed (patents, a trademark, a licence, a listing, a watch with an alert). */
  ipRegistry: {
    seedDemo: (
      audit: Parameters<typeof seedDemoIpRegistry>[1],
      orgs: Parameters<typeof seedDemoIpRegistry>[2],
    ) => seedDemoIpRegistry(deps, audit, orgs),
  },
});

export type ExpoModule = ReturnType<typeof createExpoModule>;
