import { randomUUID } from 'node:crypto';
import { AppError } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPacs002, isIban } from '../formats/iso20022/index.ts';
import { validateIso20022Files } from '../formats/iso20022/test-iso20022-schemas.ts';
import { creditorAccountProprietaryScheme, readPacs002, readPacs008 } from './messages-read.ts';
import { cipsRail, ecnyRail, rails, sandboxRail, statusEffectOf } from './rails.ts';
import { sandboxRejection, sandboxSettle } from './sandbox.ts';
import type { Beneficiary, OutboundForRail, RailId } from './types.ts';

// Every rail's message against the official pacs.008.001.08 schema, for random beneficiaries and
// amounts, and read back by the reader the sandbox bank uses; the sandbox's pacs.002 answers
// against pacs.002.001.10. Seeded, so a failure is the same failure on the next run.

const COUNTRIES = ['DE', 'US', 'GB', 'SG', 'AE', 'MY', 'HK', 'BR'] as const;
const textChars = fc.constantFrom(...'AbZz09 -.,&<>"\'/()ÄöüßÉ义乌市贸易有限公司'.split(''));
const text = (max: number) =>
  fc
    .array(textChars, { minLength: 1, maxLength: max })
    .map((chars) => chars.join('').trim())
    .filter((value) => value.length > 0);
const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const bic = fc.stringMatching(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/);
const iban = digits(18).map((bban) => {
  for (let check = 2; check < 100; check += 1) {
    const candidate = `DE${String(check).padStart(2, '0')}${bban}`;
    if (isIban(candidate)) {
      return candidate;
    }
  }
  throw new Error('unreachable');
});

const address = (country: fc.Arbitrary<string>) =>
  fc.record(
    { streetName: text(70), buildingNumber: digits(3), postCode: digits(5), townName: text(35), country },
    { requiredKeys: ['townName', 'country'] },
  );

const debtor = {
  name: 'Yiwu Small Commodities Import & Export Co., Ltd.',
  postalAddress: {
    streetName: '福田路',
    buildingNumber: '88',
    postCode: '322000',
    townName: '义乌',
    country: 'CN',
  },
};

const paymentOf = (beneficiary: Beneficiary, amountMinor: bigint, currency: string): OutboundForRail => {
  const id = `opm_${randomUUID().replaceAll('-', '').slice(0, 26).toUpperCase()}`;
  return {
    paymentId: id,
    messageId: id,
    endToEndId: id,
    uetr: randomUUID(),
    amountMinor,
    currency,
    createdAt: '2026-11-27T09:30:00+08:00',
    settlementDate: '2026-11-27',
    debtor,
    debtorAccount: { id: { other: 'acc_01KB0000000000000000000000' }, currency },
    beneficiary,
    remittanceInformation: 'INV-2026-0042',
    purposeCode: 'GDDS',
    instructingAgentBic: 'TRHBCNZJXXX',
  };
};

const beneficiaryFor = (rail: RailId): fc.Arbitrary<Beneficiary> => {
  const base = { name: text(140), agentBic: bic };
  if (rail === 'ecny') {
    return fc.record({
      ...base,
      postalAddress: address(fc.constantFrom('CN', ...COUNTRIES)),
      account: digits(16).map((wallet) => ({ wallet })),
    });
  }
  const account = fc.oneof(
    iban.map((value) => ({ iban: value })),
    fc.stringMatching(/^[A-Z0-9]{6,34}$/).map((other) => ({ other })),
  );
  if (rail === 'cips') {
    return fc.record({
      ...base,
      postalAddress: address(fc.constantFrom(...COUNTRIES)),
      account,
      cipsParticipantId: fc.stringMatching(/^[A-Z0-9]{11,14}$/),
    });
  }
  return fc.record({ ...base, postalAddress: address(fc.constantFrom(...COUNTRIES)), account });
};

const currencyFor = (rail: RailId) =>
  rail === 'sandbox' ? fc.constantFrom('EUR', 'USD', 'CNY', 'JPY', 'KWD') : fc.constant('CNY');

describe('rails: messages', () => {
  for (const railId of ['sandbox', 'cips', 'ecny'] as const) {
    it(`${railId}: random beneficiaries and amounts give schema-valid pacs.008 that read back`, async () => {
      const samples = fc.sample(
        fc.record({
          beneficiary: beneficiaryFor(railId),
          currency: currencyFor(railId),
          amountMinor: fc.bigInt({ min: 1n, max: 10n ** 15n }),
        }),
        { numRuns: 40, seed: 20261127 },
      );
      const built = samples.map((s) => {
        const payment = paymentOf(s.beneficiary, s.amountMinor, s.currency);
        expect(rails[railId].checkBeneficiary(s.beneficiary)).toEqual([]);
        const [message] = rails[railId].prepare(payment);
        if (message === undefined) {
          throw new Error('no message');
        }
        return { payment, xml: message.xml };
      });
      const errors = await validateIso20022Files(
        'pacs.008.001.08',
        built.map((b) => b.xml),
      );
      expect(errors.flat()).toEqual([]);
      for (const { payment, xml } of built) {
        const read = readPacs008(xml);
        expect(read.messageId).toBe(payment.messageId);
        expect(read.uetr).toBe(payment.uetr);
        expect(read.amount).toEqual({ amountMinor: payment.amountMinor, currency: payment.currency });
        expect(read.creditor?.name).toBe(payment.beneficiary.name);
        expect(read.creditor?.postalAddress?.townName).toBe(payment.beneficiary.postalAddress.townName);
        expect(read.creditorAgent?.bic).toBe(payment.beneficiary.agentBic);
        const account = payment.beneficiary.account;
        const expected =
          'iban' in account ? account.iban : 'other' in account ? account.other : account.wallet;
        const readAccount = read.creditorAccount?.id;
        expect(readAccount && ('iban' in readAccount ? readAccount.iban : readAccount.other)).toBe(expected);
        if (railId === 'cips') {
          expect(read.creditorAgent?.clearingMemberId).toBe(payment.beneficiary.cipsParticipantId);
          expect(xml).toContain('<SttlmMtd>CLRG</SttlmMtd>');
        }
        if (railId === 'ecny') {
          expect(creditorAccountProprietaryScheme(xml)).toBe('ECNY');
        }
      }
    });
  }

  it('the sandbox answers every settled message with schema-valid ACSP and ACSC reports that read back', async () => {
    const samples = fc.sample(beneficiaryFor('sandbox'), { numRuns: 20, seed: 7 });
    const answers = samples.flatMap((beneficiary) => {
      // An account number the sandbox bank knows (not ending in 9999 or 0000).
      const payment = paymentOf({ ...beneficiary, account: { other: 'AB12345671' } }, 12_345n, 'EUR');
      const [message] = sandboxRail.prepare(payment);
      return sandboxSettle(message?.xml ?? '', new Date('2026-11-27T02:00:00Z')).map((xml) => ({
        xml,
        payment,
      }));
    });
    expect(answers.length).toBe(40);
    expect(
      (
        await validateIso20022Files(
          'pacs.002.001.10',
          answers.map((a) => a.xml),
        )
      ).flat(),
    ).toEqual([]);
    for (const { xml, payment } of answers) {
      const report = readPacs002(xml);
      expect(report.originalMessageId).toBe(payment.messageId);
      expect(report.originalUetr).toBe(payment.uetr);
      expect(['ACSP', 'ACSC']).toContain(report.status);
    }
  });
});

describe('rails: the sandbox bank rules', () => {
  const beneficiary: Beneficiary = {
    name: 'Elbe Handelshaus GmbH',
    postalAddress: {
      streetName: 'Am Sandtorkai',
      buildingNumber: '12',
      postCode: '20457',
      townName: 'Hamburg',
      country: 'DE',
    },
    account: { other: 'DE-ACCT-12345678' },
    agentBic: 'ELBEDEHHXXX',
  };
  const xmlFor = (b: Beneficiary, amountMinor = 100_00n) =>
    sandboxRail.prepare(paymentOf(b, amountMinor, 'EUR'))[0]?.xml ?? '';

  it.each([
    ['AC01', { ...beneficiary, account: { other: 'DE-ACCT-9999' } }, 100_00n],
    ['AC04', { ...beneficiary, account: { other: 'DE-ACCT-0000' } }, 100_00n],
    ['AM04', beneficiary, 1_000_000_01n],
  ] as const)('rejects with %s, deterministically', (code, b, amountMinor) => {
    const xml = xmlFor(b, amountMinor);
    expect(sandboxRejection(xml)?.reasonCode).toBe(code);
    const [answer, more] = sandboxSettle(xml, new Date('2026-11-27T02:00:00Z'));
    expect(more).toBeUndefined();
    const report = readPacs002(answer ?? '');
    expect(report).toMatchObject({ status: 'RJCT', reasonCode: code });
    expect(statusEffectOf(report.status)).toBe('rejected');
  });

  it('rejects a message whose creditor has no postal address with BE04 (a message the hub never builds)', async () => {
    const xml = xmlFor(beneficiary).replace(
      /<Cdtr>\s*<Nm>([^<]*)<\/Nm>\s*<PstlAdr>[\s\S]*?<\/PstlAdr>/,
      '<Cdtr><Nm>$1</Nm>',
    );
    expect(xml).not.toMatch(/<Cdtr><Nm>[^<]*<\/Nm>\s*<PstlAdr>/);
    expect(await validateIso20022Files('pacs.008.001.08', [xml])).toEqual([[]]);
    expect(sandboxRejection(xml)?.reasonCode).toBe('BE04');
  });

  it('settles anything else: ACSP then ACSC', () => {
    const answers = sandboxSettle(xmlFor(beneficiary), new Date('2026-11-27T02:00:00Z')).map(readPacs002);
    expect(answers.map((a) => a.status)).toEqual(['ACSP', 'ACSC']);
  });
});

describe('rails: what each rail takes', () => {
  const base: Beneficiary = {
    name: 'Klang Valley Trading Sdn. Bhd.',
    postalAddress: { townName: 'Kuala Lumpur', country: 'MY' },
    account: { other: '5140-1234-5678' },
    agentBic: 'MBBEMYKLXXX',
  };

  it('CIPS carries CNY across borders only, and needs the participant id', () => {
    expect(cipsRail.supports('CNY', 'cross_border')).toBe(true);
    expect(cipsRail.supports('USD', 'cross_border')).toBe(false);
    expect(cipsRail.supports('CNY', 'domestic')).toBe(false);
    expect(cipsRail.checkBeneficiary(base).map((p) => p.code)).toEqual(['kernel.required']);
    expect(cipsRail.checkBeneficiary({ ...base, cipsParticipantId: 'short' }).map((p) => p.code)).toEqual([
      'payments.invalid_cips_participant',
    ]);
  });

  it('e-CNY takes CNY to a 16-digit wallet only', () => {
    expect(ecnyRail.supports('CNY', 'domestic')).toBe(true);
    expect(ecnyRail.supports('EUR', 'domestic')).toBe(false);
    expect(ecnyRail.checkBeneficiary(base).map((p) => p.field)).toEqual(['beneficiary.account.wallet']);
    expect(ecnyRail.checkBeneficiary({ ...base, account: { wallet: '12345' } }).map((p) => p.code)).toEqual([
      'payments.invalid_wallet_id',
    ]);
    expect(ecnyRail.checkBeneficiary({ ...base, account: { wallet: '0031234567890123' } })).toEqual([]);
    expect(
      sandboxRail.checkBeneficiary({ ...base, account: { wallet: '0031234567890123' } }).map((p) => p.code),
    ).toEqual(['payments.rail_account_unsupported']);
  });

  it('a status report that is no pacs.002 is refused with a field error', () => {
    const error = (() => {
      try {
        readPacs002(xmlNotStatus);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors?.[0]?.code).toBe('payments.wrong_message');
  });

  it("reads a rejection built by the hub's own pacs.002 builder", () => {
    const xml = buildPacs002({
      messageId: 'STATUS-1',
      createdAt: '2026-11-27T10:00:00+08:00',
      original: { messageId: 'opm_X' },
      originalEndToEndId: 'E2E',
      originalUetr: randomUUID(),
      status: 'RJCT',
      reasonCode: 'AC01',
      additionalInformation: ['Account unknown'],
    });
    expect(readPacs002(xml)).toMatchObject({
      messageId: 'STATUS-1',
      originalMessageId: 'opm_X',
      status: 'RJCT',
      reasonCode: 'AC01',
      additionalInformation: ['Account unknown'],
    });
  });
});

const xmlNotStatus =
  '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf/></Document>';
