import { AppError, type FieldError } from '@tradehub/kernel';
import {
  formatAmount,
  formatFen,
  parseAmount,
  parseRatio,
  type Ratio,
  ratioToAmount,
  roundAmountToFen,
} from './fixed-decimal.ts';
import { type TariffRates, type TariffRow, type TariffTable, tariffRatesOf, tariffTable } from './tariff.ts';

/**
 * The CBEC retail-import limits and the within-limits treatment (财关税〔2018〕49号, in force from
 * 2019-01-01): CNY per transaction and per person per calendar year, duty provisionally 0 and VAT
 * and consumption tax at 70% of the statutory amount.
 */
export const retailImportTaxLimits = {
  transactionLimit: '5000',
  annualLimit: '26000',
  withinLimitsDutyRate: '0',
  withinLimitsShare: '0.7',
} as const;

/** AppError codes the tariff parser and the tax engine throw, with the HTTP status each maps to. */
export const TAX_ERROR_STATUS = {
  'customs.invalid_tariff': 400,
  'customs.invalid_tax_input': 400,
  // A TariffRow built in code (not by parseTariffCsv) whose rate is not a fraction in range.
  'customs.tariff_invalid_rate': 400,
  'customs.invalid_amount': 400,
} as const;

const TRANSACTION_LIMIT = parseAmount(retailImportTaxLimits.transactionLimit) as bigint;
const ANNUAL_LIMIT = parseAmount(retailImportTaxLimits.annualLimit) as bigint;
const WITHIN_LIMITS_SHARE = parseRatio(retailImportTaxLimits.withinLimitsShare) as Ratio;

/** One line of the parcel as the inventory (CEB621 InventoryList) carries it. */
export type ParcelLine = {
  gnum: number;
  /** 10-digit HS code. */
  gcode: string;
  /** The line's total price in CNY, a decimal string with at most 5 fraction digits. */
  totalPrice: string;
  /** Declared quantity, a decimal string (N19,5) or an integer. */
  qty: string | number;
};

export type RetailImportTaxInput = {
  lines: readonly ParcelLine[];
  /** CNY decimal strings, at most 5 fraction digits, zero or more. */
  freight: string;
  insuredFee: string;
  tariff: TariffTable | readonly TariffRow[];
  /** What the buyer has already used of the annual quota this calendar year, before this parcel. */
  annualUsed: string;
};

export type RetailImportTaxDecision = 'within_limits' | 'over_limit_single_item' | 'refused';

/** Why a parcel cannot clear as CBEC retail import. */
export type RetailImportRefusalCode =
  | 'customs.over_transaction_limit'
  | 'customs.over_annual_limit'
  | 'customs.tariff_missing';

export type RetailImportRefusal = {
  code: RetailImportRefusalCode;
  message: string;
  /** The line concerned, for `customs.tariff_missing`. */
  gnum?: number;
  gcode?: string;
};

/** One line's dutiable price and taxes, each with 5 fraction digits as CEB816 carries them. */
export type LineTax = {
  gnum: number;
  gcode: string;
  dutiablePrice: string;
  duty: string;
  consumptionTax: string;
  vat: string;
};

/** The taxes of the whole inventory per tax type, each rounded half-up to the fen, and their sum. */
export type DocumentTax = {
  duty: string;
  consumptionTax: string;
  vat: string;
  total: string;
};

export type RetailImportTaxResult =
  | {
      decision: 'within_limits' | 'over_limit_single_item';
      /** Σ totalPrice + freight + insuredFee, 5 fraction digits. */
      dutiablePrice: string;
      /** The buyer's annual use once this parcel counts, and what is left of the annual limit. */
      annualUsedAfter: string;
      annualRemainingAfter: string;
      lines: LineTax[];
      totals: DocumentTax;
    }
  | {
      decision: 'refused';
      dutiablePrice: string;
      reasons: RetailImportRefusal[];
    };

const HS_CODE_PATTERN = /^\d{10}$/;

const ratio = (numerator: bigint, denominator: bigint): Ratio => ({ numerator, denominator });
const times = (a: Ratio, b: Ratio): Ratio => ratio(a.numerator * b.numerator, a.denominator * b.denominator);
const plus = (a: Ratio, b: Ratio): Ratio =>
  ratio(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
/** c / (1 − c), the gross-up that puts consumption tax inside its own base; c < 1. */
const grossUp = (c: Ratio): Ratio => ratio(c.numerator, c.denominator - c.numerator);
const ZERO: Ratio = ratio(0n, 1n);
const fromAmount = (amount: bigint): Ratio => ratio(amount, 100_000n);

type ValidLine = { gnum: number; gcode: string; price: bigint; qty: Ratio };

const validate = (
  input: RetailImportTaxInput,
): { lines: ValidLine[]; freight: bigint; insuredFee: bigint; annualUsed: bigint } => {
  const errors: FieldError[] = [];
  const amount = (field: string, text: unknown): bigint => {
    const value = typeof text === 'string' ? parseAmount(text) : null;
    if (value === null || value < 0n) {
      errors.push({
        field,
        code: 'customs.invalid_amount',
        message: `${field} must be a decimal of zero or more with at most 5 fraction digits`,
      });
      return 0n;
    }
    return value;
  };
  if (input.lines.length === 0) {
    errors.push({ field: 'lines', code: 'customs.no_lines', message: 'the parcel has no lines' });
  }
  const gnums = new Set<number>();
  const lines = input.lines.map((line, i): ValidLine => {
    if (!Number.isSafeInteger(line.gnum) || line.gnum < 1 || gnums.has(line.gnum)) {
      errors.push({
        field: `lines[${i}].gnum`,
        code: 'customs.invalid_gnum',
        message: 'gnum must be a positive integer, unique in the parcel',
      });
    }
    gnums.add(line.gnum);
    if (!HS_CODE_PATTERN.test(line.gcode)) {
      errors.push({
        field: `lines[${i}].gcode`,
        code: 'customs.invalid_hs_code',
        message: 'gcode must be 10 digits',
      });
    }
    const qty = parseRatio(String(line.qty));
    if (qty === null || qty.numerator <= 0n) {
      errors.push({
        field: `lines[${i}].qty`,
        code: 'customs.invalid_qty',
        message: 'qty must be a positive decimal',
      });
    }
    return {
      gnum: line.gnum,
      gcode: line.gcode,
      price: amount(`lines[${i}].totalPrice`, line.totalPrice),
      qty: qty ?? ZERO,
    };
  });
  const result = {
    lines,
    freight: amount('freight', input.freight),
    insuredFee: amount('insuredFee', input.insuredFee),
    annualUsed: amount('annualUsed', input.annualUsed),
  };
  if (errors.length > 0) {
    throw new AppError('customs.invalid_tax_input', 'The parcel cannot be taxed as given', {
      fieldErrors: errors,
    });
  }
  return result;
};

/**
 * Splits `extra` (freight plus insurance, in 10^-5 units) over the lines in proportion to their
 * prices by the largest-remainder method: each line gets the floor of its exact share, then the
 * units left over (fewer than the number of lines) go one each to the lines with the largest
 * remainders, earlier lines first on a tie. The shares therefore add up to `extra` exactly and
 * none is more than one unit (0.00001) away from its exact share. When every price is zero the
 * lines share equally.
 */
export const apportion = (extra: bigint, prices: readonly bigint[]): bigint[] => {
  const allZero = prices.every((price) => price === 0n);
  const weights = allZero ? prices.map(() => 1n) : prices;
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0n);
  if (totalWeight === 0n) {
    return [];
  }
  const shares = weights.map((weight) => (extra * weight) / totalWeight);
  const remainders = weights.map((weight, index) => ({ index, remainder: (extra * weight) % totalWeight }));
  let leftover = extra - shares.reduce((sum, share) => sum + share, 0n);
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const { index } of remainders) {
    if (leftover === 0n) {
      break;
    }
    shares[index] = (shares[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return shares;
};

/**
 * One line's taxes in 10^-5 units, computed exactly and rounded half-up once per tax.
 * Over-limit (full general rates): duty = P·t, CT = (P + duty)·c/(1 − c), VAT = (P + duty + CT)·v.
 * Within limits: duty 0, and VAT and CT are 70% of the statutory amounts, CT = P·c/(1 − c) and
 * VAT = (P + CT)·v, the 70% applied to the exact statutory amount (reference §6.1).
 */
const lineTaxes = (
  price: bigint,
  rates: TariffRates,
  decision: 'within_limits' | 'over_limit_single_item',
): { duty: bigint; consumptionTax: bigint; vat: bigint } => {
  const p = fromAmount(price);
  const duty = decision === 'within_limits' ? ZERO : times(p, rates.duty);
  const base = plus(p, duty);
  const consumption = times(base, grossUp(rates.consumption));
  const vat = times(plus(base, consumption), rates.vat);
  const share = decision === 'within_limits' ? WITHIN_LIMITS_SHARE : ratio(1n, 1n);
  return {
    duty: ratioToAmount(duty),
    consumptionTax: ratioToAmount(times(consumption, share)),
    vat: ratioToAmount(times(vat, share)),
  };
};

/**
 * Decides how a CBEC retail-import parcel clears and computes its taxes (reference §6 and §6.1).
 * The dutiable price is Σ totalPrice + freight + insuredFee; freight and insurance are
 * apportioned to the lines by value (see `apportion`). Within CNY 5,000 and the buyer's annual
 * CNY 26,000: duty 0, VAT and consumption tax at 70%. Over 5,000 with one line of quantity 1 and
 * within the annual limit: full general rates. Anything else, or a line whose HS code is not in
 * the tariff, is refused with every reason that applies. Taxes are computed per line and per tax
 * type at 5 decimals, then each tax type is summed over the document and rounded once, half-up,
 * to the fen; the total is the sum of those rounded taxes (as customs' CEB816 bill does).
 * Throws AppError `customs.invalid_tax_input` with field errors for malformed input.
 */
export const computeRetailImportTax = (input: RetailImportTaxInput): RetailImportTaxResult => {
  const { lines, freight, insuredFee, annualUsed } = validate(input);
  const table = 'lookup' in input.tariff ? input.tariff : tariffTable(input.tariff as readonly TariffRow[]);
  const goodsValue = lines.reduce((sum, line) => sum + line.price, 0n);
  const dutiable = goodsValue + freight + insuredFee;
  const reasons: RetailImportRefusal[] = [];
  const rates: TariffRates[] = [];
  for (const line of lines) {
    const row = table.lookup(line.gcode);
    if (row === undefined) {
      reasons.push({
        code: 'customs.tariff_missing',
        message: `No tariff line for HS code ${line.gcode} (gnum ${line.gnum})`,
        gnum: line.gnum,
        gcode: line.gcode,
      });
    } else {
      rates.push(tariffRatesOf(row));
    }
  }
  const only = lines[0];
  const singleIndivisibleItem =
    lines.length === 1 && only !== undefined && only.qty.numerator === only.qty.denominator;
  if (dutiable > TRANSACTION_LIMIT && !singleIndivisibleItem) {
    reasons.push({
      code: 'customs.over_transaction_limit',
      message: `The dutiable price ${formatFen(roundAmountToFen(dutiable))} exceeds CNY ${retailImportTaxLimits.transactionLimit} and the parcel is not a single indivisible item`,
    });
  }
  const usedAfter = annualUsed + dutiable;
  if (usedAfter > ANNUAL_LIMIT) {
    reasons.push({
      code: 'customs.over_annual_limit',
      message: `The buyer's annual total would reach ${formatFen(roundAmountToFen(usedAfter))}, over CNY ${retailImportTaxLimits.annualLimit}`,
    });
  }
  if (reasons.length > 0) {
    return { decision: 'refused', dutiablePrice: formatAmount(dutiable), reasons };
  }
  const decision = dutiable > TRANSACTION_LIMIT ? 'over_limit_single_item' : 'within_limits';
  const shares = apportion(
    freight + insuredFee,
    lines.map((line) => line.price),
  );
  const sums = { duty: 0n, consumptionTax: 0n, vat: 0n };
  const lineTax = lines.map((line, i): LineTax => {
    const price = line.price + (shares[i] ?? 0n);
    const taxes = lineTaxes(price, rates[i] as TariffRates, decision);
    sums.duty += taxes.duty;
    sums.consumptionTax += taxes.consumptionTax;
    sums.vat += taxes.vat;
    return {
      gnum: line.gnum,
      gcode: line.gcode,
      dutiablePrice: formatAmount(price),
      duty: formatAmount(taxes.duty),
      consumptionTax: formatAmount(taxes.consumptionTax),
      vat: formatAmount(taxes.vat),
    };
  });
  const duty = roundAmountToFen(sums.duty);
  const consumptionTax = roundAmountToFen(sums.consumptionTax);
  const vat = roundAmountToFen(sums.vat);
  return {
    decision,
    dutiablePrice: formatAmount(dutiable),
    annualUsedAfter: formatAmount(usedAfter),
    annualRemainingAfter: formatAmount(ANNUAL_LIMIT - usedAfter),
    lines: lineTax,
    totals: {
      duty: formatFen(duty),
      consumptionTax: formatFen(consumptionTax),
      vat: formatFen(vat),
      total: formatFen(duty + consumptionTax + vat),
    },
  };
};

// For reconciliation against CEB816, which must round exactly as the engine does.
/** An amount string with at most 5 fraction digits rounded half-up to the fen (two digits). */
export const roundToFen = (amount: string): string => {
  const units = parseAmount(amount);
  if (units === null) {
    throw new AppError('customs.invalid_amount', `Not an amount: ${JSON.stringify(amount)}`);
  }
  return formatFen(roundAmountToFen(units));
};
