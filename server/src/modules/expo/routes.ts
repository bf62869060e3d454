import type { FastifyInstance } from 'fastify';
import { registerCatalogueRoutes } from './catalogue/index.ts';
import type { ExpoDeps } from './deps.ts';
import { registerIpRegistryRoutes } from './ip-registry/index.ts';
import { registerMatchmakingRoutes } from './matchmaking/index.ts';
import { registerMeetingRoutes } from './meetings/index.ts';
import { registerSearchRoutes } from './search/index.ts';
import { registerServicesTradeRoutes } from './services-trade/index.ts';

/** Mounts the routes of every part of the expo module. */
export const registerExpoRoutes = (app: FastifyInstance, deps: ExpoDeps): void => {
  registerCatalogueRoutes(app, deps);
  registerServicesTradeRoutes(app, deps);
  registerMeetingRoutes(app, deps);
  registerMatchmakingRoutes(app, deps);
  registerIpRegistryRoutes(app, deps);
  registerSearchRoutes(app, deps);
};
