import { newId } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { ExpoDeps } from '../deps.ts';
import { matchRequirement } from './match-requirement.ts';
import { insertRequirement } from './repository-matchmaking.ts';
import type { RequirementValues } from './requirement-rules.ts';
import type { MatchmakingContext } from './service-matchmaking.ts';

// The matchmaking demo (issue 11 §3, §5): the Kuala Lumpur importer's older requirement for
// folding umbrellas, matched against the demo catalogue, and a year of past requirements from the
// demo buyers so the trends page has months to show. Never the LED/CE requirement the browser
// journey posts. Idempotent: a buyer that has requirements is left alone.

const DAY_MS = 86_400_000;

/** A small seeded generator (mulberry32): the same demo every run. */
const seeded = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

type Template = Omit<
  RequirementValues,
  'deadline' | 'destinationCountry' | 'destinationUnlocode' | 'quantity'
> & {
  quantities: readonly number[];
};

const values = (template: Omit<RequirementValues, 'deadline'>, deadline: string): RequirementValues => ({
  ...template,
  deadline,
});

const umbrellas: Omit<RequirementValues, 'deadline'> = {
  title: 'Folding umbrellas for Malaysian retail',
  description:
    'Windproof three-fold umbrellas in assorted colours for department stores in the Klang Valley, monsoon season. 雨伞，折叠。',
  hsCode: '660191',
  quantity: '5000',
  unit: 'H87',
  targetPrice: { amountMinor: 250n, currency: 'USD' },
  destinationCountry: 'MY',
  destinationUnlocode: 'MYPKG',
  certifications: [],
};

// What the generated past requirements ask for: the demo catalogue's chapters and a few others.
const templates: Template[] = [
  {
    title: 'LED panel lights for office refit',
    description: 'LED panel light 600×600',
    hsCode: '940511',
    quantities: [200, 500, 1200],
    unit: 'H87',
    targetPrice: { amountMinor: 1_400n, currency: 'USD' },
    certifications: ['CE'],
  },
  {
    title: 'LED bulbs E27 for retail chain',
    description: 'LED 灯泡 E27',
    hsCode: '853952',
    quantities: [5_000, 20_000],
    unit: 'H87',
    targetPrice: null,
    certifications: ['CE', 'RoHS'],
  },
  {
    title: 'Christmas string lights',
    description: 'LED 圣诞灯串',
    hsCode: '940531',
    quantities: [500, 2_000],
    unit: 'SET',
    targetPrice: { amountMinor: 300n, currency: 'EUR' },
    certifications: ['CE'],
  },
  {
    title: 'Plush toys for gift shops',
    description: '毛绒玩具',
    hsCode: '950300',
    quantities: [300, 1_000],
    unit: 'H87',
    targetPrice: null,
    certifications: ['EN 71'],
  },
  {
    title: 'Folding umbrellas',
    description: '折叠伞',
    hsCode: '660191',
    quantities: [1_000, 3_000],
    unit: 'H87',
    targetPrice: { amountMinor: 220n, currency: 'USD' },
    certifications: [],
  },
  {
    title: 'Canvas tote bags',
    description: '帆布包',
    hsCode: '420222',
    quantities: [500, 1_500],
    unit: 'H87',
    targetPrice: null,
    certifications: [],
  },
  {
    title: 'Solar garden lights',
    description: '太阳能庭院灯',
    hsCode: '940541',
    quantities: [1_000, 4_000],
    unit: 'H87',
    targetPrice: null,
    certifications: ['CE'],
  },
  {
    title: 'USB phone chargers',
    description: '手机充电器',
    hsCode: '850440',
    quantities: [2_000, 10_000],
    unit: 'H87',
    targetPrice: { amountMinor: 150n, currency: 'USD' },
    certifications: ['CE', 'FCC'],
  },
];

const destinations = [
  { country: 'DE', unlocode: 'DEHAM' },
  { country: 'MY', unlocode: 'MYPKG' },
  { country: 'PL', unlocode: null },
  { country: 'AE', unlocode: 'AEJEA' },
  { country: 'GB', unlocode: null },
] as const;

const hasRequirements = async (deps: ExpoDeps, organisationId: string) => {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from expo.requirements
    where organisation_id = ${organisationId}`.execute(deps.db.kysely);
  return (rows[0]?.n ?? 0) > 0;
};

/**
 * Seeds the Kuala Lumpur importer's umbrella requirement (three weeks old, open, matched) and
 * `generated` past requirements of the other buyers over the twelve months before `now`, closed
 * or fulfilled, for the trends. Returns what it created.
 */
export const seedDemoMatchmaking = async (
  deps: ExpoDeps,
  ctx: Omit<MatchmakingContext, 'organisationId'>,
  parties: { klangValley?: string | undefined; otherBuyers: readonly (string | undefined)[] },
  generated = 60,
) => {
  const now = deps.now();
  let requirements = 0;
  let matched = 0;
  const buyers = parties.otherBuyers.filter((id): id is string => id !== undefined);
  const pending: {
    organisationId: string;
    values: RequirementValues;
    at: Date;
    status: 'closed' | 'fulfilled';
  }[] = [];
  const random = seeded(20261127);
  for (const [index, organisationId] of buyers.entries()) {
    if (await hasRequirements(deps, organisationId)) {
      continue;
    }
    for (let i = index; i < generated; i += buyers.length) {
      const template = templates[Math.floor(random() * templates.length)] ?? templates[0];
      const destination = destinations[Math.floor(random() * destinations.length)] ?? destinations[0];
      if (template === undefined || destination === undefined) {
        continue;
      }
      // Spread over the last 360 days, more recent months busier (the expo draws near).
      const ageDays = Math.floor(360 * random() ** 1.4) + 1;
      const at = new Date(now.getTime() - ageDays * DAY_MS);
      const quantity = template.quantities[Math.floor(random() * template.quantities.length)] ?? 1;
      const { quantities: _quantities, ...rest } = template;
      pending.push({
        organisationId,
        at,
        status: random() < 0.6 ? 'fulfilled' : 'closed',
        values: values(
          {
            ...rest,
            quantity: String(quantity),
            destinationCountry: destination.country,
            destinationUnlocode: destination.unlocode,
          },
          new Date(at.getTime() + 30 * DAY_MS).toISOString().slice(0, 10),
        ),
      });
    }
  }
  await deps.db.transaction(async (trx) => {
    for (const item of pending) {
      const id = newId('erq', { now: () => item.at.getTime() });
      await insertRequirement(trx, {
        id,
        organisationId: item.organisationId,
        values: item.values,
        at: item.at,
      });
      await sql`update expo.requirements set status = ${item.status} where id = ${id}`.execute(trx);
      await ctx.audit(trx, { organisationId: item.organisationId, object: { type: 'expo_requirement', id } });
      requirements += 1;
    }
  });

  const klangValley = parties.klangValley;
  if (klangValley !== undefined && !(await hasRequirements(deps, klangValley))) {
    const at = new Date(now.getTime() - 21 * DAY_MS);
    const id = newId('erq', { now: () => at.getTime() });
    const deadline = new Date(now.getTime() + 45 * DAY_MS).toISOString().slice(0, 10);
    await deps.db.transaction(async (trx) => {
      await insertRequirement(trx, {
        id,
        organisationId: klangValley,
        values: values(umbrellas, deadline),
        at,
      });
      await ctx.audit(trx, { organisationId: klangValley, object: { type: 'expo_requirement', id } });
    });
    requirements += 1;
    matched = (await matchRequirement(deps.db, deps, id)).matched;
  }
  return { requirements, matched };
};
