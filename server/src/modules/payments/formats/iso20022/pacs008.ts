import { randomUUID } from 'node:crypto';
import { type Money, validateLei } from '@tradehub/kernel';
import { el, leaf, renderXml } from '../../../../platform/xml/index.ts';
import {
  type Agent,
  accountEl,
  agentEl,
  amountLeaf,
  type CashAccount,
  checkAccount,
  checkBic,
  checkCbprAddress,
  checkMoney,
  checkText,
  ISO20022_NS,
  Issues,
  isIsoDate,
  isIsoDateTime,
  isLei,
  isUetr,
  type Party,
  partyEl,
} from './common.ts';
import type { ChargeBearer } from './pain001.ts';

export type SettlementMethod = 'INDA' | 'INGA' | 'COVE' | 'CLRG';

/** A debtor or creditor of a cross-border payment: a name and a CBPR+ structured address. */
export type Pacs008Party = Party & { name: string; postalAddress: NonNullable<Party['postalAddress']> };

/**
 * One FI to FI customer credit transfer (pacs.008.001.08). CBPR+ carries exactly one transaction
 * per message, so this is one message.
 */
export type Pacs008Input = {
  messageId: string;
  /** ISO date and time with a zone, e.g. 2026-11-27T09:30:00+08:00. */
  createdAt: string;
  settlementMethod: SettlementMethod;
  instructionId?: string;
  endToEndId: string;
  transactionId?: string;
  /** The UETR; a fresh UUIDv4 when absent. */
  uetr?: string;
  interbankSettlementAmount: Money;
  /** YYYY-MM-DD. */
  interbankSettlementDate: string;
  /** What the debtor instructed, when it differs from the settlement amount or currency. */
  instructedAmount?: Money;
  /** Required when the instructed currency differs from the settlement currency (decimal text). */
  exchangeRate?: string;
  chargeBearer: ChargeBearer;
  instructingAgent: Agent;
  instructedAgent: Agent;
  debtor: Pacs008Party;
  debtorAccount?: CashAccount;
  debtorAgent: Agent;
  creditorAgent: Agent;
  creditor: Pacs008Party;
  creditorAccount?: CashAccount;
  /** Purp/Cd, e.g. GDDS. */
  purposeCode?: string;
  /** RmtInf/Ustrd; CBPR+ allows one line of 140 characters. */
  remittanceInformation?: string;
};

const SETTLEMENT_METHODS: readonly string[] = ['INDA', 'INGA', 'COVE', 'CLRG'];
const CHARGE_BEARERS: readonly string[] = ['DEBT', 'CRED', 'SHAR', 'SLEV'];
const RATE = /^(?:0|[1-9]\d{0,10})(?:\.\d{1,10})?$/;

const checkParty = (issues: Issues, field: string, party: Pacs008Party): void => {
  checkText(issues, `${field}.name`, party.name, 140, true);
  checkCbprAddress(issues, `${field}.postalAddress`, party.postalAddress);
  if (party.lei !== undefined) {
    // The schema's pattern (upper case, as written) and the ISO 17442 check digits the kernel checks.
    const checked = validateLei(party.lei);
    if (!isLei(party.lei)) {
      issues.add(`${field}.lei`, 'kernel.invalid_format', 'not an LEI');
    } else if (!checked.ok) {
      issues.add(`${field}.lei`, checked.code, checked.message);
    }
  }
  if (party.otherId !== undefined) {
    checkText(issues, `${field}.otherId.id`, party.otherId.id, 35, true);
    checkText(issues, `${field}.otherId.schemeCode`, party.otherId.schemeCode, 4);
  }
};

const check = (input: Pacs008Input, uetr: string): void => {
  const issues = new Issues();
  checkText(issues, 'messageId', input.messageId, 35, true);
  if (!isIsoDateTime(input.createdAt)) {
    issues.add('createdAt', 'kernel.invalid_format', 'not an ISO date and time');
  }
  if (!SETTLEMENT_METHODS.includes(input.settlementMethod)) {
    issues.add('settlementMethod', 'kernel.unknown_code', 'INDA, INGA, COVE or CLRG');
  }
  checkText(issues, 'instructionId', input.instructionId, 35);
  checkText(issues, 'endToEndId', input.endToEndId, 35, true);
  checkText(issues, 'transactionId', input.transactionId, 35);
  if (!isUetr(uetr)) {
    issues.add('uetr', 'kernel.invalid_format', 'the UETR is a UUID version 4 in lower case');
  }
  checkMoney(issues, 'interbankSettlementAmount', input.interbankSettlementAmount);
  if (!isIsoDate(input.interbankSettlementDate)) {
    issues.add('interbankSettlementDate', 'kernel.invalid_format', 'not a date (YYYY-MM-DD)');
  }
  if (input.instructedAmount !== undefined) {
    checkMoney(issues, 'instructedAmount', input.instructedAmount);
    const crossCurrency = input.instructedAmount.currency !== input.interbankSettlementAmount.currency;
    if (crossCurrency && input.exchangeRate === undefined) {
      issues.add(
        'exchangeRate',
        'kernel.required',
        'an exchange rate is required when the currencies differ',
      );
    }
  }
  if (
    input.exchangeRate !== undefined &&
    (!RATE.test(input.exchangeRate) || /^0(?:\.0+)?$/.test(input.exchangeRate))
  ) {
    issues.add(
      'exchangeRate',
      'kernel.invalid_format',
      'a positive decimal with at most 11 digits, 10 after the point',
    );
  }
  if (!CHARGE_BEARERS.includes(input.chargeBearer)) {
    issues.add('chargeBearer', 'kernel.unknown_code', 'DEBT, CRED, SHAR or SLEV');
  }
  checkBic(issues, 'instructingAgent.bic', input.instructingAgent.bic);
  checkBic(issues, 'instructedAgent.bic', input.instructedAgent.bic);
  checkBic(issues, 'debtorAgent.bic', input.debtorAgent.bic);
  checkBic(issues, 'creditorAgent.bic', input.creditorAgent.bic);
  checkParty(issues, 'debtor', input.debtor);
  checkParty(issues, 'creditor', input.creditor);
  checkAccount(issues, 'debtorAccount', input.debtorAccount);
  checkAccount(issues, 'creditorAccount', input.creditorAccount);
  checkText(issues, 'purposeCode', input.purposeCode, 4);
  checkText(issues, 'remittanceInformation', input.remittanceInformation, 140);
  issues.throwIfAny('pacs.008 message');
};

/**
 * A pacs.008.001.08 FI to FI customer credit transfer under the CBPR+ rules: one transaction,
 * agents by BIC, debtor and creditor with structured (or hybrid) postal addresses. Throws AppError
 * http.validation_failed with a field error per bad input field.
 */
export const buildPacs008 = (input: Pacs008Input): { xml: string; uetr: string } => {
  const uetr = input.uetr ?? randomUUID();
  check(input, uetr);
  const tx = el('CdtTrfTxInf', [
    el('PmtId', [
      leaf('InstrId', input.instructionId),
      leaf('EndToEndId', input.endToEndId),
      leaf('TxId', input.transactionId),
      leaf('UETR', uetr),
    ]),
    amountLeaf('IntrBkSttlmAmt', input.interbankSettlementAmount),
    leaf('IntrBkSttlmDt', input.interbankSettlementDate),
    input.instructedAmount === undefined ? undefined : amountLeaf('InstdAmt', input.instructedAmount),
    leaf('XchgRate', input.exchangeRate),
    leaf('ChrgBr', input.chargeBearer),
    agentEl('InstgAgt', input.instructingAgent),
    agentEl('InstdAgt', input.instructedAgent),
    partyEl('Dbtr', input.debtor),
    accountEl('DbtrAcct', input.debtorAccount),
    agentEl('DbtrAgt', input.debtorAgent),
    agentEl('CdtrAgt', input.creditorAgent),
    partyEl('Cdtr', input.creditor),
    accountEl('CdtrAcct', input.creditorAccount),
    input.purposeCode === undefined ? undefined : el('Purp', [leaf('Cd', input.purposeCode)]),
    input.remittanceInformation === undefined
      ? undefined
      : el('RmtInf', [leaf('Ustrd', input.remittanceInformation)]),
  ]);
  const xml = renderXml(
    el(
      'Document',
      [
        el('FIToFICstmrCdtTrf', [
          el('GrpHdr', [
            leaf('MsgId', input.messageId),
            leaf('CreDtTm', input.createdAt),
            leaf('NbOfTxs', '1'),
            el('SttlmInf', [leaf('SttlmMtd', input.settlementMethod)]),
          ]),
          tx,
        ]),
      ],
      { xmlns: ISO20022_NS.pacs008 },
    ),
  );
  return { xml, uetr };
};
