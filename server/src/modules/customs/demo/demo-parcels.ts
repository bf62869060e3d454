import { prcIdCheckCharacter } from '@tradehub/kernel';
import { buildCebMessage, type CebRecord } from '../formats/ceb/index.ts';
import { fen, guidFrom, pick, random, yuan } from './demo-random.ts';

// A day of retail-import parcels for the Hangzhou demo platform, as the four CEB messages each
// parcel needs (order CEB311, payment CEB411, waybill CEB511, inventory list CEB621), built with
// the official schema model so every file validates against the customs XSD. Deterministic for a
// seed. A share of parcels is made to fail matching on purpose (the payment amount or the
// consignee's phone differs) so the clearance board has something to explain.

export type DemoParcel = {
  orderNo: string;
  logisticsNo: string;
  /** Why the parcel should fail matching, when it was built to. */
  defect: 'none' | 'payment_amount' | 'consignee_phone';
  order: string;
  payment: string;
  waybill: string;
  /** Unsigned (appStatus 1 would be a draft): the caller signs it before declaring. */
  inventory: string;
};

export type DemoParcelOptions = {
  count: number;
  seed?: number;
  /** Share of parcels built to fail matching, 0..1 (default 0.05). */
  defectRate?: number;
  /** YYYYMMDD of the declarations (default 20261111, Singles' Day). */
  day?: string;
  /** Prefix making order and waybill numbers unique across runs. */
  prefix?: string;
  /** The customs office (4 digits) and the demo companies' codes. */
  parties?: Partial<DemoParties>;
  /** 1210 bonded parcels out of this account book and warehouse (default: 9610 direct purchase). */
  bonded?: {
    emsNo: string;
    areaCode: string;
    areaName: string;
    /** Every parcel one unit of this catalogue good (a stock test's single item). */
    onlyGcode?: string;
  };
};

/** The demo's account-book item number of a catalogue good (1210 lists name it per line). */
export const demoBondedItemRecordNo = (gcode: string): string => `HZBS${gcode}`;

export type DemoParties = {
  ebpCode: string;
  ebpName: string;
  ebcCode: string;
  ebcName: string;
  payCode: string;
  payName: string;
  logisticsCode: string;
  logisticsName: string;
  agentCode: string;
  agentName: string;
  customsCode: string;
  dxpId: string;
};

const defaultParties: DemoParties = {
  ebpCode: '3301960002',
  ebpName: '杭州跨境优选电子商务有限公司',
  ebcCode: '3301960002',
  ebcName: '杭州跨境优选电子商务有限公司',
  payCode: '3301968888',
  payName: '示例支付有限公司',
  logisticsCode: '3102980003',
  logisticsName: '宁波海联国际货运代理有限公司',
  agentCode: '3301980005',
  agentName: '钱塘报关有限公司',
  customsCode: '2991',
  dxpId: 'DXPENT0000000001',
};

/** The goods the demo sells: codes of the illustrative tariff sample (data/tariff-sample.csv). */
const catalogue = [
  {
    gcode: '1901101000',
    name: '婴幼儿配方奶粉',
    model: '900g/罐|品牌A',
    unit: '122',
    price: '198.00',
    weight: '1.1',
  },
  {
    gcode: '3304990010',
    name: '精华面霜',
    model: '50ml/瓶|品牌B',
    unit: '142',
    price: '400.00',
    weight: '0.3',
  },
  {
    gcode: '2106909090',
    name: '鱼油软胶囊',
    model: '120粒/瓶|品牌C',
    unit: '142',
    price: '129.00',
    weight: '0.4',
  },
  {
    gcode: '1509200000',
    name: '特级初榨橄榄油',
    model: '750ml/瓶|品牌D',
    unit: '142',
    price: '89.50',
    weight: '0.9',
  },
  {
    gcode: '4202210000',
    name: '皮革手提包',
    model: '牛皮|品牌E',
    unit: '011',
    price: '1280.00',
    weight: '1.2',
  },
  {
    gcode: '0802120000',
    name: '去壳杏仁',
    model: '500g/袋|品牌F',
    unit: '122',
    price: '45.80',
    weight: '0.5',
  },
] as const;

const surnames = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '杰', '涛'];
const districts = ['330106', '330105', '330102', '330108', '330110'];
const streets = ['文三路', '天目山路', '莫干山路', '江南大道', '学院路', '教工路'];

/** A GB 11643 resident ID number with a valid check character, born between 1970 and 2004. */
const idNumber = (next: () => number, district: string): string => {
  const year = 1970 + Math.floor(next() * 35);
  const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
  const sequence = String(Math.floor(next() * 1000)).padStart(3, '0');
  const body = `${district}${year}${month}${day}${sequence}`;
  return `${body}${prcIdCheckCharacter(body)}`;
};

/** Builds `count` parcels' four messages each. */
export const generateDemoParcels = (options: DemoParcelOptions): DemoParcel[] => {
  const prefix = options.prefix ?? 'HZ';
  // The prefix takes part in the seed: two runs with other prefixes get other guids too.
  const next = random(
    [...prefix].reduce(
      (seed, ch) => Math.imul(seed ^ ch.charCodeAt(0), 16777619) >>> 0,
      options.seed ?? 20261111,
    ),
  );
  const parties = { ...defaultParties, ...options.parties };
  const day = options.day ?? '20261111';
  const defectRate = options.defectRate ?? 0.05;
  const baseTransfer = (copCode: string, copName: string): CebRecord => ({
    copCode,
    copName,
    dxpMode: 'DXP',
    dxpId: parties.dxpId,
  });
  const parcels: DemoParcel[] = [];
  for (let n = 0; n < options.count; n += 1) {
    const seconds = Math.floor((n / Math.max(options.count, 1)) * 86_000);
    const time = `${day}${String(Math.floor(seconds / 3600)).padStart(2, '0')}${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}${String(seconds % 60).padStart(2, '0')}`;
    const orderNo = `${prefix}${day}${String(n + 1).padStart(7, '0')}`;
    const logisticsNo = `YT${day.slice(2)}${String(n + 1).padStart(8, '0')}`;
    const district = pick(next, districts);
    const buyerName = `${pick(next, surnames)}${pick(next, givenNames)}${next() < 0.5 ? pick(next, givenNames) : ''}`;
    const buyerId = idNumber(next, district);
    const phone = `13${Math.floor(100_000_000 + next() * 899_999_999)}`;
    const address = `浙江省杭州市${pick(next, streets)}${1 + Math.floor(next() * 300)}号`;
    const only = catalogue.find((good) => good.gcode === options.bonded?.onlyGcode);
    const lineCount = only === undefined ? 1 + Math.floor(next() * 3) : 1;
    const lines = Array.from({ length: lineCount }, (_, i) => {
      const item = only ?? pick(next, catalogue);
      const qty = only !== undefined || item.price === '1280.00' ? 1 : 1 + Math.floor(next() * 3);
      return { gnum: i + 1, item, qty, totalFen: fen(item.price) * BigInt(qty) };
    });
    const goodsFen = lines.reduce((sum, line) => sum + line.totalFen, 0n);
    const freightFen = 1000n;
    // The pre-withheld estimate the platform shows the buyer: 9.1% of goods and freight.
    const taxFen = ((goodsFen + freightFen) * 91n + 500n) / 1000n;
    const paidFen = goodsFen + freightFen + taxFen;
    const defect: DemoParcel['defect'] =
      next() < defectRate ? (next() < 0.5 ? 'payment_amount' : 'consignee_phone') : 'none';
    const payTransactionId = `P${day}${String(n + 1).padStart(9, '0')}`;
    const weight = lines.reduce((sum, line) => sum + Number(line.item.weight) * line.qty, 0).toFixed(2);
    const order = buildCebMessage('CEB311', {
      guid: guidFrom(next),
      documents: [
        {
          OrderHead: {
            guid: guidFrom(next),
            appType: '1',
            appTime: time,
            appStatus: '2',
            orderType: 'I',
            orderNo,
            ebpCode: parties.ebpCode,
            ebpName: parties.ebpName,
            ebcCode: parties.ebcCode,
            ebcName: parties.ebcName,
            goodsValue: yuan(goodsFen),
            freight: yuan(freightFen),
            discount: '0',
            taxTotal: yuan(taxFen),
            acturalPaid: yuan(paidFen),
            currency: '142',
            buyerRegNo: `u${Math.floor(next() * 1e8)}`,
            buyerName,
            buyerTelephone: phone,
            buyerIdType: '1',
            buyerIdNumber: buyerId,
            payCode: parties.payCode,
            payName: parties.payName,
            payTransactionId,
            consignee: buyerName,
            consigneeTelephone: phone,
            consigneeAddress: address,
            consigneeDistrict: district,
          },
          OrderList: lines.map((line) => ({
            gnum: String(line.gnum),
            itemNo: `SKU-${line.item.gcode.slice(0, 6)}`,
            itemName: line.item.name,
            gmodel: line.item.model,
            unit: line.item.unit,
            qty: String(line.qty),
            price: line.item.price,
            totalPrice: yuan(line.totalFen),
            currency: '142',
            country: '116',
          })),
        },
      ],
      baseTransfer: baseTransfer(parties.ebcCode, parties.ebcName),
    });
    const payment = buildCebMessage('CEB411', {
      guid: guidFrom(next),
      documents: [
        {
          PaymentHead: {
            guid: guidFrom(next),
            appType: '1',
            appTime: time,
            appStatus: '2',
            payCode: parties.payCode,
            payName: parties.payName,
            payTransactionId,
            orderNo,
            ebpCode: parties.ebpCode,
            ebpName: parties.ebpName,
            payerIdType: '1',
            payerIdNumber: buyerId,
            payerName: buyerName,
            telephone: phone,
            amountPaid: yuan(defect === 'payment_amount' ? paidFen - 100n : paidFen),
            currency: '142',
            payTime: time,
          },
        },
      ],
      baseTransfer: baseTransfer(parties.payCode, parties.payName),
    });
    const waybill = buildCebMessage('CEB511', {
      guid: guidFrom(next),
      documents: [
        {
          LogisticsHead: {
            guid: guidFrom(next),
            appType: '1',
            appTime: time,
            appStatus: '2',
            logisticsCode: parties.logisticsCode,
            logisticsName: parties.logisticsName,
            logisticsNo,
            billNo: `NGB${day}01`,
            orderNo,
            freight: yuan(freightFen),
            insuredFee: '0',
            currency: '142',
            weight,
            packNo: '1',
            goodsInfo: lines.map((line) => line.item.name).join(','),
            consignee: buyerName,
            consigneeAddress: address,
            consigneeTelephone:
              defect === 'consignee_phone'
                ? `${phone.slice(0, -1)}${(Number(phone.at(-1)) + 1) % 10}`
                : phone,
          },
        },
      ],
      baseTransfer: baseTransfer(parties.logisticsCode, parties.logisticsName),
    });
    const inventory = buildCebMessage(
      'CEB621',
      {
        guid: guidFrom(next),
        documents: [
          {
            InventoryHead: {
              guid: guidFrom(next),
              appType: '1',
              appTime: time,
              appStatus: '2',
              orderNo,
              ebpCode: parties.ebpCode,
              ebpName: parties.ebpName,
              ebcCode: parties.ebcCode,
              ebcName: parties.ebcName,
              logisticsNo,
              logisticsCode: parties.logisticsCode,
              logisticsName: parties.logisticsName,
              copNo: `C${orderNo.slice(-15)}`,
              assureCode: parties.ebcCode,
              ...(options.bonded === undefined ? {} : { emsNo: options.bonded.emsNo }),
              ieFlag: 'I',
              declTime: day,
              customsCode: parties.customsCode,
              portCode: parties.customsCode,
              buyerIdType: '1',
              buyerIdNumber: buyerId,
              buyerName,
              buyerTelephone: phone,
              consigneeAddress: address,
              agentCode: parties.agentCode,
              agentName: parties.agentName,
              ...(options.bonded === undefined
                ? {}
                : { areaCode: options.bonded.areaCode, areaName: options.bonded.areaName }),
              tradeMode: options.bonded === undefined ? '9610' : '1210',
              trafMode: '5',
              trafNo: 'CA1042',
              voyageNo: day,
              billNo: `NGB${day}01`,
              country: '116',
              freight: yuan(freightFen),
              insuredFee: '0',
              currency: '142',
              packNo: '1',
              grossWeight: weight,
              netWeight: weight,
            },
            InventoryList: lines.map((line) => ({
              gnum: String(line.gnum),
              ...(options.bonded === undefined
                ? {}
                : { itemRecordNo: demoBondedItemRecordNo(line.item.gcode) }),
              itemNo: `SKU-${line.item.gcode.slice(0, 6)}`,
              itemName: line.item.name,
              gcode: line.item.gcode,
              gname: line.item.name,
              gmodel: line.item.model,
              barCode: '无',
              country: '116',
              currency: '142',
              qty: String(line.qty),
              unit: line.item.unit,
              qty1: String(line.qty),
              unit1: line.item.unit,
              price: line.item.price,
              totalPrice: yuan(line.totalFen),
            })),
          },
        ],
        baseTransfer: baseTransfer(parties.agentCode, parties.agentName),
      },
      { businessRules: false },
    );
    parcels.push({ orderNo, logisticsNo, defect, order, payment, waybill, inventory });
  }
  return parcels;
};

/** The demo's goods, for the bonded warehouse's stock (demo-bonded.ts). */
export const demoCatalogue: readonly { gcode: string; name: string; unit: string }[] = catalogue;
