// The customs sandbox's risk rules: which released parcels it sends to inspection (查验, status 500)
// and why. Real customs risk engines are not public; these are the usual levers (random sampling,
// watch lists, undervaluation) so integrators can rehearse the inspection path, with every hit
// explained by the fields that caused it.
//
// Out of scope here: the dutiable value kept just under the CNY 5,000 single-transaction limit
// again and again (splitting), because it needs the buyer's history across parcels (the quota
// ledger), not one inventory; likewise the annual CNY 26,000 quota.

import { assert } from '@tradehub/kernel';
import { compareDecimal, parseCebDecimal } from '../matching/decimal.ts';
import { describeField, type FindingField, fieldRef } from '../matching/findings.ts';
import type { ImportInventory, ImportWaybill } from '../matching/types.ts';
import { keyedUnitInterval } from './keyed-hash.ts';

/** Every risk rule id. */
export const RISK_RULE_IDS = [
  'watch_list.buyer',
  'watch_list.telephone',
  'watch_list.hs_code',
  'watch_list.enterprise',
  'value.unit_price_floor',
] as const;

/** The id of a risk rule. */
export type RiskRuleId = (typeof RISK_RULE_IDS)[number];

/** Why a parcel was picked for inspection. */
export type RiskHit = {
  rule: RiskRuleId;
  /** `customs.risk_*`: what the web app translates. */
  code: string;
  /** English, for logs; personal data masked as in `fields`. */
  message: string;
  fields: FindingField[];
};

/** The sandbox's answer for one inventory. */
export type RiskAssessment = {
  hits: RiskHit[];
  /** True when the parcel was drawn by the random sample. */
  sampled: boolean;
  /** Inspect when the parcel was sampled or any rule hit. */
  inspect: boolean;
};

/** The watch lists; a parcel touching any entry is inspected. */
export type RiskWatchLists = {
  /**
   * Buyers by the keyed lookup hash of their ID number (hex), the same hash the platform stores
   * for lookups, so the list never holds an ID number in clear.
   */
  buyerIdNumberHashes: readonly string[];
  /** Telephone numbers (buyer on the inventory, consignee on the waybill); `+86`, spaces and dashes ignored. */
  telephones: readonly string[];
  /** HS code prefixes (2 to 10 digits) matched against each line's `gcode`. */
  hsCodePrefixes: readonly string[];
  /** Customs or USCC codes of platforms, e-commerce enterprises, declarants, carriers, guarantors or warehouses. */
  enterpriseCodes: readonly string[];
};

/** How the sandbox picks parcels for inspection. */
export type RiskConfig = {
  /** Share of parcels sampled at random, 0 to 1. */
  inspectionRate: number;
  /**
   * What the sample is keyed on. `order` (platform + order number) keeps the answer when the
   * inventory is corrected and sent again under a new guid, so resending cannot re-roll the
   * dice; `guid` samples each message on its own.
   */
  sampleBy: 'order' | 'guid';
  watchLists: RiskWatchLists;
  /**
   * Lowest plausible unit price (CNY per transaction unit, decimal string) by 2-digit HS chapter;
   * a line priced below its chapter's floor is an undervaluation hit.
   */
  unitPriceFloors: Readonly<Record<string, string>>;
  /**
   * Whether gift lines (price 0, allowed by the spec) are held to the floor too. Off by default:
   * a free sample is normal retail practice, and flagging every one would drown real hits.
   */
  checkGiftLines: boolean;
};

/** A RiskConfig where anything may be left out; missing parts take DEFAULT_RISK_CONFIG's values. */
export type RiskConfigInput = Partial<Omit<RiskConfig, 'watchLists'>> & {
  watchLists?: Partial<RiskWatchLists>;
};

/**
 * The sandbox defaults: 5% random inspection and nothing else until an operator fills the lists.
 * No price floors are shipped, because any figure here would look authoritative without a source.
 */
export const DEFAULT_RISK_CONFIG: RiskConfig = {
  inspectionRate: 0.05,
  sampleBy: 'order',
  watchLists: { buyerIdNumberHashes: [], telephones: [], hsCodePrefixes: [], enterpriseCodes: [] },
  unitPriceFloors: {},
  checkGiftLines: false,
};

/** What the assessment needs besides the inventory. */
export type RiskContext = {
  /** Secret key of the random sample (derive it from the hub secret; never the personal-data key). */
  samplingKey: Uint8Array;
  /** The platform's keyed lookup hash of the inventory's buyerIdNumber; required when the buyer list is not empty. */
  buyerIdNumberHash?: string;
  /** The parcel's waybill, for the consignee telephone. */
  waybill?: ImportWaybill;
};

/** The full config: `input` over DEFAULT_RISK_CONFIG. Asserts a rate between 0 and 1. */
export function resolveRiskConfig(input: RiskConfigInput = {}): RiskConfig {
  const config: RiskConfig = {
    ...DEFAULT_RISK_CONFIG,
    ...input,
    watchLists: { ...DEFAULT_RISK_CONFIG.watchLists, ...input.watchLists },
  };
  assert(
    Number.isFinite(config.inspectionRate) && config.inspectionRate >= 0 && config.inspectionRate <= 1,
    `inspectionRate must be between 0 and 1, got ${config.inspectionRate}`,
  );
  return config;
}

/** The key text of the random sample for this inventory under `sampleBy`. */
function sampleKeyText(inventory: ImportInventory, sampleBy: RiskConfig['sampleBy']): string {
  const { guid, ebpCode, orderNo } = inventory.head;
  // NUL separators so ('ab', 'c') and ('a', 'bc') do not collide.
  return sampleBy === 'guid' ? `guid\u0000${guid.toUpperCase()}` : `order\u0000${ebpCode}\u0000${orderNo}`;
}

/** Whether the random sample picks this inventory: deterministic per parcel and key. */
export function isSampled(
  inventory: ImportInventory,
  config: RiskConfigInput,
  samplingKey: Uint8Array,
): boolean {
  const { inspectionRate, sampleBy } = resolveRiskConfig(config);
  return keyedUnitInterval(samplingKey, sampleKeyText(inventory, sampleBy)) < inspectionRate;
}

const normaliseTelephone = (telephone: string): string =>
  telephone.replace(/[\s()-]/g, '').replace(/^(?:\+|00)86/, '');
const normaliseCode = (code: string): string => code.trim().toUpperCase();
const digitsOnly = (code: string): string => code.replace(/\D/g, '');

const ENTERPRISE_FIELDS = [
  'ebpCode',
  'ebcCode',
  'agentCode',
  'logisticsCode',
  'assureCode',
  'areaCode',
] as const;

function hit(rule: RiskRuleId, code: string, reason: string, fields: FindingField[]): RiskHit {
  return { rule, code, message: `${reason}: ${fields.map(describeField).join(', ')}`, fields };
}

function watchListHits(inventory: ImportInventory, lists: RiskWatchLists, context: RiskContext): RiskHit[] {
  const hits: RiskHit[] = [];
  const head = inventory.head;

  if (lists.buyerIdNumberHashes.length > 0) {
    assert(
      context.buyerIdNumberHash !== undefined,
      'assessRisk: context.buyerIdNumberHash is required when the buyer watch list is not empty',
    );
    const watched = new Set(lists.buyerIdNumberHashes.map((hash) => hash.toLowerCase()));
    if (watched.has(context.buyerIdNumberHash.toLowerCase())) {
      hits.push(
        hit('watch_list.buyer', 'customs.risk_watched_buyer', 'The buyer is on the watch list', [
          fieldRef('inventory', 'buyerIdNumber', head.buyerIdNumber),
        ]),
      );
    }
  }

  const telephones = new Set(lists.telephones.map(normaliseTelephone));
  const phoneFields: FindingField[] = [];
  if (telephones.has(normaliseTelephone(head.buyerTelephone))) {
    phoneFields.push(fieldRef('inventory', 'buyerTelephone', head.buyerTelephone));
  }
  const consigneeTelephone = context.waybill?.consigneeTelephone;
  if (consigneeTelephone !== undefined && telephones.has(normaliseTelephone(consigneeTelephone))) {
    phoneFields.push(fieldRef('waybill', 'consigneeTelephone', consigneeTelephone));
  }
  if (phoneFields.length > 0) {
    hits.push(
      hit(
        'watch_list.telephone',
        'customs.risk_watched_telephone',
        'A telephone number is on the watch list',
        phoneFields,
      ),
    );
  }

  const prefixes = lists.hsCodePrefixes.map(digitsOnly).filter((prefix) => prefix !== '');
  for (const line of inventory.lines) {
    if (prefixes.some((prefix) => digitsOnly(line.gcode).startsWith(prefix))) {
      hits.push(
        hit('watch_list.hs_code', 'customs.risk_watched_hs_code', 'The goods are on the HS watch list', [
          fieldRef('inventory', 'gcode', line.gcode, line.gnum),
        ]),
      );
    }
  }

  const enterprises = new Set(lists.enterpriseCodes.map(normaliseCode));
  const enterpriseFields = ENTERPRISE_FIELDS.flatMap((field) => {
    const code = head[field];
    return code !== undefined && enterprises.has(normaliseCode(code))
      ? [fieldRef('inventory', field, code)]
      : [];
  });
  if (enterpriseFields.length > 0) {
    hits.push(
      hit(
        'watch_list.enterprise',
        'customs.risk_watched_enterprise',
        'An enterprise on the inventory is on the watch list',
        enterpriseFields,
      ),
    );
  }
  return hits;
}

function valueHits(inventory: ImportInventory, config: RiskConfig): RiskHit[] {
  return inventory.lines.flatMap((line) => {
    const chapter = digitsOnly(line.gcode).slice(0, 2);
    const floorText = config.unitPriceFloors[chapter];
    const floor = parseCebDecimal(floorText);
    const price = parseCebDecimal(line.price);
    if (floor === null || price === null) {
      return [];
    }
    if (price.unscaled === 0n && !config.checkGiftLines) {
      return [];
    }
    if (compareDecimal(price, floor) >= 0) {
      return [];
    }
    return [
      hit(
        'value.unit_price_floor',
        'customs.risk_unit_price_below_floor',
        `The unit price is below the floor of CNY ${floorText} for HS chapter ${chapter}`,
        [
          fieldRef('inventory', 'price', line.price, line.gnum),
          fieldRef('inventory', 'gcode', line.gcode, line.gnum),
        ],
      ),
    ];
  });
}

/**
 * The sandbox's risk answer for one inventory: the rules it hits (watch lists, unit prices below
 * their chapter's floor) and whether it is inspected (any hit, or picked by the random sample).
 * Pure and deterministic: the same inventory, config and key always give the same answer.
 */
export function assessRisk(
  inventory: ImportInventory,
  config: RiskConfigInput,
  context: RiskContext,
): RiskAssessment {
  const resolved = resolveRiskConfig(config);
  const hits = [...watchListHits(inventory, resolved.watchLists, context), ...valueHits(inventory, resolved)];
  const sampled = isSampled(inventory, resolved, context.samplingKey);
  return { hits, sampled, inspect: sampled || hits.length > 0 };
}
