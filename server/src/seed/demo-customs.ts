import type { Hub } from '../app.ts';
import {
  generateDemoParcels,
  seedDemoBondedWarehouse,
  signAsDemoDeclarant,
} from '../modules/customs/index.ts';
import { loadUserRoles } from '../platform/access/index.ts';
import { organisationOf, yiwuName } from './demo-orders.ts';
import { demoOrganisations } from './demo-organisations.ts';

const platformName = 'Hangzhou CrossBorder Select E-Commerce Co., Ltd.';
/** Parcels the demo platform has already declared when the hub first starts. */
export const DEMO_SEEDED_PARCELS = 60;

/**
 * A morning of retail imports declared by the Hangzhou platform: order, payment, waybill and the
 * signed inventory list of each parcel, a few built not to match, so the clearance board has
 * released, inspected and failed parcels to show. Sent again, every message is a duplicate of
 * itself, so running the seed twice changes nothing.
 */
export const seedDemoCustoms = async (
  hub: Hub,
  ctx: { audit: Parameters<Hub['customs']['receiveMessages']>[0]['audit'] },
) => {
  const owner = demoOrganisations.find((org) => org.nameEn === platformName)?.owner.email;
  const userId = owner === undefined ? undefined : await hub.identity.findUserIdByEmail(owner);
  const organisationId =
    userId === undefined ? undefined : [...(await loadUserRoles(hub.db.kysely, userId)).keys()][0];
  if (organisationId === undefined) {
    return;
  }
  const parcels = generateDemoParcels({
    count: DEMO_SEEDED_PARCELS,
    seed: 20261111,
    defectRate: 0.08,
    prefix: 'HZSEED',
  });
  const messages: string[] = [];
  for (const parcel of parcels) {
    messages.push(parcel.order, parcel.payment, parcel.waybill, await signAsDemoDeclarant(parcel.inventory));
  }
  for (let start = 0; start < messages.length; start += 100) {
    await hub.customs.receiveMessages(
      { organisationId, audit: ctx.audit },
      messages.slice(start, start + 100),
    );
  }
  // The platform's bonded warehouse (1210): stock from a CEB711 inbound list, a few parcels released.
  await seedDemoBondedWarehouse(hub.customs, { organisationId, audit: ctx.audit });
  // The export side: the Yiwu exporter's 9610 parcels and 9810 Hamburg warehouse, approved by customs.
  const [exporterId, customsId] = await Promise.all([
    organisationOf(hub, yiwuName),
    organisationOf(hub, 'Hangzhou Customs (demo)'),
  ]);
  if (exporterId !== undefined && customsId !== undefined) {
    await hub.customs.seedDemoExports({ exporterId, customsId, audit: ctx.audit });
  }
};
