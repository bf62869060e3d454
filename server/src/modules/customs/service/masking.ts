/**
 * A buyer's ID number or phone as every screen and export shows it: at most the first two and the
 * last two characters, the rest starred (a value of four characters or fewer is starred whole).
 */
export const maskPersonal = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const chars = [...value];
  if (chars.length <= 4) {
    return '*'.repeat(chars.length);
  }
  return `${chars.slice(0, 2).join('')}${'*'.repeat(chars.length - 4)}${chars.slice(-2).join('')}`;
};

/** A person's name: the first character kept (张**), enough to recognise, not to identify. */
export const maskName = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const chars = [...value];
  return chars.length === 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
};

// The elements of CEB messages that carry a buyer's or payer's personal identifiers.
const PERSONAL_ELEMENTS =
  /<((?:[A-Za-z_][\w.-]*:)?(?:buyerIdNumber|payerIdNumber|buyerTelephone|consigneeTelephone|telephone))>([^<]*)</g;

/** The message XML with ID numbers and phone numbers masked, for viewing. */
export const maskMessageXml = (xml: string): string =>
  xml.replace(
    PERSONAL_ELEMENTS,
    (_match, name: string, value: string) => `<${name}>${maskPersonal(value) ?? ''}<`,
  );
