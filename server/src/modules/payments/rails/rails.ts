import { money } from '@tradehub/kernel';
import { buildPacs008, type CashAccount, type Pacs008Input } from '../formats/iso20022/index.ts';
import { readPacs002 } from './messages-read.ts';
import { SANDBOX_BANK_BIC, sandboxSettle } from './sandbox.ts';
import type {
  Beneficiary,
  OutboundForRail,
  PaymentRail,
  PreparedMessage,
  RailId,
  RailRoute,
  RailTransport,
  StatusEffect,
  Submission,
} from './types.ts';

// The three rails. Each builds a real pacs.008.001.08 with the CBPR+ rules the builder enforces
// (structured addresses, BICs, one transaction); what differs is what the network adds to it:
// nothing (sandbox), the CIPS participant of the beneficiary's bank and clearing settlement
// (CIPS), the beneficiary's e-CNY wallet as a proprietary account scheme (e-CNY). What is known
// and what is assumed about CIPS and e-CNY is in docs/payment-rails.md.

/**
 * e-CNY wallet ids as tradehub accepts them: 16 digits (the length shown on wallets of the pilot
 * apps). Unverified: the People's Bank of China publishes no wallet id format; an operator with
 * a designated bank's specification should tighten this.
 */
export const ECNY_WALLET = /^\d{16}$/;
/** The proprietary account scheme name an e-CNY wallet is carried under (an assumption). */
export const ECNY_SCHEME = 'ECNY';
/**
 * CIPS participant identifiers: 11 to 14 upper-case letters or digits. Unverified: CIPS publishes
 * its participant code format to participants only.
 */
export const CIPS_PARTICIPANT = /^[A-Z0-9]{11,14}$/;

type FieldProblem = { field: string; code: string; message: string };

const accountOf = (beneficiary: Beneficiary, currency: string): CashAccount => {
  const { account } = beneficiary;
  if ('iban' in account) {
    return { id: { iban: account.iban }, currency };
  }
  if ('other' in account) {
    return { id: { other: account.other }, currency };
  }
  return { id: { other: account.wallet }, currency };
};

const baseMessage = (payment: OutboundForRail, overrides: Partial<Pacs008Input>): Pacs008Input => {
  const creditorAgent = {
    bic: payment.beneficiary.agentBic,
    ...(payment.beneficiary.cipsParticipantId === undefined
      ? {}
      : { clearingMemberId: payment.beneficiary.cipsParticipantId }),
  };
  return {
    messageId: payment.messageId,
    createdAt: payment.createdAt,
    settlementMethod: 'INDA',
    instructionId: payment.paymentId,
    endToEndId: payment.endToEndId,
    uetr: payment.uetr,
    interbankSettlementAmount: money(payment.currency, payment.amountMinor),
    interbankSettlementDate: payment.settlementDate,
    // CBPR+'s usual split of charges: each side pays its own bank.
    chargeBearer: 'SHAR',
    instructingAgent: { bic: payment.instructingAgentBic },
    instructedAgent: creditorAgent,
    debtor: {
      name: payment.debtor.name,
      postalAddress: payment.debtor.postalAddress,
      ...(payment.debtor.lei === undefined ? {} : { lei: payment.debtor.lei }),
    },
    debtorAccount: payment.debtorAccount,
    debtorAgent: { bic: payment.instructingAgentBic },
    creditorAgent,
    creditor: {
      name: payment.beneficiary.name,
      postalAddress: payment.beneficiary.postalAddress,
      ...(payment.beneficiary.lei === undefined ? {} : { lei: payment.beneficiary.lei }),
    },
    creditorAccount: accountOf(payment.beneficiary, payment.currency),
    ...(payment.purposeCode === undefined ? {} : { purposeCode: payment.purposeCode }),
    ...(payment.remittanceInformation === undefined
      ? {}
      : { remittanceInformation: payment.remittanceInformation }),
    ...overrides,
  };
};

const pacs008Message = (payment: OutboundForRail, xml: string): PreparedMessage => ({
  messageId: payment.messageId,
  mediaType: 'application/xml',
  fileName: `${payment.messageId}.pacs.008.xml`,
  definition: 'pacs.008.001.08',
  xml,
});

/** What an ISO 20022 transaction status means for the payment that was sent. */
export const statusEffectOf = (status: string): StatusEffect => {
  switch (status) {
    case 'ACSC':
      return 'settled';
    case 'RJCT':
      return 'rejected';
    // Accepted technically or for settlement, or with change: the money is on its way.
    case 'ACCP':
    case 'ACSP':
    case 'ACTC':
    case 'ACWC':
      return 'accepted';
    default:
      return 'pending';
  }
};

const noProblems = (): FieldProblem[] => [];

/** A bank-operated rail: whatever transport the operator configured, or none. */
const overTransport = async (
  message: PreparedMessage,
  transport: RailTransport | undefined,
): Promise<Submission> => {
  if (transport === undefined) {
    return { kind: 'not_configured' };
  }
  const delivery = await transport.send(message);
  return {
    kind: 'delivered',
    transport: transport.kind,
    reference: delivery.reference,
    statusXml: delivery.statusXml === undefined ? [] : [delivery.statusXml],
  };
};

const notWallet = (beneficiary: Beneficiary): FieldProblem[] =>
  'wallet' in beneficiary.account
    ? [
        {
          field: 'beneficiary.account.wallet',
          code: 'payments.rail_account_unsupported',
          message: 'only the e-CNY rail pays into an e-CNY wallet',
        },
      ]
    : [];

/** Settles by the rules in the hub's process (sandbox.ts): any currency, any route. */
export const sandboxRail: PaymentRail = {
  id: 'sandbox',
  supports: () => true,
  checkBeneficiary: notWallet,
  prepare: (payment) => {
    const { xml } = buildPacs008(baseMessage(payment, { instructedAgent: { bic: SANDBOX_BANK_BIC } }));
    return [pacs008Message(payment, xml)];
  },
  // The receiving bank runs in the hub's process: no transport, its answers come back at once.
  submit: async (message, _transport, now) => ({
    kind: 'in_process',
    statusXml: sandboxSettle(message.xml, now),
  }),
  accept: readPacs002,
};

/**
 * Cross-border RMB through CIPS: CNY only; the beneficiary bank's CIPS participant id travels as
 * its clearing system member id, and the payment settles through the clearing system (CLRG).
 */
export const cipsRail: PaymentRail = {
  id: 'cips',
  supports: (currency, route) => currency === 'CNY' && route === 'cross_border',
  checkBeneficiary: (beneficiary) => {
    const problems = notWallet(beneficiary);
    const id = beneficiary.cipsParticipantId;
    if (id === undefined || id === '') {
      problems.push({
        field: 'beneficiary.cipsParticipantId',
        code: 'kernel.required',
        message: "the beneficiary bank's CIPS participant id is required",
      });
    } else if (!CIPS_PARTICIPANT.test(id)) {
      problems.push({
        field: 'beneficiary.cipsParticipantId',
        code: 'payments.invalid_cips_participant',
        message: 'a CIPS participant id is 11 to 14 upper-case letters or digits',
      });
    }
    return problems;
  },
  prepare: (payment) => {
    const { xml } = buildPacs008(baseMessage(payment, { settlementMethod: 'CLRG' }));
    return [pacs008Message(payment, xml)];
  },
  submit: overTransport,
  accept: readPacs002,
};

// buildPacs008 writes an account's scheme as a code (SchmeNm/Cd, an ISO external code list);
// a wallet is no code of that list, so its scheme goes in as proprietary (SchmeNm/Prtry), added
// right after the wallet id, where the schema has it.
const withWalletScheme = (xml: string, wallet: string): string => {
  const pattern = new RegExp(`(<CdtrAcct>\\s*<Id>\\s*<Othr>\\s*<Id>${wallet}</Id>)`);
  if (!pattern.test(xml)) {
    throw new Error('e-CNY: the built pacs.008 has no creditor wallet to name the scheme of');
  }
  return xml.replace(pattern, `$1<SchmeNm><Prtry>${ECNY_SCHEME}</Prtry></SchmeNm>`);
};

/**
 * e-CNY wallets: CNY (e-CNY is renminbi, two decimals), to a wallet id carried in
 * CdtrAcct/Id/Othr with the proprietary scheme ECNY; the wallet's operating institution is the
 * creditor agent. Domestic and cross-border (mBridge) alike: the message is the same.
 */
export const ecnyRail: PaymentRail = {
  id: 'ecny',
  supports: (currency) => currency === 'CNY',
  checkBeneficiary: (beneficiary) => {
    if (!('wallet' in beneficiary.account)) {
      return [
        {
          field: 'beneficiary.account.wallet',
          code: 'kernel.required',
          message: 'the e-CNY rail pays into a wallet: give the wallet id',
        },
      ];
    }
    return ECNY_WALLET.test(beneficiary.account.wallet)
      ? noProblems()
      : [
          {
            field: 'beneficiary.account.wallet',
            code: 'payments.invalid_wallet_id',
            message: 'an e-CNY wallet id is 16 digits',
          },
        ];
  },
  prepare: (payment) => {
    const { xml } = buildPacs008(baseMessage(payment, {}));
    const wallet = 'wallet' in payment.beneficiary.account ? payment.beneficiary.account.wallet : '';
    return [pacs008Message(payment, withWalletScheme(xml, wallet))];
  },
  submit: overTransport,
  accept: readPacs002,
};

export const rails: Record<RailId, PaymentRail> = { sandbox: sandboxRail, cips: cipsRail, ecny: ecnyRail };

/** Domestic when payer and beneficiary are in the same country. */
export const routeOf = (debtorCountry: string | undefined, creditorCountry: string | undefined): RailRoute =>
  debtorCountry !== undefined && debtorCountry === creditorCountry ? 'domestic' : 'cross_border';

/** Field error codes the rails put in a refusal's `errors`, beyond the builder's. */
export const railFieldErrorCodes = [
  'payments.invalid_wallet_id',
  'payments.invalid_cips_participant',
  'payments.rail_account_unsupported',
] as const;
