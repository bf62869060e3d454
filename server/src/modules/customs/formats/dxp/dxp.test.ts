import { readFileSync } from 'node:fs';
import { AppError } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { signCebMessage, verifyCebSignature } from '../xmldsig/index.ts';
import { testSigner, unsignedSample } from '../xmldsig/test-support.ts';
import {
  type BuildDxpMessageInput,
  buildDxpMessage,
  buildDxpResponse,
  CEB_EXPORT_RECEIVER_ID,
  CEB_IMPORT_RECEIVER_ID,
  parseDxpMessage,
  parseDxpResponse,
} from './index.ts';

const schemaFile = (fileName: string) => ({
  fileName,
  contents: readFileSync(new URL(`./testdata/${fileName}`, import.meta.url), 'utf8'),
});

/** xmllint's schema errors for `xml` against one of the DXP XSDs (empty when valid). */
const validate = async (xml: string, main: 'dxp-terminal-node.xsd' | 'dxp-transfer-node.xsd') => {
  const preload = [schemaFile('xmldsig-core-schema.xsd')];
  if (main === 'dxp-transfer-node.xsd') {
    preload.push(schemaFile('dxp-terminal-node.xsd'));
  }
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [schemaFile(main)],
    preload,
  });
  return result.errors.map((error) => error.message);
};

const cebXml = await signCebMessage(unsignedSample('CEB621Message.xml'), testSigner('sm2-sm3'));
const input: BuildDxpMessageInput = {
  copMsgId: 'ceb621-4CDE1CFD-EDED-46B1-946C-B8022E42FC94',
  senderId: 'DXPLGS0000000001',
  receiverIds: [CEB_IMPORT_RECEIVER_ID],
  createdAt: '2026-11-27T13:45:00',
  messageType: 'CEB621Message',
  data: cebXml,
};

const fieldErrorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) {
      return { code: error.code, fields: (error.fieldErrors ?? []).map((e) => `${e.field}:${e.code}`) };
    }
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('DxpMsg', () => {
  it('wraps a signed CEB message; parsing gives it back byte for byte, still verifying', () => {
    const xml = buildDxpMessage(input);
    expect(xml).toContain('<dxp:DxpMsg ver="1.0" xmlns:dxp="http://www.chinaport.gov.cn/dxp">');
    expect(xml).toContain(`<dxp:Data>${Buffer.from(cebXml, 'utf8').toString('base64')}</dxp:Data>`);
    const parsed = parseDxpMessage(xml);
    expect(parsed).toEqual({
      copMsgId: input.copMsgId,
      senderId: input.senderId,
      receiverIds: ['DXPEDCCEB0000002'],
      createdAt: '2026-11-27T13:45:00',
      messageType: 'CEB621Message',
      cebXml,
      hasSignature: false,
    });
    expect(verifyCebSignature(parsed.cebXml)).toMatchObject({ valid: true, algorithm: 'sm2-sm3' });
  });

  it('validates against the official DXP schema (终端节点报文.xsd), with and without AddInfo', async () => {
    expect(await validate(buildDxpMessage(input), 'dxp-terminal-node.xsd')).toEqual([]);
    const full = buildDxpMessage({
      ...input,
      receiverIds: [CEB_IMPORT_RECEIVER_ID, CEB_EXPORT_RECEIVER_ID],
      messageType: '',
      addInfo: {
        fileName: 'CEB621Message_4CDE1CFD.xml',
        icCard: '1234567890123',
        bizKeys: [{ name: 'orderNo', value: 'order2016030811340001' }, { value: 'L201603081138007' }],
        isTextEncoding: 'UTF-8',
        recMapId: '',
      },
    });
    expect(await validate(full, 'dxp-terminal-node.xsd')).toEqual([]);
    expect(parseDxpMessage(full).addInfo).toEqual({
      fileName: 'CEB621Message_4CDE1CFD.xml',
      icCard: '1234567890123',
      bizKeys: [{ name: 'orderNo', value: 'order2016030811340001' }, { value: 'L201603081138007' }],
      isTextEncoding: 'UTF-8',
      recMapId: '',
    });
    // The schema does catch what it should: a sixth receiver.
    const six = buildDxpMessage(input).replace(
      '</dxp:ReceiverIds>',
      `${'<dxp:ReceiverId>R</dxp:ReceiverId>'.repeat(5)}</dxp:ReceiverIds>`,
    );
    expect((await validate(six, 'dxp-terminal-node.xsd')).length).toBeGreaterThan(0);
  });

  it('writes a Date as Beijing local time, which is what E-port expects', () => {
    const xml = buildDxpMessage({ ...input, createdAt: new Date('2026-11-27T05:45:00.000Z') });
    expect(parseDxpMessage(xml).createdAt).toBe('2026-11-27T13:45:00');
  });

  it('the receiver ids are the import and export CEB receivers', () => {
    expect([CEB_IMPORT_RECEIVER_ID, CEB_EXPORT_RECEIVER_ID]).toEqual([
      'DXPEDCCEB0000002',
      'DXPEDCCEB0000003',
    ]);
  });

  it('refuses, field by field, what the XSD forbids', () => {
    expect(
      fieldErrorsOf(() =>
        buildDxpMessage({
          ...input,
          copMsgId: 'x'.repeat(256),
          senderId: 'DXPLGS00000000011',
          receiverIds: ['A', 'B', 'C', 'D', 'E', ''],
          createdAt: '2026-11-27 13:45:00',
          messageType: 'M'.repeat(31),
          data: '',
          addInfo: { icCard: '12345678901234', bizKeys: Array.from({ length: 6 }, () => ({ value: 'k' })) },
        }),
      ),
    ).toEqual({
      code: 'customs.dxp_invalid',
      fields: [
        'copMsgId:customs.dxp_too_long',
        'senderId:customs.dxp_too_long',
        'receiverIds:customs.dxp_too_many',
        'receiverIds[5]:customs.dxp_required',
        'createdAt:customs.dxp_invalid_datetime',
        'messageType:customs.dxp_too_long',
        'data:customs.dxp_required',
        'addInfo.icCard:customs.dxp_too_long',
        'addInfo.bizKeys:customs.dxp_too_many',
      ],
    });
    expect(fieldErrorsOf(() => buildDxpMessage({ ...input, receiverIds: [] })).fields).toEqual([
      'receiverIds:customs.dxp_required',
    ]);
    expect(fieldErrorsOf(() => buildDxpMessage({ ...input, senderId: 'DXP\u0001' })).fields).toEqual([
      'senderId:customs.dxp_invalid_characters',
    ]);
    // Lengths count characters, as XSD does: 16 Chinese characters fit a 16-character field.
    expect(() => buildDxpMessage({ ...input, senderId: '电'.repeat(16) })).not.toThrow();
  });

  it('parsing refuses what is not a DXP message, bad Data, and hostile XML', () => {
    const xml = buildDxpMessage(input);
    expect(fieldErrorsOf(() => parseDxpMessage(cebXml)).fields).toEqual(['xml:customs.dxp_not_dxp_message']);
    const dataPattern = /<dxp:Data>[^<]*<\/dxp:Data>/;
    expect(
      fieldErrorsOf(() => parseDxpMessage(xml.replace(dataPattern, '<dxp:Data>**not base64**</dxp:Data>')))
        .fields,
    ).toEqual(['data:customs.dxp_invalid_base64']);
    const latin1 = Buffer.from([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]).toString('base64');
    expect(
      fieldErrorsOf(() => parseDxpMessage(xml.replace(dataPattern, `<dxp:Data>${latin1}</dxp:Data>`))).fields,
    ).toEqual(['data:customs.dxp_invalid_utf8']);
    expect(
      fieldErrorsOf(() => parseDxpMessage(xml.replace(/<dxp:SenderId>[^<]*/, '<dxp:SenderId>'))).fields,
    ).toEqual(['senderId:customs.dxp_required']);
    expect(
      fieldErrorsOf(() => parseDxpMessage('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'))
        .code,
    ).toBe('http.validation_failed');
  });

  it('reads the server-side DxpMsgSv envelope, which validates against 传输节点报文.xsd', async () => {
    const inner = buildDxpMessage(input)
      .replace(/^<\?xml[^>]*>\n/, '')
      .replace(' xmlns:dxp="http://www.chinaport.gov.cn/dxp"', '');
    const server = `<?xml version="1.0" encoding="UTF-8"?>
<dxp:DxpMsgSv ver="1.0" xmlns:dxp="http://www.chinaport.gov.cn/dxp">
  <dxp:SvNo Ver="1.0">
    <dxp:MsgId>EDC000012026112713450000000001</dxp:MsgId>
    <dxp:SendTime>2026-11-27T13:45:01</dxp:SendTime>
    <dxp:EndNode>EDCCEB01</dxp:EndNode>
    <dxp:StaNode>EDC00001</dxp:StaNode>
  </dxp:SvNo>
${inner}</dxp:DxpMsgSv>
`;
    expect(await validate(server, 'dxp-transfer-node.xsd')).toEqual([]);
    const parsed = parseDxpMessage(server);
    expect(parsed.serverNode).toEqual({
      msgId: 'EDC000012026112713450000000001',
      sendTime: '2026-11-27T13:45:01',
      endNode: 'EDCCEB01',
      staNode: 'EDC00001',
    });
    expect(parsed.cebXml).toBe(cebXml);
    expect(fieldErrorsOf(() => parseDxpMessage(server.replace('EDCCEB01', 'EDCCEB012'))).fields).toEqual([
      'serverNode.endNode:customs.dxp_too_long',
    ]);
  });

  it('property: any valid envelope validates against the XSD and parses back to its input', async () => {
    // XML-carriable text without surrounding whitespace (the parser trims values it reads).
    const text = (minLength: number, maxLength: number) =>
      fc
        .string({ unit: 'binary', minLength, maxLength })
        .map((value) => value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').trim())
        .filter((value) => value.length >= minLength && [...value].length <= maxLength);
    const dateTime = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 19));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          copMsgId: text(1, 255),
          senderId: text(1, 16),
          receiverIds: fc.array(text(1, 16), { minLength: 1, maxLength: 5 }),
          createdAt: dateTime,
          messageType: text(0, 30),
          data: text(1, 200),
        }),
        async (random) => {
          const xml = buildDxpMessage(random);
          const { cebXml: data, hasSignature, ...transInfo } = parseDxpMessage(xml);
          expect({ ...transInfo, data }).toEqual(random);
          expect(hasSignature).toBe(false);
          expect(await validate(xml, 'dxp-terminal-node.xsd')).toEqual([]);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});

describe('DxpRep', () => {
  const response = {
    receiverId: 'DXPLGS0000000001',
    responses: [
      {
        responseCode: '0',
        responseInfo: '报文接收成功',
        results: [{ recId: CEB_IMPORT_RECEIVER_ID, code: '0', info: '' }],
        noticeTime: '2026-11-27',
        oriHead: {
          copMsgId: input.copMsgId,
          senderId: input.senderId,
          receiverIds: [CEB_IMPORT_RECEIVER_ID],
          createdAt: '2026-11-27T13:45:00',
          messageType: 'CEB621Message',
        },
      },
    ],
  };

  it('builds a response that validates against the XSD and parses back', async () => {
    const xml = buildDxpResponse(response);
    expect(xml).toContain('<dxp:RecevierId>DXPLGS0000000001</dxp:RecevierId>');
    expect(await validate(xml, 'dxp-terminal-node.xsd')).toEqual([]);
    expect(parseDxpResponse(xml)).toEqual(response);
  });

  it('writes a Date notice time as the Beijing day, and refuses what the XSD forbids', () => {
    const first = response.responses[0];
    if (first === undefined) {
      throw new Error('fixture');
    }
    const late = buildDxpResponse({
      ...response,
      responses: [{ ...first, noticeTime: new Date('2026-11-27T17:30:00Z') }],
    });
    expect(parseDxpResponse(late).responses[0]?.noticeTime).toBe('2026-11-28');
    expect(
      fieldErrorsOf(() =>
        buildDxpResponse({
          receiverId: 'DXPLGS00000000012',
          responses: [
            { ...first, responseCode: '1234567890', noticeTime: '2026-11-27T13:45:00', results: [] },
          ],
        }),
      ).fields,
    ).toEqual([
      'receiverId:customs.dxp_too_long',
      'responses[0].responseCode:customs.dxp_too_long',
      'responses[0].results:customs.dxp_required',
      'responses[0].noticeTime:customs.dxp_invalid_date',
    ]);
    expect(fieldErrorsOf(() => buildDxpResponse({ receiverId: 'R', responses: [] })).fields).toEqual([
      'responses:customs.dxp_required',
    ]);
  });
});
