import { newId } from '@tradehub/kernel';
import type { ExpoDeps } from '../deps.ts';
import { reindexExhibitor } from '../search/index.ts';
import {
  findEventByName,
  findExhibitor,
  findPublishedExhibitors,
  insertBooth,
  insertEvent,
  insertHall,
  insertProduct,
  insertService,
  insertSession,
  upsertCertification,
  upsertExhibitor,
} from './repository.ts';
import {
  type CatalogueContext,
  type ProductInput,
  productColumns,
  type ServiceInput,
  type ShowcaseInput,
  serviceColumns,
} from './service-showcase.ts';

// The demo's expo: two Zhejiang exporters (Yiwu small commodities, Ningbo lighting) with
// bilingual showcases, the Hangzhou e-commerce platform exhibiting services, and the 2026 Global
// Digital Trade Expo run by the commerce department. Idempotent: an organisation that has
// a showcase, and an organiser that has the event, are left alone.

type DemoProduct = ProductInput & { certifications: string[] };

// No images: the demo has no image host, and the hub makes no request to other origins.
const usd = (min: string, max: string) => ({ currency: 'USD', min, max });

const yiwuShowcase: ShowcaseInput = {
  displayNameZh: '义乌市小商品进出口有限公司',
  displayNameEn: 'Yiwu Small Commodities Import & Export Co., Ltd.',
  introZh: '立足义乌国际商贸城，经营节日灯饰、玩具、箱包、家居日用品，支持小批量混批与中欧班列发运。',
  introEn:
    'Based at Yiwu International Trade City: festive lighting, toys, bags and household goods, with small mixed orders and China-Europe rail shipping.',
  country: 'CN',
  cityZh: '义乌',
  cityEn: 'Yiwu',
  unlocode: 'CNYIW',
  website: 'https://yiwu-commodities.example',
  exportMarkets: ['DE', 'PL', 'MY', 'AE', 'US', 'GB'],
  // The demo suppliers chose to show buyers their hub track record in matchmaking.
  shareTrackRecord: true,
  status: 'published',
};

const yiwuProducts: DemoProduct[] = [
  {
    nameZh: 'LED 圣诞灯串（暖白，10 米 100 灯）',
    nameEn: 'LED Christmas string lights (warm white, 10 m, 100 LEDs)',
    descriptionZh: '低压 31V 变压器，8 种闪烁模式，室内外两用，IP44。',
    descriptionEn: 'Low-voltage 31 V transformer, 8 flash modes, indoor and outdoor use, IP44.',
    hsCode: '940531',
    moq: '500',
    moqUnit: 'SET',
    price: usd('1.20', '1.85'),
    leadTimeDays: 20,
    exportMarkets: ['DE', 'PL', 'GB', 'MY'],
    certifications: ['CE', 'RoHS'],
  },
  {
    nameZh: '太阳能 LED 庭院灯',
    nameEn: 'Solar LED garden lights',
    descriptionZh: '多晶硅太阳能板，光控自动开关，续航 8 小时。',
    descriptionEn: 'Polycrystalline solar panel, dusk-to-dawn sensor, 8 hours of light.',
    hsCode: '940541',
    moq: '1000',
    moqUnit: 'H87',
    price: usd('0.95', '1.60'),
    leadTimeDays: 25,
    exportMarkets: ['DE', 'MY', 'AE'],
    certifications: ['CE'],
  },
  {
    nameZh: 'LED 强光手电筒（USB 充电）',
    nameEn: 'LED flashlight (USB rechargeable)',
    descriptionZh: '铝合金外壳，三档亮度，1200mAh 锂电池。',
    descriptionEn: 'Aluminium body, three brightness levels, 1200 mAh lithium battery.',
    hsCode: '851310',
    moq: '300',
    moqUnit: 'H87',
    price: usd('2.10', '3.40'),
    leadTimeDays: 15,
    exportMarkets: ['MY', 'AE', 'US'],
    certifications: ['CE', 'FCC'],
  },
  {
    nameZh: '毛绒玩具熊（30 厘米）',
    nameEn: 'Plush teddy bear (30 cm)',
    descriptionZh: 'PP 棉填充，符合 EN 71 玩具安全标准。',
    descriptionEn: 'PP cotton filling, tested to the EN 71 toy-safety standard.',
    hsCode: '950300',
    moq: '200',
    moqUnit: 'H87',
    price: usd('2.80', '4.50'),
    leadTimeDays: 30,
    exportMarkets: ['DE', 'GB', 'US'],
    certifications: ['CE'],
  },
  {
    nameZh: '仿真花束（婚庆装饰）',
    nameEn: 'Artificial flower bouquets (wedding decoration)',
    descriptionZh: '丝绸花瓣，色彩可定制。',
    descriptionEn: 'Silk petals, custom colours.',
    hsCode: '670290',
    moq: '100',
    moqUnit: 'H87',
    price: usd('0.60', '1.50'),
    leadTimeDays: 18,
    exportMarkets: ['AE', 'MY'],
    certifications: [],
  },
  {
    nameZh: '女士帆布手提包',
    nameEn: "Women's canvas tote bag",
    descriptionZh: '12 盎司帆布，可印刷定制标志。',
    descriptionEn: '12 oz canvas, custom logo printing.',
    hsCode: '420222',
    moq: '500',
    moqUnit: 'H87',
    price: usd('1.50', '2.60'),
    leadTimeDays: 20,
    exportMarkets: ['DE', 'PL', 'US'],
    certifications: [],
  },
  {
    nameZh: '圣诞装饰球套装（24 只装）',
    nameEn: 'Christmas bauble set (24 pieces)',
    descriptionZh: '防碎塑料，哑光与亮面混装。',
    descriptionEn: 'Shatterproof plastic, matt and glossy mix.',
    hsCode: '950510',
    moq: '200',
    moqUnit: 'SET',
    price: usd('1.90', '3.20'),
    leadTimeDays: 25,
    exportMarkets: ['DE', 'PL', 'GB'],
    certifications: [],
  },
  {
    nameZh: '折叠晴雨伞',
    nameEn: 'Folding umbrella',
    descriptionZh: '八骨防风，UPF50+ 防晒涂层。',
    descriptionEn: 'Eight ribs, windproof, UPF 50+ coating.',
    hsCode: '660191',
    moq: '600',
    moqUnit: 'H87',
    price: usd('1.70', '2.90'),
    leadTimeDays: 22,
    exportMarkets: ['MY', 'GB'],
    certifications: [],
  },
];

const ningboShowcase: ShowcaseInput = {
  displayNameZh: '宁波明亮照明有限公司',
  displayNameEn: 'Ningbo Mingliang Lighting Co., Ltd.',
  introZh: '专业 LED 照明制造商，自有 SMT 与老化测试产线，产品通过 CE、RoHS 认证，远销欧洲与东南亚。',
  introEn:
    'LED lighting manufacturer with its own SMT and burn-in lines; CE and RoHS certified products shipped to Europe and Southeast Asia.',
  country: 'CN',
  cityZh: '宁波',
  cityEn: 'Ningbo',
  unlocode: 'CNNGB',
  website: 'https://mingliang-lighting.example',
  exportMarkets: ['DE', 'FR', 'IT', 'MY', 'TH', 'VN', 'ID'],
  // The demo suppliers chose to show buyers their hub track record in matchmaking.
  shareTrackRecord: true,
  status: 'published',
};

const ningboProducts: DemoProduct[] = [
  {
    nameZh: 'LED 平板灯 600×600 40W',
    nameEn: 'LED panel light 600×600 40 W',
    descriptionZh: '光效 100 lm/W，无频闪驱动，色温 4000K，适用办公照明。',
    descriptionEn: '100 lm/W, flicker-free driver, 4000 K, for office lighting.',
    hsCode: '940511',
    moq: '200',
    moqUnit: 'H87',
    price: usd('8.50', '11.00'),
    leadTimeDays: 25,
    exportMarkets: ['DE', 'FR', 'MY'],
    certifications: ['CE', 'RoHS'],
  },
  {
    nameZh: 'LED 工矿灯 150W（UFO 型）',
    nameEn: 'LED high bay light 150 W (UFO)',
    descriptionZh: '压铸铝散热，IP65，适用仓库与厂房。',
    descriptionEn: 'Die-cast aluminium heat sink, IP65, for warehouses and factories.',
    hsCode: '940542',
    moq: '100',
    moqUnit: 'H87',
    price: usd('24.00', '32.00'),
    leadTimeDays: 30,
    exportMarkets: ['DE', 'MY', 'TH', 'VN'],
    certifications: ['CE', 'RoHS'],
  },
  {
    nameZh: 'LED 投光灯 100W',
    nameEn: 'LED floodlight 100 W',
    descriptionZh: 'IP66 防水，户外广场与广告牌照明。',
    descriptionEn: 'IP66 waterproof, for squares and billboards.',
    hsCode: '940542',
    moq: '100',
    moqUnit: 'H87',
    price: usd('12.00', '16.50'),
    leadTimeDays: 20,
    exportMarkets: ['MY', 'ID', 'IT'],
    certifications: ['CE'],
  },
  {
    nameZh: 'LED 球泡灯 A60 9W E27',
    nameEn: 'LED bulb A60 9 W E27',
    descriptionZh: '806 lm，寿命 15000 小时，ERP 能效合规。',
    descriptionEn: '806 lm, 15,000 hours, ErP compliant.',
    hsCode: '853952',
    moq: '3000',
    moqUnit: 'H87',
    price: usd('0.45', '0.70'),
    leadTimeDays: 20,
    exportMarkets: ['DE', 'FR', 'MY', 'TH'],
    certifications: ['CE', 'RoHS', 'ERP'],
  },
  {
    nameZh: 'LED 护眼台灯（三档调光）',
    nameEn: 'LED desk lamp (three-step dimming)',
    descriptionZh: 'RG0 无蓝光危害，USB 充电口。',
    descriptionEn: 'RG0 blue-light safe, USB charging port.',
    hsCode: '940521',
    moq: '300',
    moqUnit: 'H87',
    price: usd('6.20', '8.80'),
    leadTimeDays: 18,
    exportMarkets: ['DE', 'MY'],
    certifications: ['CE', 'FCC'],
  },
  {
    nameZh: 'LED 路灯 120W',
    nameEn: 'LED street light 120 W',
    descriptionZh: '模组化设计，光效 150 lm/W，IP66，适用市政道路。',
    descriptionEn: 'Modular, 150 lm/W, IP66, for municipal roads.',
    hsCode: '940542',
    moq: '50',
    moqUnit: 'H87',
    price: usd('38.00', '52.00'),
    leadTimeDays: 35,
    exportMarkets: ['MY', 'ID', 'VN'],
    certifications: ['CE', 'ISO 9001'],
  },
  {
    nameZh: 'LED 灯带模组 24V（5 米）',
    nameEn: 'LED strip module 24 V (5 m)',
    descriptionZh: '2835 灯珠，每米 120 灯，可剪裁。',
    descriptionEn: '2835 LEDs, 120 per metre, cuttable.',
    hsCode: '853951',
    moq: '500',
    moqUnit: 'H87',
    price: usd('3.20', '4.60'),
    leadTimeDays: 15,
    exportMarkets: ['DE', 'FR', 'TH'],
    certifications: ['CE', 'RoHS'],
  },
  {
    nameZh: 'LED 安全出口指示灯',
    nameEn: 'LED emergency exit sign',
    descriptionZh: '应急时间 3 小时，镍镉电池。',
    descriptionEn: '3-hour emergency duration, Ni-Cd battery.',
    hsCode: '940561',
    moq: '200',
    moqUnit: 'H87',
    price: usd('5.40', '7.20'),
    leadTimeDays: 25,
    exportMarkets: ['DE', 'IT', 'MY'],
    certifications: ['CE'],
  },
];

const platformShowcase: ShowcaseInput = {
  displayNameZh: '杭州跨境优选电子商务有限公司',
  displayNameEn: 'Hangzhou CrossBorder Select E-Commerce Co., Ltd.',
  introZh: '为浙江制造企业提供跨境电商代运营、海外数字营销与店铺系统对接服务。',
  introEn:
    'Cross-border e-commerce operation, overseas digital marketing and storefront integration for Zhejiang manufacturers.',
  country: 'CN',
  cityZh: '杭州',
  cityEn: 'Hangzhou',
  unlocode: 'CNHGH',
  website: 'https://cbselect.example',
  exportMarkets: ['MY', 'SG', 'TH', 'DE', 'US'],
  status: 'published',
};

const platformServices: ServiceInput[] = [
  {
    nameZh: '跨境电商店铺代运营',
    nameEn: 'Cross-border e-commerce store operation',
    descriptionZh: '在 Lazada、Shopee、Amazon 开店、上架、广告投放与客服，按月结算。',
    descriptionEn:
      'Store set-up, listings, ads and customer service on Lazada, Shopee and Amazon, billed monthly.',
    ebopsCode: 'SJ34',
    gatsModes: ['mode1'],
    languages: ['zh-CN', 'en', 'ms'],
    clientReferences: [{ clientName: 'Klang Valley Trading Sdn. Bhd.', country: 'MY', year: 2025 }],
  },
  {
    nameZh: '海外社交媒体数字营销',
    nameEn: 'Overseas social-media digital marketing',
    descriptionZh: 'TikTok 与 Instagram 内容制作与达人合作。',
    descriptionEn: 'TikTok and Instagram content and influencer campaigns.',
    ebopsCode: 'SJ22',
    gatsModes: ['mode1'],
    languages: ['zh-CN', 'en', 'th'],
    clientReferences: [],
  },
  {
    nameZh: '跨境店铺 ERP 与海关数据对接',
    nameEn: 'Storefront ERP and customs-data integration',
    descriptionZh: '对接订单、支付、物流三单数据至跨境电商公共服务平台。',
    descriptionEn:
      'Connects order, payment and logistics data to the cross-border e-commerce public service platform.',
    ebopsCode: 'SI22',
    gatsModes: ['mode1', 'mode3'],
    languages: ['zh-CN', 'en'],
    clientReferences: [
      { clientName: 'Yiwu Small Commodities Import & Export Co., Ltd.', country: 'CN', year: 2024 },
    ],
  },
];

export type DemoCatalogueParties = {
  yiwu?: string | undefined;
  ningbo?: string | undefined;
  platform?: string | undefined;
  organiser?: string | undefined;
};

type Audit = Omit<CatalogueContext, 'organisationId'>;

// The demo goes in one transaction per showcase and one for the event: the same checks as the
// routes (productColumns, serviceColumns, the code lists) but not sixty little transactions, so
// the first start of the hub stays quick.
const seedShowcase = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  showcase: ShowcaseInput,
  products: readonly DemoProduct[],
  services: readonly ServiceInput[],
) => {
  if ((await findExhibitor(deps.db.kysely, ctx.organisationId)) !== undefined) {
    return 0;
  }
  const productRows = products.map(({ certifications, ...input }) => ({
    columns: productColumns(deps, input),
    certifications,
  }));
  const serviceRows = services.map(serviceColumns);
  return deps.db.transaction(async (trx) => {
    const at = deps.now();
    await upsertExhibitor(trx, {
      organisation_id: ctx.organisationId,
      display_name_zh: showcase.displayNameZh,
      display_name_en: showcase.displayNameEn,
      intro_zh: showcase.introZh ?? '',
      intro_en: showcase.introEn ?? '',
      country: showcase.country,
      city_zh: showcase.cityZh ?? null,
      city_en: showcase.cityEn ?? null,
      unlocode: showcase.unlocode ?? null,
      website: showcase.website ?? null,
      export_markets: showcase.exportMarkets ?? [],
      share_track_record: showcase.shareTrackRecord ?? false,
      status: 'published',
      version: 1,
      created_at: at,
      updated_at: at,
    });
    for (const { columns, certifications } of productRows) {
      const id = newId('epr');
      await insertProduct(trx, {
        id,
        organisation_id: ctx.organisationId,
        ...columns,
        status: 'published',
        version: 1,
        created_at: at,
        updated_at: at,
      });
      for (const scheme of certifications) {
        await upsertCertification(trx, {
          product_id: id,
          organisation_id: ctx.organisationId,
          scheme,
          credential_document_id: null,
          verification: 'self_declared',
          verified_at: null,
          created_at: at,
        });
      }
    }
    for (const columns of serviceRows) {
      await insertService(trx, {
        id: newId('esv'),
        organisation_id: ctx.organisationId,
        ...columns,
        status: 'published',
        version: 1,
        created_at: at,
        updated_at: at,
      });
    }
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_exhibitor', id: ctx.organisationId },
    });
    // The showcase, its products and services become searchable in the same transaction.
    await reindexExhibitor(trx, ctx.organisationId, at);
    return products.length + services.length;
  });
};

/** `days` after the hub's today in China (the expo's time zone, UTC+8 all year), as YYYY-MM-DD. */
const chinaDate = (now: Date, days: number) =>
  new Date(now.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

const eventNameEn = '2026 Global Digital Trade Expo';

const seedEvent = async (deps: ExpoDeps, ctx: CatalogueContext, parties: DemoCatalogueParties) => {
  if ((await findEventByName(deps.db.kysely, ctx.organisationId, eventNameEn)) !== undefined) {
    return false;
  }
  // Three weeks after the hub's today, so the demo always shows an upcoming expo.
  const startsOn = chinaDate(deps.now(), 21);
  const day2 = chinaDate(deps.now(), 22);
  const endsOn = chinaDate(deps.now(), 23);
  // Booths go to exhibitors whose showcase is published, as through the route.
  const exhibiting = new Set(
    (
      await findPublishedExhibitors(
        deps.db.kysely,
        [parties.ningbo, parties.yiwu, parties.platform].filter((id): id is string => id !== undefined),
      )
    ).map((row) => row.organisation_id),
  );
  const exhibitor = (id: string | undefined) => (id !== undefined && exhibiting.has(id) ? id : null);
  return deps.db.transaction(async (trx) => {
    const at = deps.now();
    const event = await insertEvent(trx, {
      id: newId('eev'),
      organisation_id: ctx.organisationId,
      kind: 'annual_expo',
      name_zh: '2026 全球数字贸易博览会',
      name_en: eventNameEn,
      theme_zh: '数字贸易 商通全球',
      theme_en: 'Digital trade, connecting the world',
      starts_on: startsOn,
      ends_on: endsOn,
      time_zone: 'Asia/Shanghai',
      venue_zh: '杭州大会展中心',
      venue_en: 'Hangzhou Grand Convention & Exhibition Center',
      unlocode: 'CNHGH',
      status: 'published',
      created_at: at,
      updated_at: at,
    });
    const hall = (nameZh: string, nameEn: string, hsChapters: string[]) =>
      insertHall(trx, {
        id: newId('ehl'),
        event_id: event.id,
        organisation_id: ctx.organisationId,
        name_zh: nameZh,
        name_en: nameEn,
        hs_chapters: hsChapters,
        created_at: at,
      });
    const lighting = await hall('1 号馆 · 智能照明与电子', 'Hall 1 · Smart lighting & electronics', [
      '85',
      '94',
    ]);
    const consumer = await hall(
      '2 号馆 · 日用消费品与数字服务',
      'Hall 2 · Consumer goods & digital services',
      ['42', '66', '67', '95'],
    );
    const booths: [string, string, string | null][] = [
      [lighting.id, '1A-01', exhibitor(parties.ningbo)],
      [lighting.id, '1A-02', exhibitor(parties.yiwu)],
      [lighting.id, '1A-03', null],
      [consumer.id, '2B-08', exhibitor(parties.yiwu)],
      [consumer.id, '2B-09', exhibitor(parties.platform)],
      [consumer.id, '2B-10', null],
    ];
    for (const [hallId, code, exhibitorId] of booths) {
      await insertBooth(trx, {
        id: newId('ebt'),
        hall_id: hallId,
        event_id: event.id,
        organisation_id: ctx.organisationId,
        code,
        exhibitor_organisation_id: exhibitorId,
        assigned_at: exhibitorId === null ? null : at,
        created_at: at,
      });
    }
    const sessions = [
      [
        startsOn,
        '09:30',
        '10:30',
        '开幕式暨数字贸易发展报告发布',
        'Opening and the digital-trade report',
        null,
      ],
      [startsOn, '14:00', '16:00', 'LED 照明出口供采对接会', 'LED lighting export matchmaking', lighting.id],
      [day2, '10:00', '11:30', '跨境电商出海论坛', 'Cross-border e-commerce forum', consumer.id],
      [endsOn, '15:00', '16:00', 'RCEP 市场采购商见面会', 'RCEP buyers meet suppliers', consumer.id],
    ] as const;
    for (const [day, from, to, titleZh, titleEn, hallId] of sessions) {
      await insertSession(trx, {
        id: newId('ess'),
        event_id: event.id,
        organisation_id: ctx.organisationId,
        hall_id: hallId,
        title_zh: titleZh,
        title_en: titleEn,
        speaker_zh: null,
        speaker_en: null,
        // The expo's clock is UTC+8 all year (Asia/Shanghai has no daylight saving).
        starts_at: new Date(`${day}T${from}:00+08:00`),
        ends_at: new Date(`${day}T${to}:00+08:00`),
        created_at: at,
      });
    }
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_event', id: event.id },
    });
    return true;
  });
};

/** Seeds the demo catalogue for the parties found; returns what it added (nothing on a re-run). */
export const seedDemoCatalogue = async (deps: ExpoDeps, audit: Audit, parties: DemoCatalogueParties) => {
  const as = (organisationId: string): CatalogueContext => ({ organisationId, audit: audit.audit });
  let offerings = 0;
  if (parties.yiwu !== undefined) {
    offerings += await seedShowcase(deps, as(parties.yiwu), yiwuShowcase, yiwuProducts, []);
  }
  if (parties.ningbo !== undefined) {
    offerings += await seedShowcase(deps, as(parties.ningbo), ningboShowcase, ningboProducts, []);
  }
  if (parties.platform !== undefined) {
    offerings += await seedShowcase(deps, as(parties.platform), platformShowcase, [], platformServices);
  }
  const event =
    parties.organiser === undefined ? false : await seedEvent(deps, as(parties.organiser), parties);
  return { offerings, event };
};
