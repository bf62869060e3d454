import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { ExpoDeps } from '../deps.ts';
import { cnPatentCheckCharacter as checkOf } from './domain/registry-number.ts';
import { issueIpAgreement } from './service-agreements.ts';
import { createAsset } from './service-assets.ts';
import type { IpContext } from './service-common.ts';
import { createIpListing } from './service-listings.ts';
import { createIpWatch, reportIpWatchHit } from './service-watches.ts';

type Audit = (
  ex: Executor,
  change: { organisationId: string | null; object: { type: string; id: string } | null },
) => Promise<void>;

/**
 * The registry's demo: two CN patents and a utility model of the Ningbo lighting exporter, a
 * trademark of the Yiwu exporter, one licence to the German importer (signed, awaiting its
 * acceptance), one published listing, and one watch in Germany with an alert. Idempotent: does
 * nothing once the lighting exporter has assets, or without the organisations.
 */
export const seedDemoIpRegistry = async (
  deps: ExpoDeps,
  audit: Audit,
  orgs: { lighting?: string | undefined; commodities?: string | undefined; importer?: string | undefined },
) => {
  const { lighting, commodities, importer } = orgs;
  if (lighting === undefined || commodities === undefined || importer === undefined) {
    return { seeded: false };
  }
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from expo.ip_assets
    where organisation_id = ${lighting}`.execute(deps.db.kysely);
  if ((rows[0]?.n ?? 0) > 0) {
    return { seeded: false };
  }
  const ctx = (organisationId: string): IpContext => ({ organisationId, actor: null, audit });
  const year = deps.now().getUTCFullYear();
  const led = await createAsset(deps, ctx(lighting), {
    kind: 'patent',
    titleZh: '高显色指数LED灯丝及其封装方法',
    titleEn: 'High-CRI LED filament and its packaging method',
    // CNIPA application numbers with correct check characters (ZC 0006-2003).
    registryNumber: `ZL202110345678.${checkOf('202110345678')}`,
    jurisdiction: 'CN',
    filingDate: '2021-03-15',
    grantDate: '2023-06-20',
    expiryDate: '2041-03-15',
    status: 'granted',
    ipcClasses: ['H01L 33/48', 'F21K 9/232'],
    abstractZh: '一种在玻璃基板上以高显色荧光粉封装的LED灯丝，显色指数Ra≥95。',
    abstractEn: 'An LED filament packaged on a glass substrate with high-CRI phosphor, Ra ≥ 95.',
    visibility: 'published',
  });
  await createAsset(deps, ctx(lighting), {
    kind: 'utility_model',
    titleZh: '一种可调光LED球泡灯驱动电路',
    titleEn: 'Dimmable LED bulb driver circuit',
    registryNumber: `202220456789.${checkOf('202220456789')}`,
    jurisdiction: 'CN',
    filingDate: '2022-02-10',
    grantDate: '2022-08-05',
    expiryDate: '2032-02-10',
    status: 'granted',
    ipcClasses: ['H05B 45/10'],
    visibility: 'published',
  });
  await createAsset(deps, ctx(lighting), {
    kind: 'patent',
    titleZh: '智能照明无线组网方法',
    titleEn: 'Wireless mesh networking for smart lighting',
    registryNumber: `202410987654.${checkOf('202410987654')}`,
    jurisdiction: 'CN',
    filingDate: '2024-09-01',
    status: 'pending',
    ipcClasses: ['H04W 84/18'],
    visibility: 'draft',
  });
  await createAsset(deps, ctx(commodities), {
    kind: 'trademark',
    titleZh: '义乌小商品“乐聚”',
    titleEn: 'LEJU (word mark)',
    registryNumber: '56781234',
    jurisdiction: 'CN',
    filingDate: '2020-05-12',
    grantDate: '2021-08-14',
    expiryDate: '2031-08-13',
    status: 'granted',
    niceClasses: [16, 28],
    visibility: 'published',
  });
  const licence = await issueIpAgreement(deps, ctx(lighting), led.id, {
    kind: 'licence',
    counterparty: { organisationId: importer },
    exclusivity: 'exclusive',
    territory: ['DE', 'AT', 'CH'],
    fieldOfUse: 'Retail lamps for the DACH market',
    termStart: `${year}-01-01`,
    termEnd: `${year + 4}-12-31`,
    royalty: { kind: 'percent', percent: '3.5' },
  });
  await createIpListing(deps, ctx(lighting), {
    assetIds: [led.id],
    deal: 'licence',
    pitchZh: '高显色LED灯丝专利，面向东南亚和南美市场寻求非独占许可，可提供产线技术支持。',
    pitchEn:
      'High-CRI LED filament patent: non-exclusive licences sought for South-East Asia and South America, with line set-up support.',
    fields: ['H01L', 'lighting', 'LED'],
    asking: { kind: 'royalty', percent: '4' },
    status: 'published',
  });
  const watch = await createIpWatch(deps, ctx(lighting), led.id, {
    jurisdictions: ['DE', 'FR', 'PL'],
    keywords: ['LED filament Ra 95', 'glass substrate filament'],
  });
  await reportIpWatchHit(deps, ctx(lighting), watch.id, {
    url: 'https://marketplace.example.de/angebot/led-filament-ra95',
    marketplace: 'Example Marktplatz',
    country: 'DE',
    evidenceSha256: 'c7f1b9f6a5c0c2b1d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6',
    observedAt: new Date(deps.now().getTime() - 2 * 86_400_000).toISOString(),
  });
  return { seeded: true, licenceId: licence.id };
};
