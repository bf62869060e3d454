import { money, moneyToJson } from '@tradehub/kernel';
import type { ExpoDraftOrderContent } from '../../deps.ts';

/** What a lead's requirement says, as the matchmaking table stores it. */
export type RequirementFacts = {
  hsCode: string | null;
  /** Decimal string from `numeric`, e.g. "5000.000". */
  quantity: string;
  quantityUnit: string;
  targetPriceCurrency: string | null;
  targetPriceMinor: string | null;
  destinationCountry: string;
  destinationUnlocode: string | null;
};

/** What the matched product says, from the catalogue. */
export type ProductFacts = {
  id: string;
  nameEn: string;
  nameZh: string;
  hsCode: string;
  moq: string;
  moqUnit: string;
  priceCurrency: string;
  priceMinMinor: string;
  /** The exhibitor's UN/LOCODE (its port or city), where goods are handed over. */
  exhibitorUnlocode: string | null;
};

export type Party = { organisationId: string; name: string; country: string };

/** "5000.000" → "5000": the order takes a decimal string and prints what it gets. */
export const trimDecimal = (value: string): string =>
  value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;

/**
 * The draft order a meeting turns into, pre-filled from the lead: the buyer's quantity and unit,
 * its target price (or, without one, the product's lowest price), the product's HS code, and the
 * hand-over place: FOB the exhibitor's port when the catalogue knows it, else DAP the buyer's
 * destination. When the buyer counts in another unit than the product is priced in, a price per
 * the buyer's unit is not known: the line takes the product's MOQ, unit and lowest price and the
 * note says what the buyer asked for. Undefined when no hand-over place is known at all.
 */
export const draftOrderContent = (input: {
  meetingId: string;
  seller: Party;
  buyer: Party;
  requirement: RequirementFacts;
  product: ProductFacts;
}): ExpoDraftOrderContent | undefined => {
  const { requirement, product } = input;
  const sameUnit = requirement.quantityUnit === product.moqUnit;
  const useTarget =
    sameUnit && requirement.targetPriceCurrency !== null && requirement.targetPriceMinor !== null;
  const currency = useTarget ? (requirement.targetPriceCurrency as string) : product.priceCurrency;
  const unitPriceMinor = BigInt(useTarget ? (requirement.targetPriceMinor as string) : product.priceMinMinor);
  const place =
    product.exhibitorUnlocode !== null
      ? { rule: 'FOB' as const, unlocode: product.exhibitorUnlocode }
      : requirement.destinationUnlocode !== null
        ? { rule: 'DAP' as const, unlocode: requirement.destinationUnlocode }
        : undefined;
  if (place === undefined) {
    return undefined;
  }
  const asked = `${trimDecimal(requirement.quantity)} ${requirement.quantityUnit}`;
  return {
    buyerReference: `EXPO-${input.meetingId}`,
    currency,
    seller: input.seller,
    buyer: input.buyer,
    incoterms: { rule: place.rule, namedPlace: { unlocode: place.unlocode } },
    paymentTerms: 'To be agreed',
    note: sameUnit
      ? `Drafted from expo meeting ${input.meetingId}; destination ${requirement.destinationCountry}.`
      : `Drafted from expo meeting ${input.meetingId}; the buyer asked for ${asked}; destination ${requirement.destinationCountry}.`,
    lines: [
      {
        sellerItemId: product.id,
        descriptionEn: product.nameEn,
        descriptionZh: product.nameZh,
        hsCode: product.hsCode,
        quantity: sameUnit ? trimDecimal(requirement.quantity) : trimDecimal(product.moq),
        unitCode: sameUnit ? requirement.quantityUnit : product.moqUnit,
        unitPrice: moneyToJson(money(currency, unitPriceMinor)),
      },
    ],
  };
};
