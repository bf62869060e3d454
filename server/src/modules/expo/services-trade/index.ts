import type { ExpoDeps } from '../deps.ts';
import type { ServicesTradeContext } from './context.ts';
import { seedDemoServicesTrade } from './demo-services-trade.ts';

export { type ServiceDeliveryRecordedPayload, servicesTradeEvents } from './events.ts';
export { registerServicesTradeRoutes } from './routes-services-trade.ts';

/** The services-trade records bound to the module's dependencies (the seed uses it). */
export const createServicesTrade = (deps: ExpoDeps) => ({
  /** Demo service contracts with deliveries and a registered technology export contract; idempotent. */
  seedDemo: (
    audit: ServicesTradeContext['audit'],
    parties: { provider: string | undefined; client: string | undefined },
  ) => seedDemoServicesTrade(deps, audit, parties),
});
