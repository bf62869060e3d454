import type { Hub } from '../app.ts';
import type { OrderContentInput, TradeWriteContext } from '../modules/trade/index.ts';
import { loadUserRoles } from '../platform/access/index.ts';
import { demoOrganisations } from './demo-organisations.ts';

/** The demo organisation's id, by its English name; undefined before the seed created it. */
export const organisationOf = async (hub: Hub, nameEn: string): Promise<string | undefined> => {
  const owner = demoOrganisations.find((org) => org.nameEn === nameEn)?.owner.email;
  const userId = owner === undefined ? undefined : await hub.identity.findUserIdByEmail(owner);
  return userId === undefined ? undefined : [...(await loadUserRoles(hub.db.kysely, userId)).keys()][0];
};

export const yiwuName = 'Yiwu Small Commodities Import & Export Co., Ltd.';
export const elbeName = 'Elbe Handelshaus GmbH';
export const ningboName = 'Ningbo Hailian International Freight Forwarding Co., Ltd.';

const orderContent = (
  sellerId: string,
  buyerId: string,
  buyerReference: string,
  lines: OrderContentInput['lines'],
): OrderContentInput => ({
  buyerReference,
  currency: 'EUR',
  seller: {
    organisationId: sellerId,
    name: yiwuName,
    country: 'CN',
    addressLines: ['福田路 88 号'],
    city: 'Yiwu',
    postalCode: '322000',
  },
  buyer: {
    organisationId: buyerId,
    name: elbeName,
    country: 'DE',
    addressLines: ['Am Sandtorkai 12'],
    city: 'Hamburg',
    postalCode: '20457',
    email: 'jonas.becker@elbe-handelshaus.example',
  },
  incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB', name: 'Ningbo' } },
  paymentTerms: '30% T/T in advance, 70% against copy of B/L',
  lines,
});

/**
 * Two demo orders between the Yiwu exporter and the Hamburg buyer: one the buyer countered and
 * the exporter accepted (shared with the Ningbo forwarder), one offered and awaiting the buyer.
 * Skipped when the Yiwu exporter already has orders, so running the seed twice changes nothing.
 */
export const seedDemoOrders = async (hub: Hub, ctx: TradeWriteContext) => {
  const [yiwu, elbe, ningbo] = await Promise.all([
    organisationOf(hub, yiwuName),
    organisationOf(hub, elbeName),
    organisationOf(hub, ningboName),
  ]);
  if (
    yiwu === undefined ||
    elbe === undefined ||
    ningbo === undefined ||
    (await hub.trade.countOrders(yiwu)) > 0
  ) {
    return 0;
  }
  const toys = {
    descriptionEn: 'Plush toy bear, 30 cm, CE marked',
    descriptionZh: '毛绒玩具熊，30 厘米，CE 认证',
    hsCode: '950300',
    quantity: '2400',
    unitCode: 'H87',
    unitPrice: { amount: '2.45', currency: 'EUR' },
  };
  const decorations = {
    descriptionEn: 'Christmas tree ornaments, glass, set of 12',
    descriptionZh: '玻璃圣诞树挂饰，12 件套',
    hsCode: '950510',
    quantity: '800',
    unitCode: 'H87',
    unitPrice: { amount: '3.80', currency: 'EUR' },
  };
  const draft = await hub.trade.createOrder(
    ctx,
    yiwu,
    orderContent(yiwu, elbe, 'ELBE-PO-2026-0117', [toys, decorations]),
  );
  const offered = await hub.trade.actOnOrder(ctx, yiwu, draft.id, {
    action: 'offer',
    version: draft.version,
  });
  const countered = await hub.trade.actOnOrder(ctx, elbe, draft.id, {
    action: 'counter',
    version: offered.version,
    note: 'EUR 2.30 per bear for 2,400 pieces, please.',
    content: orderContent(yiwu, elbe, 'ELBE-PO-2026-0117', [
      { ...toys, unitPrice: { amount: '2.30', currency: 'EUR' } },
      decorations,
    ]),
  });
  const accepted = await hub.trade.actOnOrder(ctx, yiwu, draft.id, {
    action: 'accept',
    version: countered.version,
    note: 'Agreed.',
  });
  await hub.trade.shareOrder(ctx, yiwu, accepted.id, { organisationId: ningbo, role: 'forwarder' });

  const second = await hub.trade.createOrder(
    ctx,
    yiwu,
    orderContent(yiwu, elbe, 'ELBE-PO-2026-0142', [{ ...decorations, quantity: '1500' }]),
  );
  await hub.trade.actOnOrder(ctx, yiwu, second.id, { action: 'offer', version: second.version });
  return 2;
};
