import type { WhitePaperLang } from './messages.ts';

/**
 * Money, percentages and dates as each language writes them. Money stays an integer of minor units
 * until the last step, a bigint division rounded half-up: zh-CN counts in 亿 (10^8) and 万 (10^4),
 * English in billions and millions.
 */

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `minor / divisor` with `decimals` places, rounded half-up, grouped by thousands. */
export const scaledDecimal = (minor: bigint, divisor: bigint, decimals: number): string => {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const factor = 10n ** BigInt(decimals);
  const scaled = (abs * factor * 2n + divisor) / (divisor * 2n);
  const whole = scaled / factor;
  const fraction = scaled % factor;
  const text =
    decimals === 0
      ? group(whole.toString())
      : `${group(whole.toString())}.${fraction.toString().padStart(decimals, '0')}`;
  return `${negative && scaled !== 0n ? '-' : ''}${text}`;
};

const abs = (v: bigint) => (v < 0n ? -v : v);

/** An amount of `currency` (USD or CNY, two decimals) in minor units, in words of scale. */
export const formatMoney = (minor: bigint, currency: 'USD' | 'CNY', lang: WhitePaperLang): string => {
  const units = abs(minor) / 100n;
  if (lang === 'zh-CN') {
    const suffix = currency === 'USD' ? '美元' : '元';
    if (units >= 100_000_000n) {
      return `${scaledDecimal(minor, 100n * 100_000_000n, 2)} 亿${suffix}`;
    }
    if (units >= 10_000n) {
      return `${scaledDecimal(minor, 100n * 10_000n, 1)} 万${suffix}`;
    }
    return `${scaledDecimal(minor, 100n, 0)} ${suffix}`;
  }
  if (units >= 1_000_000_000n) {
    return `${currency} ${scaledDecimal(minor, 100n * 1_000_000_000n, 2)} bn`;
  }
  if (units >= 1_000_000n) {
    return `${currency} ${scaledDecimal(minor, 100n * 1_000_000n, 1)} m`;
  }
  return `${currency} ${scaledDecimal(minor, 100n, 0)}`;
};

/** A ratio as a percentage with one decimal; growth carries its sign. Null (no base) is a dash. */
export const formatPercent = (value: number | null, signed = false): string => {
  if (value === null || !Number.isFinite(value)) {
    return '—';
  }
  const pct = Math.round(value * 1000) / 10;
  const text = `${Math.abs(pct).toFixed(1)}%`;
  if (!signed || pct === 0) {
    return pct < 0 ? `-${text}` : text;
  }
  return pct > 0 ? `+${text}` : `-${text}`;
};

/** Index points with one decimal. */
export const formatScore = (value: number | null): string =>
  value === null || !Number.isFinite(value) ? '—' : value.toFixed(1);

/** A date (YYYY-MM-DD) as the language writes it. */
export const formatDate = (isoDate: string, lang: WhitePaperLang, monthNames: readonly string[]): string => {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return lang === 'zh-CN' ? `${year}年${month}月${day}日` : `${day} ${monthNames[month - 1] ?? ''} ${year}`;
};

/** part / whole as a ratio (six decimals), null when the whole is zero. */
export const ratioOf = (part: bigint, whole: bigint): number | null =>
  whole === 0n ? null : Number((part * 1_000_000n) / whole) / 1_000_000;

/** A money amount as a plotting coordinate (whole units): charts need geometry, not money. */
export const plotValue = (minor: bigint): number => Number(minor / 100n);
