import { leiCheckDigits, usccCheckCharacter } from '@tradehub/kernel';
import type { OrganisationKind } from '../modules/identity/index.ts';

// Identifiers are computed, not copied: each is well-formed with a correct check digit but was
// made up for the demo, so no real company's registration is reused.
const uscc = (first17: string) => `${first17}${usccCheckCharacter(first17)}`;
const lei = (first18: string) => `${first18}${leiCheckDigits(first18)}`;

export type DemoOrganisation = {
  nameZh: string;
  nameEn: string;
  kind: OrganisationKind;
  country: string;
  uscc?: string;
  customsCode?: string;
  eori?: string;
  lei?: string;
  website?: string;
  address: { street: string; city: string; postcode: string; unlocode: string };
  owner: { email: string; displayName: string; locale: 'zh-CN' | 'en' };
};

/** The mission's story in ten-odd fictional parties; all share the demo password. */
export const demoOrganisations: readonly DemoOrganisation[] = [
  {
    nameZh: '义乌市小商品进出口有限公司',
    nameEn: 'Yiwu Small Commodities Import & Export Co., Ltd.',
    kind: 'exporter',
    country: 'CN',
    uscc: uscc('91330782MA2D7YW01'),
    customsCode: '3318960001',
    website: 'https://yiwu-commodities.example',
    address: { street: '福田路 88 号', city: '义乌', postcode: '322000', unlocode: 'CNYIW' },
    owner: { email: 'chen.li@yiwu-commodities.example', displayName: '陈丽', locale: 'zh-CN' },
  },
  // The expo's second supplier of LED lights (issue 11's journey matches Yiwu and Ningbo).
  {
    nameZh: '宁波明亮照明有限公司',
    nameEn: 'Ningbo Mingliang Lighting Co., Ltd.',
    kind: 'exporter',
    country: 'CN',
    uscc: uscc('91330212MA2P5ML09'),
    customsCode: '3102960009',
    website: 'https://mingliang-lighting.example',
    address: { street: '鄞州区光明路 28 号', city: '宁波', postcode: '315100', unlocode: 'CNNGB' },
    owner: { email: 'qian.yu@mingliang-lighting.example', displayName: '钱宇', locale: 'zh-CN' },
  },
  {
    nameZh: '杭州跨境优选电子商务有限公司',
    nameEn: 'Hangzhou CrossBorder Select E-Commerce Co., Ltd.',
    kind: 'ecommerce_platform',
    country: 'CN',
    uscc: uscc('91330108MA2H8KX02'),
    customsCode: '3301960002',
    website: 'https://cbselect.example',
    address: { street: '网商路 699 号', city: '杭州', postcode: '310052', unlocode: 'CNHGH' },
    owner: { email: 'wang.fang@cbselect.example', displayName: '王芳', locale: 'zh-CN' },
  },
  {
    nameZh: '宁波海联国际货运代理有限公司',
    nameEn: 'Ningbo Hailian International Freight Forwarding Co., Ltd.',
    kind: 'logistics_provider',
    country: 'CN',
    uscc: uscc('91330206MA2J3NB03'),
    customsCode: '3102980003',
    address: { street: '北仑区明州路 168 号', city: '宁波', postcode: '315800', unlocode: 'CNNGB' },
    owner: { email: 'zhou.ming@hailian-forwarding.example', displayName: '周明', locale: 'zh-CN' },
  },
  {
    nameZh: '浙欧班列运营有限公司',
    nameEn: 'Zhejiang China-Europe Rail Express Co., Ltd.',
    kind: 'carrier',
    country: 'CN',
    uscc: uscc('91330782MA2E5RL04'),
    address: { street: '义乌铁路口岸', city: '义乌', postcode: '322000', unlocode: 'CNYIW' },
    owner: { email: 'li.qiang@zhe-euro-rail.example', displayName: '李强', locale: 'zh-CN' },
  },
  {
    nameZh: '钱塘报关有限公司',
    nameEn: 'Qiantang Customs Brokerage Co., Ltd.',
    kind: 'customs_broker',
    country: 'CN',
    uscc: uscc('91330104MA2K6QT05'),
    customsCode: '3301980005',
    address: { street: '钱江路 1366 号', city: '杭州', postcode: '310020', unlocode: 'CNHGH' },
    owner: { email: 'zhao.lei@qiantang-broker.example', displayName: '赵磊', locale: 'zh-CN' },
  },
  {
    nameZh: '杭州丝路商业银行',
    nameEn: 'Hangzhou Silk Road Commercial Bank',
    kind: 'bank',
    country: 'CN',
    uscc: uscc('91330100MA2L9GR06'),
    lei: lei('300300HZSILKROAD00'),
    address: { street: '庆春路 46 号', city: '杭州', postcode: '310003', unlocode: 'CNHGH' },
    owner: { email: 'sun.hui@silkroad-bank.example', displayName: '孙慧', locale: 'zh-CN' },
  },
  // A second bank, so the duplicate-financing registry has two banks to keep apart: its attempt
  // to finance an invoice the Hangzhou bank financed is refused (issue 7's acceptance).
  {
    nameZh: '宁波甬港商业银行',
    nameEn: 'Ningbo Yonggang Commercial Bank',
    kind: 'bank',
    country: 'CN',
    uscc: uscc('91330200MA2N4YG08'),
    lei: lei('300300NBYONGGANG00'),
    address: { street: '中山东路 138 号', city: '宁波', postcode: '315000', unlocode: 'CNNGB' },
    owner: { email: 'lu.wen@yonggang-bank.example', displayName: 'Lu Wen', locale: 'en' },
  },
  {
    nameZh: '之江出口信用保险有限公司',
    nameEn: 'Zhijiang Export Credit Insurance Co., Ltd.',
    kind: 'insurer',
    country: 'CN',
    uscc: uscc('91330106MA2M2HJ07'),
    address: { street: '之江路 200 号', city: '杭州', postcode: '310008', unlocode: 'CNHGH' },
    owner: { email: 'he.jing@zhijiang-insurance.example', displayName: '何静', locale: 'zh-CN' },
  },
  {
    nameZh: '易北贸易有限公司（汉堡）',
    nameEn: 'Elbe Handelshaus GmbH',
    kind: 'importer',
    country: 'DE',
    eori: 'DE123456789012345',
    lei: lei('529900ELBEHANDEL00'),
    website: 'https://elbe-handelshaus.example',
    address: { street: 'Am Sandtorkai 12', city: 'Hamburg', postcode: '20457', unlocode: 'DEHAM' },
    owner: { email: 'jonas.becker@elbe-handelshaus.example', displayName: 'Jonas Becker', locale: 'en' },
  },
  {
    nameZh: '巴生谷贸易有限公司（吉隆坡）',
    nameEn: 'Klang Valley Trading Sdn. Bhd.',
    kind: 'importer',
    country: 'MY',
    website: 'https://klangvalley-trading.example',
    address: { street: 'Jalan Sultan Ismail 50', city: 'Kuala Lumpur', postcode: '50250', unlocode: 'MYPKG' },
    owner: { email: 'aisyah.rahman@klangvalley-trading.example', displayName: 'Aisyah Rahman', locale: 'en' },
  },
  {
    nameZh: '浙江省商务厅（演示）',
    nameEn: 'Zhejiang Department of Commerce (demo)',
    kind: 'regulator',
    country: 'CN',
    uscc: uscc('11330000MB1234560'),
    address: { street: '省府路 8 号', city: '杭州', postcode: '310025', unlocode: 'CNHGH' },
    owner: { email: 'lin.tao@commerce.zj.example', displayName: '林涛', locale: 'zh-CN' },
  },
  {
    nameZh: '杭州海关（演示）',
    nameEn: 'Hangzhou Customs (demo)',
    kind: 'customs_authority',
    country: 'CN',
    uscc: uscc('11330000MB7654320'),
    address: { street: '新业路 1 号', city: '杭州', postcode: '310016', unlocode: 'CNHGH' },
    owner: { email: 'xu.yan@hangzhou-customs.example', displayName: '徐燕', locale: 'zh-CN' },
  },
];

/** The one password every demo login uses; printed by `npm start`, never valid in production data. */
export const demoPassword = 'tradehub-demo-2026';
