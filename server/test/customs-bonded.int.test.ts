import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub, type Hub } from '../src/app.ts';
import {
  type DemoParcel,
  demoBondedInbound,
  demoBondedWarehouse,
  demoDeliveryList,
  generateDemoParcels,
  signAsDemoDeclarant,
} from '../src/modules/customs/index.ts';
import { createArgon2PasswordHasher } from '../src/modules/identity/index.ts';
import { createLogger } from '../src/platform/logging/index.ts';
import { createTestDatabase } from './support/test-db.ts';
import { createParty, createTestHub, type Party, rememberSecret, testLogDir } from './support/test-hub.ts';

// 1210 bonded retail import end to end over HTTP: goods declared into an account book become
// stock once the site's CEB711 inbound list is accepted; released lists take them out, cancels
// and returns put them back; lists the book cannot cover, or goods off the positive list, are
// refused with the reason; 50 lists racing for one item admit exactly what the stock holds.

type Outcome = {
  status: 'accepted' | 'duplicate' | 'rejected';
  messageType: string | null;
  returnStatus: string;
  returnInfo: string;
  parcelIds: string[];
};
type Book = {
  id: string;
  emsNo: string;
  items: { itemRecordNo: string; gcode: string; quantity: string }[];
  inbounds: { billNo: string; state: string }[];
};
type Overview = {
  books: Book[];
  refusedLists: { orderNo: string; refusalCode: string }[];
  positiveList: { source: string; lines: number };
};

const warehouse = {
  emsNo: demoBondedWarehouse.emsNo,
  areaCode: demoBondedWarehouse.areaCode,
  areaName: '示例保税仓',
};
const guid = (n: number) => `B0ED0000-0000-4000-A000-${String(n).padStart(12, '0')}`;

/** The qty1 per itemRecordNo a generated 1210 inventory declares. */
const demandOf = (parcels: readonly DemoParcel[]): Map<string, number> => {
  const demand = new Map<string, number>();
  for (const parcel of parcels) {
    for (const line of parcel.inventory.match(/<ceb:InventoryList>[\s\S]*?<\/ceb:InventoryList>/g) ?? []) {
      const item = /<ceb:itemRecordNo>([^<]+)</.exec(line)?.[1] as string;
      const qty = Number(/<ceb:qty1>([^<]+)</.exec(line)?.[1]);
      demand.set(item, (demand.get(item) ?? 0) + qty);
    }
  }
  return demand;
};

const field = (xml: string, name: string): string =>
  /<ceb:([A-Za-z]+)>/.test(xml)
    ? (new RegExp(`<ceb:${name}>([^<]*)</ceb:${name}>`).exec(xml)?.[1] ?? '')
    : '';

/** A CEB623 cancel or CEB625 return of a released inventory, unsigned. */
const reversalOf = (
  kind: 'CEB623' | 'CEB625',
  parcel: DemoParcel,
  invtNo: string,
  n: number,
  refund?: { gnum: string; qty: string },
) => {
  const inv = parcel.inventory;
  const head = [
    `<ceb:guid>${guid(n)}</ceb:guid>`,
    '<ceb:appType>1</ceb:appType>',
    `<ceb:appTime>${field(inv, 'appTime')}</ceb:appTime>`,
    '<ceb:appStatus>2</ceb:appStatus>',
    ...[
      'customsCode',
      'orderNo',
      'ebpCode',
      'ebpName',
      'ebcCode',
      'ebcName',
      'logisticsNo',
      'logisticsCode',
      'logisticsName',
      'copNo',
    ].map((name) => `<ceb:${name}>${field(inv, name)}</ceb:${name}>`),
    `<ceb:invtNo>${invtNo}</ceb:invtNo>`,
    ...['buyerIdType', 'buyerIdNumber', 'buyerName', 'buyerTelephone', 'agentCode', 'agentName'].map(
      (name) => `<ceb:${name}>${field(inv, name)}</ceb:${name}>`,
    ),
    '<ceb:reason>买家取消 buyer cancelled</ceb:reason>',
  ].join('');
  const base = `<ceb:BaseTransfer><ceb:copCode>${field(inv, 'agentCode')}</ceb:copCode><ceb:copName>${field(inv, 'agentName')}</ceb:copName><ceb:dxpMode>DXP</ceb:dxpMode><ceb:dxpId>DXPENT0000000001</ceb:dxpId></ceb:BaseTransfer>`;
  const line = /<ceb:InventoryList>[\s\S]*?<\/ceb:InventoryList>/.exec(inv)?.[0] ?? '';
  const body =
    kind === 'CEB623'
      ? `<ceb:InvtCancel>${head}</ceb:InvtCancel>`
      : `<ceb:InvtRefund><ceb:InvtRefundHead>${head}</ceb:InvtRefundHead><ceb:InvtRefundList><ceb:gnum>${refund?.gnum ?? '1'}</ceb:gnum><ceb:gcode>${field(line, 'gcode')}</ceb:gcode><ceb:gname>${field(line, 'gname')}</ceb:gname><ceb:qty>${refund?.qty ?? '1'}</ceb:qty><ceb:unit>${field(line, 'unit')}</ceb:unit></ceb:InvtRefundList></ceb:InvtRefund>`;
  return `<?xml version="1.0" encoding="UTF-8"?><ceb:${kind}Message guid="${guid(n)}" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb">${body}${base}</ceb:${kind}Message>`;
};

describe('customs 1210 bonded stock', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let platform: Party;
  let site: Party;
  let other: Party;
  let customs: Party;

  const send = async (party: Party, messages: string[]) => {
    const response = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/customs/ceb/batch?org=${party.organisationId}`,
      headers: { cookie: party.cookie },
      payload: { messages },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ outcomes: Outcome[] }>().outcomes;
  };
  const overview = async (party: Party) => {
    const response = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${party.organisationId}/customs/bonded`,
      headers: { cookie: party.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Overview>();
  };
  const stockOf = async (emsNo: string) => {
    const book = (await overview(platform)).books.find((b) => b.emsNo === emsNo);
    return new Map((book?.items ?? []).map((item) => [item.itemRecordNo, Number(item.quantity)]));
  };
  const declare = (party: Party, body: unknown) =>
    ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/customs/bonded/inbounds`,
      headers: { cookie: party.cookie },
      payload: body as object,
    });
  const deliver = async (billNo: string, n: number) => {
    const xml = await signAsDemoDeclarant(
      demoDeliveryList({ guid: guid(n), billNo, rkdNo: `RK2026111100${n}`, appTime: '20261111080000' }),
    );
    const [outcome] = await send(site, [xml]);
    expect(outcome?.status, outcome?.returnInfo).toBe('accepted');
    expect(outcome?.returnStatus).toBe('120');
  };
  /** Sends order, payment and waybill, then the signed inventory: its outcome is the decision. */
  const clear = async (parcel: DemoParcel) => {
    await send(platform, [parcel.order, parcel.payment, parcel.waybill]);
    const [outcome] = await send(platform, [await signAsDemoDeclarant(parcel.inventory)]);
    return outcome as Outcome;
  };
  const parcelDetail = async (parcelId: string) => {
    const response = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${platform.organisationId}/customs/parcels/${parcelId}`,
      headers: { cookie: platform.cookie },
    });
    return response.json<{ state: string; invtNo: string; refusalCode: string | null }>();
  };

  beforeAll(async () => {
    ctx = await createTestHub({ customsSandbox: { inspectionRate: 0 } });
    platform = await createParty(ctx.hub, 'BondedPlatform', { kind: 'ecommerce_platform' });
    site = await createParty(ctx.hub, 'BondedSite', { kind: 'logistics_provider' });
    other = await createParty(ctx.hub, 'OtherPlatform', { kind: 'ecommerce_platform' });
    customs = await createParty(ctx.hub, 'Customs', { kind: 'customs_authority' });
  });
  afterAll(async () => ctx?.close());

  it('makes declared goods stock only once the CEB711 inbound list for their bill is accepted', async () => {
    const declared = await declare(platform, demoBondedInbound('MSKU2026111101', '100'));
    expect(declared.statusCode, declared.body).toBe(201);
    expect(declared.json<{ state: string }>().state).toBe('declared');
    const before = await stockOf(warehouse.emsNo);
    expect([...before.values()].every((q) => q === 0)).toBe(true);

    await deliver('MSKU2026111101', 1);
    const after = await stockOf(warehouse.emsNo);
    expect(after.size).toBeGreaterThan(0);
    expect([...after.values()].every((q) => q === 100)).toBe(true);
    const book = (await overview(platform)).books[0] as Book;
    expect(book.inbounds.map((i) => [i.billNo, i.state])).toEqual([['MSKU2026111101', 'confirmed']]);

    // The list arrived first this time: a later declaration under that bill is stock at once.
    await deliver('MSKU2026111102', 2);
    const second = await declare(platform, demoBondedInbound('MSKU2026111102', '5'));
    expect(second.json<{ state: string }>().state).toBe('confirmed');
    expect([...(await stockOf(warehouse.emsNo)).values()].every((q) => q === 105)).toBe(true);
  });

  it('takes released 1210 lists out of the book, and cancels and returns put them back', async () => {
    const parcels = generateDemoParcels({
      count: 3,
      seed: 11,
      defectRate: 0,
      prefix: 'BD',
      bonded: warehouse,
    });
    const before = await stockOf(warehouse.emsNo);
    const ids: string[] = [];
    for (const parcel of parcels) {
      const outcome = await clear(parcel);
      expect(outcome.returnStatus, outcome.returnInfo).toBe('800');
      ids.push(outcome.parcelIds[0] as string);
    }
    const demand = demandOf(parcels);
    const after = await stockOf(warehouse.emsNo);
    for (const [item, qty] of demand) {
      expect(after.get(item), item).toBe((before.get(item) ?? 0) - qty);
    }

    // Cancel the first parcel: all its goods come back.
    const first = parcels[0] as DemoParcel;
    const invtNo = (await parcelDetail(ids[0] as string)).invtNo;
    const [cancelled] = await send(platform, [
      await signAsDemoDeclarant(reversalOf('CEB623', first, invtNo, 10)),
    ]);
    expect(cancelled?.returnStatus, cancelled?.returnInfo).toBe('399');
    const restored = await stockOf(warehouse.emsNo);
    const firstDemand = demandOf([first]);
    for (const [item, qty] of firstDemand) {
      expect(restored.get(item), item).toBe((after.get(item) ?? 0) + qty);
    }
    // The same cancel again changes nothing (the parcel is no longer released).
    const [again] = await send(platform, [
      await signAsDemoDeclarant(reversalOf('CEB623', first, invtNo, 11)),
    ]);
    expect(again?.returnStatus).toBe('100');
    expect(await stockOf(warehouse.emsNo)).toEqual(restored);

    // Return one unit of the second parcel's first line.
    const secondParcel = parcels[1] as DemoParcel;
    const secondInvt = (await parcelDetail(ids[1] as string)).invtNo;
    const firstLine =
      /<ceb:InventoryList>[\s\S]*?<\/ceb:InventoryList>/.exec(secondParcel.inventory)?.[0] ?? '';
    const item = field(firstLine, 'itemRecordNo');
    const [returned] = await send(platform, [
      await signAsDemoDeclarant(reversalOf('CEB625', secondParcel, secondInvt, 12, { gnum: '1', qty: '1' })),
    ]);
    expect(returned?.returnStatus, returned?.returnInfo).toBe('399');
    expect((await stockOf(warehouse.emsNo)).get(item)).toBe((restored.get(item) ?? 0) + 1);

    // The ledger shows every movement, newest first.
    const book = (await overview(platform)).books.find((b) => b.emsNo === warehouse.emsNo) as Book;
    const ledger = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${platform.organisationId}/customs/bonded/books/${book.id}/entries?limit=500`,
      headers: { cookie: platform.cookie },
    });
    const kinds = new Set(ledger.json<{ items: { kind: string }[] }>().items.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['cancel', 'inbound', 'release', 'return']);
  });

  it('refuses a 1210 list whose book or item holds no stock, with the reason', async () => {
    const unknownBook = generateDemoParcels({
      count: 1,
      seed: 12,
      defectRate: 0,
      prefix: 'BU',
      bonded: { ...warehouse, emsNo: 'T2991W999999' },
    });
    const refused = await clear(unknownBook[0] as DemoParcel);
    expect(refused.returnStatus).toBe('100');
    expect(refused.returnInfo).toContain('T2991W999999');
    expect((await parcelDetail(refused.parcelIds[0] as string)).refusalCode).toBe(
      'customs.bonded_book_unknown',
    );

    // A second book holding only milk powder: an almond list finds no such item in it.
    const onlyMilk = demoBondedInbound('MSKU2026111103', '1');
    const small = await declare(platform, {
      ...onlyMilk,
      emsNo: 'T2991W000002',
      lines: onlyMilk.lines.filter((line) => line.gcode === '1901101000'),
    });
    expect(small.statusCode, small.body).toBe(201);
    await deliver('MSKU2026111103', 3);
    const [almonds] = generateDemoParcels({
      count: 1,
      seed: 13,
      defectRate: 0,
      prefix: 'BA',
      bonded: { ...warehouse, emsNo: 'T2991W000002', onlyGcode: '0802120000' },
    });
    const noItem = await clear(almonds as DemoParcel);
    expect(noItem.returnStatus).toBe('100');
    expect(noItem.returnInfo).toContain('HZBS0802120000');
    expect((await overview(platform)).refusedLists.map((r) => r.refusalCode)).toEqual(
      expect.arrayContaining(['customs.bonded_book_unknown', 'customs.bonded_item_not_in_book']),
    );
  });

  it('admits exactly as many of 50 parallel lists for one item as the stock holds', async () => {
    const inbound = demoBondedInbound('MSKU2026111104', '30');
    const declared = await declare(platform, {
      ...inbound,
      emsNo: 'T2991W000003',
      lines: inbound.lines.filter((line) => line.gcode === '1901101000'),
    });
    expect(declared.statusCode, declared.body).toBe(201);
    await deliver('MSKU2026111104', 4);
    const parcels = generateDemoParcels({
      count: 50,
      seed: 14,
      defectRate: 0,
      prefix: 'BC',
      bonded: { ...warehouse, emsNo: 'T2991W000003', onlyGcode: '1901101000' },
    });
    await send(
      platform,
      parcels.flatMap((p) => [p.order, p.payment, p.waybill]),
    );
    const signed = await Promise.all(parcels.map((p) => signAsDemoDeclarant(p.inventory)));
    const outcomes = await Promise.all(
      signed.map(async (xml) => (await send(platform, [xml]))[0] as Outcome),
    );
    const released = outcomes.filter((o) => o.returnStatus === '800');
    const refused = outcomes.filter((o) => o.returnStatus === '100');
    expect(released).toHaveLength(30);
    expect(refused).toHaveLength(20);
    expect(refused.every((o) => o.returnInfo.includes('库存不足'))).toBe(true);
    expect((await stockOf('T2991W000003')).get('HZBS1901101000')).toBe(0);
  });

  it('refuses import lines off the positive list, with the reason; only customs imports the list', async () => {
    const forbidden = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${platform.organisationId}/customs/positive-list`,
      headers: { cookie: platform.cookie },
      payload: { csv: 'hs_code\n19011010\n' },
    });
    expect(forbidden.statusCode).toBe(403);
    const bad = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${customs.organisationId}/customs/positive-list`,
      headers: { cookie: customs.cookie },
      payload: { csv: 'hs_code,remark\n1901\nabc,x\n' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'rows[2]',
      'rows[3].hs_code',
    ]);
    const imported = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${customs.organisationId}/customs/positive-list`,
      headers: { cookie: customs.cookie },
      payload: { csv: 'hs_code,remark\n19011010,\n', fileName: 'list.csv' },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect((await overview(platform)).positiveList).toMatchObject({ source: 'imported', lines: 1 });

    const [cream] = generateDemoParcels({
      count: 1,
      seed: 15,
      defectRate: 0,
      prefix: 'BP',
      bonded: { ...warehouse, onlyGcode: '3304990010' },
    });
    const before = await stockOf(warehouse.emsNo);
    const refused = await clear(cream as DemoParcel);
    expect(refused.returnStatus).toBe('100');
    expect(refused.returnInfo).toContain('3304990010');
    expect(refused.returnInfo).toContain('positive list');
    expect((await parcelDetail(refused.parcelIds[0] as string)).refusalCode).toBe(
      'customs.not_on_positive_list',
    );
    expect(await stockOf(warehouse.emsNo)).toEqual(before);

    // Back to a list covering the demo goods.
    const restored = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${customs.organisationId}/customs/positive-list`,
      headers: { cookie: customs.cookie },
      payload: {
        csv: readFileSync(
          new URL('../src/modules/customs/data/positive-list-sample.csv', import.meta.url),
          'utf8',
        ),
      },
    });
    expect(restored.statusCode, restored.body).toBe(200);
  });

  it('shows another organisation nothing of the books, and customs every book', async () => {
    const seen = await overview(other);
    expect(seen.books).toEqual([]);
    expect(seen.refusedLists).toEqual([]);
    const book = (await overview(platform)).books[0] as Book;
    const ledger = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${other.organisationId}/customs/bonded/books/${book.id}/entries`,
      headers: { cookie: other.cookie },
    });
    expect(ledger.statusCode).toBe(404);
    expect(ledger.body).not.toContain(book.emsNo);
    const foreign = await declare(other, demoBondedInbound('MSKU2026111199', '1'));
    expect(foreign.statusCode).toBe(409);
    expect(foreign.json<{ code: string }>().code).toBe('customs.bonded_book_foreign');
    expect((await overview(customs)).books.map((b) => b.emsNo)).toEqual(
      expect.arrayContaining([warehouse.emsNo, 'T2991W000002', 'T2991W000003']),
    );
  });
});

// With TRADEHUB_CUSTOMS_PROVIDER=dxp the hub is not customs: a real local HTTP server stands in for
// the E-port endpoint, takes the DXP envelope (checking the auth header) and answers with the
// CEB622 customs would send, which the hub records for the declarant to poll.
describe('customs DXP provider in the hub', () => {
  const SECRET = 'dxp-hub-test-secret-91c2';
  let server: Server;
  let hub: Hub;
  let closeDb: () => Promise<void>;
  let sandbox: Awaited<ReturnType<typeof createTestHub>>;
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
  let answerXml = '';
  // The E-port answers 503 to this many requests (down for maintenance).
  let failNext = 0;
  let clockMs = Date.now();

  beforeAll(async () => {
    rememberSecret(SECRET);
    server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        seen.push({ headers: request.headers, body });
        if (failNext > 0) {
          failNext -= 1;
          response.writeHead(503).end();
          return;
        }
        if (request.headers['x-dxp-key'] !== SECRET) {
          response.writeHead(401).end();
          return;
        }
        const copMsgId = /<dxp:CopMsgId>([^<]+)</.exec(body)?.[1] ?? '';
        response.writeHead(200, { 'content-type': 'application/xml', 'x-request-id': 'eport-7' });
        response.end(
          `<?xml version="1.0" encoding="UTF-8"?><dxp:DxpMsg ver="1.0" xmlns:dxp="http://www.chinaport.gov.cn/dxp"><dxp:TransInfo><dxp:CopMsgId>R${copMsgId}</dxp:CopMsgId><dxp:SenderId>DXPEDCCEB0000002</dxp:SenderId><dxp:ReceiverIds><dxp:ReceiverId>DXPENT0000000001</dxp:ReceiverId></dxp:ReceiverIds><dxp:CreatTime>2026-11-11T10:00:00</dxp:CreatTime><dxp:MsgType>CEB622Message</dxp:MsgType></dxp:TransInfo><dxp:Data>${Buffer.from(answerXml, 'utf8').toString('base64')}</dxp:Data></dxp:DxpMsg>`,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dxp/send`;
    mkdirSync(testLogDir, { recursive: true });
    const db = await createTestDatabase();
    closeDb = () => db.close();
    hub = await buildHub({
      config: {
        publicUrl: 'http://localhost:8080',
        bodyLimitBytes: 1024 * 1024,
        writeRateMax: 10_000,
        webDistDir: '/nonexistent',
        customsProvider: {
          kind: 'dxp',
          senderId: 'DXPENT0000000001',
          transport: { kind: 'http', url, authHeaderName: 'x-dxp-key', authHeaderValue: SECRET },
        },
      },
      db,
      now: () => new Date(clockMs),
      logger: createLogger({
        level: 'debug',
        destination: pino.destination({ dest: `${testLogDir}hub-${process.pid}-dxp.log`, sync: true }),
      }),
      passwords: createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    });
    sandbox = await createTestHub({ customsSandbox: { inspectionRate: 0 } });
  });
  afterAll(async () => {
    await hub?.close();
    await closeDb?.();
    await sandbox?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('forwards the signed list in a DXP envelope and records the receipt customs answers', async () => {
    const [parcel] = generateDemoParcels({ count: 1, seed: 21, defectRate: 0, prefix: 'DX' });
    const inventory = await signAsDemoDeclarant((parcel as DemoParcel).inventory);
    // The receipt customs would give (the sandbox's CEB622 names the list's document guid).
    const reference = await createParty(sandbox.hub, 'DxpReference', { kind: 'ecommerce_platform' });
    const sandboxAnswer = await sandbox.hub.app.inject({
      method: 'POST',
      url: `/api/customs/ceb?org=${reference.organisationId}`,
      headers: { cookie: reference.cookie, 'content-type': 'application/xml' },
      payload: inventory,
    });
    answerXml = sandboxAnswer.body;
    expect(answerXml).toContain('CEB622Message');

    const platform = await createParty(hub, 'DxpPlatform', { kind: 'ecommerce_platform' });
    const sent = await hub.app.inject({
      method: 'POST',
      url: `/api/customs/ceb?org=${platform.organisationId}`,
      headers: { cookie: platform.cookie, 'content-type': 'application/xml' },
      payload: inventory,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.headers['x-tradehub-outcome']).toBe('accepted');
    // E-port declaring: the sandbox took no decision.
    expect(sent.headers['x-tradehub-return-status']).toBe('2');
    const messageId = String(sent.headers['x-tradehub-message-id']);

    const request = seen.at(-1);
    expect(request?.headers['x-dxp-key']).toBe(SECRET);
    expect(request?.body).toContain(`<dxp:CopMsgId>${messageId}</dxp:CopMsgId>`);
    expect(request?.body).toContain('<dxp:ReceiverId>DXPEDCCEB0000002</dxp:ReceiverId>');
    expect(request?.body).toContain('<dxp:MsgType>CEB621Message</dxp:MsgType>');
    const data = /<dxp:Data>([^<]+)</.exec(request?.body ?? '')?.[1] ?? '';
    expect(Buffer.from(data, 'base64').toString('utf8')).toBe(inventory);

    const receipts = await hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${platform.organisationId}/customs/receipts`,
      headers: { cookie: platform.cookie },
    });
    const items = receipts.json<{ items: { receiptType: string; returnStatus: string; xml: string }[] }>()
      .items;
    expect(items.map((r) => `${r.receiptType}:${r.returnStatus}`)).toEqual(['CEB622:2', 'CEB622:120']);
    expect(items[1]?.xml).toBe(answerXml);
    const parcels = await hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${platform.organisationId}/customs/parcels`,
      headers: { cookie: platform.cookie },
    });
    expect(parcels.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('retries a message the E-port did not take, after a pause, in the background retrier', async () => {
    const platform = await createParty(hub, 'DxpRetryPlatform', { kind: 'ecommerce_platform' });
    const [parcel] = generateDemoParcels({ count: 1, seed: 22, defectRate: 0, prefix: 'DR' });
    const inventory = await signAsDemoDeclarant((parcel as DemoParcel).inventory);
    const before = seen.length;
    failNext = 1;
    const sent = await hub.app.inject({
      method: 'POST',
      url: `/api/customs/ceb?org=${platform.organisationId}`,
      headers: { cookie: platform.cookie, 'content-type': 'application/xml' },
      payload: inventory,
    });
    // Kept and anchored by the hub; the E-port was down, so it is queued, not lost.
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.headers['x-tradehub-outcome']).toBe('accepted');
    expect(seen.length).toBe(before + 1);

    // Within the pause nothing is sent again.
    expect(await hub.customs.dxpRetrier.retryNow()).toEqual({ sent: 0, failed: 0, receipts: 0 });
    expect(seen.length).toBe(before + 1);

    clockMs += 6_000;
    const retried = await hub.customs.dxpRetrier.retryNow();
    expect(retried.sent).toBe(1);
    expect(retried.failed).toBe(0);
    expect(seen.length).toBe(before + 2);
    expect(seen.at(-1)?.body).toContain('<dxp:MsgType>CEB621Message</dxp:MsgType>');
    // Sent once: nothing is left to retry.
    clockMs += 60_000;
    expect((await hub.customs.dxpRetrier.retryNow()).sent).toBe(0);
  });
});

describe('customs 1210: goods refused after inspection', () => {
  it('go back into the account book they were taken from, once', async () => {
    // Every parcel is sampled: the 1210 list takes its goods, then waits for the officer.
    const inspecting = await createTestHub({ customsSandbox: { inspectionRate: 1 } });
    try {
      const { hub } = inspecting;
      const platform = await createParty(hub, 'InspectedPlatform', { kind: 'ecommerce_platform' });
      const site = await createParty(hub, 'InspectedSite', { kind: 'logistics_provider' });
      const officer = await createParty(hub, 'Officer', { kind: 'customs_authority' });
      const send = async (party: Party, messages: string[]) => {
        const response = await hub.app.inject({
          method: 'POST',
          url: `/api/customs/ceb/batch?org=${party.organisationId}`,
          headers: { cookie: party.cookie },
          payload: { messages },
        });
        expect(response.statusCode, response.body).toBe(200);
        return response.json<{ outcomes: Outcome[] }>().outcomes;
      };
      const book = async () => {
        const response = await hub.app.inject({
          method: 'GET',
          url: `/api/orgs/${platform.organisationId}/customs/bonded`,
          headers: { cookie: platform.cookie },
        });
        return response.json<Overview>().books.find((b) => b.emsNo === warehouse.emsNo) as Book;
      };
      const stock = async () =>
        new Map((await book()).items.map((i) => [i.itemRecordNo, Number(i.quantity)]));

      const declared = await hub.app.inject({
        method: 'POST',
        url: `/api/orgs/${platform.organisationId}/customs/bonded/inbounds`,
        headers: { cookie: platform.cookie },
        payload: demoBondedInbound('MSKU2026111201', '20'),
      });
      expect(declared.statusCode, declared.body).toBe(201);
      const [delivered] = await send(site, [
        await signAsDemoDeclarant(
          demoDeliveryList({
            guid: guid(41),
            billNo: 'MSKU2026111201',
            rkdNo: 'RK202611120041',
            appTime: '20261112080000',
          }),
        ),
      ]);
      expect(delivered?.returnStatus, delivered?.returnInfo).toBe('120');
      const full = await stock();

      const [parcel] = generateDemoParcels({
        count: 1,
        seed: 41,
        defectRate: 0,
        prefix: 'BI',
        bonded: warehouse,
      });
      await send(platform, [parcel?.order ?? '', parcel?.payment ?? '', parcel?.waybill ?? '']);
      const [inspection] = await send(platform, [await signAsDemoDeclarant(parcel?.inventory ?? '')]);
      expect(inspection?.returnStatus, inspection?.returnInfo).toBe('500');
      const demand = demandOf([parcel as DemoParcel]);
      const taken = await stock();
      for (const [item, qty] of demand) {
        expect(taken.get(item), item).toBe((full.get(item) ?? 0) - qty);
      }

      const refuse = () =>
        hub.app.inject({
          method: 'POST',
          url: `/api/orgs/${officer.organisationId}/customs/parcels/${inspection?.parcelIds[0]}/inspection`,
          headers: { cookie: officer.cookie },
          payload: { outcome: 'refuse', note: 'goods not as declared' },
        });
      const refused = await refuse();
      expect(refused.statusCode, refused.body).toBe(200);
      expect(refused.json<{ state: string }>().state).toBe('refused');
      expect(await stock()).toEqual(full);
      // The decision is taken once: a second refusal is refused and moves no stock.
      expect((await refuse()).statusCode).toBe(409);
      expect(await stock()).toEqual(full);

      const ledger = await hub.app.inject({
        method: 'GET',
        url: `/api/orgs/${platform.organisationId}/customs/bonded/books/${(await book()).id}/entries?limit=500`,
        headers: { cookie: platform.cookie },
      });
      const kinds = ledger.json<{ items: { kind: string }[] }>().items.map((e) => e.kind);
      expect(new Set(kinds)).toEqual(new Set(['inbound', 'release', 'refusal']));
    } finally {
      await inspecting.close();
    }
  });
});
