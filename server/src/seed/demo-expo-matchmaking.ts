import type { Hub } from '../app.ts';
import { type Executor, loadUserRoles } from '../platform/access/index.ts';

/**
 * The expo matchmaking demo: the Kuala Lumpur importer's older requirement (folding umbrellas),
 * matched against the demo catalogue, and a year of past requirements from the Hamburg importer
 * and the Hangzhou platform for the trends. Run after the catalogue's demo. Idempotent.
 */
export const seedDemoExpoMatchmaking = async (
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
  return hub.expo.matchmaking.seedDemo(ctx, {
    klangValley: await organisationOf('aisyah.rahman@klangvalley-trading.example'),
    otherBuyers: [
      await organisationOf('jonas.becker@elbe-handelshaus.example'),
      await organisationOf('wang.fang@cbselect.example'),
    ],
  });
};
