import { countryByAlpha2, countryByAlpha3, minorUnitOf } from '@tradehub/kernel';
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../../platform/access/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { type EventBus, idempotentConsumer, type OutboxEvent } from '../../../platform/events/index.ts';
import { zhejiangCities } from './dimensions.ts';
import { insertFacts, type TradeFact } from './repository-facts.ts';

/**
 * Trade facts from the other modules' events (docs/stats-facts-from-events.md). stats imports no
 * module, so the topics and payload shapes are restated here and checked with zod; a test holds
 * them equal to the publishers' constants.
 */
export const factEventTopics = {
  parcelReleased: 'customs.parcel.released',
  invoiceIssued: 'trade.invoice.issued',
  // expo: a delivery of a service contract recorded by a Zhejiang provider (services export).
  serviceDeliveryRecorded: 'expo.service_delivery.recorded',
} as const;

const CONSUMER = 'stats.facts';

/** What the composition root tells the intake about an organisation: nothing personal. */
export type EnterpriseProfile = {
  country: string;
  uscc: string | null;
  addressCity: string | null;
  addressUnlocode: string | null;
};

export type FactIntakeDeps = {
  db: Database;
  now: () => Date;
  /** identity: the enterprise's country, credit code and registered address. */
  enterpriseProfile: (organisationId: string) => Promise<EnterpriseProfile | undefined>;
  /** payments: the rate of a currency pair for a day (YYYY-MM-DD), from its FX rate quotes. */
  dayRate: (from: string, to: string, day: string) => Promise<{ rate: string } | undefined>;
};

export type ParkReason = 'no_rate' | 'unknown_currency' | 'unknown_enterprise' | 'invalid_payload';

/** The facts an event gives (none for trade that is not China's), or why it cannot give them yet. */
export type Mapped = { facts: TradeFact[] } | { parked: ParkReason; detail: string };

const ZParcelReleased = z.object({
  parcelId: z.string().min(1).max(80),
  direction: z.enum(['import', 'export']),
  tradeMode: z.string().nullable(),
  declarantOrganisationId: z.string().min(1),
  country: z.string().nullable(),
  currency: z.string().length(3),
  lines: z.array(z.object({ hsCode: z.string().regex(/^\d{2,10}$/), valueMinor: z.string().regex(/^\d+$/) })),
  releasedAt: z.string(),
  platformIsSeller: z.boolean().optional(),
});

const ZInvoiceIssued = z.object({
  orderId: z.string().min(1).max(80),
  issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sellerOrganisationId: z.string().min(1),
  buyerOrganisationId: z.string().nullable(),
  sellerCountry: z.string().length(2),
  buyerCountry: z.string().length(2),
  currency: z.string().length(3),
  lines: z.array(
    z.object({
      hsCode: z.string().regex(/^\d{2,10}$/),
      unitCode: z.string(),
      amountMinor: z.string().regex(/^\d+$/),
    }),
  ),
});

const ZServiceDeliveryRecorded = z.object({
  deliveryId: z.string().min(1).max(80),
  contractId: z.string().min(1).max(80),
  providerOrganisationId: z.string().min(1),
  clientCountry: z.string().length(2),
  ebopsCode: z.string().regex(/^S[A-L][0-9.]{0,8}$/),
  gatsMode: z.string(),
  digitallyDelivered: z.boolean(),
  currency: z.string().length(3),
  amountMinor: z.string().regex(/^[1-9]\d{0,18}$/),
  deliveredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/**
 * China customs' 3-digit country codes of the main partners (the inventory list's `country`), to
 * ISO 3166-1 alpha-2. Anything else, and alpha-2/alpha-3 codes, go through the ISO table; what
 * is still unknown is `ZZ` (ISO's user-assigned "unknown"), so the fact is kept and shows as such.
 * Unverified: written from the customs code list as commonly published (海关国别代码表), not copied
 * from an official file (none is in the reference); check against the GACC parameter table.
 */
const customsCountries: Readonly<Record<string, string>> = {
  '110': 'HK',
  '111': 'IN',
  '112': 'ID',
  '116': 'JP',
  '121': 'MO',
  '122': 'MY',
  '129': 'PH',
  '132': 'SG',
  '133': 'KR',
  '136': 'TH',
  '138': 'AE',
  '141': 'VN',
  '143': 'TW',
  '301': 'BE',
  '302': 'DK',
  '303': 'GB',
  '304': 'DE',
  '305': 'FR',
  '306': 'IE',
  '307': 'IT',
  '308': 'LU',
  '309': 'NL',
  '310': 'GR',
  '311': 'PT',
  '312': 'ES',
  '315': 'AT',
  '318': 'FI',
  '326': 'NO',
  '330': 'SE',
  '331': 'CH',
  '344': 'RU',
  '501': 'CA',
  '502': 'US',
  '601': 'AU',
  '609': 'NZ',
};

export const partnerCountry = (code: string | null): string => {
  const value = (code ?? '').trim().toUpperCase();
  if (/^\d{3}$/.test(value)) {
    return customsCountries[value] ?? 'ZZ';
  }
  if (value.length === 2 && countryByAlpha2(value) !== undefined) {
    return value;
  }
  if (value.length === 3) {
    return countryByAlpha3(value)?.alpha2 ?? 'ZZ';
  }
  return 'ZZ';
};

/** Zhejiang UN/LOCODEs of the registered address, for an address that names no city we know. */
const zhejiangLocodes: Readonly<Record<string, string>> = {
  CNHGH: '330100',
  CNNGB: '330200',
  CNWNZ: '330300',
  CNYIW: '330700',
  CNZOS: '330900',
};
// County-level cities and districts often written instead of their prefecture.
const countyCities: readonly [string, string][] = [
  ['yiwu', '330700'],
  ['义乌', '330700'],
  ['yongkang', '330700'],
  ['永康', '330700'],
  ['cixi', '330200'],
  ['慈溪', '330200'],
  ['yuyao', '330200'],
  ['余姚', '330200'],
  ['haining', '330400'],
  ['海宁', '330400'],
  ['wenling', '331000'],
  ['温岭', '331000'],
];

/**
 * The enterprise's Zhejiang city from its registered address: the city as written (English or
 * Chinese, prefecture or a county-level city), else its UN/LOCODE; `000000` when it is not in
 * Zhejiang or not known, so the fact still counts in every total and shows as unknown by city.
 */
export const UNKNOWN_CITY = '000000';
export const cityOf = (profile: EnterpriseProfile): string => {
  const written = (profile.addressCity ?? '').trim().toLowerCase();
  if (written !== '') {
    const prefecture = zhejiangCities.find(
      (city) => written.includes(city.en.toLowerCase()) || written.includes(city.zh),
    );
    if (prefecture !== undefined) {
      return prefecture.code;
    }
    const county = countyCities.find(([name]) => written.includes(name));
    if (county !== undefined) {
      return county[1];
    }
  }
  const unlocode = profile.addressUnlocode === null ? '' : `${profile.country}${profile.addressUnlocode}`;
  return zhejiangLocodes[unlocode.toUpperCase()] ?? UNKNOWN_CITY;
};

// HS chapters of goods mostly bought by households (food, beverages, medicines, cosmetics, leather
// goods, apparel, footwear, jewellery, watches, instruments, furniture, toys, sundries): the
// denominator of the policy's "CBEC share of consumer-goods trade".
const consumerChapters: ReadonlySet<string> = new Set([
  '04',
  '09',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '30',
  '33',
  '34',
  '42',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '67',
  '69',
  '71',
  '91',
  '92',
  '94',
  '95',
  '96',
]);

// UN/ECE Recommendation 20 units that sell time or a service, not a quantity of goods: an invoice
// line in one of them is a service (a line in pieces, kilograms, cartons is goods).
const serviceUnits: ReadonlySet<string> = new Set(['E48', 'MIN', 'HUR', 'DAY', 'WEE', 'MON', 'ANN']);
// EBOPS 2010 categories the Handbook counts as potentially ICT-enabled (digitally deliverable).
const digitallyDeliverable: ReadonlySet<string> = new Set(['SF', 'SG', 'SH', 'SI', 'SJ', 'SK']);

/**
 * An order line names an HS code, not an EBOPS category: a service line under computers,
 * electrical or telecoms equipment (chapters 84, 85) is SI (telecommunications, computer and
 * information services), any other SJ (other business services), until orders carry the category.
 */
const ebopsOf = (hsCode: string): 'SI' | 'SJ' => (['84', '85'].includes(hsCode.slice(0, 2)) ? 'SI' : 'SJ');

// ---------------------------------------------------------------------------------------------
// Money: conversions with integer arithmetic only, rounded half-up.

const parseRate = (text: string): { unscaled: bigint; scale: number } | undefined => {
  const match = /^(\d{1,18})(?:\.(\d{1,18}))?$/.exec(text.trim());
  if (match === null) {
    return undefined;
  }
  const fraction = match[2] ?? '';
  const unscaled = BigInt(`${match[1]}${fraction}`);
  return unscaled === 0n ? undefined : { unscaled, scale: fraction.length };
};

const halfUp = (numerator: bigint, denominator: bigint) =>
  (2n * numerator + denominator) / (2n * denominator);

/** `amountMinor` of `from` in `to` at `rate` (units of `to` per `from`, or the inverse quote). */
const convert = (
  amountMinor: bigint,
  from: string,
  to: string,
  rate: { unscaled: bigint; scale: number },
  inverse: boolean,
): bigint => {
  const [fromMinor, toMinor] = [BigInt(minorUnitOf(from)), BigInt(minorUnitOf(to))];
  const converted = inverse
    ? halfUp(amountMinor * 10n ** (BigInt(rate.scale) + toMinor), rate.unscaled * 10n ** fromMinor)
    : halfUp(amountMinor * rate.unscaled * 10n ** toMinor, 10n ** (BigInt(rate.scale) + fromMinor));
  // A fact is never zero: a few fen of a tiny parcel round up to one cent rather than vanish.
  return converted > 0n ? converted : 1n;
};

/** The amount in `to` at the day's rate: the pair quoted either way round; undefined when neither is. */
const atDayRate = async (
  deps: FactIntakeDeps,
  amountMinor: bigint,
  from: string,
  to: string,
  day: string,
): Promise<bigint | undefined> => {
  if (from === to) {
    return amountMinor;
  }
  const direct = await deps.dayRate(from, to, day);
  const directRate = direct === undefined ? undefined : parseRate(direct.rate);
  if (directRate !== undefined) {
    return convert(amountMinor, from, to, directRate, false);
  }
  const inverse = await deps.dayRate(to, from, day);
  const inverseRate = inverse === undefined ? undefined : parseRate(inverse.rate);
  return inverseRate === undefined ? undefined : convert(amountMinor, from, to, inverseRate, true);
};

type Priced = { cnyMinor: bigint; usdMinor: bigint } | { parked: ParkReason; detail: string };

/** CNY and USD of an amount at the day's rates; USD through CNY when the pair itself is not quoted. */
const price = async (
  deps: FactIntakeDeps,
  amountMinor: bigint,
  currency: string,
  day: string,
): Promise<Priced> => {
  try {
    minorUnitOf(currency);
  } catch {
    return { parked: 'unknown_currency', detail: `unknown currency ${currency}` };
  }
  const cnyMinor = await atDayRate(deps, amountMinor, currency, 'CNY', day);
  if (cnyMinor === undefined) {
    return { parked: 'no_rate', detail: `no ${currency}/CNY rate quoted for ${day}` };
  }
  const usdMinor =
    (await atDayRate(deps, amountMinor, currency, 'USD', day)) ??
    (await atDayRate(deps, cnyMinor, 'CNY', 'USD', day));
  if (usdMinor === undefined) {
    return { parked: 'no_rate', detail: `no ${currency}/USD or CNY/USD rate quoted for ${day}` };
  }
  return { cnyMinor, usdMinor };
};

// ---------------------------------------------------------------------------------------------
// Events to facts.

/** The day in China (UTC+8): customs and the statistics count by Beijing time. */
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

const sumBy = <T>(items: readonly T[], key: (item: T) => string, amount: (item: T) => bigint) => {
  const sums = new Map<string, bigint>();
  for (const item of items) {
    sums.set(key(item), (sums.get(key(item)) ?? 0n) + amount(item));
  }
  return [...sums].filter(([, total]) => total > 0n).sort(([a], [b]) => (a < b ? -1 : 1));
};

type Enterprise = { organisationId: string; enterpriseCode: string; city: string };

const enterpriseOf = async (
  deps: FactIntakeDeps,
  organisationId: string,
): Promise<Enterprise | { parked: ParkReason; detail: string }> => {
  const profile = await deps.enterpriseProfile(organisationId);
  if (profile === undefined) {
    return { parked: 'unknown_enterprise', detail: `no organisation ${organisationId}` };
  }
  return {
    organisationId,
    // The credit code is the enterprise's statistical identity; the hub id stands in without one.
    enterpriseCode: (profile.uscc ?? organisationId).slice(0, 40),
    city: cityOf(profile),
  };
};

/**
 * A released retail parcel: imported or exported goods, digitally ordered (the order came from a
 * platform), platform-intermediated unless the platform sells its own goods, consumer goods (sold to
 * a person), one fact per HS chapter: an import at the dutiable price (customs' CIF-like import
 * value), an export at the list's total price in its currency.
 */
const fromParcel = async (deps: FactIntakeDeps, raw: unknown): Promise<Mapped> => {
  const parsed = ZParcelReleased.safeParse(raw);
  if (!parsed.success) {
    return { parked: 'invalid_payload', detail: parsed.error.message.slice(0, 500) };
  }
  const parcel = parsed.data;
  // B2B export lists (9710, 9810) are counted from the sale's invoice until a declaration is linked
  // to its order on the hub (docs/stats-facts-from-events.md): counting both would count it twice.
  if (parcel.direction === 'export' && (parcel.tradeMode === '9710' || parcel.tradeMode === '9810')) {
    return { facts: [] };
  }
  const enterprise = await enterpriseOf(deps, parcel.declarantOrganisationId);
  if ('parked' in enterprise) {
    return enterprise;
  }
  const day = chinaDay(new Date(parcel.releasedAt));
  // 1239 is bonded retail import in the pilot cities: the dashboards count it with 1210.
  const mode = parcel.tradeMode === '1210' || parcel.tradeMode === '1239' ? '1210' : '9610';
  const facts: TradeFact[] = [];
  for (const [chapter, amountMinor] of sumBy(
    parcel.lines,
    (line) => line.hsCode.slice(0, 2),
    (line) => BigInt(line.valueMinor),
  )) {
    const priced = await price(deps, amountMinor, parcel.currency, day);
    if ('parked' in priced) {
      return priced;
    }
    facts.push({
      source: 'customs',
      sourceRef: `${parcel.parcelId}:${chapter}`,
      enterpriseCode: enterprise.enterpriseCode,
      organisationId: enterprise.organisationId,
      month: monthOf(day),
      flow: parcel.direction,
      kind: 'goods',
      customsMode: mode,
      partner: partnerCountry(parcel.country),
      hsChapter: chapter,
      consumerGoods: true,
      ebops: null,
      contentType: 'digitally_ordered_goods',
      city: enterprise.city,
      digitallyOrdered: true,
      digitallyDelivered: false,
      platformIntermediated: parcel.platformIsSeller !== true,
      amountMinor,
      currency: parcel.currency,
      ...priced,
    });
  }
  return { facts };
};

/**
 * A commercial invoice between a Chinese organisation and a foreign one, ordered on the hub (so
 * digitally ordered and platform-intermediated). Service lines are services by EBOPS category,
 * digitally delivered when the category is ICT-enabled; goods lines are B2B goods, 9710 when
 * exported (customs clears no 9710 declaration on the hub yet: the invoice is where the sale is
 * known) and general trade 0110 when imported. One fact per kind and HS chapter or EBOPS, keyed
 * by the order, so an amended or re-issued invoice of the same sale counts nothing more.
 */
const fromInvoice = async (deps: FactIntakeDeps, raw: unknown): Promise<Mapped> => {
  const parsed = ZInvoiceIssued.safeParse(raw);
  if (!parsed.success) {
    return { parked: 'invalid_payload', detail: parsed.error.message.slice(0, 500) };
  }
  const invoice = parsed.data;
  const exported = invoice.sellerCountry === 'CN' && invoice.buyerCountry !== 'CN';
  const imported = invoice.buyerCountry === 'CN' && invoice.sellerCountry !== 'CN';
  // Domestic sales and trade between two foreign parties are not China's foreign trade.
  if (!exported && !imported) {
    return { facts: [] };
  }
  const chinese = exported ? invoice.sellerOrganisationId : invoice.buyerOrganisationId;
  if (chinese === null) {
    return { parked: 'unknown_enterprise', detail: 'the Chinese buyer has not claimed the order' };
  }
  const enterprise = await enterpriseOf(deps, chinese);
  if ('parked' in enterprise) {
    return enterprise;
  }
  const partner = partnerCountry(exported ? invoice.buyerCountry : invoice.sellerCountry);
  const isService = (line: { unitCode: string }) => serviceUnits.has(line.unitCode.toUpperCase());
  const groups = [
    ...sumBy(
      invoice.lines.filter((line) => !isService(line)),
      (line) => `g:${line.hsCode.slice(0, 2)}`,
      (line) => BigInt(line.amountMinor),
    ),
    ...sumBy(
      invoice.lines.filter(isService),
      (line) => `s:${ebopsOf(line.hsCode)}`,
      (line) => BigInt(line.amountMinor),
    ),
  ];
  const facts: TradeFact[] = [];
  for (const [key, amountMinor] of groups) {
    const priced = await price(deps, amountMinor, invoice.currency, invoice.issueDate);
    if ('parked' in priced) {
      return priced;
    }
    const [kind, code] = [key.slice(0, 1), key.slice(2)];
    const common = {
      source: 'trade' as const,
      sourceRef: `${invoice.orderId}:${key}`,
      enterpriseCode: enterprise.enterpriseCode,
      organisationId: enterprise.organisationId,
      month: monthOf(invoice.issueDate),
      flow: exported ? ('export' as const) : ('import' as const),
      partner,
      city: enterprise.city,
      digitallyOrdered: true,
      platformIntermediated: true,
      amountMinor,
      currency: invoice.currency,
      ...priced,
    };
    facts.push(
      kind === 'g'
        ? {
            ...common,
            kind: 'goods',
            customsMode: exported ? '9710' : '0110',
            hsChapter: code,
            consumerGoods: consumerChapters.has(code),
            ebops: null,
            contentType: 'digitally_ordered_goods',
            digitallyDelivered: false,
          }
        : {
            ...common,
            kind: 'services',
            customsMode: null,
            hsChapter: null,
            consumerGoods: false,
            ebops: code,
            contentType: code === 'SI' ? 'digital_technology' : 'digital_services',
            digitallyDelivered: digitallyDeliverable.has(code),
          },
    );
  }
  return { facts };
};

/**
 * A delivery of a service contract that a Zhejiang provider recorded in the expo's services-trade
 * records: a services export to the client's country, one fact per delivery (keyed by it, so a
 * redelivered event adds nothing), under the contract's EBOPS category. Digitally delivered as the
 * provider declared it (with evidence) rather than the ICT-enabled proxy; not digitally ordered
 * nor platform-intermediated, because the contract was made off the hub and only recorded here.
 */
const fromServiceDelivery = async (deps: FactIntakeDeps, raw: unknown): Promise<Mapped> => {
  const parsed = ZServiceDeliveryRecorded.safeParse(raw);
  if (!parsed.success) {
    return { parked: 'invalid_payload', detail: parsed.error.message.slice(0, 500) };
  }
  const delivery = parsed.data;
  // A client in China makes it a domestic sale: not foreign trade (the expo refuses such contracts).
  if (delivery.clientCountry === 'CN') {
    return { facts: [] };
  }
  const enterprise = await enterpriseOf(deps, delivery.providerOrganisationId);
  if ('parked' in enterprise) {
    return enterprise;
  }
  const amountMinor = BigInt(delivery.amountMinor);
  const priced = await price(deps, amountMinor, delivery.currency, delivery.deliveredOn);
  if ('parked' in priced) {
    return priced;
  }
  const ebops = delivery.ebopsCode.slice(0, 2);
  return {
    facts: [
      {
        source: 'expo',
        sourceRef: delivery.deliveryId,
        enterpriseCode: enterprise.enterpriseCode,
        organisationId: enterprise.organisationId,
        month: monthOf(delivery.deliveredOn),
        flow: 'export',
        kind: 'services',
        customsMode: null,
        partner: partnerCountry(delivery.clientCountry),
        hsChapter: null,
        consumerGoods: false,
        ebops,
        contentType: delivery.digitallyDelivered
          ? ebops === 'SI'
            ? 'digital_technology'
            : 'digital_services'
          : 'traditional',
        city: enterprise.city,
        digitallyOrdered: false,
        digitallyDelivered: delivery.digitallyDelivered,
        platformIntermediated: false,
        amountMinor,
        currency: delivery.currency,
        ...priced,
      },
    ],
  };
};

/** The facts of one event, or why it is parked. */
export const factsFromEvent = (deps: FactIntakeDeps, topic: string, payload: unknown): Promise<Mapped> =>
  topic === factEventTopics.parcelReleased
    ? fromParcel(deps, payload)
    : topic === factEventTopics.invoiceIssued
      ? fromInvoice(deps, payload)
      : topic === factEventTopics.serviceDeliveryRecorded
        ? fromServiceDelivery(deps, payload)
        : Promise.resolve({ parked: 'invalid_payload', detail: `no facts from ${topic}` });

const park = async (ex: Executor, event: OutboxEvent, reason: ParkReason, detail: string, at: Date) => {
  await sql`
    insert into stats.fact_intake (event_id, topic, payload, occurred_at, reason, detail, parked_at, last_attempt_at)
    values (${event.id}, ${event.topic}, ${JSON.stringify(event.payload)}::jsonb, ${event.occurredAt}, ${reason},
      ${detail}, ${at}, ${at})
    on conflict (event_id) do nothing`.execute(ex);
};

/**
 * Subscribes the fact intake to the events that carry trade. Each event is handled once (the
 * idempotent consumer records it with the facts in one transaction); one that cannot be mapped
 * is parked in stats.fact_intake in that same transaction and retried by `retryParkedFacts`.
 */
export const registerFactConsumers = (bus: EventBus, deps: FactIntakeDeps): void => {
  const handle = async (event: OutboxEvent) => {
    // Mapping reads identity and payments through the database: before the consumer's
    // transaction, which may hold the only connection (PGlite) while it runs.
    const mapped = await factsFromEvent(deps, event.topic, event.payload);
    await idempotentConsumer(deps.db, CONSUMER, async (_event, trx: Transaction<object>) => {
      if ('parked' in mapped) {
        await park(trx, event, mapped.parked, mapped.detail, deps.now());
        return;
      }
      await insertFacts(trx, mapped.facts);
    })(event);
  };
  for (const topic of Object.values(factEventTopics)) {
    bus.subscribe(topic, CONSUMER, handle);
  }
};

/**
 * Tries the parked events again, oldest attempt first: each that maps now has its facts added and
 * its row deleted in one transaction (the row is locked, so two nodes never add it twice); the
 * others keep their row with the new reason. Returns how many became facts.
 */
export const retryParkedFacts = async (deps: FactIntakeDeps, limit = 100): Promise<number> => {
  const { rows } = await sql<{ event_id: string; topic: string; payload: unknown }>`
    select event_id, topic, payload from stats.fact_intake order by last_attempt_at, event_id
    limit ${limit}`.execute(deps.db.kysely);
  let mapped = 0;
  for (const row of rows) {
    const result = await factsFromEvent(deps, row.topic, row.payload);
    const now = deps.now();
    mapped += await deps.db.transaction(async (trx) => {
      const { rows: locked } = await sql<{ event_id: string }>`
        select event_id from stats.fact_intake where event_id = ${row.event_id} for update skip locked`.execute(
        trx,
      );
      if (locked.length === 0) {
        return 0;
      }
      if ('parked' in result) {
        await sql`update stats.fact_intake set reason = ${result.parked}, detail = ${result.detail},
            attempts = attempts + 1, last_attempt_at = ${now}
          where event_id = ${row.event_id}`.execute(trx);
        return 0;
      }
      await insertFacts(trx, result.facts);
      await sql`delete from stats.fact_intake where event_id = ${row.event_id}`.execute(trx);
      return 1;
    });
  }
  return mapped;
};

/** What is parked, by reason: the operators' view of facts still waiting. */
export const parkedFacts = async (ex: Executor) => {
  const { rows } = await sql<{
    event_id: string;
    topic: string;
    reason: ParkReason;
    detail: string;
    attempts: number;
  }>`
    select event_id, topic, reason, detail, attempts from stats.fact_intake order by parked_at, event_id`.execute(
    ex,
  );
  return rows.map((row) => ({
    eventId: row.event_id,
    topic: row.topic,
    reason: row.reason,
    detail: row.detail,
    attempts: row.attempts,
  }));
};
