import { sql } from 'kysely';
import type { ExpoDeps } from '../deps.ts';
import type { ServicesTradeContext } from './context.ts';
import { chinaDay } from './domain-services-trade.ts';
import { createServiceContract, recordServiceDelivery } from './service-contracts.ts';
import { createTechnologyContract, registerTechnologyContract } from './service-technology.ts';

const dayBefore = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The Hangzhou e-commerce platform's services exports: store operation for the Kuala Lumpur
 * importer (a hub organisation, so it sees the contract as its client), a cloud software licence
 * and a market study, with deliveries over the last months; and one technology export contract,
 * registered. Skipped when the provider already has the first contract, so it runs once.
 */
export const seedDemoServicesTrade = async (
  deps: ExpoDeps,
  audit: ServicesTradeContext['audit'],
  parties: { provider: string | undefined; client: string | undefined },
) => {
  const provider = parties.provider;
  if (provider === undefined) {
    return { contracts: 0 };
  }
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from expo.service_contracts
    where organisation_id = ${provider} and reference = 'CBS-SVC-2026-001'`.execute(deps.db.kysely);
  if ((rows[0]?.n ?? 0) > 0) {
    return { contracts: 0 };
  }
  const ctx: ServicesTradeContext = { organisationId: provider, audit };
  const today = chinaDay(deps.now());
  const contracts = [
    {
      reference: 'CBS-SVC-2026-001',
      title: 'Cross-border store operation for Shopee and Lazada (Malaysia)',
      client: {
        name: 'Klang Valley Trading Sdn. Bhd.',
        country: 'MY',
        organisationId: parties.client ?? null,
      },
      ebopsCode: 'SJ34',
      gatsMode: 'mode1' as const,
      value: { amount: '48000.00', currency: 'USD' },
      startsOn: dayBefore(today, 150),
      endsOn: dayBefore(today, -215),
      digitallyDelivered: true,
      evidence: [
        {
          kind: 'file' as const,
          sha256: '3f0a9c1e5b7d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468',
          name: 'CBS-SVC-2026-001-signed.pdf',
          sizeBytes: 284_113,
        },
      ],
      deliveries: [
        { daysAgo: 120, amount: '12000.00', note: 'Q1 store operation' },
        { daysAgo: 30, amount: '12000.00', note: 'Q2 store operation' },
      ],
    },
    {
      reference: 'CBS-SVC-2026-002',
      title: 'Order management SaaS licence and integration (Germany)',
      client: { name: 'Elbe Handelshaus GmbH', country: 'DE', organisationId: null },
      ebopsCode: 'SI22',
      gatsMode: 'mode1' as const,
      value: { amount: '36000.00', currency: 'EUR' },
      startsOn: dayBefore(today, 90),
      endsOn: dayBefore(today, -275),
      digitallyDelivered: true,
      evidence: [],
      deliveries: [{ daysAgo: 60, amount: '18000.00', note: 'Go-live instalment' }],
    },
    {
      reference: 'CBS-SVC-2026-003',
      title: 'On-site market study, Dubai consumer electronics',
      client: { name: 'Gulf Gadgets Trading LLC', country: 'AE', organisationId: null },
      ebopsCode: 'SJ22',
      gatsMode: 'mode4' as const,
      value: { amount: '15000.00', currency: 'USD' },
      startsOn: dayBefore(today, 45),
      endsOn: dayBefore(today, -45),
      digitallyDelivered: false,
      evidence: [],
      deliveries: [{ daysAgo: 10, amount: '7500.00', note: 'Field research' }],
    },
  ];
  for (const { deliveries, ...input } of contracts) {
    const contract = await createServiceContract(deps, ctx, input);
    for (const delivery of deliveries) {
      await recordServiceDelivery(deps, ctx, contract.id, {
        deliveredOn: dayBefore(today, delivery.daysAgo),
        value: { amount: delivery.amount, currency: input.value.currency },
        note: delivery.note,
        evidence: [],
      });
    }
  }
  const technology = await createTechnologyContract(deps, ctx, {
    reference: 'CBS-TEC-2026-001',
    direction: 'export',
    foreignParty: {
      name: 'Klang Valley Trading Sdn. Bhd.',
      country: 'MY',
      organisationId: parties.client ?? null,
    },
    technologyName: 'Cross-border order routing and bonded-stock allocation know-how',
    technologyFields: ['know_how', 'technical_services'],
    category: 'free',
    value: { amount: '120000.00', currency: 'USD' },
    paymentMethod: 'mixed',
    termStartsOn: dayBefore(today, 20),
    termEndsOn: dayBefore(today, -3 * 365),
  });
  await registerTechnologyContract(deps, ctx, technology.id, { version: technology.version });
  return { contracts: contracts.length };
};
