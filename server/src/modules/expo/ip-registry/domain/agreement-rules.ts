/**
 * Rules of licences and assignments that need no database: when two licences collide, and how a
 * royalty percentage is written.
 */
export type Exclusivity = 'exclusive' | 'sole' | 'non_exclusive';

export type LicenceTerms = {
  exclusivity: Exclusivity;
  /** ISO 3166-1 alpha-2 countries; empty means worldwide. */
  territory: readonly string[];
  /** YYYY-MM-DD; `termEnd` null means until the right expires. */
  termStart: string;
  termEnd: string | null;
};

const territoriesOverlap = (a: readonly string[], b: readonly string[]) =>
  a.length === 0 || b.length === 0 || a.some((country) => b.includes(country));

const termsOverlap = (a: LicenceTerms, b: LicenceTerms) =>
  (a.termEnd === null || b.termStart <= a.termEnd) && (b.termEnd === null || a.termStart <= b.termEnd);

/**
 * Whether a new licence conflicts with one already granted. An exclusive licence excludes everyone
 * else, the licensor included, in its territory and term; a sole licence excludes other licensees
 * but not the licensor. So any licence overlapping an exclusive or sole one conflicts, and an
 * exclusive or sole one cannot be granted over any existing licence.
 */
export const licencesConflict = (existing: LicenceTerms, proposed: LicenceTerms): boolean => {
  if (existing.exclusivity === 'non_exclusive' && proposed.exclusivity === 'non_exclusive') {
    return false;
  }
  return territoriesOverlap(existing.territory, proposed.territory) && termsOverlap(existing, proposed);
};

const PERCENT = /^(?:100(?:\.0{1,4})?|\d{1,2}(?:\.\d{1,4})?)$/;

/**
 * A royalty rate as a decimal string of percent (e.g. '3.5'), more than 0 and at most 100, with
 * up to four decimals: the form it is stored (numeric) and signed in, so no float ever rounds it.
 */
export const isRoyaltyPercent = (text: string): boolean => PERCENT.test(text) && Number(text) > 0;

/** The canonical written form of a valid percent: no trailing zeros ('3.50' -> '3.5'). */
export const canonicalPercent = (text: string): string =>
  text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
