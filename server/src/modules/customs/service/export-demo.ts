import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import { fen, guidFrom, pick, random, yuan } from '../demo/demo-random.ts';
import type { CustomsDeps } from '../deps.ts';
import { buildCebMessage, type CebRecord } from '../formats/ceb/index.ts';
import { decideWarehouse, fileWarehouse } from './export-warehouses.ts';
import { receiptTime } from './receipts.ts';
import { receiveMessages } from './receive-messages.ts';

// A day of 9610 retail-export parcels of the Yiwu exporter for the demo, the tests and the browser
// journey: per parcel the order (CEB303), collection voucher (CEB403), waybill (CEB505) and export
// list (CEB603) as XML. Deterministic per seed and prefix. Amounts are built in fen (bigint), never
// floats. Codes of companies, customs office (2924) and destination countries other than 142/116
// are ILLUSTRATIVE (reference §1: verify against the JGS-20 code set).

export type DemoExportParcel = {
  orderNo: string;
  logisticsNo: string;
  defect: 'none' | 'receipts_enterprise';
  order: string;
  receipts: string;
  waybill: string;
  inventory: string;
};

export type DemoExportOptions = {
  count: number;
  seed?: number;
  /** Share of parcels whose voucher names another e-commerce enterprise (fail matching), 0..1. */
  defectRate?: number;
  /** YYYYMMDD of the declarations. */
  day?: string;
  prefix?: string;
  /** 9610 by default; 9710/9810 make B2B lists (9810 names `warehouseFilingNo`). */
  tradeMode?: '9610' | '9710' | '9810';
  warehouseFilingNo?: string;
  /** Multiplies every quantity (to push a B2B shipment over CNY 5,000). */
  quantityFactor?: number;
};

export const demoExportParties = {
  ebpCode: '3318960001',
  ebpName: '义乌小商品跨境出口平台有限公司',
  ebcCode: '3318960008',
  ebcName: '义乌市商城日用品进出口有限公司',
  payCode: '3301968888',
  payName: '示例支付有限公司',
  logisticsCode: '3318980002',
  logisticsName: '义乌国际陆港物流有限公司',
  agentCode: '3318980005',
  agentName: '义乌报关服务有限公司',
  customsCode: '2924',
  dxpId: 'DXPENT0000000002',
} as const;

const catalogue = [
  {
    gcode: '9505100000',
    name: '圣诞装饰品',
    model: '塑料制,彩色',
    unit: '007',
    price: '12.50',
    weight: '0.2',
  },
  { gcode: '6702100000', name: '塑料仿真花', model: '塑料制,束', unit: '007', price: '8.80', weight: '0.1' },
  { gcode: '4202220000', name: '手提包', model: '化纤面料', unit: '007', price: '46.00', weight: '0.6' },
  { gcode: '6117100000', name: '针织围巾', model: '腈纶,针织', unit: '011', price: '19.90', weight: '0.15' },
  { gcode: '9615110000', name: '塑料梳子', model: '硬质塑料', unit: '007', price: '3.20', weight: '0.05' },
] as const;
const destinations = ['116', '304', '502'] as const;

/** Grams as kilograms with 3 decimals. */
const kg = (grams: bigint): string => `${grams / 1000n}.${String(grams % 1000n).padStart(3, '0')}`;

/** Builds `count` export parcels' four messages each. */
export const generateDemoExportParcels = (options: DemoExportOptions): DemoExportParcel[] => {
  const prefix = options.prefix ?? 'YW';
  const next = random(
    [...prefix].reduce(
      (seed, ch) => Math.imul(seed ^ ch.charCodeAt(0), 16777619) >>> 0,
      options.seed ?? 20261127,
    ),
  );
  const p = demoExportParties;
  const day = options.day ?? '20261127';
  const tradeMode = options.tradeMode ?? '9610';
  const factor = BigInt(options.quantityFactor ?? 1);
  const defectRate = options.defectRate ?? 0;
  const baseTransfer = (copCode: string, copName: string): CebRecord => ({
    copCode,
    copName,
    dxpMode: 'DXP',
    dxpId: p.dxpId,
  });
  const parcels: DemoExportParcel[] = [];
  for (let n = 0; n < options.count; n += 1) {
    const seconds = Math.floor((n / Math.max(options.count, 1)) * 80_000) + 3_600;
    const time = `${day}${String(Math.floor(seconds / 3600)).padStart(2, '0')}${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}${String(seconds % 60).padStart(2, '0')}`;
    const orderNo = `${prefix}E${day}${String(n + 1).padStart(7, '0')}`;
    const logisticsNo = `YWE${day.slice(2)}${prefix}${String(n + 1).padStart(8, '0')}`;
    const country = pick(next, destinations);
    const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, i) => {
      const item = pick(next, catalogue);
      const qty = BigInt(1 + Math.floor(next() * 5)) * factor;
      return { gnum: i + 1, item, qty, totalFen: fen(item.price) * qty };
    });
    const goodsFen = lines.reduce((sum, line) => sum + line.totalFen, 0n);
    const freightFen = 2500n;
    const grams = lines.reduce((sum, line) => sum + fen(line.item.weight) * 10n * line.qty, 0n);
    const weight = kg(grams);
    const defect: DemoExportParcel['defect'] = next() < defectRate ? 'receipts_enterprise' : 'none';
    const order = buildCebMessage('CEB303', {
      guid: guidFrom(next),
      documents: [
        {
          OrderHead: {
            guid: guidFrom(next),
            appType: '1',
            appTime: time,
            appStatus: '2',
            orderType: 'E',
            orderNo,
            ebpCode: p.ebpCode,
            ebpName: p.ebpName,
            ebcCode: p.ebcCode,
            ebcName: p.ebcName,
            goodsValue: yuan(goodsFen),
            freight: yuan(freightFen),
            currency: '142',
          },
          OrderList: lines.map((line) => ({
            gnum: String(line.gnum),
            itemNo: `YW-${line.item.gcode.slice(0, 6)}`,
            itemName: line.item.name,
            unit: line.item.unit,
            currency: '142',
            qty: String(line.qty),
            price: line.item.price,
            totalPrice: yuan(line.totalFen),
          })),
        },
      ],
      baseTransfer: baseTransfer(p.ebpCode, p.ebpName),
    });
    const receipts = buildCebMessage('CEB403', {
      guid: guidFrom(next),
      documents: [
        {
          guid: guidFrom(next),
          appType: '1',
          appTime: time,
          appStatus: '2',
          ebpCode: p.ebpCode,
          ebpName: p.ebpName,
          ebcCode: defect === 'receipts_enterprise' ? '3318960099' : p.ebcCode,
          ebcName: p.ebcName,
          orderNo,
          payCode: p.payCode,
          payName: p.payName,
          payNo: `R${day}${String(n + 1).padStart(9, '0')}`,
          charge: yuan(goodsFen + freightFen),
          currency: '142',
          accountingDate: time,
        },
      ],
      baseTransfer: baseTransfer(p.payCode, p.payName),
    });
    const waybill = buildCebMessage('CEB505', {
      guid: guidFrom(next),
      documents: [
        {
          guid: guidFrom(next),
          appType: '1',
          appTime: time,
          appStatus: '2',
          logisticsCode: p.logisticsCode,
          logisticsName: p.logisticsName,
          logisticsNo,
          freight: yuan(freightFen),
          insuredFee: '0',
          currency: '142',
          grossWeight: weight,
          packNo: '1',
          goodsInfo: lines.map((line) => line.item.name).join(','),
          ebcCode: p.ebcCode,
          ebcName: p.ebcName,
        },
      ],
      baseTransfer: baseTransfer(p.logisticsCode, p.logisticsName),
    });
    const inventory = buildCebMessage('CEB603', {
      guid: guidFrom(next),
      documents: [
        {
          InventoryHead: {
            guid: guidFrom(next),
            appType: '1',
            appTime: time,
            appStatus: '2',
            customsCode: p.customsCode,
            ebpCode: p.ebpCode,
            ebpName: p.ebpName,
            orderNo,
            logisticsCode: p.logisticsCode,
            logisticsName: p.logisticsName,
            logisticsNo,
            copNo: `C${orderNo.slice(-20)}`,
            ieFlag: 'E',
            portCode: p.customsCode,
            ieDate: day,
            statisticsFlag: tradeMode === '9610' ? 'A' : 'B',
            agentCode: p.agentCode,
            agentName: p.agentName,
            ebcCode: p.ebcCode,
            ebcName: p.ebcName,
            ownerCode: p.ebcCode,
            ownerName: p.ebcName,
            tradeMode,
            trafMode: '5',
            country,
            POD: country === '116' ? 'NRT' : country === '304' ? 'HAM' : 'LAX',
            freight: yuan(freightFen),
            fCurrency: '142',
            fFlag: '3',
            insuredFee: '0',
            iCurrency: '142',
            iFlag: '3',
            wrapType: '2',
            packNo: '1',
            grossWeight: weight,
            netWeight: weight,
            ...(tradeMode === '9810' && options.warehouseFilingNo !== undefined
              ? { note: `海外仓 ${options.warehouseFilingNo}` }
              : {}),
          },
          InventoryList: lines.map((line) => ({
            gnum: String(line.gnum),
            itemNo: `YW-${line.item.gcode.slice(0, 6)}`,
            itemName: line.item.name,
            gcode: line.item.gcode,
            gname: line.item.name,
            gmodel: line.item.model,
            barCode: '无',
            country,
            currency: '142',
            qty: String(line.qty),
            qty1: String(line.qty),
            unit: line.item.unit,
            unit1: line.item.unit,
            price: line.item.price,
            totalPrice: yuan(line.totalFen),
          })),
        },
      ],
      baseTransfer: baseTransfer(p.agentCode, p.agentName),
    });
    parcels.push({ orderNo, logisticsNo, defect, order, receipts, waybill, inventory });
  }
  return parcels;
};

type SeedAudit = (
  ex: Executor,
  change: { organisationId: string; object: { type: string; id: string } | null },
) => Promise<void>;

/**
 * The demo's export side, when the hub is first seeded: the Yiwu exporter's day of 9610 parcels
 * (a few built not to match), its Hamburg overseas warehouse filed and approved by customs, and a
 * few 9710/9810 lists (one over CNY 5,000, which must go on a declaration form). Nothing happens
 * when the exporter has filed a warehouse already, so seeding twice changes nothing.
 */
export const seedDemoExports = async (
  deps: CustomsDeps,
  ctx: { exporterId: string; customsId: string; audit: SeedAudit },
): Promise<void> => {
  const filed = await sql<{ n: number }>`select count(*)::int as n from customs.overseas_warehouse_filings
    where organisation_id = ${ctx.exporterId}`.execute(deps.db.kysely);
  if ((filed.rows[0]?.n ?? 0) > 0) {
    return;
  }
  const now = deps.now();
  const day = receiptTime(now).slice(0, 8);
  const send = async (parcels: readonly DemoExportParcel[]) => {
    const messages = parcels.flatMap((p) => [p.order, p.receipts, p.waybill, p.inventory]);
    for (let start = 0; start < messages.length; start += 100) {
      await receiveMessages(
        deps,
        { organisationId: ctx.exporterId, audit: ctx.audit },
        messages.slice(start, start + 100),
      );
    }
  };
  await send(
    generateDemoExportParcels({ count: 20, seed: 20261127, defectRate: 0.1, prefix: 'YWSEED', day }),
  );
  const filing = await deps.db.transaction(async (trx) => {
    const created = await fileWarehouse(
      trx,
      ctx.exporterId,
      {
        name: 'Hailian Hamburg Overseas Warehouse',
        country: 'DE',
        address: 'Am Sandtorkai 12, 20457 Hamburg',
        areaM2: '8600',
        operator: 'Ningbo Hailian International Freight Forwarding Co., Ltd.',
        proofDocumentId: 'LEASE-HH-2026-001',
      },
      now,
    );
    await ctx.audit(trx, {
      organisationId: ctx.exporterId,
      object: { type: 'warehouse_filing', id: created.id },
    });
    await decideWarehouse(
      trx,
      { organisationId: ctx.customsId, isCustoms: true },
      created.id,
      { outcome: 'approve', note: '备案通过 Filing approved' },
      now,
    );
    await ctx.audit(trx, {
      organisationId: ctx.customsId,
      object: { type: 'warehouse_filing', id: created.id },
    });
    return created;
  });
  await send([
    ...generateDemoExportParcels({
      count: 3,
      seed: 9810,
      prefix: 'YWOW',
      day,
      tradeMode: '9810',
      warehouseFilingNo: filing.filingNo,
    }),
    ...generateDemoExportParcels({ count: 2, seed: 9710, prefix: 'YWB2B', day, tradeMode: '9710' }),
    ...generateDemoExportParcels({
      count: 1,
      seed: 9711,
      prefix: 'YWBIG',
      day,
      tradeMode: '9710',
      quantityFactor: 400,
    }),
  ]);
};
