import { readdirSync, readFileSync } from 'node:fs';
import { AppError, money, parseMoney } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import {
  buildCamt053,
  buildPacs002,
  buildPacs008,
  iso20022FieldErrorCodes,
  parsePain001,
  TRANSACTION_STATUSES,
} from './index.ts';
import { camt053Input, pacs002Input, pacs008Input } from './test-fixtures.ts';
import { documentOf, validateIso20022, validateIso20022Files } from './test-iso20022-schemas.ts';

const testdata = new URL('./testdata/', import.meta.url);
const example = (name: string) => readFileSync(new URL(name, testdata), 'utf8');
const examples = readdirSync(testdata).filter((name) => name.endsWith('.xml'));

const refusal = (action: () => unknown): AppError => {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a refusal');
};

const fieldsOf = (error: AppError) => (error.fieldErrors ?? []).map((fieldError) => fieldError.field);

describe('published example messages', () => {
  it('there is an example of each message type', () => {
    for (const type of ['pain.001.001.09', 'pacs.008.001.08', 'pacs.002.001.10']) {
      expect(examples.some((name) => name.startsWith(type))).toBe(true);
    }
  });

  it('the pain.001 example parses, amounts exact', () => {
    const initiation = parsePain001(example('pain.001.001.09-pain001-template.xml'));
    expect(initiation.groupHeader).toMatchObject({ messageId: 'MSG001', numberOfTransactions: 1 });
    const [block] = initiation.paymentInformation;
    expect(block).toMatchObject({
      paymentInformationId: 'PAY001',
      requestedExecutionDate: '2024-01-16',
      debtor: { name: 'John Doe' },
      debtorAccount: { id: { iban: 'DE89370400440532013000' } },
      debtorAgent: { bic: 'DEUTDEFF' },
      chargeBearer: 'SLEV',
    });
    expect(block?.transactions[0]).toMatchObject({
      endToEndId: 'PAY001',
      amount: money('EUR', 10050n),
      creditorAgent: { bic: 'COBADEFF' },
      creditor: { name: 'Creditor Corp' },
      creditorAccount: { id: { iban: 'DE89370400440532013001' } },
    });
    expect(initiation.totals).toEqual([money('EUR', 10050n)]);
    // The sample's creditor IBAN has wrong check digits: imported, and flagged where it is.
    expect(initiation.warnings).toEqual([
      expect.objectContaining({
        field: 'Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/CdtrAcct/Id/IBAN',
        code: 'kernel.invalid_check_digit',
      }),
    ]);
  });

  it('the pacs.008 and pacs.002 examples validate against the official schemas', async () => {
    const pacs008 = examples.filter((name) => name.startsWith('pacs.008'));
    const pacs002 = examples.filter((name) => name.startsWith('pacs.002'));
    const errors008 = await validateIso20022Files(
      'pacs.008.001.08',
      pacs008.map((name) => documentOf(example(name))),
    );
    const errors002 = await validateIso20022Files(
      'pacs.002.001.10',
      pacs002.map((name) => documentOf(example(name))),
    );
    expect([...errors008, ...errors002]).toEqual([...pacs008, ...pacs002].map(() => []));
  });
});

describe('pain.001 import', () => {
  const base = example('pain.001.001.09-pain001-template.xml');

  it('refuses more decimals than the currency has, at the XML path', () => {
    const error = refusal(() => parsePain001(base.replace('>100.5<', '>100.505<')));
    expect(error.code).toBe('http.validation_failed');
    expect(error.fieldErrors).toEqual([
      expect.objectContaining({
        field: 'Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Amt/InstdAmt',
        code: 'payments.too_many_decimals',
      }),
    ]);
  });

  it('reads trailing zeros and JPY exactly, never through a float', () => {
    const zeros = parsePain001(base.replace('>100.5<', '>0.30000<'));
    expect(zeros.paymentInformation[0]?.transactions[0]?.amount).toEqual(money('EUR', 30n));
    const yen = parsePain001(base.replace('Ccy="EUR">100.5<', 'Ccy="JPY">9007199254740993<'));
    expect(yen.paymentInformation[0]?.transactions[0]?.amount).toEqual(money('JPY', 9007199254740993n));
  });

  it('refuses zero, unknown currencies, a wrong count and a wrong control sum', () => {
    expect(fieldsOf(refusal(() => parsePain001(base.replace('>100.5<', '>0.00<'))))).toEqual([
      'Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Amt/InstdAmt',
    ]);
    expect(fieldsOf(refusal(() => parsePain001(base.replace('Ccy="EUR"', 'Ccy="XYZ"'))))).toEqual([
      'Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Amt/InstdAmt/@Ccy',
    ]);
    expect(fieldsOf(refusal(() => parsePain001(base.replace('<NbOfTxs>1<', '<NbOfTxs>2<'))))).toEqual([
      'Document/CstmrCdtTrfInitn/GrpHdr/NbOfTxs',
    ]);
    const withSum = (sum: string) =>
      base.replace('</NbOfTxs>', `</NbOfTxs>\n\t\t\t<CtrlSum>${sum}</CtrlSum>`);
    expect(parsePain001(withSum('100.50')).groupHeader.controlSum).toBe('100.50');
    expect(fieldsOf(refusal(() => parsePain001(withSum('100.49'))))).toEqual([
      'Document/CstmrCdtTrfInitn/GrpHdr/CtrlSum',
    ]);
  });

  it('refuses another message, a cheque payment and a missing creditor account', () => {
    expect(
      refusal(() => parsePain001(documentOf(example('pacs.008.001.08-cbpr-ur-2026-min.xml')))).fieldErrors,
    ).toEqual([expect.objectContaining({ field: 'Document', code: 'payments.wrong_message' })]);
    expect(fieldsOf(refusal(() => parsePain001(base.replace('<PmtMtd>TRF<', '<PmtMtd>CHK<'))))).toEqual([
      'Document/CstmrCdtTrfInitn/PmtInf[1]/PmtMtd',
    ]);
    const noAccount = base.replace(/<CdtrAcct>[\s\S]*?<\/CdtrAcct>/, '');
    expect(fieldsOf(refusal(() => parsePain001(noAccount)))).toEqual([
      'Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/CdtrAcct/Id',
    ]);
  });

  it('refuses a DOCTYPE before reading anything', () => {
    const error = refusal(() =>
      parsePain001(`<!DOCTYPE x [<!ENTITY e "x">]>${base.slice(base.indexOf('<Document'))}`),
    );
    expect(error.fieldErrors?.[0]?.code).toBe('xml.doctype_forbidden');
  });
});

describe('built messages validate against the official ISO 20022 schemas (xmllint, WebAssembly build)', () => {
  it('pacs.008 with a structured debtor address and a hybrid creditor address', async () => {
    const { xml, uetr } = buildPacs008(pacs008Input());
    expect(uetr).toBe('8a562c67-ca16-48ba-b074-65581be6f011');
    expect(xml).toContain('<IntrBkSttlmAmt Ccy="EUR">12500.50</IntrBkSttlmAmt>');
    expect(await validateIso20022('pacs.008.001.08', xml)).toEqual([]);
  });

  it('pacs.008 generates a UUIDv4 UETR when none is given', async () => {
    const { uetr: _given, ...input } = pacs008Input();
    const { xml, uetr } = buildPacs008(input);
    expect(uetr).toMatch(/^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/);
    expect(xml).toContain(`<UETR>${uetr}</UETR>`);
    expect(await validateIso20022('pacs.008.001.08', xml)).toEqual([]);
  });

  it('pacs.008 across currencies carries the instructed amount and the rate', async () => {
    const { xml } = buildPacs008({
      ...pacs008Input(),
      instructedAmount: parseMoney('97122.50', 'CNY'),
      exchangeRate: '7.7691',
    });
    expect(await validateIso20022('pacs.008.001.08', xml)).toEqual([]);
    const { exchangeRate: _rate, ...withoutRate } = {
      ...pacs008Input(),
      instructedAmount: parseMoney('1', 'CNY'),
      exchangeRate: '1',
    };
    expect(fieldsOf(refusal(() => buildPacs008(withoutRate)))).toEqual(['exchangeRate']);
  });

  it('pacs.002 for every status', async () => {
    const files = TRANSACTION_STATUSES.map((status) => buildPacs002(pacs002Input(status)));
    expect(await validateIso20022Files('pacs.002.001.10', files)).toEqual(files.map(() => []));
    expect(files[2]).toContain('<Cd>AC04</Cd>');
  });

  it('camt.053 with a debit opening balance, a credit and a debit entry', async () => {
    const xml = buildCamt053(camt053Input());
    expect(xml).toContain('<Amt Ccy="CNY">15.00</Amt>');
    expect(await validateIso20022('camt.053.001.08', xml)).toEqual([]);
  });

  it('the validator is not blind: a schema error is reported', async () => {
    const { xml } = buildPacs008(pacs008Input());
    expect(
      await validateIso20022(
        'pacs.008.001.08',
        xml.replace('<ChrgBr>SHAR</ChrgBr>', '<ChrgBr>HALF</ChrgBr>'),
      ),
    ).not.toEqual([]);
  });
});

describe('builders refuse what a bank would', () => {
  it('CBPR+ from November 2026: an unstructured-only address is refused', () => {
    const input = pacs008Input();
    const error = refusal(() =>
      buildPacs008({
        ...input,
        debtor: {
          ...input.debtor,
          postalAddress: { addressLines: ['Grosse Elbstrasse 145', '22767 Hamburg'] },
        },
      }),
    );
    expect(error.fieldErrors?.map(({ field, code }) => [field, code])).toEqual([
      ['debtor.postalAddress', 'payments.unstructured_address'],
      ['debtor.postalAddress.townName', 'kernel.required'],
      ['debtor.postalAddress.country', 'kernel.required'],
    ]);
  });

  it('a hybrid address with three address lines is refused, two are accepted', () => {
    const input = pacs008Input();
    const lines = ['a', 'b', 'c'];
    const withLines = (addressLines: string[]) =>
      buildPacs008({
        ...input,
        creditor: { ...input.creditor, postalAddress: { townName: 'Yiwu', country: 'CN', addressLines } },
      });
    expect(fieldsOf(refusal(() => withLines(lines)))).toEqual(['creditor.postalAddress.addressLines']);
    expect(withLines(lines.slice(0, 2)).xml).toContain('<AdrLine>b</AdrLine>');
  });

  it('refuses zero amounts, bad BICs, IBANs and UETRs, field by field', () => {
    const error = refusal(() =>
      buildPacs008({
        ...pacs008Input(),
        interbankSettlementAmount: money('EUR', 0n),
        creditorAgent: { bic: 'BKCH' },
        debtorAccount: { id: { iban: 'DE00370400440532013000' } },
        uetr: '8A562C67-CA16-48BA-B074-65581BE6F011',
      }),
    );
    expect(fieldsOf(error)).toEqual([
      'uetr',
      'interbankSettlementAmount',
      'creditorAgent.bic',
      'debtorAccount.iban',
    ]);
  });

  it('pacs.002 RJCT needs its reason code', () => {
    const { reasonCode: _code, ...input } = pacs002Input('RJCT');
    expect(fieldsOf(refusal(() => buildPacs002(input)))).toEqual(['reasonCode']);
  });

  it('camt.053 refuses a closing balance that does not follow from the entries', () => {
    const input = camt053Input();
    const error = refusal(() => buildCamt053({ ...input, closingBalance: money('CNY', 9_708_251n) }));
    expect(error.fieldErrors).toEqual([
      expect.objectContaining({ field: 'closingBalance', code: 'payments.statement_unbalanced' }),
    ]);
    expect(
      fieldsOf(
        refusal(() =>
          buildCamt053({
            ...input,
            entries: [{ ...input.entries[0], amount: money('EUR', 1n) } as (typeof input.entries)[0]],
          }),
        ),
      ),
    ).toContain('entries[0].amount');
  });
});

describe('field error codes', () => {
  it('every payments.* code the formats raise is listed for the translations', () => {
    const sources = readdirSync(new URL('./', import.meta.url))
      .filter((name) => name.endsWith('.ts') && !name.includes('test'))
      .map((name) => readFileSync(new URL(name, import.meta.url), 'utf8'))
      .join('\n');
    const used = new Set([...sources.matchAll(/'(payments\.[a-z_]+)'/g)].map((match) => match[1]));
    expect([...used].sort()).toEqual([...iso20022FieldErrorCodes].sort());
  });
});
