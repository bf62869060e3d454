import { buildCebMessage } from '../formats/ceb/index.ts';
import type { InboundInput } from '../service/bonded-stock.ts';
import { demoBondedItemRecordNo, demoCatalogue, generateDemoParcels } from './demo-parcels.ts';
import { signAsDemoDeclarant } from './demo-signer.ts';

// A demo bonded warehouse (1210): the Hangzhou e-commerce enterprise's account book in a bonded
// zone, the goods it declares into it under one master bill, and the supervised site's CEB711
// inbound list for that bill, which makes them stock. Codes are invented for the demo.

export const demoBondedWarehouse = {
  emsNo: 'T2991W000001',
  areaCode: '3301968001',
  areaName: '杭州综保区示例保税仓储有限公司',
  ebcCode: '3301960002',
  operatorCode: '3301968001',
  operatorName: '杭州综保区示例保税仓储有限公司',
  customsCode: '2991',
} as const;

/** The goods declared into the demo book under `billNo`, `perItem` of each catalogue good. */
export const demoBondedInbound = (billNo: string, perItem = '200'): InboundInput => ({
  ebcCode: demoBondedWarehouse.ebcCode,
  areaCode: demoBondedWarehouse.areaCode,
  emsNo: demoBondedWarehouse.emsNo,
  billNo,
  operatorCode: demoBondedWarehouse.operatorCode,
  lines: demoCatalogue.map((item) => ({
    itemRecordNo: demoBondedItemRecordNo(item.gcode),
    gcode: item.gcode,
    gname: item.name,
    unit: item.unit,
    qty: perItem,
  })),
});

/** The site operator's CEB711 inbound list for the bill (unsigned: sign it before declaring). */
export const demoDeliveryList = (input: {
  guid: string;
  billNo: string;
  rkdNo: string;
  appTime: string;
}): string =>
  buildCebMessage('CEB711', {
    guid: input.guid,
    documents: [
      {
        DeliveryHead: {
          guid: input.guid,
          appType: '1',
          appTime: input.appTime,
          appStatus: '2',
          customsCode: demoBondedWarehouse.customsCode,
          copNo: `RK${input.rkdNo.slice(-10)}`,
          rkdNo: input.rkdNo,
          operatorCode: demoBondedWarehouse.operatorCode,
          operatorName: demoBondedWarehouse.operatorName,
          ieFlag: 'I',
          trafMode: '2',
          trafNo: 'MSCDEMO',
          voyageNo: '2611E',
          billNo: input.billNo,
          logisticsCode: '3102980003',
          logisticsName: '宁波海联国际货运代理有限公司',
        },
        DeliveryList: [{ gnum: '1', logisticsNo: `${input.billNo}01` }],
      },
    ],
    baseTransfer: {
      copCode: demoBondedWarehouse.operatorCode,
      copName: demoBondedWarehouse.operatorName,
      dxpMode: 'DXP',
      dxpId: 'DXPENT0000000009',
    },
  });

/** Parcels the demo releases out of the bonded warehouse when the hub first starts. */
export const DEMO_BONDED_PARCELS = 8;

/**
 * The demo bonded warehouse: 120 of each good declared under one bill, the site's CEB711 for the
 * bill (so they are stock), then a few 1210 parcels released against the book. Run twice, the
 * declaration is refused as a duplicate and every message is a duplicate of itself.
 */
export const seedDemoBondedWarehouse = async <Ctx extends { organisationId: string }>(
  customs: {
    receiveMessages(ctx: Ctx, xmls: readonly string[]): Promise<unknown>;
    declareBondedInbound(organisationId: string, input: InboundInput): Promise<unknown>;
  },
  ctx: Ctx,
): Promise<void> => {
  const billNo = 'MSKU2026111001';
  await customs
    .declareBondedInbound(ctx.organisationId, demoBondedInbound(billNo, '120'))
    .catch((error: unknown) => {
      if ((error as { code?: string }).code !== 'customs.bonded_inbound_duplicate') {
        throw error;
      }
    });
  await customs.receiveMessages(ctx, [
    await signAsDemoDeclarant(
      demoDeliveryList({
        guid: 'B0ED0DE0-0000-4000-A000-000000000001',
        billNo,
        rkdNo: '299120261110000001',
        appTime: '20261110090000',
      }),
    ),
  ]);
  const parcels = generateDemoParcels({
    count: DEMO_BONDED_PARCELS,
    seed: 20261112,
    defectRate: 0,
    prefix: 'HZBOND',
    bonded: {
      emsNo: demoBondedWarehouse.emsNo,
      areaCode: demoBondedWarehouse.areaCode,
      areaName: demoBondedWarehouse.operatorName,
    },
  });
  const messages: string[] = [];
  for (const parcel of parcels) {
    messages.push(parcel.order, parcel.payment, parcel.waybill, await signAsDemoDeclarant(parcel.inventory));
  }
  await customs.receiveMessages(ctx, messages);
};
