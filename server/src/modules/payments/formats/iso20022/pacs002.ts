import type { Money } from '@tradehub/kernel';
import { el, leaf, renderXml } from '../../../../platform/xml/index.ts';
import {
  type Agent,
  agentEl,
  amountLeaf,
  checkBic,
  checkMoney,
  checkText,
  ISO20022_NS,
  Issues,
  isIsoDate,
  isIsoDateTime,
  isUetr,
} from './common.ts';

/**
 * The transaction statuses tradehub reports: accepted, settlement in process (ACSP); settled
 * (ACSC); rejected (RJCT); pending (PDNG).
 */
export type TransactionStatus = 'ACSP' | 'ACSC' | 'RJCT' | 'PDNG';
export const TRANSACTION_STATUSES: readonly TransactionStatus[] = ['ACSP', 'ACSC', 'RJCT', 'PDNG'];

export type Pacs002Input = {
  messageId: string;
  createdAt: string;
  /** The message the status is about. */
  original: { messageId: string; messageNameId?: string; createdAt?: string };
  originalInstructionId?: string;
  originalEndToEndId: string;
  originalTransactionId?: string;
  originalUetr: string;
  status: TransactionStatus;
  /** An ExternalStatusReason1Code (AC01 incorrect account number, AM04 insufficient funds ...); required for RJCT. */
  reasonCode?: string;
  /** Free text explaining the status, lines of at most 105 characters. */
  additionalInformation?: string[];
  acceptedAt?: string;
  /** The date the payment settled (ACSC). */
  effectiveSettlementDate?: string;
  /** The settlement amount of the original transaction. */
  originalAmount?: Money;
  instructingAgent?: Agent;
  instructedAgent?: Agent;
};

const REASON = /^[A-Z0-9]{4}$/;

const check = (input: Pacs002Input): void => {
  const issues = new Issues();
  checkText(issues, 'messageId', input.messageId, 35, true);
  if (!isIsoDateTime(input.createdAt)) {
    issues.add('createdAt', 'kernel.invalid_format', 'not an ISO date and time');
  }
  checkText(issues, 'original.messageId', input.original.messageId, 35, true);
  checkText(issues, 'original.messageNameId', input.original.messageNameId, 35);
  if (input.original.createdAt !== undefined && !isIsoDateTime(input.original.createdAt)) {
    issues.add('original.createdAt', 'kernel.invalid_format', 'not an ISO date and time');
  }
  checkText(issues, 'originalInstructionId', input.originalInstructionId, 35);
  checkText(issues, 'originalEndToEndId', input.originalEndToEndId, 35, true);
  checkText(issues, 'originalTransactionId', input.originalTransactionId, 35);
  if (!isUetr(input.originalUetr)) {
    issues.add('originalUetr', 'kernel.invalid_format', 'the UETR is a UUID version 4 in lower case');
  }
  if (!TRANSACTION_STATUSES.includes(input.status)) {
    issues.add('status', 'kernel.unknown_code', 'ACSP, ACSC, RJCT or PDNG');
  }
  if (input.reasonCode === undefined) {
    if (input.status === 'RJCT') {
      issues.add('reasonCode', 'kernel.required', 'a rejection carries its reason code');
    }
  } else if (!REASON.test(input.reasonCode)) {
    issues.add('reasonCode', 'kernel.invalid_format', 'a four-character ExternalStatusReason1Code');
  }
  for (const [index, line] of (input.additionalInformation ?? []).entries()) {
    checkText(issues, `additionalInformation[${index}]`, line, 105, true);
  }
  if (input.acceptedAt !== undefined && !isIsoDateTime(input.acceptedAt)) {
    issues.add('acceptedAt', 'kernel.invalid_format', 'not an ISO date and time');
  }
  if (input.effectiveSettlementDate !== undefined && !isIsoDate(input.effectiveSettlementDate)) {
    issues.add('effectiveSettlementDate', 'kernel.invalid_format', 'not a date (YYYY-MM-DD)');
  }
  if (input.originalAmount !== undefined) {
    checkMoney(issues, 'originalAmount', input.originalAmount);
  }
  checkBic(issues, 'instructingAgent.bic', input.instructingAgent?.bic, false);
  checkBic(issues, 'instructedAgent.bic', input.instructedAgent?.bic, false);
  issues.throwIfAny('pacs.002 message');
};

/**
 * A pacs.002.001.10 FI to FI payment status report on one transaction. Throws AppError
 * http.validation_failed with a field error per bad input field.
 */
export const buildPacs002 = (input: Pacs002Input): string => {
  check(input);
  const reason =
    input.reasonCode === undefined && (input.additionalInformation ?? []).length === 0
      ? undefined
      : el('StsRsnInf', [
          input.reasonCode === undefined ? undefined : el('Rsn', [leaf('Cd', input.reasonCode)]),
          ...(input.additionalInformation ?? []).map((line) => leaf('AddtlInf', line)),
        ]);
  return renderXml(
    el(
      'Document',
      [
        el('FIToFIPmtStsRpt', [
          el('GrpHdr', [leaf('MsgId', input.messageId), leaf('CreDtTm', input.createdAt)]),
          el('TxInfAndSts', [
            el('OrgnlGrpInf', [
              leaf('OrgnlMsgId', input.original.messageId),
              leaf('OrgnlMsgNmId', input.original.messageNameId ?? 'pacs.008.001.08'),
              leaf('OrgnlCreDtTm', input.original.createdAt),
            ]),
            leaf('OrgnlInstrId', input.originalInstructionId),
            leaf('OrgnlEndToEndId', input.originalEndToEndId),
            leaf('OrgnlTxId', input.originalTransactionId),
            leaf('OrgnlUETR', input.originalUetr),
            leaf('TxSts', input.status),
            reason,
            leaf('AccptncDtTm', input.acceptedAt),
            input.effectiveSettlementDate === undefined
              ? undefined
              : el('FctvIntrBkSttlmDt', [leaf('Dt', input.effectiveSettlementDate)]),
            agentEl('InstgAgt', input.instructingAgent),
            agentEl('InstdAgt', input.instructedAgent),
            input.originalAmount === undefined
              ? undefined
              : el('OrgnlTxRef', [amountLeaf('IntrBkSttlmAmt', input.originalAmount)]),
          ]),
        ]),
      ],
      { xmlns: ISO20022_NS.pacs002 },
    ),
  );
};
