import type { Hub } from '../app.ts';
import { type Executor, loadUserRoles } from '../platform/access/index.ts';

/**
 * The expo's demo catalogue: showcases of the Yiwu and Ningbo exporters and of the Hangzhou
 * e-commerce platform (services), and the 2026 Global Digital Trade Expo organised by the
 * commerce department. Idempotent; does nothing for parties the demo does not have.
 */
export const seedDemoExpoCatalogue = async (
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
  return hub.expo.catalogue.seedDemo(ctx, {
    yiwu: await organisationOf('chen.li@yiwu-commodities.example'),
    ningbo: await organisationOf('qian.yu@mingliang-lighting.example'),
    platform: await organisationOf('wang.fang@cbselect.example'),
    organiser: await organisationOf('lin.tao@commerce.zj.example'),
  });
};
