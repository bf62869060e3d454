// The catalogue part's surface for the rest of the expo module (search, matchmaking, meetings,
// services trade, IP registry) and for the module's index.ts. Other parts read the catalogue
// through these functions, never its SQL.
import type { ExpoDeps } from '../deps.ts';
import { seedDemoCatalogue } from './demo.ts';
import type { CatalogueContext } from './service-showcase.ts';

export { ebopsItems, findEbops } from './ebops.ts';
export {
  type CertificationRow,
  type ExhibitorRow,
  findExhibitor,
  findPublishedExhibitors,
  findPublishedProducts,
  findPublishedServices,
  listCertifications,
  type ProductRow,
  type ServiceRow,
} from './repository.ts';
export { registerCatalogueRoutes } from './routes-catalogue.ts';
export type { CatalogueContext } from './service-showcase.ts';

/** The catalogue bound to the module's dependencies: what createExpoModule exposes. */
export const createCatalogue = (deps: ExpoDeps) => ({
  /** Loads the demo showcases, products, services and the 2026 expo (idempotent). */
  seedDemo: (
    ctx: Omit<CatalogueContext, 'organisationId'>,
    parties: Parameters<typeof seedDemoCatalogue>[2],
  ) => seedDemoCatalogue(deps, ctx, parties),
});
