import { crossBorderEcommerceModes, ebopsCategories, zhejiangCities } from './dimensions.ts';
import type { TradeFact } from './repository-facts.ts';

/**
 * Synthetic trade facts for the demo and the benchmark, labelled `synthetic` in their source:
 * plausible structure, not real figures. Monthly seasonality with the November (Singles' Day) and
 * December peaks, growth from year to year, a city mix led by Hangzhou, Ningbo and Jinhua (Yiwu),
 * partners weighted toward the US, the EU and RCEP, goods by customs mode and services by EBOPS.
 */

const mulberry = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(random: () => number, items: readonly (readonly [T, number])[]): T => {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let u = random() * total;
  for (const [item, w] of items) {
    u -= w;
    if (u < 0) {
      return item;
    }
  }
  return (items[items.length - 1] as readonly [T, number])[0];
};

const cityWeights = [30, 18, 8, 7, 4, 7, 14, 2, 2, 6, 2] as const;
const cities = zhejiangCities.map((city, i) => [city.code, cityWeights[i] as number] as const);
const partners = [
  ['US', 20],
  ['DE', 6],
  ['GB', 5],
  ['NL', 4],
  ['FR', 3],
  ['IT', 3],
  ['ES', 3],
  ['PL', 2],
  ['JP', 7],
  ['KR', 5],
  ['MY', 4],
  ['SG', 4],
  ['TH', 4],
  ['VN', 5],
  ['ID', 4],
  ['PH', 3],
  ['AU', 4],
  ['NZ', 1],
  ['RU', 4],
  ['AE', 3],
  ['SA', 2],
  ['BR', 3],
  ['MX', 3],
  ['CA', 3],
  ['IN', 3],
] as const;
const modesExport = [
  ['9610', 28],
  ['9710', 16],
  ['9810', 10],
  ['0110', 46],
] as const;
const modesImport = [
  ['1210', 25],
  ['9610', 10],
  ['0110', 65],
] as const;
// HS chapters with whether they are consumer goods: toys, apparel, footwear, furniture, electrical, plastics, machinery, vehicles.
const chapters = [
  ['95', true, 10],
  ['61', true, 12],
  ['62', true, 8],
  ['64', true, 6],
  ['94', true, 8],
  ['85', false, 18],
  ['39', false, 8],
  ['84', false, 14],
  ['87', false, 6],
  ['33', true, 5],
  ['42', true, 5],
] as const;
// EBOPS categories that are mostly digitally delivered (ICT-enabled services).
const digitallyDeliverable: ReadonlySet<string> = new Set(['SF', 'SG', 'SH', 'SI', 'SJ', 'SK']);
const serviceWeights = [2, 3, 14, 10, 4, 3, 5, 6, 22, 24, 5, 2] as const;
const services = ebopsCategories.map((code, i) => [code, serviceWeights[i] as number] as const);
/** Singles' Day lifts November; the year-end lifts December; February has the Spring Festival. */
const seasonality = [0.9, 0.7, 0.95, 0.98, 1.0, 1.02, 0.98, 1.0, 1.05, 1.08, 1.45, 1.25] as const;
/** Synthetic monthly USD/CNY and EUR/CNY rates (×1e6), about their 2020s levels. */
const usdCny = (year: number, month: number) => BigInt(Math.round((6.9 + 0.05 * ((year + month) % 8)) * 1e6));
const eurCny = (year: number, month: number) =>
  BigInt(Math.round((7.6 + 0.04 * ((year * 3 + month) % 9)) * 1e6));

const halfUp = (numerator: bigint, denominator: bigint) =>
  (2n * numerator + denominator) / (2n * denominator);

export type SyntheticOptions = {
  fromYear: number;
  years: number;
  facts: number;
  seed: number;
  batchSize: number;
  /** The last month with data (YYYY-MM), so a demo ends this month rather than in December. */
  until?: string | undefined;
  /**
   * How many transactions one fact stands for (a whole number, default 1): a demo with a few
   * thousand facts uses a large scale so its totals are of a province's size, not a shop's.
   */
  amountScale?: number | undefined;
};

/** The facts in batches, generated month by month, so ten million never sit in memory at once. */
export function* syntheticFacts(options: SyntheticOptions): Generator<TradeFact[]> {
  const random = mulberry(options.seed);
  const scale = BigInt(options.amountScale ?? 1);
  const months: { year: number; month: number; weight: number }[] = [];
  for (let y = 0; y < options.years; y += 1) {
    for (let m = 1; m <= 12; m += 1) {
      if (
        options.until !== undefined &&
        `${options.fromYear + y}-${String(m).padStart(2, '0')}` > options.until
      ) {
        break;
      }
      months.push({
        year: options.fromYear + y,
        month: m,
        weight: (seasonality[m - 1] as number) * 1.17 ** y,
      });
    }
  }
  const totalWeight = months.reduce((sum, month) => sum + month.weight, 0);
  let serial = 0;
  let batch: TradeFact[] = [];
  for (const { year, month, weight } of months) {
    const count = Math.round((options.facts * weight) / totalWeight);
    const monthText = `${year}-${String(month).padStart(2, '0')}-01`;
    for (let k = 0; k < count; k += 1) {
      serial += 1;
      const city = pick(random, cities);
      const isService = random() < 0.22;
      const flow = random() < (isService ? 0.55 : 0.68) ? 'export' : 'import';
      const partner = pick(random, partners);
      // Log-normal-ish amounts: most orders small, a long tail of large B2B shipments.
      const usdCents =
        scale *
        BigInt(Math.max(100, Math.round(Math.exp(7 + 2.2 * (random() + random() + random() - 1.5)) * 100)));
      const currency = pick(random, [
        ['USD', 60],
        ['EUR', 15],
        ['CNY', 25],
      ] as const);
      const usdRate = usdCny(year, month);
      const cnyMinor = halfUp(usdCents * usdRate, 1_000_000n);
      const amountMinor =
        currency === 'USD'
          ? usdCents
          : currency === 'CNY'
            ? cnyMinor
            : halfUp(cnyMinor * 1_000_000n, eurCny(year, month));
      const base = {
        source: 'synthetic' as const,
        sourceRef: `syn-${options.seed}-${serial}`,
        enterpriseCode: `SYN-${city}-${String(Math.floor(random() * 400)).padStart(4, '0')}`,
        organisationId: null,
        month: monthText,
        flow: flow as 'export' | 'import',
        partner,
        city,
        amountMinor: amountMinor > 0n ? amountMinor : 1n,
        currency,
        cnyMinor,
        usdMinor: usdCents,
      };
      if (isService) {
        const ebops = pick(random, services);
        const delivered = digitallyDeliverable.has(ebops) ? random() < 0.85 : random() < 0.1;
        batch.push({
          ...base,
          kind: 'services',
          customsMode: null,
          hsChapter: null,
          consumerGoods: false,
          ebops,
          contentType: delivered
            ? ebops === 'SI'
              ? 'digital_technology'
              : 'digital_services'
            : 'traditional',
          digitallyOrdered: random() < 0.4,
          digitallyDelivered: delivered,
          platformIntermediated: random() < 0.3,
        });
      } else {
        const mode = pick(random, flow === 'export' ? modesExport : modesImport);
        const [chapter, consumer] = pick(
          random,
          chapters.map(([code, isConsumer, w]) => [[code, isConsumer] as const, w] as const),
        );
        const ecommerce = crossBorderEcommerceModes.has(mode);
        batch.push({
          ...base,
          kind: 'goods',
          customsMode: mode,
          hsChapter: chapter,
          consumerGoods: consumer,
          ebops: null,
          contentType: ecommerce ? 'digitally_ordered_goods' : 'traditional',
          digitallyOrdered: ecommerce || random() < 0.1,
          digitallyDelivered: false,
          platformIntermediated: mode === '9610' || mode === '1210' || (ecommerce && random() < 0.5),
        });
      }
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) {
    yield batch;
  }
}
