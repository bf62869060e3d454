import { addMoney, type FieldError, type Money, minorUnitOf } from '@tradehub/kernel';
import { childrenOf, parseXml, type XmlElement } from '../../../../platform/xml/index.ts';
import {
  type Agent,
  at,
  type CashAccount,
  ISO20022_NS,
  Issues,
  isBic,
  isIban,
  isIsoDate,
  isIsoDateTime,
  isUetr,
  type Party,
  readAccount,
  readAgent,
  readMoney,
  readParty,
  textAt,
  textOf,
} from './common.ts';

export type ChargeBearer = 'DEBT' | 'CRED' | 'SHAR' | 'SLEV';
const CHARGE_BEARERS: readonly string[] = ['DEBT', 'CRED', 'SHAR', 'SLEV'];

export type RemittanceInformation = {
  /** RmtInf/Ustrd lines, each at most 140 characters. */
  unstructured: string[];
  /** RmtInf/Strd/CdtrRefInf/Ref: the creditor's reference (an RF reference, for instance). */
  creditorReferences: string[];
  /** RmtInf/Strd/RfrdDocInf/Nb: the invoice or other document numbers being paid. */
  documentNumbers: string[];
};

/** One credit transfer of a payment information block (CreditTransferTransaction34). */
export type Pain001CreditTransfer = {
  instructionId?: string;
  endToEndId: string;
  uetr?: string;
  /** Amt/InstdAmt, exact in minor units. */
  amount: Money;
  chargeBearer?: ChargeBearer;
  creditorAgent?: Agent;
  creditor: Party;
  creditorAccount: CashAccount;
  /** Purp/Cd, an ExternalPurpose1Code such as GDDS (purchase of goods). */
  purposeCode?: string;
  remittance?: RemittanceInformation;
};

/** A PmtInf block: one debtor account, one execution date, one or more credit transfers. */
export type Pain001PaymentInformation = {
  paymentInformationId: string;
  paymentMethod: 'TRF';
  batchBooking?: boolean;
  /** ReqdExctnDt/Dt, or the date part of ReqdExctnDt/DtTm. */
  requestedExecutionDate: string;
  debtor: Party;
  debtorAccount: CashAccount;
  debtorAgent: Agent;
  chargeBearer?: ChargeBearer;
  transactions: Pain001CreditTransfer[];
};

/** A customer credit transfer initiation (pain.001.001.09) as tradehub reads it. */
export type Pain001 = {
  groupHeader: {
    messageId: string;
    createdAt: string;
    numberOfTransactions: number;
    /** CtrlSum as written: a plain decimal total over all transactions, whatever their currency. */
    controlSum?: string;
    initiatingParty?: Party;
  };
  paymentInformation: Pain001PaymentInformation[];
  /** Per-currency totals of all transactions, exact. */
  totals: Money[];
  /**
   * Findings that do not stop the import but that a bank would refuse later (an IBAN whose check
   * digits are wrong), each at its XML path.
   */
  warnings: FieldError[];
};

const NS = ISO20022_NS.pain001;
const MAX_TRANSACTIONS = 10_000;

// A decimal text as an integer at a fixed scale, for the control-sum comparison (never a float).
const scaled = (text: string, scale: number): bigint => {
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
};

const moneyScaled = (m: Money, scale: number, decimals: number): bigint =>
  m.amountMinor * 10n ** BigInt(scale - decimals);

const remittanceOf = (
  element: XmlElement | undefined,
  path: string,
  issues: Issues,
): RemittanceInformation | undefined => {
  if (element === undefined) {
    return undefined;
  }
  const unstructured = childrenOf(element, NS, 'Ustrd').map((line, index) => {
    const text = textOf(line) ?? '';
    if ([...text].length > 140) {
      issues.add(`${path}/Ustrd[${index + 1}]`, 'kernel.too_long', 'at most 140 characters', line);
    }
    return text;
  });
  const structured = childrenOf(element, NS, 'Strd');
  const creditorReferences = structured
    .map((strd) => textAt(strd, NS, 'CdtrRefInf/Ref'))
    .filter((ref): ref is string => ref !== undefined);
  const documentNumbers = structured.flatMap((strd) =>
    childrenOf(strd, NS, 'RfrdDocInf')
      .map((doc) => textAt(doc, NS, 'Nb'))
      .filter((nb): nb is string => nb !== undefined),
  );
  return { unstructured: unstructured.filter((line) => line !== ''), creditorReferences, documentNumbers };
};

class Reader {
  readonly issues = new Issues();
  readonly warnings: FieldError[] = [];

  /** Required text at `path` below `parent`, at most `max` characters. */
  required(parent: XmlElement, base: string, path: string, max: number): string {
    const value = textAt(parent, NS, path);
    if (value === undefined) {
      this.issues.add(`${base}/${path}`, 'kernel.required', `${path} is required`, parent);
      return '';
    }
    this.max(`${base}/${path}`, value, max, parent);
    return value;
  }

  optional(parent: XmlElement, base: string, path: string, max: number): string | undefined {
    const value = textAt(parent, NS, path);
    if (value !== undefined) {
      this.max(`${base}/${path}`, value, max, parent);
    }
    return value;
  }

  max(field: string, value: string, max: number, element: XmlElement): void {
    if ([...value].length > max) {
      this.issues.add(field, 'kernel.too_long', `at most ${max} characters`, element);
    }
  }

  chargeBearer(parent: XmlElement, base: string): ChargeBearer | undefined {
    const value = textAt(parent, NS, 'ChrgBr');
    if (value === undefined) {
      return undefined;
    }
    if (!CHARGE_BEARERS.includes(value)) {
      this.issues.add(
        `${base}/ChrgBr`,
        'kernel.unknown_code',
        `unknown charge bearer ${JSON.stringify(value.slice(0, 8))}`,
        parent,
      );
      return undefined;
    }
    return value as ChargeBearer;
  }

  agent(parent: XmlElement, base: string, name: string, required: boolean): Agent | undefined {
    const element = at(parent, NS, name);
    const agent = readAgent(element, NS);
    if (agent === undefined) {
      if (required) {
        this.issues.add(`${base}/${name}`, 'kernel.required', `${name} is required`, parent);
      }
      return undefined;
    }
    if (agent.bic !== undefined && !isBic(agent.bic)) {
      this.issues.add(`${base}/${name}/FinInstnId/BICFI`, 'kernel.invalid_format', 'not a BIC', element);
    }
    return agent;
  }

  party(parent: XmlElement, base: string, name: string): Party {
    const element = at(parent, NS, name);
    const party = readParty(element, NS);
    if (party === undefined) {
      this.issues.add(`${base}/${name}`, 'kernel.required', `${name} is required`, parent);
      return {};
    }
    if (party.name !== undefined) {
      this.max(`${base}/${name}/Nm`, party.name, 140, parent);
    }
    const country = party.postalAddress?.country;
    if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
      this.issues.add(`${base}/${name}/PstlAdr/Ctry`, 'kernel.invalid_format', 'not a country code', element);
    }
    return party;
  }

  account(parent: XmlElement, base: string, name: string): CashAccount {
    const element = at(parent, NS, name);
    const account = readAccount(element, NS);
    if (account === undefined) {
      this.issues.add(
        `${base}/${name}/Id`,
        'kernel.required',
        `${name}/Id with an IBAN or another identification is required`,
        parent,
      );
      return { id: { other: '' } };
    }
    if ('iban' in account.id) {
      if (!/^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/.test(account.id.iban)) {
        this.issues.add(`${base}/${name}/Id/IBAN`, 'kernel.invalid_format', 'not an IBAN', element);
      } else if (!isIban(account.id.iban)) {
        this.warnings.push({
          field: `${base}/${name}/Id/IBAN`,
          code: 'kernel.invalid_check_digit',
          message: `XML line ${element?.line ?? parent.line}: the IBAN check digits are wrong`,
        });
      }
    } else {
      this.max(`${base}/${name}/Id/Othr/Id`, account.id.other, 34, parent);
    }
    return account;
  }
}

const readTransaction = (reader: Reader, tx: XmlElement, base: string): Pain001CreditTransfer | undefined => {
  const { issues } = reader;
  const endToEndId = reader.required(tx, base, 'PmtId/EndToEndId', 35);
  const instructionId = reader.optional(tx, base, 'PmtId/InstrId', 35);
  const uetr = textAt(tx, NS, 'PmtId/UETR');
  if (uetr !== undefined && !isUetr(uetr)) {
    issues.add(`${base}/PmtId/UETR`, 'kernel.invalid_format', 'not a UUID version 4 in lower case', tx);
  }
  const instructed = at(tx, NS, 'Amt/InstdAmt');
  let amount: Money | undefined;
  if (instructed !== undefined) {
    amount = readMoney(instructed, `${base}/Amt/InstdAmt`, issues);
    if (amount !== undefined && amount.amountMinor === 0n) {
      issues.add(
        `${base}/Amt/InstdAmt`,
        'payments.invalid_amount',
        'the amount must be more than zero',
        instructed,
      );
      amount = undefined;
    }
  } else if (at(tx, NS, 'Amt/EqvtAmt') !== undefined) {
    issues.add(
      `${base}/Amt/EqvtAmt`,
      'payments.unsupported',
      'an equivalent amount is not accepted; give Amt/InstdAmt',
      tx,
    );
  } else {
    issues.add(`${base}/Amt/InstdAmt`, 'kernel.required', 'Amt/InstdAmt is required', tx);
  }
  const chargeBearer = reader.chargeBearer(tx, base);
  const creditorAgent = reader.agent(tx, base, 'CdtrAgt', false);
  const creditor = reader.party(tx, base, 'Cdtr');
  const creditorAccount = reader.account(tx, base, 'CdtrAcct');
  const purposeCode = reader.optional(tx, base, 'Purp/Cd', 4);
  const remittance = remittanceOf(at(tx, NS, 'RmtInf'), `${base}/RmtInf`, issues);
  if (amount === undefined) {
    return undefined;
  }
  return {
    ...(instructionId === undefined ? {} : { instructionId }),
    endToEndId,
    ...(uetr === undefined ? {} : { uetr }),
    amount,
    ...(chargeBearer === undefined ? {} : { chargeBearer }),
    ...(creditorAgent === undefined ? {} : { creditorAgent }),
    creditor,
    creditorAccount,
    ...(purposeCode === undefined ? {} : { purposeCode }),
    ...(remittance === undefined ? {} : { remittance }),
  };
};

const readPaymentInformation = (
  reader: Reader,
  pmtInf: XmlElement,
  base: string,
): Pain001PaymentInformation => {
  const { issues } = reader;
  const paymentInformationId = reader.required(pmtInf, base, 'PmtInfId', 35);
  const method = textAt(pmtInf, NS, 'PmtMtd');
  if (method !== 'TRF') {
    issues.add(
      `${base}/PmtMtd`,
      method === undefined ? 'kernel.required' : 'payments.unsupported',
      'only credit transfers (PmtMtd TRF) are accepted',
      pmtInf,
    );
  }
  const batch = textAt(pmtInf, NS, 'BtchBookg');
  if (batch !== undefined && !['true', 'false', '1', '0'].includes(batch)) {
    issues.add(`${base}/BtchBookg`, 'kernel.invalid_format', 'not a boolean', pmtInf);
  }
  const date = textAt(pmtInf, NS, 'ReqdExctnDt/Dt');
  const dateTime = textAt(pmtInf, NS, 'ReqdExctnDt/DtTm');
  let requestedExecutionDate = '';
  if (date !== undefined) {
    if (isIsoDate(date)) {
      requestedExecutionDate = date;
    } else {
      issues.add(`${base}/ReqdExctnDt/Dt`, 'kernel.invalid_format', 'not a date (YYYY-MM-DD)', pmtInf);
    }
  } else if (dateTime !== undefined) {
    if (isIsoDateTime(dateTime)) {
      requestedExecutionDate = dateTime.slice(0, 10);
    } else {
      issues.add(`${base}/ReqdExctnDt/DtTm`, 'kernel.invalid_format', 'not a date and time', pmtInf);
    }
  } else {
    issues.add(`${base}/ReqdExctnDt`, 'kernel.required', 'ReqdExctnDt is required', pmtInf);
  }
  const debtor = reader.party(pmtInf, base, 'Dbtr');
  const debtorAccount = reader.account(pmtInf, base, 'DbtrAcct');
  const debtorAgent = reader.agent(pmtInf, base, 'DbtrAgt', true) ?? {};
  const chargeBearer = reader.chargeBearer(pmtInf, base);
  const elements = childrenOf(pmtInf, NS, 'CdtTrfTxInf');
  if (elements.length === 0) {
    issues.add(`${base}/CdtTrfTxInf`, 'kernel.required', 'at least one CdtTrfTxInf is required', pmtInf);
  }
  const transactions = elements
    .map((tx, index) => readTransaction(reader, tx, `${base}/CdtTrfTxInf[${index + 1}]`))
    .filter((tx): tx is Pain001CreditTransfer => tx !== undefined);
  return {
    paymentInformationId,
    paymentMethod: 'TRF',
    ...(batch === undefined ? {} : { batchBooking: batch === 'true' || batch === '1' }),
    requestedExecutionDate,
    debtor,
    debtorAccount,
    debtorAgent,
    ...(chargeBearer === undefined ? {} : { chargeBearer }),
    transactions,
  };
};

/**
 * Reads a pain.001.001.09 customer credit transfer initiation. Amounts become exact Money; every
 * refusal is AppError http.validation_failed with field errors naming the XML path
 * (`Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[2]/Amt/InstdAmt`) and the line.
 */
export const parsePain001 = (xml: string): Pain001 => {
  const root = parseXml(xml);
  const reader = new Reader();
  const { issues } = reader;
  const initiation = at(root, NS, 'CstmrCdtTrfInitn');
  if (root.ns !== NS || root.name !== 'Document' || initiation === undefined) {
    issues.add(
      'Document',
      'payments.wrong_message',
      `expected a Document/CstmrCdtTrfInitn in ${NS}, got ${root.name} in ${JSON.stringify(root.ns.slice(0, 80))}`,
      root,
    );
    issues.throwIfAny('pain.001 file');
  }
  const body = initiation as XmlElement;
  const base = 'Document/CstmrCdtTrfInitn';
  const header = at(body, NS, 'GrpHdr');
  if (header === undefined) {
    issues.add(`${base}/GrpHdr`, 'kernel.required', 'GrpHdr is required', body);
    issues.throwIfAny('pain.001 file');
  }
  const grpHdr = header as XmlElement;
  const messageId = reader.required(grpHdr, `${base}/GrpHdr`, 'MsgId', 35);
  const createdAt = reader.required(grpHdr, `${base}/GrpHdr`, 'CreDtTm', 64);
  if (createdAt !== '' && !isIsoDateTime(createdAt)) {
    issues.add(`${base}/GrpHdr/CreDtTm`, 'kernel.invalid_format', 'not a date and time', grpHdr);
  }
  const countText = reader.required(grpHdr, `${base}/GrpHdr`, 'NbOfTxs', 15);
  if (countText !== '' && !/^[0-9]{1,15}$/.test(countText)) {
    issues.add(`${base}/GrpHdr/NbOfTxs`, 'kernel.invalid_format', 'not a number', grpHdr);
  }
  const controlSum = textAt(grpHdr, NS, 'CtrlSum');
  if (controlSum !== undefined && !/^\d{1,18}(?:\.\d{1,17})?$/.test(controlSum)) {
    issues.add(`${base}/GrpHdr/CtrlSum`, 'kernel.invalid_format', 'not a decimal number', grpHdr);
  }
  const initiatingParty = readParty(at(grpHdr, NS, 'InitgPty'), NS);
  if (initiatingParty === undefined) {
    issues.add(`${base}/GrpHdr/InitgPty`, 'kernel.required', 'InitgPty is required', grpHdr);
  }
  const blocks = childrenOf(body, NS, 'PmtInf');
  if (blocks.length === 0) {
    issues.add(`${base}/PmtInf`, 'kernel.required', 'at least one PmtInf is required', body);
  }
  const transactionCount = blocks.reduce(
    (sum, block) => sum + childrenOf(block, NS, 'CdtTrfTxInf').length,
    0,
  );
  if (transactionCount > MAX_TRANSACTIONS) {
    issues.add(`${base}/PmtInf`, 'xml.too_large', `more than ${MAX_TRANSACTIONS} credit transfers`, body);
    issues.throwIfAny('pain.001 file');
  }
  const paymentInformation = blocks.map((block, index) =>
    readPaymentInformation(reader, block, `${base}/PmtInf[${index + 1}]`),
  );
  issues.throwIfAny('pain.001 file');
  const all = paymentInformation.flatMap((block) => block.transactions);
  if (/^[0-9]{1,15}$/.test(countText) && Number(countText) !== all.length) {
    issues.add(
      `${base}/GrpHdr/NbOfTxs`,
      'payments.count_mismatch',
      `NbOfTxs says ${countText}, the file holds ${all.length}`,
      grpHdr,
    );
  }
  if (controlSum !== undefined) {
    const scale = Math.max(4, controlSum.split('.')[1]?.length ?? 0);
    const total = all.reduce(
      (sum, tx) => sum + moneyScaled(tx.amount, scale, minorUnitOf(tx.amount.currency)),
      0n,
    );
    if (total !== scaled(controlSum, scale)) {
      issues.add(
        `${base}/GrpHdr/CtrlSum`,
        'payments.control_sum_mismatch',
        'CtrlSum is not the sum of the instructed amounts',
        grpHdr,
      );
    }
  }
  issues.throwIfAny('pain.001 file');
  const totals = new Map<string, Money>();
  for (const tx of all) {
    const previous = totals.get(tx.amount.currency);
    totals.set(tx.amount.currency, previous === undefined ? tx.amount : addMoney(previous, tx.amount));
  }
  return {
    groupHeader: {
      messageId,
      createdAt,
      numberOfTransactions: all.length,
      ...(controlSum === undefined ? {} : { controlSum }),
      ...(initiatingParty === undefined ? {} : { initiatingParty }),
    },
    paymentInformation,
    totals: [...totals.values()],
    warnings: reader.warnings,
  };
};
