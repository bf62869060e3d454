import type { Money } from '@tradehub/kernel';
import { parseXml, type XmlElement } from '../../../platform/xml/index.ts';
import {
  type Agent,
  at,
  type CashAccount,
  ISO20022_NS,
  Issues,
  type Party,
  readAccount,
  readAgent,
  readMoney,
  readParty,
  textAt,
} from '../formats/iso20022/common.ts';
import type { StatusReport } from './types.ts';

// Readers for the two messages a rail sees coming back: the pacs.002 status report (every rail's
// `accept`) and the pacs.008 itself (what the sandbox's receiving bank reads, exactly as a real
// one would, instead of trusting the hub's own objects). Only the fields the rails act on are read.

const wrongMessage = (issues: Issues, root: XmlElement, expected: string, ns: string) => {
  issues.add(
    'file',
    'payments.wrong_message',
    `expected a Document/${expected} in ${ns}, got ${root.name} in ${JSON.stringify(root.ns.slice(0, 80))}`,
    root,
  );
  issues.throwIfAny('status message');
};

/** Reads one transaction's status from a pacs.002.001.10 (the first TxInfAndSts). */
export const readPacs002 = (xml: string): StatusReport => {
  const NS = ISO20022_NS.pacs002;
  const root = parseXml(xml);
  const issues = new Issues();
  const report = at(root, NS, 'FIToFIPmtStsRpt');
  if (root.ns !== NS || root.name !== 'Document' || report === undefined) {
    return wrongMessage(issues, root, 'FIToFIPmtStsRpt', NS) as never;
  }
  const tx = at(report, NS, 'TxInfAndSts');
  const messageId = textAt(report, NS, 'GrpHdr/MsgId');
  // A status of the whole group (OrgnlGrpInfAndSts) is not how CBPR+ answers one transaction.
  const originalMessageId = textAt(tx, NS, 'OrgnlGrpInf/OrgnlMsgId');
  const status = textAt(tx, NS, 'TxSts');
  if (messageId === undefined) {
    issues.add('GrpHdr/MsgId', 'kernel.required', 'MsgId is required', report);
  }
  if (tx === undefined) {
    issues.add('TxInfAndSts', 'kernel.required', 'one TxInfAndSts is required', report);
  }
  if (originalMessageId === undefined) {
    issues.add('TxInfAndSts/OrgnlGrpInf/OrgnlMsgId', 'kernel.required', 'OrgnlMsgId is required', tx);
  }
  if (status === undefined || !/^[A-Z]{4}$/.test(status)) {
    issues.add('TxInfAndSts/TxSts', 'kernel.required', 'a four-letter transaction status is required', tx);
  }
  const reasonCode = textAt(tx, NS, 'StsRsnInf/Rsn/Cd');
  if (status === 'RJCT' && reasonCode === undefined) {
    issues.add('TxInfAndSts/StsRsnInf/Rsn/Cd', 'kernel.required', 'a rejection carries its reason code', tx);
  }
  issues.throwIfAny('status message');
  const reason = at(tx, NS, 'StsRsnInf');
  return {
    messageId: messageId ?? '',
    originalMessageId: originalMessageId ?? '',
    originalEndToEndId: textAt(tx, NS, 'OrgnlEndToEndId'),
    originalUetr: textAt(tx, NS, 'OrgnlUETR'),
    status: status ?? '',
    reasonCode,
    additionalInformation: (reason?.children ?? [])
      .filter((child) => child.ns === NS && child.name === 'AddtlInf')
      .map((child) => child.text.trim()),
  };
};

/** The fields of a pacs.008.001.08 a receiving bank checks before it credits the creditor. */
export type Pacs008Read = {
  messageId: string;
  endToEndId: string | undefined;
  uetr: string | undefined;
  amount: Money | undefined;
  settlementDate: string | undefined;
  debtor: Party | undefined;
  creditor: Party | undefined;
  creditorAccount: CashAccount | undefined;
  creditorAgent: Agent | undefined;
  instructedAgent: Agent | undefined;
  remittanceInformation: string | undefined;
};

/** Reads the one transaction of a CBPR+ pacs.008.001.08. */
export const readPacs008 = (xml: string): Pacs008Read => {
  const NS = ISO20022_NS.pacs008;
  const root = parseXml(xml);
  const issues = new Issues();
  const body = at(root, NS, 'FIToFICstmrCdtTrf');
  if (root.ns !== NS || root.name !== 'Document' || body === undefined) {
    return wrongMessage(issues, root, 'FIToFICstmrCdtTrf', NS) as never;
  }
  const tx = at(body, NS, 'CdtTrfTxInf');
  const amountEl = at(tx, NS, 'IntrBkSttlmAmt');
  const amount = amountEl === undefined ? undefined : readMoney(amountEl, 'IntrBkSttlmAmt', issues);
  issues.throwIfAny('pacs.008 message');
  return {
    messageId: textAt(body, NS, 'GrpHdr/MsgId') ?? '',
    endToEndId: textAt(tx, NS, 'PmtId/EndToEndId'),
    uetr: textAt(tx, NS, 'PmtId/UETR'),
    amount,
    settlementDate: textAt(tx, NS, 'IntrBkSttlmDt'),
    debtor: readParty(at(tx, NS, 'Dbtr'), NS),
    creditor: readParty(at(tx, NS, 'Cdtr'), NS),
    creditorAccount: readAccount(at(tx, NS, 'CdtrAcct'), NS),
    creditorAgent: readAgent(at(tx, NS, 'CdtrAgt'), NS),
    instructedAgent: readAgent(at(tx, NS, 'InstdAgt'), NS),
    remittanceInformation: textAt(tx, NS, 'RmtInf/Ustrd'),
  };
};

/** The account scheme a pacs.008 names in CdtrAcct/Id/Othr/SchmeNm/Prtry (e-CNY wallets). */
export const creditorAccountProprietaryScheme = (xml: string): string | undefined => {
  const NS = ISO20022_NS.pacs008;
  const root = parseXml(xml);
  return textAt(root, NS, 'FIToFICstmrCdtTrf/CdtTrfTxInf/CdtrAcct/Id/Othr/SchmeNm/Prtry');
};
