import type { Hub } from '../app.ts';
import { ZCreateOrganisation } from '../modules/identity/index.ts';
import { type Executor, loadUserRoles } from '../platform/access/index.ts';
import { appendAudit } from '../platform/audit/index.ts';
import { seedDemoCustoms } from './demo-customs.ts';
import { seedDemoExpoCatalogue } from './demo-expo-catalogue.ts';
import { seedDemoExpoIp } from './demo-expo-ip.ts';
import { seedDemoExpoMatchmaking } from './demo-expo-matchmaking.ts';
import { seedDemoExpoServices } from './demo-expo-services.ts';
import { seedDemoLogistics } from './demo-logistics.ts';
import { seedDemoOrders } from './demo-orders.ts';
import { demoOrganisations, demoPassword } from './demo-organisations.ts';
import { seedDemoIndex, seedDemoPolicyMeasures, seedDemoStatistics } from './demo-statistics.ts';

export type DemoLogin = { email: string; organisation: string; kind: string };

/** A write context for changes made by the hub itself, recorded as the system actor. */
export const systemWriteContext = (action: string, label: string) => ({
  actor: null,
  audit: (
    ex: Executor,
    change: { organisationId: string | null; object: { type: string; id: string } | null },
  ) =>
    appendAudit(ex, {
      organisationId: change.organisationId,
      actor: { type: 'system', id: null, label },
      action,
      object: change.object,
      requestId: `req_${label.replaceAll(/\W+/g, '_')}`,
      outcome: 'success',
      statusCode: 200,
    }).then(() => undefined),
});

export const demoLogins = (): DemoLogin[] =>
  demoOrganisations.map((org) => ({ email: org.owner.email, organisation: org.nameEn, kind: org.kind }));

/**
 * Loads the demo organisations and their owners. Skips an organisation whose owner already
 * exists, so running it twice changes nothing.
 */
export const seedDemoData = async (
  hub: Hub,
  onProgress: (done: number, total: number) => void = () => {},
) => {
  const total = demoOrganisations.length;
  let created = 0;
  for (const [index, org] of demoOrganisations.entries()) {
    // The owner and the organisation are two transactions; deciding on the organisation (not
    // the person) lets a run that stopped between them finish the job the next time.
    const ownerId =
      (await hub.identity.findUserIdByEmail(org.owner.email)) ??
      (await hub.identity.createUser({ ...org.owner, password: demoPassword })).id;
    if ((await loadUserRoles(hub.db.kysely, ownerId)).size === 0) {
      const { owner: _owner, ...profile } = org;
      await hub.identity.createOrganisation(
        systemWriteContext('identity.organisation.create', 'tradehub seed'),
        ZCreateOrganisation.parse(profile),
        ownerId,
      );
      created += 1;
    }
    // A new organisation got its signing key with it; one seeded before keys existed gets it now.
    for (const organisationId of (await loadUserRoles(hub.db.kysely, ownerId)).keys()) {
      await hub.identity.signingKeys.ensureKey(organisationId);
    }
    onProgress(index + 1, total);
  }
  await seedDemoOrders(hub, systemWriteContext('trade.order.seed', 'tradehub seed'));
  await seedDemoCustoms(hub, systemWriteContext('customs.message.seed', 'tradehub seed'));
  await seedDemoLogistics(hub, systemWriteContext('logistics.seed', 'tradehub seed'), hub.now());
  await seedDemoStatistics(hub, hub.now());
  await seedDemoIndex(hub, systemWriteContext('stats.index_run.seed', 'tradehub seed'), hub.now());
  await seedDemoPolicyMeasures(hub, systemWriteContext('stats.policy.seed', 'tradehub seed'));
  await seedDemoExpoCatalogue(hub, systemWriteContext('expo.catalogue.seed', 'tradehub seed'));
  await seedDemoExpoMatchmaking(hub, systemWriteContext('expo.matchmaking.seed', 'tradehub seed'));
  await seedDemoExpoServices(hub, systemWriteContext('expo.services_trade.seed', 'tradehub seed'));
  await seedDemoExpoIp(hub, systemWriteContext('expo.ip_registry.seed', 'tradehub seed'));
  return { created, logins: demoLogins(), password: demoPassword };
};
