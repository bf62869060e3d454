import type { Hub } from '../app.ts';
import { type Executor, loadUserRoles } from '../platform/access/index.ts';

/**
 * The expo's demo services-trade records: the Hangzhou e-commerce platform's service contracts
 * (one with the Kuala Lumpur importer as the client on the hub) with deliveries, and one
 * technology export contract, registered. Idempotent; does nothing without the platform.
 */
export const seedDemoExpoServices = async (
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
  return hub.expo.servicesTrade.seedDemo(ctx.audit, {
    provider: await organisationOf('wang.fang@cbselect.example'),
    client: await organisationOf('aisyah.rahman@klangvalley-trading.example'),
  });
};
