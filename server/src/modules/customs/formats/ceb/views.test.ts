import { AppError } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import {
  type CebComplexElement,
  type CebElement,
  type CebMessageType,
  cebMessageModel,
  parseCebMessage,
  readImportInventory,
  readImportOrder,
  readImportPayment,
  readImportWaybill,
  readInventoryCancel,
  readInventoryRefund,
} from './index.ts';
import { officialSamples } from './test-support.ts';

const sample = (messageType: CebMessageType) =>
  parseCebMessage(officialSamples().find((s) => s.messageType === messageType)?.xml ?? '', {
    businessRules: false,
  });

const findElement = (element: CebElement, name: string): CebComplexElement | undefined => {
  if (element.kind !== 'complex') {
    return undefined;
  }
  if (element.name === name) {
    return element;
  }
  for (const child of element.children) {
    const found = findElement(child, name);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
};

/** Every key of `value` is a field of that element in the compiled model. */
const expectModelFields = (messageType: CebMessageType, elementName: string, value: object) => {
  const element = findElement(cebMessageModel(messageType).root, elementName);
  const names = element?.children.map((child) => child.name) ?? [];
  expect(names.length).toBeGreaterThan(0);
  expect(Object.keys(value).filter((key) => !names.includes(key))).toEqual([]);
};

describe('typed views over the official import samples', () => {
  it('readImportOrder (CEB311, built from the reference example)', async () => {
    // There is no official CEB311 sample; the bad-input fixture is a valid CEB311.
    const { buildCebMessage } = await import('./index.ts');
    const { validIdNumber } = await import('./test-support.ts');
    const guid = '6F1C2A9E-5B7D-4E21-9C0A-1D2E3F4A5B6C';
    const head = {
      guid,
      appType: '1',
      appTime: '20250301101500',
      appStatus: '2',
      orderType: 'I',
      orderNo: 'ZJ1',
      ebpCode: 'E1',
      ebpName: 'P',
      ebcCode: 'E2',
      ebcName: 'C',
      goodsValue: '400',
      freight: '10',
      discount: '20',
      taxTotal: '37.31',
      acturalPaid: '427.31',
      currency: '142',
      buyerRegNo: 'u',
      buyerName: '张三',
      buyerTelephone: '1',
      buyerIdType: '1',
      buyerIdNumber: validIdNumber(5),
      consignee: '张三',
      consigneeTelephone: '1',
      consigneeAddress: 'A',
    };
    const line = {
      gnum: '1',
      itemName: 'x',
      gmodel: 'm',
      unit: '122',
      qty: '2',
      price: '200',
      totalPrice: '400',
      currency: '142',
      country: '609',
    };
    const xml = buildCebMessage('CEB311', {
      guid,
      documents: [{ OrderHead: head, OrderList: [line] }],
      baseTransfer: { copCode: 'E2', copName: 'C', dxpMode: 'DXP', dxpId: 'DXPENT0000000000' },
    });
    const [order] = readImportOrder(parseCebMessage(xml, { today: '2026-11-27' }));
    expect(order?.head.acturalPaid).toBe('427.31');
    expect(order?.lines).toEqual([line]);
    expectModelFields('CEB311', 'OrderHead', order?.head ?? {});
  });

  it('readImportPayment (CEB411)', () => {
    const payments = readImportPayment(sample('CEB411'));
    expect(payments).toHaveLength(10);
    expect(payments[0]?.payerIdType).toBe('1');
    expect(typeof payments[0]?.amountPaid).toBe('string');
    expectModelFields('CEB411', 'PaymentHead', payments[0] ?? {});
  });

  it('readImportWaybill (CEB511)', () => {
    const waybills = readImportWaybill(sample('CEB511'));
    expect(waybills).toHaveLength(6);
    expect(waybills[0]?.logisticsNo).toBeTruthy();
    expectModelFields('CEB511', 'LogisticsHead', waybills[0] ?? {});
  });

  it('readImportInventory (CEB621)', () => {
    const inventories = readImportInventory(sample('CEB621'));
    expect(inventories).toHaveLength(10);
    expect(inventories[0]?.head.orderNo).toBe('order2016030811340001');
    expect(inventories[0]?.lines.map((l) => [l.gnum, l.qty, l.price, l.totalPrice])).toEqual([
      ['1', '100', '20', '20'],
      ['2', '200', '60', '12'],
    ]);
    expectModelFields('CEB621', 'InventoryHead', inventories[0]?.head ?? {});
    expectModelFields('CEB621', 'InventoryList', inventories[0]?.lines[0] ?? {});
  });

  it('readInventoryCancel (CEB623)', () => {
    const cancels = readInventoryCancel(sample('CEB623'));
    expect(cancels).toHaveLength(10);
    expect(cancels[0]?.reason).toBeTruthy();
    expectModelFields('CEB623', 'InvtCancel', cancels[0] ?? {});
  });

  it('readInventoryRefund (CEB625, generated: there is no official sample)', async () => {
    const { buildCebMessage } = await import('./index.ts');
    const fc = (await import('fast-check')).default;
    const { messageInputArbitrary, withSampleSignature } = await import('./test-support.ts');
    const [input] = fc.sample(messageInputArbitrary('CEB625'), { numRuns: 1, seed: 3 });
    const xml = withSampleSignature(
      buildCebMessage('CEB625', input ?? { guid: '', documents: [] }),
      'CEB625',
    );
    const refunds = readInventoryRefund(parseCebMessage(xml, { today: '2026-11-27' }));
    expect(refunds.length).toBe(input?.documents.length);
    expect(refunds[0]?.head).toEqual(input?.documents[0]?.InvtRefundHead);
    expectModelFields('CEB625', 'InvtRefundList', refunds[0]?.lines[0] ?? {});
  });

  it('refuses a message of another type', () => {
    expect(() => readImportOrder(sample('CEB411'))).toThrow(AppError);
    expect(() => readImportOrder(sample('CEB411'))).toThrow(
      expect.objectContaining({ code: 'customs.wrong_message_type' }),
    );
  });
});
