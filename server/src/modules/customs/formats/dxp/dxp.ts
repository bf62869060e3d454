import { AppError, type FieldError } from '@tradehub/kernel';
import {
  childOf,
  childrenOf,
  el,
  leaf,
  parseXml,
  renderXml,
  type XmlElement,
  type XmlNode,
} from '../../../../platform/xml/index.ts';

/** Namespace of the DXP transport envelopes (终端节点报文.xsd, 传输节点报文.xsd). */
export const DXP_NS = 'http://www.chinaport.gov.cn/dxp';

/** DXP id of the customs CEB import receiver (reference §4.3). */
export const CEB_IMPORT_RECEIVER_ID = 'DXPEDCCEB0000002';
/** DXP id of the customs CEB export receiver. */
export const CEB_EXPORT_RECEIVER_ID = 'DXPEDCCEB0000003';

/** The field error codes DXP building and parsing answer with. */
export const DXP_FIELD_ERROR_CODES = [
  'customs.dxp_required',
  'customs.dxp_too_long',
  'customs.dxp_too_many',
  'customs.dxp_invalid_characters',
  'customs.dxp_invalid_datetime',
  'customs.dxp_invalid_date',
  'customs.dxp_invalid_base64',
  'customs.dxp_invalid_utf8',
  'customs.dxp_not_dxp_message',
] as const;
export type DxpFieldErrorCode = (typeof DXP_FIELD_ERROR_CODES)[number];

/** AppError code of every DXP envelope problem; the details are in `fieldErrors`. */
export const DXP_INVALID = 'customs.dxp_invalid';

/** The optional AddInfo block. */
export type DxpAddInfo = {
  fileName?: string;
  /** Operator IC card number, at most 13 characters. */
  icCard?: string;
  /** Up to 5 business keys, each at most 64 characters, named with at most 32. */
  bizKeys?: { name?: string; value: string }[];
  /** Present when Data is text; names its character set. */
  isTextEncoding?: string;
  recMapId?: string;
};

/** TransInfo: who sends what to whom. */
export type DxpTransInfo = {
  /** The sender's own unique message id, at most 255 characters. */
  copMsgId: string;
  /** The sender's DXP id (= BaseTransfer.dxpId), at most 16 characters. */
  senderId: string;
  /** 1 to 5 receiver DXP ids, each at most 16 characters. */
  receiverIds: string[];
  /** xs:dateTime as written; E-port writes Beijing local time without an offset. */
  createdAt: string;
  /** For example CEB311Message; at most 30 characters. */
  messageType: string;
};

export type BuildDxpMessageInput = Omit<DxpTransInfo, 'createdAt' | 'receiverIds'> & {
  receiverIds: readonly string[];
  /** An xs:dateTime string, or a Date written as Beijing time (UTC+8) without an offset. */
  createdAt: string | Date;
  /** The (signed) CEB message XML; carried base64-encoded as UTF-8. */
  data: string;
  addInfo?: DxpAddInfo;
};

/** SvNo: the exchange servers' routing block of a DxpMsgSv. */
export type DxpServerNode = {
  msgId: string;
  subMsgId?: string;
  sendTime: string;
  endNode: string;
  staNode: string;
};

export type ParsedDxpMessage = DxpTransInfo & {
  /** The CEB message carried in Data, decoded. */
  cebXml: string;
  addInfo?: DxpAddInfo;
  /** Present when the envelope was the server-side DxpMsgSv. */
  serverNode?: DxpServerNode;
  /** True when the DxpMsg carries its own ds:Signature (not checked here). */
  hasSignature: boolean;
};

const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
// xs:dateTime: date, T, time with optional fraction, optional zone.
const XS_DATE_TIME =
  /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;
const XS_DATE = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;

/** Collects field errors, so a caller sees every problem at once. */
class Checks {
  readonly errors: FieldError[] = [];

  add(field: string, code: DxpFieldErrorCode, message: string): void {
    this.errors.push({ field, code, message });
  }

  /** A string with XSD minLength/maxLength, counted in characters as XSD counts them. */
  text(field: string, value: string | undefined, { min = 1, max }: { min?: number; max: number }): void {
    if (value === undefined || (min > 0 && value.length === 0)) {
      this.add(field, 'customs.dxp_required', `${field} is required`);
      return;
    }
    if (!XML_CHARS.test(value)) {
      this.add(field, 'customs.dxp_invalid_characters', `${field} contains characters XML cannot carry`);
    }
    const length = [...value].length;
    if (length > max) {
      this.add(
        field,
        'customs.dxp_too_long',
        `${field} has ${length} characters, at most ${max} are allowed`,
      );
    }
  }

  optionalText(field: string, value: string | undefined, max: number): void {
    if (value !== undefined) {
      this.text(field, value, { max });
    }
  }

  throwIfAny(message: string): void {
    if (this.errors.length > 0) {
      throw new AppError(DXP_INVALID, message, { fieldErrors: this.errors });
    }
  }
}

const checkTransInfo = (checks: Checks, info: DxpTransInfo, prefix = ''): void => {
  checks.text(`${prefix}copMsgId`, info.copMsgId, { max: 255 });
  checks.text(`${prefix}senderId`, info.senderId, { max: 16 });
  if (info.receiverIds.length === 0) {
    checks.add(`${prefix}receiverIds`, 'customs.dxp_required', 'at least one receiver is required');
  }
  if (info.receiverIds.length > 5) {
    checks.add(
      `${prefix}receiverIds`,
      'customs.dxp_too_many',
      `${info.receiverIds.length} receivers, at most 5 are allowed`,
    );
  }
  info.receiverIds.forEach((id, i) => {
    checks.text(`${prefix}receiverIds[${i}]`, id, { max: 16 });
  });
  if (!XS_DATE_TIME.test(info.createdAt)) {
    checks.add(
      `${prefix}createdAt`,
      'customs.dxp_invalid_datetime',
      'createdAt must be an xs:dateTime such as 2025-03-01T10:15:00',
    );
  }
  checks.text(`${prefix}messageType`, info.messageType, { min: 0, max: 30 });
};

const checkAddInfo = (checks: Checks, addInfo: DxpAddInfo | undefined): void => {
  if (addInfo === undefined) {
    return;
  }
  checks.optionalText('addInfo.fileName', addInfo.fileName, 255);
  checks.optionalText('addInfo.icCard', addInfo.icCard, 13);
  if (addInfo.bizKeys !== undefined) {
    if (addInfo.bizKeys.length === 0) {
      checks.add('addInfo.bizKeys', 'customs.dxp_required', 'BizKey needs at least one Key when present');
    }
    if (addInfo.bizKeys.length > 5) {
      checks.add(
        'addInfo.bizKeys',
        'customs.dxp_too_many',
        `${addInfo.bizKeys.length} keys, at most 5 are allowed`,
      );
    }
    addInfo.bizKeys.forEach((key, i) => {
      checks.text(`addInfo.bizKeys[${i}].value`, key.value, { max: 64 });
      checks.optionalText(`addInfo.bizKeys[${i}].name`, key.name, 32);
    });
  }
  if (addInfo.isTextEncoding !== undefined) {
    checks.text('addInfo.isTextEncoding', addInfo.isTextEncoding, { min: 0, max: 50 });
  }
  if (addInfo.recMapId !== undefined) {
    // RecMapId has no type in the XSD (anyType); only XML-ability is checked.
    checks.text('addInfo.recMapId', addInfo.recMapId, { min: 0, max: Number.MAX_SAFE_INTEGER });
  }
};

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** A Date as Beijing local time (UTC+8, no daylight saving) in xs:dateTime form without an offset. */
export const toBeijingDateTime = (date: Date): string => {
  const beijing = new Date(date.getTime() + 8 * 3_600_000);
  return `${pad(beijing.getUTCFullYear(), 4)}-${pad(beijing.getUTCMonth() + 1)}-${pad(beijing.getUTCDate())}T${pad(
    beijing.getUTCHours(),
  )}:${pad(beijing.getUTCMinutes())}:${pad(beijing.getUTCSeconds())}`;
};

const transInfoNodes = (info: DxpTransInfo): XmlNode[] => [
  leaf('dxp:CopMsgId', info.copMsgId),
  leaf('dxp:SenderId', info.senderId),
  el(
    'dxp:ReceiverIds',
    info.receiverIds.map((id) => leaf('dxp:ReceiverId', id)),
  ),
  leaf('dxp:CreatTime', info.createdAt),
  // MsgType may be empty by the XSD; leaf() would drop an empty element, so it is written as one.
  info.messageType === '' ? el('dxp:MsgType', []) : leaf('dxp:MsgType', info.messageType),
];

const addInfoNode = (addInfo: DxpAddInfo | undefined): XmlNode =>
  addInfo === undefined
    ? undefined
    : el('dxp:AddInfo', [
        leaf('dxp:FileName', addInfo.fileName),
        leaf('dxp:IcCard', addInfo.icCard),
        addInfo.bizKeys === undefined
          ? undefined
          : el(
              'dxp:BizKey',
              addInfo.bizKeys.map((key) => leaf('dxp:Key', key.value, { name: key.name })),
            ),
        addInfo.isTextEncoding === undefined
          ? undefined
          : el('dxp:IsText', [], { Encode: addInfo.isTextEncoding }),
        addInfo.recMapId === undefined
          ? undefined
          : addInfo.recMapId === ''
            ? el('dxp:RecMapId', [])
            : leaf('dxp:RecMapId', addInfo.recMapId),
      ]);

/**
 * The DXP client envelope (DxpMsg) around a CEB message, as the E-port client's send folder or a
 * DXP web service takes it: TransInfo, the CEB XML base64-encoded (UTF-8) in Data, optional AddInfo.
 * Throws AppError `customs.dxp_invalid` with a field error per XSD rule broken.
 */
export const buildDxpMessage = (input: BuildDxpMessageInput): string => {
  const info: DxpTransInfo = {
    copMsgId: input.copMsgId,
    senderId: input.senderId,
    receiverIds: [...input.receiverIds],
    createdAt: input.createdAt instanceof Date ? toBeijingDateTime(input.createdAt) : input.createdAt,
    messageType: input.messageType,
  };
  const checks = new Checks();
  checkTransInfo(checks, info);
  if (typeof input.data !== 'string' || input.data.trim() === '') {
    checks.add('data', 'customs.dxp_required', 'the CEB message is required');
  } else if (!XML_CHARS.test(input.data)) {
    checks.add(
      'data',
      'customs.dxp_invalid_characters',
      'the CEB message contains characters XML cannot carry',
    );
  }
  checkAddInfo(checks, input.addInfo);
  checks.throwIfAny('The DXP envelope is not valid');
  return renderXml(
    el(
      'dxp:DxpMsg',
      [
        el('dxp:TransInfo', transInfoNodes(info)),
        leaf('dxp:Data', Buffer.from(input.data, 'utf8').toString('base64')),
        addInfoNode(input.addInfo),
      ],
      { ver: '1.0', 'xmlns:dxp': DXP_NS },
    ),
  );
};

const textOf = (parent: XmlElement | undefined, name: string): string | undefined =>
  childOf(parent, DXP_NS, name)?.text;

const readTransInfo = (element: XmlElement | undefined): DxpTransInfo => ({
  copMsgId: textOf(element, 'CopMsgId')?.trim() ?? '',
  senderId: textOf(element, 'SenderId')?.trim() ?? '',
  receiverIds: childrenOf(childOf(element, DXP_NS, 'ReceiverIds'), DXP_NS, 'ReceiverId').map((id) =>
    id.text.trim(),
  ),
  createdAt: textOf(element, 'CreatTime')?.trim() ?? '',
  messageType: textOf(element, 'MsgType')?.trim() ?? '',
});

const readAddInfo = (element: XmlElement | undefined): DxpAddInfo | undefined => {
  if (element === undefined) {
    return undefined;
  }
  const addInfo: DxpAddInfo = {};
  const fileName = textOf(element, 'FileName');
  if (fileName !== undefined) {
    addInfo.fileName = fileName.trim();
  }
  const icCard = textOf(element, 'IcCard');
  if (icCard !== undefined) {
    addInfo.icCard = icCard.trim();
  }
  const bizKey = childOf(element, DXP_NS, 'BizKey');
  if (bizKey !== undefined) {
    addInfo.bizKeys = childrenOf(bizKey, DXP_NS, 'Key').map((key) => {
      const name = key.attributes.get('name');
      return name === undefined ? { value: key.text.trim() } : { name, value: key.text.trim() };
    });
  }
  const isText = childOf(element, DXP_NS, 'IsText');
  if (isText !== undefined) {
    addInfo.isTextEncoding = isText.attributes.get('Encode') ?? '';
  }
  const recMapId = textOf(element, 'RecMapId');
  if (recMapId !== undefined) {
    addInfo.recMapId = recMapId.trim();
  }
  return addInfo;
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const decodeData = (checks: Checks, data: string | undefined): string => {
  const compact = (data ?? '').replace(/\s+/g, '');
  if (compact === '') {
    checks.add('data', 'customs.dxp_required', 'Data is empty');
    return '';
  }
  if (!BASE64.test(compact)) {
    checks.add('data', 'customs.dxp_invalid_base64', 'Data is not base64');
    return '';
  }
  try {
    return utf8.decode(Buffer.from(compact, 'base64')).replace(/^\uFEFF/, '');
  } catch {
    checks.add('data', 'customs.dxp_invalid_utf8', 'Data is not UTF-8 text');
    return '';
  }
};

/**
 * Reads a DxpMsg, or the server-side DxpMsgSv around one, and decodes the CEB message in Data.
 * The same XSD checks as buildDxpMessage apply (AppError `customs.dxp_invalid`); XML that is not
 * well-formed or has a DOCTYPE is refused by the platform reader (AppError http.validation_failed).
 * A signature on the envelope itself is reported, not verified.
 */
export const parseDxpMessage = (xml: string): ParsedDxpMessage => {
  const root = parseXml(xml.replace(/^\uFEFF/, ''));
  const checks = new Checks();
  let message: XmlElement | undefined = root;
  let serverNode: DxpServerNode | undefined;
  if (root.ns === DXP_NS && root.name === 'DxpMsgSv') {
    const svNo = childOf(root, DXP_NS, 'SvNo');
    serverNode = {
      msgId: textOf(svNo, 'MsgId')?.trim() ?? '',
      sendTime: textOf(svNo, 'SendTime')?.trim() ?? '',
      endNode: textOf(svNo, 'EndNode')?.trim() ?? '',
      staNode: textOf(svNo, 'StaNode')?.trim() ?? '',
    };
    const subMsgId = textOf(svNo, 'SubMsgId');
    if (subMsgId !== undefined) {
      serverNode.subMsgId = subMsgId.trim();
    }
    checks.text('serverNode.msgId', serverNode.msgId, { max: 32 });
    if (serverNode.subMsgId !== undefined) {
      checks.text('serverNode.subMsgId', serverNode.subMsgId, { max: 1 });
    }
    if (!XS_DATE_TIME.test(serverNode.sendTime)) {
      checks.add('serverNode.sendTime', 'customs.dxp_invalid_datetime', 'SendTime must be an xs:dateTime');
    }
    checks.text('serverNode.endNode', serverNode.endNode, { max: 8 });
    checks.text('serverNode.staNode', serverNode.staNode, { max: 8 });
    message = childOf(root, DXP_NS, 'DxpMsg');
  }
  if (message === undefined || message.ns !== DXP_NS || message.name !== 'DxpMsg') {
    checks.add(
      'xml',
      'customs.dxp_not_dxp_message',
      `the root is ${root.name}, not a DXP DxpMsg or DxpMsgSv`,
    );
    checks.throwIfAny('The file is not a DXP message');
    throw new AppError(DXP_INVALID, 'The file is not a DXP message');
  }
  const transInfo = childOf(message, DXP_NS, 'TransInfo');
  if (transInfo === undefined) {
    checks.add('transInfo', 'customs.dxp_required', 'TransInfo is required');
  }
  const info = readTransInfo(transInfo);
  checkTransInfo(checks, info);
  const dataElement = childOf(message, DXP_NS, 'Data');
  const cebXml = decodeData(checks, dataElement?.text);
  const addInfo = readAddInfo(childOf(message, DXP_NS, 'AddInfo'));
  checkAddInfo(checks, addInfo);
  checks.throwIfAny('The DXP envelope is not valid');
  return {
    ...info,
    cebXml,
    ...(addInfo === undefined ? {} : { addInfo }),
    ...(serverNode === undefined ? {} : { serverNode }),
    hasSignature: message.children.some(
      (child) => child.name === 'Signature' && child.ns === 'http://www.w3.org/2000/09/xmldsig#',
    ),
  };
};

/** One Result of a DxpRep Response: the outcome for one receiver. */
export type DxpResult = { recId: string; code: string; info?: string; note?: string };

/** One Response of a DxpRep. */
export type DxpResponse = {
  nodeId?: string;
  responseCode: string;
  responseInfo?: string;
  results?: DxpResult[];
  /** xs:date (the XSD says date, though its note calls it the receipt time), or a Date (Beijing day). */
  noticeTime: string | Date;
  note?: string;
  /** The TransInfo of the message answered. */
  oriHead: DxpTransInfo;
};

export type BuildDxpResponseInput = {
  /** The DXP id the response goes to (the XSD spells the element RecevierId). */
  receiverId: string;
  adNodeId?: string;
  responses: DxpResponse[];
};

/** A Date as the Beijing calendar day, xs:date. */
const toBeijingDate = (date: Date): string => toBeijingDateTime(date).slice(0, 10);

/**
 * The exchange platform's response (DxpRep): per Response a code, text, per-receiver Results, the
 * notice date and the original TransInfo. Used by the mock customs. Throws AppError
 * `customs.dxp_invalid` with field errors for anything the XSD forbids.
 */
export const buildDxpResponse = (input: BuildDxpResponseInput): string => {
  const checks = new Checks();
  checks.text('receiverId', input.receiverId, { max: 16 });
  checks.optionalText('adNodeId', input.adNodeId, 8);
  if (input.responses.length === 0) {
    checks.add('responses', 'customs.dxp_required', 'at least one Response is required');
  }
  const responses = input.responses.map((response, i) => {
    const prefix = `responses[${i}].`;
    const noticeTime =
      response.noticeTime instanceof Date ? toBeijingDate(response.noticeTime) : response.noticeTime;
    checks.optionalText(`${prefix}nodeId`, response.nodeId, 8);
    checks.text(`${prefix}responseCode`, response.responseCode, { max: 9 });
    if (response.responseInfo !== undefined) {
      checks.text(`${prefix}responseInfo`, response.responseInfo, { min: 0, max: 300 });
    }
    if (response.results !== undefined && response.results.length === 0) {
      checks.add(
        `${prefix}results`,
        'customs.dxp_required',
        'Results needs at least one Result when present',
      );
    }
    response.results?.forEach((result, j) => {
      checks.text(`${prefix}results[${j}].recId`, result.recId, { max: 16 });
      checks.text(`${prefix}results[${j}].code`, result.code, { max: 9 });
      if (result.info !== undefined) {
        checks.text(`${prefix}results[${j}].info`, result.info, { min: 0, max: 300 });
      }
      if (result.note !== undefined) {
        checks.text(`${prefix}results[${j}].note`, result.note, { min: 0, max: 500 });
      }
    });
    if (!XS_DATE.test(noticeTime)) {
      checks.add(
        `${prefix}noticeTime`,
        'customs.dxp_invalid_date',
        'noticeTime must be an xs:date such as 2025-03-01',
      );
    }
    if (response.note !== undefined) {
      checks.text(`${prefix}note`, response.note, { min: 0, max: 500 });
    }
    checkTransInfo(checks, response.oriHead, `${prefix}oriHead.`);
    return { ...response, noticeTime };
  });
  checks.throwIfAny('The DXP response is not valid');
  // Optional elements with an empty value are still written: the XSD allows them empty.
  const optional = (name: string, value: string | undefined): XmlNode =>
    value === undefined ? undefined : value === '' ? el(name, []) : leaf(name, value);
  return renderXml(
    el(
      'dxp:DxpRep',
      [
        leaf('dxp:RecevierId', input.receiverId),
        leaf('dxp:AdNodeId', input.adNodeId),
        ...responses.map((response) =>
          el('dxp:Response', [
            leaf('dxp:NodeId', response.nodeId),
            leaf('dxp:ResponseCode', response.responseCode),
            optional('dxp:ResponseInfo', response.responseInfo),
            response.results === undefined
              ? undefined
              : el(
                  'dxp:Results',
                  response.results.map((result) =>
                    el('dxp:Result', [
                      leaf('dxp:RecId', result.recId),
                      leaf('dxp:Code', result.code),
                      optional('dxp:Info', result.info),
                      optional('dxp:Note', result.note),
                    ]),
                  ),
                ),
            leaf('dxp:NoticeTime', response.noticeTime),
            optional('dxp:Note', response.note),
            el('dxp:OriHead', transInfoNodes(response.oriHead)),
          ]),
        ),
      ],
      { ver: '1.0', 'xmlns:dxp': DXP_NS },
    ),
  );
};

export type ParsedDxpResponse = {
  receiverId: string;
  adNodeId?: string;
  responses: (Omit<DxpResponse, 'noticeTime'> & { noticeTime: string })[];
};

/** Reads a DxpRep (the counterpart of buildDxpResponse), with the same checks. */
export const parseDxpResponse = (xml: string): ParsedDxpResponse => {
  const root = parseXml(xml.replace(/^\uFEFF/, ''));
  if (root.ns !== DXP_NS || root.name !== 'DxpRep') {
    throw new AppError(DXP_INVALID, 'The file is not a DXP response', {
      fieldErrors: [
        {
          field: 'xml',
          code: 'customs.dxp_not_dxp_message',
          message: `the root is ${root.name}, not DxpRep`,
        },
      ],
    });
  }
  const optionalText = (parent: XmlElement | undefined, name: string) => {
    const value = textOf(parent, name);
    return value === undefined ? undefined : value.trim();
  };
  const parsed: ParsedDxpResponse = {
    receiverId: optionalText(root, 'RecevierId') ?? '',
    responses: childrenOf(root, DXP_NS, 'Response').map((element) => {
      const response: ParsedDxpResponse['responses'][number] = {
        responseCode: optionalText(element, 'ResponseCode') ?? '',
        noticeTime: optionalText(element, 'NoticeTime') ?? '',
        oriHead: readTransInfo(childOf(element, DXP_NS, 'OriHead')),
      };
      const nodeId = optionalText(element, 'NodeId');
      if (nodeId !== undefined) {
        response.nodeId = nodeId;
      }
      const responseInfo = optionalText(element, 'ResponseInfo');
      if (responseInfo !== undefined) {
        response.responseInfo = responseInfo;
      }
      const results = childOf(element, DXP_NS, 'Results');
      if (results !== undefined) {
        response.results = childrenOf(results, DXP_NS, 'Result').map((result) => {
          const read: DxpResult = {
            recId: optionalText(result, 'RecId') ?? '',
            code: optionalText(result, 'Code') ?? '',
          };
          const info = optionalText(result, 'Info');
          if (info !== undefined) {
            read.info = info;
          }
          const note = optionalText(result, 'Note');
          if (note !== undefined) {
            read.note = note;
          }
          return read;
        });
      }
      const note = optionalText(element, 'Note');
      if (note !== undefined) {
        response.note = note;
      }
      return response;
    }),
  };
  const adNodeId = optionalText(root, 'AdNodeId');
  if (adNodeId !== undefined) {
    parsed.adNodeId = adNodeId;
  }
  // Re-running the builder's checks keeps one set of rules for both directions.
  buildDxpResponse(parsed);
  return parsed;
};
