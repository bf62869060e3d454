import { minorUnitOf } from '@tradehub/kernel';
import { buildPacs002, isIban } from '../formats/iso20022/index.ts';
import { readPacs008 } from './messages-read.ts';

// The sandbox's receiving bank: it reads the pacs.008 it is sent (not the hub's objects), applies
// published rules that depend only on the message, and answers with real pacs.002 reports, so a
// test or a demo can drive every outcome by what it pays and to whom:
//
//   rule                                                       status  reason
//   creditor without a postal address, or without town/country  RJCT    BE04 missing creditor address
//   creditor account absent, an IBAN failing mod-97, or an
//     account number ending in 9999 (unknown at this bank)      RJCT    AC01 incorrect account number
//   account number ending in 0000 (closed at this bank)          RJCT    AC04 closed account number
//   more than 1,000,000 units of the currency (the sandbox
//     bank's settlement liquidity for one payment)               RJCT    AM04 insufficient funds
//   anything else                                               ACSP, then ACSC (settled that day)

/** The sandbox's receiving bank: a made-up BIC of the form the schema requires. */
export const SANDBOX_BANK_BIC = 'SNBXCNZJXXX';

export type SandboxRule = { reasonCode: string; text: string };

/** One million units of the currency, in minor units: the most the sandbox bank settles at once. */
export const sandboxLiquidityMinor = (currency: string): bigint =>
  1_000_000n * 10n ** BigInt(minorUnitOf(currency));

const accountNumberOf = (account: ReturnType<typeof readPacs008>['creditorAccount']) =>
  account === undefined ? undefined : 'iban' in account.id ? account.id.iban : account.id.other;

/** The rule the sandbox bank rejects the message by, or undefined when it settles it. */
export const sandboxRejection = (xml: string): SandboxRule | undefined => {
  const message = readPacs008(xml);
  const address = message.creditor?.postalAddress;
  if (address?.townName === undefined || address.country === undefined) {
    return { reasonCode: 'BE04', text: 'Creditor address missing or incomplete (town and country)' };
  }
  const account = message.creditorAccount;
  const number = accountNumberOf(account);
  if (account === undefined || number === undefined) {
    return { reasonCode: 'AC01', text: 'Creditor account missing' };
  }
  if (('iban' in account.id && !isIban(account.id.iban)) || number.endsWith('9999')) {
    return { reasonCode: 'AC01', text: 'Creditor account number unknown at the receiving bank' };
  }
  if (number.endsWith('0000')) {
    return { reasonCode: 'AC04', text: 'Creditor account closed at the receiving bank' };
  }
  if (message.amount === undefined) {
    return { reasonCode: 'AM12', text: 'Amount missing or invalid' };
  }
  if (message.amount.amountMinor > sandboxLiquidityMinor(message.amount.currency)) {
    return { reasonCode: 'AM04', text: 'Insufficient settlement funds at the receiving bank' };
  }
  return undefined;
};

const isoSeconds = (at: Date) => `${at.toISOString().slice(0, 19)}+00:00`;

/**
 * Settles one pacs.008 by the rules: the pacs.002 reports the sandbox bank sends back, in order
 * (ACSP then ACSC, or one RJCT). Status message ids are derived from the original's, so the same
 * message always gets the same answers.
 */
export const sandboxSettle = (xml: string, now: Date): string[] => {
  const message = readPacs008(xml);
  const rejection = sandboxRejection(xml);
  const base = {
    createdAt: isoSeconds(now),
    original: { messageId: message.messageId, messageNameId: 'pacs.008.001.08' },
    originalEndToEndId: message.endToEndId ?? 'NOTPROVIDED',
    originalUetr: message.uetr ?? '',
    instructingAgent: { bic: SANDBOX_BANK_BIC },
    ...(message.amount === undefined ? {} : { originalAmount: message.amount }),
  };
  // MsgId is at most 35 characters; the original's is at most 30 here (a hub id).
  const statusId = (suffix: string) => `${message.messageId.slice(0, 30)}-${suffix}`;
  if (rejection !== undefined) {
    return [
      buildPacs002({
        ...base,
        messageId: statusId('RJCT'),
        status: 'RJCT',
        reasonCode: rejection.reasonCode,
        additionalInformation: [rejection.text],
      }),
    ];
  }
  return [
    buildPacs002({ ...base, messageId: statusId('ACSP'), status: 'ACSP', acceptedAt: isoSeconds(now) }),
    buildPacs002({
      ...base,
      messageId: statusId('ACSC'),
      status: 'ACSC',
      effectiveSettlementDate: now.toISOString().slice(0, 10),
    }),
  ];
};
