import { addMoney, type Money, money, negate, subtractMoney } from '@tradehub/kernel';
import { el, leaf, renderXml, type XmlNode } from '../../../../platform/xml/index.ts';
import {
  type Agent,
  agentEl,
  amountLeaf,
  amountText,
  type CashAccount,
  checkAccount,
  checkBic,
  checkMoney,
  checkText,
  ISO20022_NS,
  Issues,
  isIsoDate,
  isIsoDateTime,
  isUetr,
} from './common.ts';

export type CreditDebit = 'CRDT' | 'DBIT';

/** The payment references an entry carries back to the message that caused it. */
export type EntryReferences = {
  messageId?: string;
  paymentInformationId?: string;
  instructionId?: string;
  endToEndId?: string;
  uetr?: string;
  transactionId?: string;
};

/** A booked entry of a statement. */
export type Camt053Entry = {
  /** Positive; the direction is `creditDebit`. */
  amount: Money;
  creditDebit: CreditDebit;
  bookingDate: string;
  valueDate?: string;
  /** The account servicer's (tradehub's) own reference, e.g. the ledger transfer id. */
  accountServicerReference?: string;
  /** True for an entry that reverses an earlier one. */
  reversal?: boolean;
  /** ISO bank transaction code; default PMNT / RCDT (credit) or ICDT (debit) / OTHR. */
  bankTransactionCode?: { domain: string; family: string; subFamily: string };
  references?: EntryReferences;
  /** The other party: the debtor of a credit, the creditor of a debit. */
  counterpartyName?: string;
  remittanceInformation?: string;
  additionalInformation?: string;
};

export type Camt053Input = {
  messageId: string;
  createdAt: string;
  statementId: string;
  /** The statement's sequence number for the account. */
  electronicSequenceNumber?: bigint;
  /** The period covered, ISO date and time. */
  period?: { from: string; to: string };
  account: CashAccount & { ownerName?: string; servicer?: Agent };
  /** Signed: a negative opening or closing balance is written as a debit balance. */
  openingBalance: Money;
  openingDate: string;
  closingBalance: Money;
  closingDate: string;
  entries: Camt053Entry[];
};

const CODE = /^[A-Z0-9]{4}$/;

const checkEntry = (issues: Issues, field: string, entry: Camt053Entry, currency: string): void => {
  checkMoney(issues, `${field}.amount`, entry.amount);
  if (entry.amount.currency !== currency) {
    issues.add(`${field}.amount`, 'payments.currency_mismatch', `the statement is in ${currency}`);
  }
  if (entry.creditDebit !== 'CRDT' && entry.creditDebit !== 'DBIT') {
    issues.add(`${field}.creditDebit`, 'kernel.unknown_code', 'CRDT or DBIT');
  }
  if (!isIsoDate(entry.bookingDate)) {
    issues.add(`${field}.bookingDate`, 'kernel.invalid_format', 'not a date (YYYY-MM-DD)');
  }
  if (entry.valueDate !== undefined && !isIsoDate(entry.valueDate)) {
    issues.add(`${field}.valueDate`, 'kernel.invalid_format', 'not a date (YYYY-MM-DD)');
  }
  checkText(issues, `${field}.accountServicerReference`, entry.accountServicerReference, 35);
  const code = entry.bankTransactionCode;
  if (code !== undefined) {
    for (const key of ['domain', 'family', 'subFamily'] as const) {
      if (!CODE.test(code[key])) {
        issues.add(`${field}.bankTransactionCode.${key}`, 'kernel.invalid_format', 'a four-character code');
      }
    }
  }
  const refs = entry.references ?? {};
  for (const key of [
    'messageId',
    'paymentInformationId',
    'instructionId',
    'endToEndId',
    'transactionId',
  ] as const) {
    checkText(issues, `${field}.references.${key}`, refs[key], 35);
  }
  if (refs.uetr !== undefined && !isUetr(refs.uetr)) {
    issues.add(
      `${field}.references.uetr`,
      'kernel.invalid_format',
      'the UETR is a UUID version 4 in lower case',
    );
  }
  checkText(issues, `${field}.counterpartyName`, entry.counterpartyName, 140);
  checkText(issues, `${field}.remittanceInformation`, entry.remittanceInformation, 140);
  checkText(issues, `${field}.additionalInformation`, entry.additionalInformation, 500);
};

const signed = (entry: Camt053Entry): Money =>
  entry.creditDebit === 'CRDT' ? entry.amount : negate(entry.amount);

const check = (input: Camt053Input): void => {
  const issues = new Issues();
  checkText(issues, 'messageId', input.messageId, 35, true);
  if (!isIsoDateTime(input.createdAt)) {
    issues.add('createdAt', 'kernel.invalid_format', 'not an ISO date and time');
  }
  checkText(issues, 'statementId', input.statementId, 35, true);
  if (
    input.electronicSequenceNumber !== undefined &&
    (input.electronicSequenceNumber < 0n || input.electronicSequenceNumber.toString().length > 18)
  ) {
    issues.add('electronicSequenceNumber', 'kernel.invalid_format', 'a number of at most 18 digits');
  }
  if (input.period !== undefined) {
    if (!isIsoDateTime(input.period.from)) {
      issues.add('period.from', 'kernel.invalid_format', 'not an ISO date and time');
    }
    if (!isIsoDateTime(input.period.to)) {
      issues.add('period.to', 'kernel.invalid_format', 'not an ISO date and time');
    }
  }
  checkAccount(issues, 'account', input.account);
  checkText(issues, 'account.ownerName', input.account.ownerName, 140);
  checkBic(issues, 'account.servicer.bic', input.account.servicer?.bic, false);
  const currency = input.account.currency ?? input.openingBalance.currency;
  for (const [field, balance] of [
    ['openingBalance', input.openingBalance],
    ['closingBalance', input.closingBalance],
  ] as const) {
    if (balance.currency !== currency) {
      issues.add(field, 'payments.currency_mismatch', `the statement is in ${currency}`);
    }
    checkMoney(issues, field, balance.amountMinor < 0n ? negate(balance) : balance, false);
  }
  for (const [field, date] of [
    ['openingDate', input.openingDate],
    ['closingDate', input.closingDate],
  ] as const) {
    if (!isIsoDate(date)) {
      issues.add(field, 'kernel.invalid_format', 'not a date (YYYY-MM-DD)');
    }
  }
  for (const [index, entry] of input.entries.entries()) {
    checkEntry(issues, `entries[${index}]`, entry, currency);
  }
  issues.throwIfAny('camt.053 statement');
  // A statement whose balances do not follow from its entries is refused: money is never conserved
  // on paper only.
  const expected = input.entries.reduce((sum, entry) => addMoney(sum, signed(entry)), input.openingBalance);
  if (expected.amountMinor !== input.closingBalance.amountMinor) {
    issues.add(
      'closingBalance',
      'payments.statement_unbalanced',
      `opening balance plus entries is ${amountText(expected)}, not ${amountText(input.closingBalance)}`,
    );
  }
  issues.throwIfAny('camt.053 statement');
};

const balanceEl = (code: 'OPBD' | 'CLBD', balance: Money, date: string): XmlNode =>
  el('Bal', [
    el('Tp', [el('CdOrPrtry', [leaf('Cd', code)])]),
    amountLeaf('Amt', balance.amountMinor < 0n ? negate(balance) : balance),
    leaf('CdtDbtInd', balance.amountMinor < 0n ? 'DBIT' : 'CRDT'),
    el('Dt', [leaf('Dt', date)]),
  ]);

const totalEl = (name: string, entries: Camt053Entry[], currency: string): XmlNode => {
  if (entries.length === 0) {
    return undefined;
  }
  const sum = entries.reduce((total, entry) => addMoney(total, entry.amount), money(currency, 0n));
  return el(name, [leaf('NbOfNtries', String(entries.length)), leaf('Sum', amountText(sum))]);
};

const entryEl = (entry: Camt053Entry): XmlNode => {
  const code = entry.bankTransactionCode ?? {
    domain: 'PMNT',
    family: entry.creditDebit === 'CRDT' ? 'RCDT' : 'ICDT',
    subFamily: 'OTHR',
  };
  const refs = entry.references;
  const party = entry.counterpartyName;
  const details =
    refs === undefined && party === undefined && entry.remittanceInformation === undefined
      ? undefined
      : el('NtryDtls', [
          el('TxDtls', [
            refs === undefined
              ? undefined
              : el('Refs', [
                  leaf('MsgId', refs.messageId),
                  leaf('AcctSvcrRef', entry.accountServicerReference),
                  leaf('PmtInfId', refs.paymentInformationId),
                  leaf('InstrId', refs.instructionId),
                  leaf('EndToEndId', refs.endToEndId),
                  leaf('UETR', refs.uetr),
                  leaf('TxId', refs.transactionId),
                ]),
            amountLeaf('Amt', entry.amount),
            leaf('CdtDbtInd', entry.creditDebit),
            party === undefined
              ? undefined
              : el('RltdPties', [
                  el(entry.creditDebit === 'CRDT' ? 'Dbtr' : 'Cdtr', [el('Pty', [leaf('Nm', party)])]),
                ]),
            entry.remittanceInformation === undefined
              ? undefined
              : el('RmtInf', [leaf('Ustrd', entry.remittanceInformation)]),
          ]),
        ]);
  return el('Ntry', [
    amountLeaf('Amt', entry.amount),
    leaf('CdtDbtInd', entry.creditDebit),
    entry.reversal === undefined ? undefined : leaf('RvslInd', String(entry.reversal)),
    el('Sts', [leaf('Cd', 'BOOK')]),
    el('BookgDt', [leaf('Dt', entry.bookingDate)]),
    entry.valueDate === undefined ? undefined : el('ValDt', [leaf('Dt', entry.valueDate)]),
    leaf('AcctSvcrRef', entry.accountServicerReference),
    el('BkTxCd', [
      el('Domn', [
        leaf('Cd', code.domain),
        el('Fmly', [leaf('Cd', code.family), leaf('SubFmlyCd', code.subFamily)]),
      ]),
    ]),
    details,
    leaf('AddtlNtryInf', entry.additionalInformation),
  ]);
};

/**
 * A camt.053.001.08 bank to customer statement of one account: opening and closing booked balances
 * and the booked entries between them. The closing balance must equal the opening balance plus
 * credits minus debits. Throws AppError http.validation_failed with a field error per bad field.
 */
export const buildCamt053 = (input: Camt053Input): string => {
  check(input);
  const currency = input.openingBalance.currency;
  const credits = input.entries.filter((entry) => entry.creditDebit === 'CRDT');
  const debits = input.entries.filter((entry) => entry.creditDebit === 'DBIT');
  const account = input.account;
  return renderXml(
    el(
      'Document',
      [
        el('BkToCstmrStmt', [
          el('GrpHdr', [leaf('MsgId', input.messageId), leaf('CreDtTm', input.createdAt)]),
          el('Stmt', [
            leaf('Id', input.statementId),
            leaf('ElctrncSeqNb', input.electronicSequenceNumber?.toString()),
            leaf('CreDtTm', input.createdAt),
            input.period === undefined
              ? undefined
              : el('FrToDt', [leaf('FrDtTm', input.period.from), leaf('ToDtTm', input.period.to)]),
            el('Acct', [
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
              leaf('Ccy', account.currency ?? currency),
              leaf('Nm', account.name),
              account.ownerName === undefined ? undefined : el('Ownr', [leaf('Nm', account.ownerName)]),
              agentEl('Svcr', account.servicer),
            ]),
            balanceEl('OPBD', input.openingBalance, input.openingDate),
            balanceEl('CLBD', input.closingBalance, input.closingDate),
            credits.length + debits.length === 0
              ? undefined
              : el('TxsSummry', [
                  totalEl('TtlCdtNtries', credits, currency),
                  totalEl('TtlDbtNtries', debits, currency),
                ]),
            ...input.entries.map(entryEl),
          ]),
        ]),
      ],
      { xmlns: ISO20022_NS.camt053 },
    ),
  );
};

/** The closing balance that follows from an opening balance and entries, for callers and tests. */
export const closingBalanceOf = (opening: Money, entries: readonly Camt053Entry[]): Money =>
  entries.reduce(
    (sum, entry) =>
      entry.creditDebit === 'CRDT' ? addMoney(sum, entry.amount) : subtractMoney(sum, entry.amount),
    opening,
  );
