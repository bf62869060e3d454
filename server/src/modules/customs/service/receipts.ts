import { createHash, randomUUID } from 'node:crypto';
import type { FieldError } from '@tradehub/kernel';
import { buildCebReceipt, type CebMessage, type CebReceiptMessageType } from '../formats/ceb/index.ts';
import type { ParcelTax } from './clearance-rules.ts';
import type { ReceiveOutcome } from './outcome.ts';

// The receipts the customs sandbox answers with, built with the official schema model so every
// one validates against the XSD a real customs receipt does. Status codes are those of the
// reference (§1.1): 120 accepted into the database, 100 rejected (退单), 500 inspection, 800
// released, 399 concluded; CEB900 (format check) carries a negative status.

/** A receipt to store and answer: for which message, parcel and organisation. */
export type ReceiptDraft = {
  messageId: string;
  /** The organisation that sent the message the receipt answers (defaults to the caller). */
  organisationId?: string;
  parcelId: string | null;
  receiptType: string;
  returnStatus: string;
  returnInfo: string;
  xml: string;
};

export const RETURN_STATUS = {
  accepted: '120',
  rejected: '100',
  concluded: '399',
  inspection: '500',
  released: '800',
} as const;

/** CEB900 statuses tradehub uses for a message refused before business processing. */
export const FORMAT_STATUS = {
  schema: '-1',
  signature: '-2',
  duplicateGuid: '-3',
  notAccepted: '-4',
} as const;

/** YYYYMMDDhhmmssSSS in China Standard Time, as customs stamps its receipts. */
export const receiptTime = (at: Date): string => {
  const cst = new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString();
  return cst.slice(0, 23).replace(/[-:T.]/g, '');
};

/** A fresh uppercase guid for a receipt message. */
export const receiptGuid = (): string => randomUUID().toUpperCase();

/** returnInfo: at most 1,000 characters, the reasons joined. */
export const infoOf = (reasons: readonly { field: string; message: string }[], lead: string): string => {
  const text = [lead, ...reasons.map((r) => `${r.field}: ${r.message}`)].join('; ');
  return [...text].length > 1000 ? `${[...text].slice(0, 997).join('')}...` : text;
};

const receiptTypeOf = (messageType: string): string =>
  `CEB${String(Number(messageType.slice(3)) + 1).padStart(3, '0')}`;

/** The per-document receipt fields customs echoes back, by receipt type. */
const echoedFields: Record<string, readonly string[]> = {
  CEB312: ['guid', 'ebpCode', 'ebcCode', 'orderNo'],
  CEB412: ['guid', 'payCode', 'payTransactionId'],
  CEB512: ['guid', 'logisticsCode', 'logisticsNo'],
  CEB514: ['guid', 'logisticsCode', 'logisticsNo', 'logisticsStatus'],
  CEB622: ['guid', 'customsCode', 'ebpCode', 'ebcCode', 'agentCode', 'copNo', 'preNo', 'invtNo'],
  CEB624: ['guid', 'customsCode', 'agentCode', 'ebpCode', 'ebcCode', 'copNo', 'preNo', 'invtNo'],
  CEB626: ['guid', 'customsCode', 'agentCode', 'ebpCode', 'ebcCode', 'copNo', 'preNo', 'invtNo'],
  CEB712: ['guid', 'customsCode', 'operatorCode', 'copNo', 'preNo', 'rkdNo'],
};

/**
 * A pre-entry number for a receipt that must carry one before the parcel was given its own (a
 * declaration refused on arrival): B + the day + 9 digits derived from the document's guid.
 */
export const provisionalPreNo = (guid: string, at: Date): string => {
  const digits = BigInt(`0x${createHash('sha256').update(guid).digest('hex').slice(0, 15)}`) % 1_000_000_000n;
  return `B${receiptTime(at).slice(0, 8)}${String(digits).padStart(9, '0')}`;
};

/** One receipt record for a business document's head (`fields` overrides what is echoed). */
export const receiptRecord = (
  receiptType: string,
  head: Readonly<Record<string, unknown>>,
  status: string,
  info: string,
  at: Date,
  fields: Record<string, string> = {},
): Record<string, string> => {
  const record: Record<string, string> = {};
  for (const name of echoedFields[receiptType] ?? ['guid']) {
    const value = fields[name] ?? head[name];
    if (typeof value === 'string' && value !== '') {
      record[name] = value;
    } else if (name === 'copNo') {
      // Required in the inventory receipts even when the declarant sent none: the order number
      // (its last 20 characters) names the declaration instead.
      record.copNo = String(head.orderNo ?? head.guid ?? '').slice(-20);
    } else if (name === 'preNo' && receiptType !== 'CEB712') {
      record.preNo = provisionalPreNo(String(head.guid ?? ''), at);
    }
  }
  record.returnStatus = status;
  record.returnTime = receiptTime(at);
  record.returnInfo = info === '' ? status : info;
  return record;
};

/** The receipt message (one record per document) for a receipt type. */
export const receiptXml = (receiptType: string, records: readonly Record<string, string>[]): string =>
  buildCebReceipt(receiptType as CebReceiptMessageType, { guid: receiptGuid(), returns: [...records] });

/** The answer's XML when one message produced several receipts (one per document, in order). */
export const renderReceipt = (drafts: readonly ReceiptDraft[]): string =>
  drafts.length === 1 ? (drafts[0] as ReceiptDraft).xml : drafts.map((d) => d.xml).join('\n');

/**
 * CEB900, the format-check receipt: for a message refused before any business processing. It
 * names the original message by type and guid; `oriBizMessage` carries the SHA-256 of the
 * original rather than its text, so a receipt never repeats a buyer's ID number.
 */
export const formatErrorReceipt = (
  xml: string,
  reasons: readonly FieldError[],
  at: Date,
  message?: Pick<CebMessage, 'messageType' | 'guid'>,
): ReceiveOutcome => {
  const code = reasons[0]?.code ?? '';
  const status = code.startsWith('customs.signature')
    ? FORMAT_STATUS.signature
    : code === 'customs.duplicate_guid'
      ? FORMAT_STATUS.duplicateGuid
      : code === 'customs.not_an_enterprise_message'
        ? FORMAT_STATUS.notAccepted
        : FORMAT_STATUS.schema;
  const info = infoOf(reasons, 'Message refused');
  const guid = message?.guid ?? guidFromRoot(xml);
  const receipt = buildCebReceipt('CEB900', {
    guid: receiptGuid(),
    returns: [
      {
        guid: receiptGuid(),
        returnStatus: status,
        returnInfo: info,
        returnTime: receiptTime(at),
        oriCopMsgId: guid ?? 'UNKNOWN',
        oriMessageType: message === undefined ? 'Unknown' : `${message.messageType}Message`,
        oriBizMessage: createHash('sha256').update(xml, 'utf8').digest('hex'),
      },
    ],
  });
  return {
    status: 'rejected',
    messageType: message?.messageType ?? null,
    guid: guid ?? null,
    messageId: null,
    receiptXml: receipt,
    receiptType: 'CEB900',
    returnStatus: status,
    returnInfo: info,
    parcelIds: [],
    reasons: [...reasons],
  };
};

const guidFromRoot = (xml: string): string | undefined =>
  /\sguid="([^"]{1,64})"/.exec(xml.slice(0, 2000))?.[1];

/**
 * The business receipt refusing a message whose content breaks a rule (amounts that do not add
 * up, an ID number with a wrong check digit): status 100 for every document of the message.
 */
export const rejectionReceipt = (
  message: CebMessage,
  reasons: readonly FieldError[],
  at: Date,
): ReceiveOutcome => {
  const receiptType = receiptTypeOf(message.messageType);
  const info = infoOf(reasons, '退单 Rejected');
  const heads = message.documents.map(headOf);
  const xml = receiptXml(
    receiptType,
    heads.map((head) => receiptRecord(receiptType, head, RETURN_STATUS.rejected, info, at)),
  );
  return {
    status: 'rejected',
    messageType: message.messageType,
    guid: message.guid,
    messageId: null,
    receiptXml: xml,
    receiptType,
    returnStatus: RETURN_STATUS.rejected,
    returnInfo: info,
    parcelIds: [],
    reasons: [...reasons],
  };
};

/** The head record of a business document (OrderHead, PaymentHead, InventoryHead …) or the document itself. */
export const headOf = (document: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  for (const [name, value] of Object.entries(document)) {
    if (name.endsWith('Head') && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  }
  return document as Record<string, unknown>;
};

export { receiptTypeOf };

/**
 * CEB816, the electronic tax bill of a released inventory: per line the dutiable price and each
 * tax at 5 decimals, in the head the per-tax totals rounded to the fen, status 1 (generated).
 */
export const taxBillXml = (
  inventoryHead: Readonly<Record<string, unknown>>,
  invtNo: string,
  tax: Extract<ParcelTax, { lines: unknown }>,
  at: Date,
): string => {
  const head = (name: string) => {
    const value = inventoryHead[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const optional = (name: string): Record<string, string> => {
    const value = head(name);
    return value === undefined ? {} : { [name]: value };
  };
  return buildCebReceipt('CEB816', {
    guid: receiptGuid(),
    returns: [
      {
        TaxHeadRd: {
          guid: receiptGuid(),
          returnTime: receiptTime(at),
          invtNo,
          taxNo: `${invtNo}01`,
          customsTax: tax.totals.duty,
          valueAddedTax: tax.totals.vat,
          consumptionTax: tax.totals.consumptionTax,
          status: '1',
          ...optional('assureCode'),
          ...optional('ebcCode'),
          ...optional('logisticsCode'),
          ...optional('agentCode'),
          ...optional('customsCode'),
        },
        TaxListRd: tax.lines.map((line) => ({
          gnum: String(line.gnum),
          gcode: line.gcode,
          taxPrice: line.dutiablePrice,
          customsTax: line.duty,
          valueAddedTax: line.vat,
          consumptionTax: line.consumptionTax,
        })),
      },
    ],
  });
};
