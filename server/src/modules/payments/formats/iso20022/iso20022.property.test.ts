import { AppError, type Money, money } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childOf, parseXml } from '../../../../platform/xml/index.ts';
import { ISO20022_NS, Issues, isIban, readMoney } from './common.ts';
import { buildPacs008, type Pacs008Input, parsePain001 } from './index.ts';
import { pain001Rich } from './test-fixtures.ts';
import { validateIso20022Files } from './test-iso20022-schemas.ts';

// Currencies with 0, 2, 3 and 4 decimals.
const CURRENCIES = ['EUR', 'USD', 'CNY', 'GBP', 'HKD', 'JPY', 'KRW', 'KWD', 'BHD', 'CLF'] as const;
const COUNTRIES = ['CN', 'DE', 'US', 'GB', 'JP', 'SG', 'AE', 'BR', 'ZA', 'HK'] as const;

// Letters a bank name may carry, with the XML specials among them to test escaping.
const textChars = fc.constantFrom(
  ...'AbZz09 -.,&<>"\'/()ÄöüßÉ义乌市贸易有限公司株式会社'.split(''),
  '\u{20BB7}',
);
const text = (max: number) =>
  fc.array(textChars, { minLength: 1, maxLength: max }).map((chars) => chars.join(''));
const id = (max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9/-]{1,${max}}$`));
const bic = fc.stringMatching(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/);
const date = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

// A German IBAN with correct check digits for any 18-digit BBAN.
const iban = fc.stringMatching(/^[0-9]{18}$/).map((bban) => {
  for (let check = 2; check < 100; check += 1) {
    const candidate = `DE${String(check).padStart(2, '0')}${bban}`;
    if (isIban(candidate)) {
      return candidate;
    }
  }
  throw new Error('unreachable: one check value always fits');
});

const amount = (currency: string) =>
  fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }).map((minor): Money => money(currency, minor));

const address = fc.record(
  {
    streetName: text(70),
    buildingNumber: id(16),
    postCode: id(16),
    townName: text(35),
    country: fc.constantFrom(...COUNTRIES),
    addressLines: fc.array(text(70), { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: ['townName', 'country'] },
);

const party = fc.record({ name: text(140), postalAddress: address });
const account = fc.oneof(
  iban.map((value) => ({ id: { iban: value } })),
  id(34).map((value) => ({ id: { other: value } })),
);

const input: fc.Arbitrary<Pacs008Input> = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    instructedCurrency: fc.option(fc.constantFrom(...CURRENCIES), { nil: undefined }),
    messageId: id(35),
    endToEndId: id(35),
    uetr: fc.option(fc.uuid({ version: 4 }), { nil: undefined }),
    settlementDate: date,
    settlementMethod: fc.constantFrom('INDA', 'INGA', 'COVE', 'CLRG' as const),
    chargeBearer: fc.constantFrom('DEBT', 'CRED', 'SHAR', 'SLEV' as const),
    agents: fc.tuple(bic, bic, bic, bic),
    debtor: party,
    creditor: party,
    debtorAccount: fc.option(account, { nil: undefined }),
    creditorAccount: fc.option(account, { nil: undefined }),
    remittance: fc.option(text(140), { nil: undefined }),
  })
  .chain((base) =>
    fc
      .record({
        settlement: amount(base.currency),
        instructed:
          base.instructedCurrency === undefined ? fc.constant(undefined) : amount(base.instructedCurrency),
      })
      .map(({ settlement, instructed }) => {
        const [instructing, instructed_, debtorAgent, creditorAgent] = base.agents;
        return {
          messageId: base.messageId,
          createdAt: `${base.settlementDate}T12:00:00+08:00`,
          settlementMethod: base.settlementMethod,
          endToEndId: base.endToEndId,
          ...(base.uetr === undefined ? {} : { uetr: base.uetr }),
          interbankSettlementAmount: settlement,
          interbankSettlementDate: base.settlementDate,
          ...(instructed === undefined ? {} : { instructedAmount: instructed, exchangeRate: '1.2345678901' }),
          chargeBearer: base.chargeBearer,
          instructingAgent: { bic: instructing },
          instructedAgent: { bic: instructed_ },
          debtor: base.debtor,
          ...(base.debtorAccount === undefined ? {} : { debtorAccount: base.debtorAccount }),
          debtorAgent: { bic: debtorAgent },
          creditorAgent: { bic: creditorAgent },
          creditor: base.creditor,
          ...(base.creditorAccount === undefined ? {} : { creditorAccount: base.creditorAccount }),
          ...(base.remittance === undefined ? {} : { remittanceInformation: base.remittance }),
        };
      }),
  );

// The amount elements of a built message, read back through the same exact reader imports use.
const readBack = (xml: string, name: 'IntrBkSttlmAmt' | 'InstdAmt'): Money | undefined => {
  const ns = ISO20022_NS.pacs008;
  const element = childOf(
    childOf(childOf(parseXml(xml), ns, 'FIToFICstmrCdtTrf'), ns, 'CdtTrfTxInf'),
    ns,
    name,
  );
  if (element === undefined) {
    return undefined;
  }
  const issues = new Issues();
  const read = readMoney(element, name, issues);
  expect(issues.errors).toEqual([]);
  return read;
};

describe('pacs.008 from random payment data', () => {
  it('builds, and the amounts read back exactly', () => {
    fc.assert(
      fc.property(input, (payment) => {
        const { xml, uetr } = buildPacs008(payment);
        expect(readBack(xml, 'IntrBkSttlmAmt')).toEqual(payment.interbankSettlementAmount);
        expect(readBack(xml, 'InstdAmt')).toEqual(payment.instructedAmount);
        expect(xml).toContain(`<UETR>${uetr}</UETR>`);
      }),
      { numRuns: 300 },
    );
  });

  it('every built message validates against the official schema (one xmllint run)', async () => {
    const payments = fc.sample(input, { numRuns: 150, seed: 20261127 });
    const files = payments.map((payment) => buildPacs008(payment).xml);
    expect(await validateIso20022Files('pacs.008.001.08', files)).toEqual(files.map(() => []));
  });
});

describe('pain.001 import under mutation', () => {
  const corpus = [pain001Rich];

  it('the unmutated corpus parses', () => {
    const initiation = parsePain001(pain001Rich);
    expect(initiation.totals).toEqual([money('EUR', 1_250_051n), money('JPY', 1300n)]);
    expect(initiation.paymentInformation[0]?.requestedExecutionDate).toBe('2026-11-28');
    expect(initiation.paymentInformation[0]?.transactions[0]?.remittance).toEqual({
      unstructured: ['Invoice CI-2026-0042 & CI-2026-0043'],
      creditorReferences: ['RF18539007547034'],
      documentNumbers: ['CI-2026-0042', 'CI-2026-0043'],
    });
    expect(initiation.warnings).toEqual([]);
  });

  // Cuts, insertions, duplications and replaced values anywhere in the file.
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom(
          '<',
          '>',
          '&',
          '<![CDATA[x]]>',
          '<Amt>',
          '</PmtInf>',
          '<InstdAmt Ccy="EUR">-1</InstdAmt>',
          '&#0;',
          '\uFFFF',
          '1e5',
          '<!DOCTYPE x>',
        ),
      ),
    }),
    fc.record({
      kind: fc.constant('duplicate' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 400 }),
    }),
    fc.record({
      kind: fc.constant('value' as const),
      nth: fc.nat(),
      text: fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^-?[0-9]{0,20}(\.[0-9]{0,20})?$/)),
    }),
  );

  const applyMutation = (xml: string, m: Mutation): string => {
    if (m.kind === 'value') {
      // Replace the text of the nth element that holds text.
      const values = [...xml.matchAll(/>([^<>]+)</g)];
      const target = values.length === 0 ? undefined : values[m.nth % values.length];
      if (target?.index === undefined) {
        return xml;
      }
      const escaped = m.text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      return `${xml.slice(0, target.index + 1)}${escaped}${xml.slice(target.index + 1 + (target[1]?.length ?? 0))}`;
    }
    const at = m.at % (xml.length + 1);
    if (m.kind === 'cut') {
      return xml.slice(0, at) + xml.slice(at + m.length);
    }
    if (m.kind === 'insert') {
      return xml.slice(0, at) + m.text + xml.slice(at);
    }
    return xml.slice(0, at + m.length) + xml.slice(at, at + m.length) + xml.slice(at + m.length);
  };

  const mutate = (source: string, mutations: Mutation[]): string => mutations.reduce(applyMutation, source);

  it('returns a model or throws AppError http.validation_failed, nothing else', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpus),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (source, mutations) => {
          const xml = mutate(source, mutations);
          try {
            const result = parsePain001(xml);
            expect(result.paymentInformation.length).toBeGreaterThan(0);
            for (const tx of result.paymentInformation.flatMap((block) => block.transactions)) {
              expect(tx.amount.amountMinor > 0n).toBe(true);
            }
          } catch (error) {
            if (!(error instanceof AppError) || error.code !== 'http.validation_failed') {
              throw error;
            }
            expect(error.fieldErrors?.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});

type Mutation =
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'value'; nth: number; text: string };
