import {
  formatMoneyAmount,
  isCountryCode,
  isCurrencyCode,
  type Money,
  minorUnitOf,
  parseMoney,
} from '@tradehub/kernel';
import {
  childOf,
  el,
  FieldIssues as Issues,
  leaf,
  textOf,
  type XmlElement,
  type XmlNode,
} from '../../../../platform/xml/index.ts';

/** The message definitions tradehub reads or writes, each with its namespace. */
export const ISO20022_NS = {
  pain001: 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09',
  pacs008: 'urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08',
  pacs002: 'urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10',
  camt053: 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08',
} as const;

/** Field error codes these formats put in a refusal's `errors`, beyond the kernel's and xml.*. */
export const iso20022FieldErrorCodes = [
  'payments.too_many_decimals',
  'payments.invalid_amount',
  'payments.currency_mismatch',
  'payments.unstructured_address',
  'payments.too_many_address_lines',
  'payments.unsupported',
  'payments.wrong_message',
  'payments.count_mismatch',
  'payments.control_sum_mismatch',
  'payments.statement_unbalanced',
] as const;

/** A postal address in the PostalAddress24 shape; every member is optional in the schema. */
export type PostalAddress = {
  department?: string;
  subDepartment?: string;
  streetName?: string;
  buildingNumber?: string;
  buildingName?: string;
  floor?: string;
  postBox?: string;
  room?: string;
  postCode?: string;
  townName?: string;
  townLocationName?: string;
  districtName?: string;
  countrySubDivision?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  addressLines?: string[];
};

/** A debtor, creditor or initiating party: a name, an address and an organisation identifier. */
export type Party = {
  name?: string;
  postalAddress?: PostalAddress;
  /** ISO 17442 legal entity identifier, carried as Id/OrgId/LEI. */
  lei?: string;
  /** An organisation identifier other than the LEI (Id/OrgId/Othr). */
  otherId?: { id: string; schemeCode?: string };
};

/** A cash account: an IBAN, or another identification with an optional scheme code (BBAN, CUID ...). */
export type AccountId = { iban: string } | { other: string; schemeCode?: string };

export type CashAccount = { id: AccountId; currency?: string; name?: string };

/** A financial institution; CBPR+ identifies agents by BIC. */
export type Agent = { bic?: string; name?: string; clearingMemberId?: string; lei?: string };

// The XSD patterns of BICFIDec2014Identifier, IBAN2007Identifier and LEIIdentifier.
const BIC = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;
const IBAN = /^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/;
const LEI = /^[A-Z0-9]{18}[0-9]{2}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// xs:dateTime with an optional fraction and an optional zone, as the schemas accept it.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;
// Anything XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const UUID_V4 = /^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/;

export const isBic = (value: string): boolean => BIC.test(value);
export const isLei = (value: string): boolean => LEI.test(value);
export const isUetr = (value: string): boolean => UUID_V4.test(value);
export const isIsoDateTime = (value: string): boolean =>
  ISO_DATE_TIME.test(value) && isIsoDate(value.slice(0, 10));

export const isIsoDate = (value: string): boolean => {
  const match = ISO_DATE.exec(value);
  if (match === null) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** ISO 13616: the pattern of the schema and the mod-97 check digits the schema cannot check. */
export const isIban = (value: string): boolean => {
  if (!IBAN.test(value)) {
    return false;
  }
  const rearranged = (value.slice(4) + value.slice(0, 4)).toUpperCase();
  let remainder = 0;
  for (const char of rearranged) {
    const digits = char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) {
      remainder = (remainder * 10 + Number(digit)) % 97;
    }
  }
  return remainder === 1;
};

export { Issues, textOf };

/** The element at `path` below `parent` (slash-separated local names in namespace `ns`). */
export const at = (parent: XmlElement | undefined, ns: string, path: string): XmlElement | undefined =>
  path.split('/').reduce<XmlElement | undefined>((current, name) => childOf(current, ns, name), parent);

/** Trimmed text at `path` below `parent`. */
export const textAt = (parent: XmlElement | undefined, ns: string, path: string): string | undefined =>
  textOf(at(parent, ns, path));

/**
 * Money from an amount element (`<X Ccy="EUR">12.5</X>`), exact: the decimal text goes to the
 * kernel's parser, never through a float. More decimals than the currency has, an unknown
 * currency, a sign or an exponent are field errors at `field`.
 */
export const readMoney = (element: XmlElement, field: string, issues: Issues): Money | undefined => {
  const currency = element.attributes.get('Ccy')?.trim() ?? '';
  const text = element.text.trim();
  if (!isCurrencyCode(currency)) {
    issues.add(
      `${field}/@Ccy`,
      'kernel.unknown_code',
      `unknown currency ${JSON.stringify(currency.slice(0, 8))}`,
      element,
    );
    return undefined;
  }
  // The schema's decimal: digits with an optional fraction, at most 18 digits, never negative.
  if (!/^\d{1,18}(?:\.\d{1,17})?$/.test(text) || text.replace('.', '').length > 18) {
    issues.add(
      field,
      'kernel.invalid_format',
      `${JSON.stringify(text.slice(0, 30))} is not an amount`,
      element,
    );
    return undefined;
  }
  const fraction = text.split('.')[1] ?? '';
  const decimals = minorUnitOf(currency);
  // Trailing zeros beyond the minor unit change nothing ("12.500" EUR); other digits would be lost.
  if (fraction.length > decimals && /[1-9]/.test(fraction.slice(decimals))) {
    issues.add(
      field,
      'payments.too_many_decimals',
      `${currency} amounts have at most ${decimals} decimals`,
      element,
    );
    return undefined;
  }
  const trimmed =
    fraction.length > decimals ? text.slice(0, text.length - (fraction.length - decimals)) : text;
  return parseMoney(trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed, currency);
};

/** The amount text of a Money with exactly the currency's decimals ("1000.00", "12", "0.125"). */
export const amountText = (m: Money): string => formatMoneyAmount(m);

/** An amount element `<name Ccy="...">` for a non-negative Money. */
export const amountLeaf = (name: string, m: Money): XmlNode => leaf(name, amountText(m), { Ccy: m.currency });

/** Reads a PostalAddress24 element. */
export const readPostalAddress = (element: XmlElement | undefined, ns: string): PostalAddress | undefined => {
  if (element === undefined) {
    return undefined;
  }
  const t = (name: string) => textAt(element, ns, name);
  const lines = element.children
    .filter((child) => child.ns === ns && child.name === 'AdrLine')
    .map((child) => textOf(child))
    .filter((line): line is string => line !== undefined);
  const address: PostalAddress = {};
  const fields: [keyof Omit<PostalAddress, 'addressLines'>, string][] = [
    ['department', 'Dept'],
    ['subDepartment', 'SubDept'],
    ['streetName', 'StrtNm'],
    ['buildingNumber', 'BldgNb'],
    ['buildingName', 'BldgNm'],
    ['floor', 'Flr'],
    ['postBox', 'PstBx'],
    ['room', 'Room'],
    ['postCode', 'PstCd'],
    ['townName', 'TwnNm'],
    ['townLocationName', 'TwnLctnNm'],
    ['districtName', 'DstrctNm'],
    ['countrySubDivision', 'CtrySubDvsn'],
    ['country', 'Ctry'],
  ];
  for (const [key, name] of fields) {
    const value = t(name);
    if (value !== undefined) {
      address[key] = value;
    }
  }
  if (lines.length > 0) {
    address.addressLines = lines;
  }
  return address;
};

/** Reads a PartyIdentification135 element (name, address, LEI or other organisation id). */
export const readParty = (element: XmlElement | undefined, ns: string): Party | undefined => {
  if (element === undefined) {
    return undefined;
  }
  const party: Party = {};
  const name = textAt(element, ns, 'Nm');
  if (name !== undefined) {
    party.name = name;
  }
  const address = readPostalAddress(childOf(element, ns, 'PstlAdr'), ns);
  if (address !== undefined) {
    party.postalAddress = address;
  }
  const lei = textAt(element, ns, 'Id/OrgId/LEI');
  if (lei !== undefined) {
    party.lei = lei;
  }
  const otherId = textAt(element, ns, 'Id/OrgId/Othr/Id');
  if (otherId !== undefined) {
    const schemeCode = textAt(element, ns, 'Id/OrgId/Othr/SchmeNm/Cd');
    party.otherId = schemeCode === undefined ? { id: otherId } : { id: otherId, schemeCode };
  }
  return party;
};

/** Reads a CashAccount38 element; undefined when it carries neither an IBAN nor another id. */
export const readAccount = (element: XmlElement | undefined, ns: string): CashAccount | undefined => {
  const iban = textAt(element, ns, 'Id/IBAN');
  const other = textAt(element, ns, 'Id/Othr/Id');
  const schemeCode = textAt(element, ns, 'Id/Othr/SchmeNm/Cd');
  let id: AccountId;
  if (iban !== undefined) {
    id = { iban };
  } else if (other !== undefined) {
    id = schemeCode === undefined ? { other } : { other, schemeCode };
  } else {
    return undefined;
  }
  const account: CashAccount = { id };
  const currency = textAt(element, ns, 'Ccy');
  if (currency !== undefined) {
    account.currency = currency;
  }
  const name = textAt(element, ns, 'Nm');
  if (name !== undefined) {
    account.name = name;
  }
  return account;
};

/** Reads a BranchAndFinancialInstitutionIdentification6 element. */
export const readAgent = (element: XmlElement | undefined, ns: string): Agent | undefined => {
  if (element === undefined) {
    return undefined;
  }
  const agent: Agent = {};
  const bic = textAt(element, ns, 'FinInstnId/BICFI');
  if (bic !== undefined) {
    agent.bic = bic;
  }
  const member = textAt(element, ns, 'FinInstnId/ClrSysMmbId/MmbId');
  if (member !== undefined) {
    agent.clearingMemberId = member;
  }
  const lei = textAt(element, ns, 'FinInstnId/LEI');
  if (lei !== undefined) {
    agent.lei = lei;
  }
  const name = textAt(element, ns, 'FinInstnId/Nm');
  if (name !== undefined) {
    agent.name = name;
  }
  return agent;
};

// --- builders' checks and elements ---------------------------------------------------------------

/** Checks a free-text value against the schema's MaxNText (1..max characters). */
export const checkText = (
  issues: Issues,
  field: string,
  value: string | undefined,
  max: number,
  required = false,
): void => {
  if (value === undefined || value === '') {
    if (required) {
      issues.add(field, 'kernel.required', 'required');
    }
    return;
  }
  if ([...value].length > max) {
    issues.add(field, 'kernel.too_long', `at most ${max} characters`);
  }
  if (NOT_XML_CHAR.test(value)) {
    issues.add(field, 'kernel.invalid_format', 'contains a character XML cannot carry');
  }
};

const ADDRESS_LIMITS: [keyof Omit<PostalAddress, 'addressLines' | 'country'>, number][] = [
  ['department', 70],
  ['subDepartment', 70],
  ['streetName', 70],
  ['buildingNumber', 16],
  ['buildingName', 35],
  ['floor', 70],
  ['postBox', 16],
  ['room', 70],
  ['postCode', 16],
  ['townName', 35],
  ['townLocationName', 35],
  ['districtName', 35],
  ['countrySubDivision', 35],
];

/**
 * The CBPR+ address rule in force from November 2026: an unstructured-only address (address lines
 * without town and country) is refused; a structured address needs at least the town name and the
 * country; a hybrid one may add at most 2 address lines of 70 characters.
 */
export const checkCbprAddress = (issues: Issues, field: string, address: PostalAddress | undefined): void => {
  if (address === undefined) {
    issues.add(
      field,
      'kernel.required',
      'a structured postal address (at least town name and country) is required',
    );
    return;
  }
  for (const [key, max] of ADDRESS_LIMITS) {
    checkText(issues, `${field}.${key}`, address[key], max);
  }
  const lines = address.addressLines ?? [];
  const structured =
    address.townName !== undefined && address.townName !== '' && address.country !== undefined;
  if (!structured && lines.length > 0) {
    issues.add(
      field,
      'payments.unstructured_address',
      'unstructured addresses (address lines only) are refused under CBPR+ from November 2026; give the town name and country',
    );
  }
  if (address.townName === undefined || address.townName === '') {
    issues.add(
      `${field}.townName`,
      'kernel.required',
      'the town name is required (CBPR+ structured address)',
    );
  }
  if (address.country === undefined || address.country === '') {
    issues.add(`${field}.country`, 'kernel.required', 'the country is required (CBPR+ structured address)');
  } else if (!isCountryCode(address.country)) {
    issues.add(
      `${field}.country`,
      'kernel.unknown_code',
      `unknown country ${JSON.stringify(address.country)}`,
    );
  }
  if (lines.length > 2) {
    issues.add(
      `${field}.addressLines`,
      'payments.too_many_address_lines',
      'a hybrid address has at most 2 address lines',
    );
  }
  for (const [index, line] of lines.entries()) {
    checkText(issues, `${field}.addressLines[${index}]`, line, 70, true);
  }
};

export const checkBic = (issues: Issues, field: string, bic: string | undefined, required = true): void => {
  if (bic === undefined) {
    if (required) {
      issues.add(field, 'kernel.required', 'a BIC is required');
    }
  } else if (!isBic(bic)) {
    issues.add(field, 'kernel.invalid_format', `${JSON.stringify(bic.slice(0, 20))} is not a BIC`);
  }
};

export const checkAccount = (issues: Issues, field: string, account: CashAccount | undefined): void => {
  if (account === undefined) {
    return;
  }
  if ('iban' in account.id) {
    if (!isIban(account.id.iban)) {
      issues.add(`${field}.iban`, 'kernel.invalid_check_digit', 'not a valid IBAN');
    }
  } else {
    checkText(issues, `${field}.other`, account.id.other, 34, true);
    checkText(issues, `${field}.schemeCode`, account.id.schemeCode, 4);
  }
  if (account.currency !== undefined && !isCurrencyCode(account.currency)) {
    issues.add(`${field}.currency`, 'kernel.unknown_code', 'unknown currency');
  }
  checkText(issues, `${field}.name`, account.name, 70);
};

export const checkMoney = (issues: Issues, field: string, m: Money | undefined, positive = true): void => {
  if (m === undefined) {
    issues.add(field, 'kernel.required', 'required');
  } else if (positive ? m.amountMinor <= 0n : m.amountMinor < 0n) {
    issues.add(
      field,
      'payments.invalid_amount',
      positive ? 'must be more than zero' : 'must not be negative',
    );
  } else if (amountText(m).replace('.', '').length > 18) {
    issues.add(field, 'kernel.too_long', 'at most 18 digits');
  }
};

export const postalAddressEl = (address: PostalAddress | undefined): XmlNode =>
  address === undefined
    ? undefined
    : el('PstlAdr', [
        leaf('Dept', address.department),
        leaf('SubDept', address.subDepartment),
        leaf('StrtNm', address.streetName),
        leaf('BldgNb', address.buildingNumber),
        leaf('BldgNm', address.buildingName),
        leaf('Flr', address.floor),
        leaf('PstBx', address.postBox),
        leaf('Room', address.room),
        leaf('PstCd', address.postCode),
        leaf('TwnNm', address.townName),
        leaf('TwnLctnNm', address.townLocationName),
        leaf('DstrctNm', address.districtName),
        leaf('CtrySubDvsn', address.countrySubDivision),
        leaf('Ctry', address.country),
        ...(address.addressLines ?? []).map((line) => leaf('AdrLine', line)),
      ]);

export const partyEl = (name: string, party: Party): XmlNode =>
  el(name, [
    leaf('Nm', party.name),
    postalAddressEl(party.postalAddress),
    party.lei === undefined && party.otherId === undefined
      ? undefined
      : el('Id', [
          el('OrgId', [
            leaf('LEI', party.lei),
            party.otherId === undefined
              ? undefined
              : el('Othr', [
                  leaf('Id', party.otherId.id),
                  party.otherId.schemeCode === undefined
                    ? undefined
                    : el('SchmeNm', [leaf('Cd', party.otherId.schemeCode)]),
                ]),
          ]),
        ]),
  ]);

export const accountEl = (name: string, account: CashAccount | undefined): XmlNode =>
  account === undefined
    ? undefined
    : el(name, [
        el('Id', [
          'iban' in account.id
            ? leaf('IBAN', account.id.iban)
            : el('Othr', [
                leaf('Id', account.id.other),
                account.id.schemeCode === undefined
                  ? undefined
                  : el('SchmeNm', [leaf('Cd', account.id.schemeCode)]),
              ]),
        ]),
        leaf('Ccy', account.currency),
        leaf('Nm', account.name),
      ]);

export const agentEl = (name: string, agent: Agent | undefined): XmlNode =>
  agent === undefined
    ? undefined
    : el(name, [
        el('FinInstnId', [
          leaf('BICFI', agent.bic),
          agent.clearingMemberId === undefined
            ? undefined
            : el('ClrSysMmbId', [leaf('MmbId', agent.clearingMemberId)]),
          leaf('LEI', agent.lei),
          leaf('Nm', agent.name),
        ]),
      ]);
