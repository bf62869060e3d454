import { AppError } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import { untranslated } from '../../../../../test/support/web-i18n.ts';
import { buildCebMessage, buildCebReceipt, type CebRecord, MAX_ERRORS, parseCebMessage } from './index.ts';
import { officialSamples, validIdNumber } from './test-support.ts';

const today = '2026-11-27';
const GUID = '6F1C2A9E-5B7D-4E21-9C0A-1D2E3F4A5B6C';

const orderHead = (overrides: CebRecord = {}): CebRecord => ({
  guid: GUID,
  appType: '1',
  appTime: '20250301101500',
  appStatus: '2',
  orderType: 'I',
  orderNo: 'ZJ20250301000123',
  ebpCode: '3301XXXXXX',
  ebpName: '示例跨境平台',
  ebcCode: '3301YYYYYY',
  ebcName: '示例电商企业',
  goodsValue: '400.00',
  freight: '10.00',
  discount: '20.00',
  taxTotal: '37.31',
  acturalPaid: '427.31',
  currency: '142',
  buyerRegNo: 'u_88231',
  buyerName: '张三',
  buyerTelephone: '13800000000',
  buyerIdType: '1',
  buyerIdNumber: validIdNumber(1),
  consignee: '张三',
  consigneeTelephone: '13800000000',
  consigneeAddress: '浙江省杭州市西湖区示例路1号',
  ...overrides,
});

const orderLine = (gnum: number, overrides: CebRecord = {}): CebRecord => ({
  gnum: String(gnum),
  itemNo: 'SKU-001',
  itemName: '婴儿配方奶粉',
  gmodel: '4|3|牛奶粉|900g/罐|品牌X',
  unit: '122',
  qty: '2',
  price: '200.00',
  totalPrice: '400.00',
  currency: '142',
  country: '609',
  ...overrides,
});

const baseTransfer: CebRecord = {
  copCode: '3301YYYYYY',
  copName: '示例电商企业',
  dxpMode: 'DXP',
  dxpId: 'DXPENT0000000000',
};

const order = (head: CebRecord = {}, lines: CebRecord[] = [orderLine(1)]): CebRecord => ({
  OrderHead: orderHead(head),
  OrderList: lines,
});

const validXml = buildCebMessage('CEB311', { guid: GUID, documents: [order()], baseTransfer }, { today });

/** The AppError thrown by `run`, failing the test when nothing (or something else) is thrown. */
const errorOf = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an AppError');
};

const fieldErrorsOf = (xml: string) => {
  const error = errorOf(() => parseCebMessage(xml, { today }));
  expect(error.code).toBe('customs.message_invalid');
  return (error.fieldErrors ?? []).map(({ field, code }) => ({ field, code }));
};

const xmlErrorOf = (xml: string): string => {
  const error = errorOf(() => parseCebMessage(xml, { today }));
  expect(error.code).toBe('http.validation_failed');
  return error.fieldErrors?.[0]?.code ?? '';
};

describe('a valid CEB311 (reference §4.1 with a valid ID number)', () => {
  it('builds with the ceb: prefix and UTF-8 declaration, and parses back', () => {
    expect(validXml).toContain('<ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="');
    expect(validXml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const message = parseCebMessage(validXml, { today });
    expect(message.documents[0]?.OrderHead).toMatchObject({ acturalPaid: '427.31', goodsValue: '400.00' });
  });

  it('is also accepted in the default namespace, with a BOM', () => {
    const unprefixed = validXml
      .replace(/<(\/?)ceb:/g, '<$1')
      .replace('xmlns:ceb="http://www.chinaport.gov.cn/ceb"', 'xmlns="http://www.chinaport.gov.cn/ceb"');
    expect(parseCebMessage(`\uFEFF${unprefixed}`, { today }).messageType).toBe('CEB311');
  });
});

describe('bad input gets the right code and path', () => {
  it('malformed XML', () => {
    expect(xmlErrorOf(validXml.replace('</ceb:OrderHead>', ''))).toBe('xml.not_well_formed');
    expect(xmlErrorOf('<ceb:CEB311Message')).toBe('xml.not_well_formed');
  });

  it('empty input', () => {
    expect(fieldErrorsOf('  ')).toEqual([{ field: 'file', code: 'customs.required' }]);
  });

  it('wrong namespace, unknown root', () => {
    expect(
      fieldErrorsOf(validXml.replace('http://www.chinaport.gov.cn/ceb', 'http://example.com/ceb')),
    ).toEqual([{ field: 'CEB311Message', code: 'customs.wrong_namespace' }]);
    expect(fieldErrorsOf(validXml.replaceAll('CEB311Message', 'CEB999Message'))).toEqual([
      { field: 'CEB999Message', code: 'customs.unknown_message' },
    ]);
  });

  it('DOCTYPE, external entity, billion laughs', () => {
    const external = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${validXml.slice(39)}`;
    expect(xmlErrorOf(external)).toBe('xml.doctype_forbidden');
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb">&lol2;</ceb:CEB311Message>`;
    expect(xmlErrorOf(laughs)).toBe('xml.doctype_forbidden');
  });

  it('over 10 MB', () => {
    expect(xmlErrorOf(`${validXml}${' '.repeat(10 * 1024 * 1024)}`)).toBe('xml.too_large');
  });

  it('guid not 36 upper-case characters', () => {
    const lower = GUID.toLowerCase();
    expect(fieldErrorsOf(validXml.replaceAll(GUID, lower))).toEqual([
      { field: '@guid', code: 'customs.invalid_guid' },
      { field: 'Order[0].OrderHead.guid', code: 'customs.invalid_guid' },
    ]);
    expect(fieldErrorsOf(validXml.replace(`guid="${GUID}"`, `guid="${GUID.slice(1)}"`))).toEqual([
      { field: '@guid', code: 'customs.wrong_length' },
    ]);
    expect(fieldErrorsOf(validXml.replace(` guid="${GUID}"`, ''))).toEqual([
      { field: '@guid', code: 'customs.required' },
    ]);
  });

  it('a field over its length, too many decimals, not a decimal', () => {
    expect(fieldErrorsOf(validXml.replace('>ZJ20250301000123<', `>${'A'.repeat(61)}<`))).toEqual([
      { field: 'Order[0].OrderHead.orderNo', code: 'customs.too_long' },
    ]);
    const freight = fieldErrorsOf(validXml.replace('<ceb:freight>10.00<', '<ceb:freight>10.123456<'));
    expect(freight).toEqual([{ field: 'Order[0].OrderHead.freight', code: 'customs.too_many_decimals' }]);
    expect(fieldErrorsOf(validXml.replace('<ceb:freight>10.00<', '<ceb:freight>1e1<'))).toEqual([
      { field: 'Order[0].OrderHead.freight', code: 'customs.not_decimal' },
    ]);
    expect(fieldErrorsOf(validXml.replace('<ceb:freight>10.00<', `<ceb:freight>${'9'.repeat(20)}<`))).toEqual(
      [{ field: 'Order[0].OrderHead.freight', code: 'customs.too_many_digits' }],
    );
  });

  it('101 documents, 100 import lines', () => {
    const documents = Array.from({ length: 101 }, () => order());
    const many = buildCebMessage(
      'CEB311',
      { guid: GUID, documents: documents.slice(0, 100), baseTransfer },
      { today },
    );
    const block = /<ceb:Order>[\s\S]*?<\/ceb:Order>/.exec(many)?.[0] ?? '';
    expect(fieldErrorsOf(many.replace(block, `${block}\n${block}`))).toEqual([
      { field: 'Order[100]', code: 'customs.too_many' },
    ]);
    const lines = Array.from({ length: 99 }, (_, i) => orderLine(i + 1));
    const fullOrder = buildCebMessage(
      'CEB311',
      { guid: GUID, documents: [order({}, lines)], baseTransfer },
      { today },
    );
    const line = /<ceb:OrderList>[\s\S]*?<\/ceb:OrderList>/.exec(fullOrder)?.[0] ?? '';
    expect(fieldErrorsOf(fullOrder.replace(line, `${line}\n${line}`))).toEqual([
      { field: 'Order[0].OrderList[99]', code: 'customs.too_many' },
    ]);
    expect(() =>
      buildCebMessage('CEB311', {
        guid: GUID,
        documents: [order({}, [...lines, orderLine(100)])],
        baseTransfer,
      }),
    ).toThrow(expect.objectContaining({ code: 'customs.message_invalid' }));
  });

  it('amounts that do not add up', () => {
    expect(fieldErrorsOf(validXml.replace('>427.31<', '>427.30<'))).toEqual([
      { field: 'Order[0].OrderHead.acturalPaid', code: 'customs.amount_mismatch' },
    ]);
    expect(fieldErrorsOf(validXml.replace('<ceb:totalPrice>400.00<', '<ceb:totalPrice>399.99<'))).toEqual([
      { field: 'Order[0].OrderList[0].totalPrice', code: 'customs.amount_mismatch' },
    ]);
    // 400 and 400.00000 are the same amount.
    expect(
      parseCebMessage(validXml.replace('<ceb:totalPrice>400.00<', '<ceb:totalPrice>400.00000<'), { today }),
    ).toBeDefined();
  });

  it('an ID number with a bad check digit', () => {
    const good = validIdNumber(1);
    const bad = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    expect(fieldErrorsOf(validXml.replace(good, bad))).toEqual([
      { field: 'Order[0].OrderHead.buyerIdNumber', code: 'customs.id_number_invalid' },
    ]);
    // buyerIdType 2 (not an ID card) is not checked against GB 11643.
    expect(
      parseCebMessage(validXml.replace(good, bad).replace('<ceb:buyerIdType>1<', '<ceb:buyerIdType>2<'), {
        today,
      }),
    ).toBeDefined();
  });

  it('a CEB621 declaration (appStatus 2) without ds:Signature', () => {
    const sample = officialSamples().find((s) => s.messageType === 'CEB621')?.xml ?? '';
    const unsigned = sample.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
    const error = errorOf(() => parseCebMessage(unsigned, { businessRules: false }));
    expect(error.fieldErrors).toEqual([
      expect.objectContaining({ field: 'Signature', code: 'customs.signature_required' }),
    ]);
  });

  it('the signature rule itself, on a message that passed the schema', async () => {
    const { checkCebBusinessRules } = await import('./index.ts');
    const sample = officialSamples().find((s) => s.messageType === 'CEB621')?.xml ?? '';
    const message = parseCebMessage(sample, { businessRules: false });
    const { signature: _dropped, ...unsigned } = message;
    const codes = checkCebBusinessRules(unsigned, { today }).filter(
      (e) => e.code === 'customs.signature_required',
    );
    expect(codes).toEqual([expect.objectContaining({ field: 'Signature' })]);
  });

  it('unknown, missing and out-of-order elements, unknown attributes', () => {
    expect(
      fieldErrorsOf(validXml.replace('<ceb:orderNo>', '<ceb:orderNumber>x</ceb:orderNumber><ceb:orderNo>')),
    ).toEqual([{ field: 'Order[0].OrderHead.orderNumber', code: 'customs.unexpected_element' }]);
    expect(fieldErrorsOf(validXml.replace(/<ceb:orderNo>[^<]*<\/ceb:orderNo>/, ''))).toEqual([
      { field: 'Order[0].OrderHead.orderNo', code: 'customs.required' },
    ]);
    const swapped = validXml.replace(
      /(<ceb:orderType>[^<]*<\/ceb:orderType>)(\s*)(<ceb:orderNo>[^<]*<\/ceb:orderNo>)/,
      '$3$2$1',
    );
    expect(fieldErrorsOf(swapped)).toEqual([
      { field: 'Order[0].OrderHead.orderType', code: 'customs.out_of_order' },
    ]);
    expect(fieldErrorsOf(validXml.replace(`guid="${GUID}"`, `guid="${GUID}" extra="1"`))).toEqual([
      { field: '@extra', code: 'customs.unexpected_attribute' },
    ]);
    expect(fieldErrorsOf(validXml.replace('<ceb:Order>', '<ceb:Order>text'))).toEqual([
      { field: 'Order[0]', code: 'customs.unexpected_text' },
    ]);
  });

  it('dates, currency and code lists', () => {
    expect(fieldErrorsOf(validXml.replace('>20250301101500<', '>20250230101500<'))).toEqual([
      { field: 'Order[0].OrderHead.appTime', code: 'customs.invalid_date' },
    ]);
    expect(fieldErrorsOf(validXml.replace('>20250301101500<', '>20250301246000<'))).toEqual([
      { field: 'Order[0].OrderHead.appTime', code: 'customs.invalid_date' },
    ]);
    // The OrderHead currency is fixed="142" in the XSD; the OrderList one is only the business rule.
    expect(
      fieldErrorsOf(validXml.replace('<ceb:currency>142</ceb:currency>', '<ceb:currency>840</ceb:currency>')),
    ).toEqual([{ field: 'Order[0].OrderHead.currency', code: 'customs.not_in_code_list' }]);
    expect(fieldErrorsOf(validXml.replace('<ceb:appType>1<', '<ceb:appType>4<'))).toEqual([
      { field: 'Order[0].OrderHead.appType', code: 'customs.not_in_code_list' },
    ]);
    expect(fieldErrorsOf(validXml.replace('<ceb:appStatus>2<', '<ceb:appStatus>3<'))).toEqual([
      { field: 'Order[0].OrderHead.appStatus', code: 'customs.not_in_code_list' },
    ]);
  });

  it('collects many errors, at most MAX_ERRORS', () => {
    const documents = Array.from({ length: 60 }, () => order({ orderNo: 'A'.repeat(61) }));
    const xml = buildCebMessage(
      'CEB311',
      { guid: GUID, documents: documents.map(() => order()), baseTransfer },
      { today },
    );
    const broken = xml.replaceAll('>ZJ20250301000123<', `>${'A'.repeat(61)}<`);
    const errors = fieldErrorsOf(broken);
    expect(errors).toHaveLength(MAX_ERRORS);
    expect(errors[49]).toEqual({ field: 'Order[49].OrderHead.orderNo', code: 'customs.too_long' });
  });
});

describe('size', () => {
  it('accepts the largest CEB621 the XSD allows: 100 inventories × 99 lines (over 200,000 elements)', async () => {
    const { withSampleSignature } = await import('./test-support.ts');
    const sample = parseCebMessage(officialSamples().find((s) => s.messageType === 'CEB621')?.xml ?? '', {
      businessRules: false,
    });
    const inventory = sample.documents[0] as CebRecord;
    const line = (inventory.InventoryList as CebRecord[])[0] as CebRecord;
    const lines = Array.from({ length: 99 }, (_, i) => ({ ...line, gnum: String(i + 1) }));
    const documents = Array.from({ length: 100 }, () => ({ ...inventory, InventoryList: lines }));
    const xml = withSampleSignature(
      buildCebMessage(
        'CEB621',
        { guid: GUID, documents, ...(sample.baseTransfer ? { baseTransfer: sample.baseTransfer } : {}) },
        { businessRules: false },
      ),
      'CEB621',
    );
    expect((xml.match(/<ceb:/g) ?? []).length).toBeGreaterThan(200_000);
    expect(parseCebMessage(xml, { businessRules: false }).documents).toHaveLength(100);
  });
});

describe('the builders refuse what would not validate', () => {
  it('unknown fields, over-long values, decimals with too many places', () => {
    const bad = (documents: CebRecord[]) =>
      errorOf(() =>
        buildCebMessage('CEB311', { guid: GUID, documents, baseTransfer }, { today }),
      ).fieldErrors?.map(({ field, code }) => ({ field, code }));
    expect(bad([order({ orderNumber: 'x' })])).toEqual([
      { field: 'Order[0].OrderHead.orderNumber', code: 'customs.unexpected_element' },
    ]);
    expect(bad([order({ orderNo: 'A'.repeat(61) })])).toEqual([
      { field: 'Order[0].OrderHead.orderNo', code: 'customs.too_long' },
    ]);
    expect(bad([order({ freight: '1.123456', acturalPaid: '418.43' })])).toEqual([
      { field: 'Order[0].OrderHead.freight', code: 'customs.too_many_decimals' },
    ]);
    expect(bad([order({ acturalPaid: '1' })])).toEqual([
      { field: 'Order[0].OrderHead.acturalPaid', code: 'customs.amount_mismatch' },
    ]);
    expect(
      errorOf(() => buildCebMessage('CEB311', { guid: GUID, documents: [order()] })).fieldErrors?.[0],
    ).toMatchObject({
      field: 'BaseTransfer',
      code: 'customs.required',
    });
  });

  it('writes decimals without exponent and within the allowed places', () => {
    const xml = buildCebMessage(
      'CEB311',
      {
        guid: GUID,
        documents: [order({ goodsValue: '4E2', freight: '10.0000000', acturalPaid: '427.310000000' })],
        baseTransfer,
      },
      { today },
    );
    expect(xml).toContain('<ceb:goodsValue>400</ceb:goodsValue>');
    expect(xml).toContain('<ceb:freight>10.00000</ceb:freight>');
    expect(xml).toContain('<ceb:acturalPaid>427.31000</ceb:acturalPaid>');
  });

  it('buildCebReceipt writes a receipt from its return records', () => {
    const xml = buildCebReceipt('CEB622', {
      guid: GUID,
      returns: [
        {
          guid: GUID,
          customsCode: '2991',
          ebpCode: '3301XXXXXX',
          ebcCode: '3301YYYYYY',
          agentCode: '3301YYYYYY',
          copNo: 'C1',
          preNo: 'B20250301000001882',
          invtNo: '29912025I000012345',
          returnStatus: '800',
          returnTime: '20250301103012001',
          returnInfo: '放行',
        },
      ],
    });
    expect(parseCebMessage(xml, { today }).documents[0]).toMatchObject({
      returnStatus: '800',
      returnInfo: '放行',
    });
  });
});

describe('translations', () => {
  it('has en and zh-CN text in the web app for every field error code and error code of this module', async () => {
    const { CEB_FIELD_ERROR_CODES } = await import('./index.ts');
    const keys = [
      ...CEB_FIELD_ERROR_CODES.map((code) => `fieldErrors.${code}`),
      'errors.customs.message_invalid',
      'errors.customs.wrong_message_type',
    ];
    expect(keys.length).toBeGreaterThan(10);
    expect(untranslated(keys)).toEqual([]);
  });
});
