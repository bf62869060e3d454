import type { Hub } from '../app.ts';
import { type Executor, loadUserRoles } from '../platform/access/index.ts';

/**
 * The expo IP registry's demo: patents and a utility model of the Ningbo lighting exporter, a
 * trademark of the Yiwu exporter, a licence to the Hamburg importer, a listing, and a watch with
 * an alert. Idempotent; does nothing without those organisations.
 */
export const seedDemoExpoIp = async (
  hub: Hub,
  ctx: {
    audit: (
      ex: Executor,
      change: { organisationId: string | null; object: { type: string; id: string } | null },
    ) => Promise<void>;
  },
) => {
  const organisationOf = async (email: string) => {
    const userId = await hub.identity.findUserIdByEmail(email);
    return userId === undefined ? undefined : [...(await loadUserRoles(hub.db.kysely, userId)).keys()][0];
  };
  return hub.expo.ipRegistry.seedDemo(ctx.audit, {
    lighting: await organisationOf('qian.yu@mingliang-lighting.example'),
    commodities: await organisationOf('chen.li@yiwu-commodities.example'),
    importer: await organisationOf('jonas.becker@elbe-handelshaus.example'),
  });
};
