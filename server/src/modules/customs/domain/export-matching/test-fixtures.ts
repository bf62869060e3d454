import type { ExportDocuments } from './types.ts';

/** A matched 9610 export parcel: order, voucher, waybill and list that agree on every rule. */
export const matchedExport = (): Required<ExportDocuments> => ({
  order: {
    head: {
      orderNo: 'YWE1',
      ebpCode: '3318960001',
      ebcCode: '3318960008',
      goodsValue: '62.50',
      freight: '25',
      currency: '142',
    },
    lines: [{ gnum: '1', itemNo: 'YW-950510', qty: '5', totalPrice: '62.5', currency: '142' }],
  },
  receipts: {
    orderNo: 'YWE1',
    ebpCode: '3318960001',
    ebcCode: '3318960008',
    charge: '87.50',
    currency: '142',
  },
  waybill: {
    logisticsCode: '3318980002',
    logisticsNo: 'YWE0001',
    ebcCode: '3318960008',
    packNo: '1',
    grossWeight: '1.000',
  },
  inventory: {
    head: {
      orderNo: 'YWE1',
      ebpCode: '3318960001',
      ebcCode: '3318960008',
      logisticsCode: '3318980002',
      logisticsNo: 'YWE0001',
      packNo: '1',
      grossWeight: '1.04',
      tradeMode: '9610',
      ieFlag: 'E',
      statisticsFlag: 'A',
      country: '304',
      fCurrency: '142',
      iCurrency: '142',
    },
    lines: [
      {
        gnum: '1',
        itemNo: 'YW-950510',
        gcode: '9505100000',
        qty: '5.000',
        totalPrice: '62.50',
        currency: '142',
        country: '304',
        unit: '007',
        unit1: '007',
      },
    ],
  },
});
