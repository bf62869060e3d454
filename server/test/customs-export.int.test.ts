import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import {
  customsErrorStatuses,
  EXPORT_FIELD_ERROR_CODES,
  generateDemoExportParcels,
} from '../src/modules/customs/index.ts';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';
import { untranslated } from './support/web-i18n.ts';

// The export side of the customs sandbox over HTTP: a Yiwu exporter's order, collection voucher,
// waybill and export list arrive in any order; the list is held until all agree, then checked and
// released (CEB604 800); released lists are consolidated into CEB701 summaries answered by CEB792.

type Outcome = {
  status: 'accepted' | 'duplicate' | 'rejected';
  messageType: string | null;
  receiptType: string;
  returnStatus: string;
  returnInfo: string;
  receiptXml: string;
  parcelIds: string[];
};

type ParcelView = {
  id: string;
  state: string;
  invtNo: string | null;
  waitingFor: string[];
  route: string | null;
  findings: { rule: string; severity: string; fields: { document: string; field: string }[] }[];
  refusal: { code: string }[] | null;
  timeline: { kind: string }[];
  receipts: { receiptType: string; returnStatus: string; returnInfo: string }[];
};

// The official export XSD (and xmldsig for signed messages), read as files: what customs validates with.
const schemaDir = new URL('../src/modules/customs/formats/ceb/schemas/', import.meta.url);
const schema = (fileName: string) => ({
  fileName,
  contents: readFileSync(new URL(fileName, schemaDir), 'utf8'),
});
const exportSchema = schema('出口业务节点报文.xsd');
const dsigSchema = schema('xmldsig-core-schema.xsd');
/** xmllint's errors for an export-side message or receipt ([] when valid); the type is for the message only. */
const xmllintErrors = async (xml: string, _messageType: string): Promise<string[]> =>
  (
    await validateXML({
      xml: [{ fileName: 'message.xml', contents: xml.replace(/^\uFEFF/, '') }],
      schema: [exportSchema],
      preload: [dsigSchema],
    })
  ).errors.map((error) => error.message);

const chinaMonth = (at: Date) => new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 7);

describe('customs export clearance (sandbox)', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let exporter: Party;
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
  const call = async <T>(party: Party, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await ctx.hub.app.inject({
      method,
      url,
      headers: { cookie: party.cookie },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    return { status: response.statusCode, body: response.body, json: () => response.json<T>() };
  };
  const parcelOf = async (party: Party, parcelId: string) =>
    (
      await call<ParcelView>(
        party,
        'GET',
        `/api/orgs/${party.organisationId}/customs/export/parcels/${parcelId}`,
      )
    ).json();

  beforeAll(async () => {
    ctx = await createTestHub();
    exporter = await createParty(ctx.hub, 'Yiwu', { kind: 'exporter' });
    other = await createParty(ctx.hub, 'Other', { kind: 'exporter' });
    customs = await createParty(ctx.hub, 'Customs', { kind: 'customs_authority' });
  });
  afterAll(async () => ctx.close());

  it('releases a list whatever order its documents arrive in, and every receipt is XSD-valid', async () => {
    const parcels = generateDemoExportParcels({ count: 4, prefix: 'OR', seed: 1 });
    const orders: (keyof (typeof parcels)[number])[][] = [
      ['inventory', 'order', 'receipts', 'waybill'],
      ['waybill', 'inventory', 'receipts', 'order'],
      ['order', 'receipts', 'waybill', 'inventory'],
      ['receipts', 'waybill', 'order', 'inventory'],
    ];
    for (const [index, parcel] of parcels.entries()) {
      const order = orders[index] as (keyof typeof parcel)[];
      const outcomes: Outcome[] = [];
      for (const kind of order) {
        outcomes.push(...(await send(exporter, [parcel[kind] as string])));
      }
      expect(outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
      const listOutcome = outcomes[order.indexOf('inventory')] as Outcome;
      expect(listOutcome.receiptType).toBe('CEB604');
      const parcelId = outcomes.flatMap((o) => o.parcelIds)[0] as string;
      const view = await parcelOf(exporter, parcelId);
      expect(view.state).toBe('released');
      expect(view.invtNo).toMatch(/^2924\d{4}E\d{9}$/);
      expect(view.receipts.map((r) => r.returnStatus)).toContain('800');
      if (order.at(-1) === 'inventory') {
        expect(listOutcome.returnStatus).toBe('800');
      } else {
        expect(listOutcome.returnStatus).toBe('120');
        expect(listOutcome.returnInfo).toContain('held for');
      }
    }
    // Every receipt the exporter got (the CEB604 800 of a completed list included) is XSD-valid.
    const receipts = await call<{ items: { receiptType: string; xml: string }[] }>(
      exporter,
      'GET',
      `/api/orgs/${exporter.organisationId}/customs/receipts?limit=1000`,
    );
    const items = receipts.json().items;
    expect(items.filter((r) => r.receiptType === 'CEB604' && r.xml.includes('>800<')).length).toBe(4);
    for (const receipt of items) {
      expect(await xmllintErrors(receipt.xml, receipt.receiptType as 'CEB604')).toEqual([]);
    }
  });

  it('holds a list whose voucher names another enterprise, with the reason by field', async () => {
    const [parcel] = generateDemoExportParcels({ count: 1, prefix: 'MM', seed: 2, defectRate: 1 });
    if (parcel === undefined) {
      throw new Error('no parcel');
    }
    const outcomes = await send(exporter, [parcel.inventory, parcel.order, parcel.waybill, parcel.receipts]);
    const parcelId = outcomes[0]?.parcelIds[0] as string;
    const view = await parcelOf(exporter, parcelId);
    expect(view.state).toBe('failed');
    const finding = view.findings.find((f) => f.rule === 'order_receipts.ebc_code');
    expect(finding?.severity).toBe('reject');
    expect(finding?.fields.map((f) => `${f.document}.${f.field}`)).toEqual([
      'order.ebcCode',
      'receipts.ebcCode',
    ]);
    // The voucher that broke the match refused the held list: its CEB604 100 names the rule.
    const refusal = view.receipts.find((r) => r.receiptType === 'CEB604' && r.returnStatus === '100');
    expect(refusal?.returnInfo).toContain('order_receipts.ebc_code');
  });

  it('shows a list waiting for its documents on the board', async () => {
    const [parcel] = generateDemoExportParcels({ count: 1, prefix: 'WT', seed: 3 });
    const [held] = await send(exporter, [parcel?.inventory as string]);
    expect(held?.returnStatus).toBe('120');
    const board = await call<{ held: { orderNo: string; waitingFor: string[] }[] }>(
      exporter,
      'GET',
      `/api/orgs/${exporter.organisationId}/customs/export/board`,
    );
    expect(board.status).toBe(200);
    expect(board.json().held.find((h) => h.orderNo === parcel?.orderNo)?.waitingFor).toEqual([
      'order',
      'receipts',
      'waybill',
    ]);
  });

  it('cancels a released list with CEB605 and refuses a second cancel', async () => {
    const [parcel] = generateDemoExportParcels({ count: 1, prefix: 'CX', seed: 4 });
    if (parcel === undefined) {
      throw new Error('no parcel');
    }
    const outcomes = await send(exporter, [parcel.order, parcel.receipts, parcel.waybill, parcel.inventory]);
    const view = await parcelOf(exporter, outcomes[3]?.parcelIds[0] as string);
    expect(view.state).toBe('released');
    const cancel = (guid: string) => `<?xml version="1.0" encoding="UTF-8"?>
<ceb:CEB605Message guid="${guid}" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb">
<ceb:InvtCancel><ceb:guid>${guid}</ceb:guid><ceb:appType>1</ceb:appType><ceb:appTime>20261127120000</ceb:appTime>
<ceb:appStatus>2</ceb:appStatus><ceb:customsCode>2924</ceb:customsCode><ceb:copNo>CANCEL1</ceb:copNo>
<ceb:invtNo>${view.invtNo}</ceb:invtNo><ceb:reason>买家取消 buyer cancelled</ceb:reason>
<ceb:agentCode>3318980005</ceb:agentCode><ceb:agentName>义乌报关服务有限公司</ceb:agentName>
<ceb:ebcCode>3318960008</ceb:ebcCode><ceb:ebcName>义乌市商城日用品进出口有限公司</ceb:ebcName></ceb:InvtCancel>
<ceb:BaseTransfer><ceb:copCode>3318980005</ceb:copCode><ceb:copName>义乌报关服务有限公司</ceb:copName><ceb:dxpMode>DXP</ceb:dxpMode><ceb:dxpId>DXPENT0000000002</ceb:dxpId></ceb:BaseTransfer>
</ceb:CEB605Message>`;
    // Another organisation cannot cancel the exporter's list.
    const [foreign] = await send(other, [cancel('AAAAAAAA-0000-4000-A000-000000000605')]);
    expect(foreign?.returnStatus).toBe('100');
    const [cancelled] = await send(exporter, [cancel('AAAAAAAA-0000-4000-A000-000000000606')]);
    expect(cancelled?.receiptType).toBe('CEB606');
    expect(cancelled?.returnStatus).toBe('399');
    expect(await xmllintErrors(cancelled?.receiptXml as string, 'CEB606')).toEqual([]);
    const after = await parcelOf(exporter, view.id);
    expect(after.state).toBe('cancelled');
    expect(after.timeline.map((e) => e.kind)).toContain('cancelled');
    const [again] = await send(exporter, [cancel('AAAAAAAA-0000-4000-A000-000000000607')]);
    expect(again?.returnStatus).toBe('100');
  });

  it('summarises released 9610 lists once (CEB701 signed and XSD-valid, CEB792 result)', async () => {
    const month = chinaMonth(new Date());
    type Built = { created: { id: string; listCount: number; totals: Record<string, string> }[] };
    const build = () =>
      call<Built>(exporter, 'POST', `/api/orgs/${exporter.organisationId}/customs/export/summaries`, {
        month,
      });
    // Two builds at once: each list still lands in exactly one summary.
    const [first, concurrent] = await Promise.all([build(), build()]);
    expect(first.status, first.body).toBe(200);
    expect(concurrent.status, concurrent.body).toBe(200);
    const created = [...first.json().created, ...concurrent.json().created];
    expect(created.length).toBeGreaterThan(0);
    // The 4 lists of the first test: the cancelled and failed ones are not released.
    expect(created.reduce((n, s) => n + s.listCount, 0)).toBe(4);
    const again = await call<{ created: unknown[] }>(
      exporter,
      'POST',
      `/api/orgs/${exporter.organisationId}/customs/export/summaries`,
      { month },
    );
    expect(again.json().created).toEqual([]);
    for (const summary of created) {
      const apply = await call<string>(
        exporter,
        'GET',
        `/api/orgs/${exporter.organisationId}/customs/export/summaries/${summary.id}/xml?kind=apply`,
      );
      expect(apply.status).toBe(200);
      expect(apply.body).toContain('ds:Signature');
      expect(await xmllintErrors(apply.body, 'CEB701')).toEqual([]);
      const result = await call<string>(
        exporter,
        'GET',
        `/api/orgs/${exporter.organisationId}/customs/export/summaries/${summary.id}/xml?kind=result`,
      );
      expect(await xmllintErrors(result.body, 'CEB792')).toEqual([]);
    }
    const bad = await call(
      exporter,
      'POST',
      `/api/orgs/${exporter.organisationId}/customs/export/summaries`,
      {
        month: '2026-13',
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('month');
  });

  it('records a departure (CEB509) and the bill link (CEB607) on the timeline of the released list it names', async () => {
    const [parcel] = generateDemoExportParcels({ count: 1, prefix: 'DP', seed: 8 });
    if (parcel === undefined) {
      throw new Error('no parcel');
    }
    const outcomes = await send(exporter, [parcel.order, parcel.receipts, parcel.waybill, parcel.inventory]);
    const guid = 'BBBBBBBB-0000-4000-A000-000000000509';
    const departure = `<?xml version="1.0" encoding="UTF-8"?>
<ceb:CEB509Message guid="${guid}" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb">
<ceb:Departure><ceb:DepartureHead><ceb:guid>${guid}</ceb:guid><ceb:appType>1</ceb:appType>
<ceb:appTime>20261127180000</ceb:appTime><ceb:appStatus>2</ceb:appStatus><ceb:customsCode>2924</ceb:customsCode>
<ceb:copNo>DEP1</ceb:copNo><ceb:logisticsCode>3318980002</ceb:logisticsCode><ceb:logisticsName>义乌国际陆港物流有限公司</ceb:logisticsName>
<ceb:trafMode>5</ceb:trafMode><ceb:leaveTime>20261127180000</ceb:leaveTime><ceb:msgCount>1</ceb:msgCount><ceb:msgSeqNo>1</ceb:msgSeqNo>
</ceb:DepartureHead><ceb:DepartureList><ceb:gnum>1</ceb:gnum><ceb:logisticsNo>${parcel.logisticsNo}</ceb:logisticsNo></ceb:DepartureList></ceb:Departure>
<ceb:BaseTransfer><ceb:copCode>3318980002</ceb:copCode><ceb:copName>义乌国际陆港物流有限公司</ceb:copName><ceb:dxpMode>DXP</ceb:dxpMode><ceb:dxpId>DXPLGS0000000001</ceb:dxpId></ceb:BaseTransfer>
</ceb:CEB509Message>`;
    const [departed] = await send(exporter, [departure]);
    expect(departed?.receiptType, departed?.returnInfo).toBe('CEB510');
    expect(departed?.returnStatus).toBe('120');
    expect(await xmllintErrors(departed?.receiptXml as string, 'CEB510')).toEqual([]);
    const billGuid = 'BBBBBBBB-0000-4000-A000-000000000607';
    const bill = `<?xml version="1.0" encoding="UTF-8"?>
<ceb:CEB607Message guid="${billGuid}" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb">
<ceb:WayBill><ceb:WayBillHead><ceb:guid>${billGuid}</ceb:guid><ceb:appType>1</ceb:appType>
<ceb:appTime>20261127170000</ceb:appTime><ceb:appStatus>2</ceb:appStatus><ceb:customsCode>2924</ceb:customsCode>
<ceb:copNo>BILL1</ceb:copNo><ceb:agentCode>3318980005</ceb:agentCode><ceb:agentName>义乌报关服务有限公司</ceb:agentName>
<ceb:trafMode>5</ceb:trafMode><ceb:trafName>CA1042</ceb:trafName><ceb:voyageNo>20261127</ceb:voyageNo>
<ceb:billNo>HGH20261127001</ceb:billNo><ceb:grossWeight>12.5</ceb:grossWeight><ceb:logisticsCode>3318980002</ceb:logisticsCode>
<ceb:logisticsName>义乌国际陆港物流有限公司</ceb:logisticsName><ceb:msgCount>1</ceb:msgCount><ceb:msgSeqNo>1</ceb:msgSeqNo>
</ceb:WayBillHead><ceb:WayBillList><ceb:gnum>1</ceb:gnum><ceb:logisticsNo>${parcel.logisticsNo}</ceb:logisticsNo></ceb:WayBillList></ceb:WayBill>
<ceb:BaseTransfer><ceb:copCode>3318980005</ceb:copCode><ceb:copName>义乌报关服务有限公司</ceb:copName><ceb:dxpMode>DXP</ceb:dxpMode><ceb:dxpId>DXPENT0000000002</ceb:dxpId></ceb:BaseTransfer>
</ceb:CEB607Message>`;
    const [linked] = await send(exporter, [bill]);
    expect(linked?.receiptType, linked?.returnInfo).toBe('CEB608');
    expect(await xmllintErrors(linked?.receiptXml as string, 'CEB608')).toEqual([]);
    const view = await parcelOf(exporter, outcomes[3]?.parcelIds[0] as string);
    expect(view.timeline.map((e) => e.kind)).toContain('departed');
    expect(view.timeline.map((e) => e.kind)).toContain('bill_linked');
  });

  it('routes 9710 lists by value and files 9810 warehouses that lists must name', async () => {
    const [small] = generateDemoExportParcels({ count: 1, prefix: 'BS', seed: 5, tradeMode: '9710' });
    const [large] = generateDemoExportParcels({
      count: 1,
      prefix: 'BL',
      seed: 5,
      tradeMode: '9710',
      quantityFactor: 200,
    });
    const smallOut = await send(exporter, [
      small?.order,
      small?.receipts,
      small?.waybill,
      small?.inventory,
    ] as string[]);
    expect(smallOut[3]?.returnStatus, smallOut[3]?.returnInfo).toBe('800');
    expect(smallOut[3]?.returnInfo).toContain('HS 6');
    const largeOut = await send(exporter, [
      large?.order,
      large?.receipts,
      large?.waybill,
      large?.inventory,
    ] as string[]);
    expect(largeOut[3]?.returnStatus).toBe('100');
    expect(largeOut[3]?.returnInfo).toContain('报关单');
    const largeView = await parcelOf(exporter, largeOut[3]?.parcelIds[0] as string);
    expect(largeView.route).toBe('declaration_form');

    const filed = await call<{ id: string; filingNo: string; state: string }>(
      exporter,
      'POST',
      `/api/orgs/${exporter.organisationId}/customs/export/warehouses`,
      {
        name: 'Hamburg Fulfilment Centre',
        country: 'DE',
        address: 'Am Sandtorkai 50, 20457 Hamburg',
        areaM2: '12000',
        operator: 'Hanse Logistik GmbH',
        proofDocumentId: 'LEASE-2026-0042',
      },
    );
    expect(filed.status, filed.body).toBe(201);
    const filing = filed.json();
    const invalid = await call(
      exporter,
      'POST',
      `/api/orgs/${exporter.organisationId}/customs/export/warehouses`,
      {
        name: '',
        country: 'Germany',
        address: 'x',
        areaM2: '-1',
        operator: 'x',
        proofDocumentId: 'x',
      },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('country');
    const [beforeApproval] = generateDemoExportParcels({
      count: 1,
      prefix: 'OW',
      seed: 6,
      tradeMode: '9810',
      warehouseFilingNo: filing.filingNo,
    });
    const refused = await send(exporter, [
      beforeApproval?.order,
      beforeApproval?.receipts,
      beforeApproval?.waybill,
      beforeApproval?.inventory,
    ] as string[]);
    expect(refused[3]?.returnStatus).toBe('100');
    expect(refused[3]?.returnInfo).toContain(filing.filingNo);
    // Only customs decides; the exporter cannot approve its own filing.
    const selfApproval = await call(
      exporter,
      'POST',
      `/api/orgs/${exporter.organisationId}/customs/export/warehouses/${filing.id}/decision`,
      {
        outcome: 'approve',
        note: 'mine',
      },
    );
    expect(selfApproval.status).toBe(403);
    const approved = await call<{ state: string }>(
      customs,
      'POST',
      `/api/orgs/${customs.organisationId}/customs/export/warehouses/${filing.id}/decision`,
      { outcome: 'approve', note: '备案通过 approved' },
    );
    expect(approved.status, approved.body).toBe(200);
    expect(approved.json().state).toBe('approved');
    const [afterApproval] = generateDemoExportParcels({
      count: 1,
      prefix: 'OX',
      seed: 7,
      tradeMode: '9810',
      warehouseFilingNo: filing.filingNo,
    });
    const released = await send(exporter, [
      afterApproval?.order,
      afterApproval?.receipts,
      afterApproval?.waybill,
      afterApproval?.inventory,
    ] as string[]);
    expect(released[3]?.returnStatus, released[3]?.returnInfo).toBe('800');
  });

  it('shows another organisation none of it; customs sees it all', async () => {
    const board = await call<{ total: number; summaries: number }>(
      other,
      'GET',
      `/api/orgs/${other.organisationId}/customs/export/board`,
    );
    expect(board.json().total).toBe(0);
    expect(board.json().summaries).toBe(0);
    const list = await call<{ items: unknown[] }>(
      other,
      'GET',
      `/api/orgs/${other.organisationId}/customs/export/parcels`,
    );
    expect(list.json().items).toEqual([]);
    const own = await call<{ items: { id: string }[] }>(
      exporter,
      'GET',
      `/api/orgs/${exporter.organisationId}/customs/export/parcels`,
    );
    const someId = own.json().items[0]?.id as string;
    const peek = await call(
      other,
      'GET',
      `/api/orgs/${other.organisationId}/customs/export/parcels/${someId}`,
    );
    expect(peek.status).toBe(404);
    const summaries = await call<{ items: { id: string }[] }>(
      exporter,
      'GET',
      `/api/orgs/${exporter.organisationId}/customs/export/summaries`,
    );
    const summaryId = summaries.json().items[0]?.id as string;
    const xml = await call(
      other,
      'GET',
      `/api/orgs/${other.organisationId}/customs/export/summaries/${summaryId}/xml`,
    );
    expect(xml.status).toBe(404);
    const warehouses = await call<{ items: unknown[] }>(
      other,
      'GET',
      `/api/orgs/${other.organisationId}/customs/export/warehouses`,
    );
    expect(warehouses.json().items).toEqual([]);
    const customsBoard = await call<{ total: number }>(
      customs,
      'GET',
      `/api/orgs/${customs.organisationId}/customs/export/board`,
    );
    expect(customsBoard.json().total).toBeGreaterThan(5);
  });

  it('has zh-CN and en text for every export error, check and matching code', () => {
    const errors = Object.keys(customsErrorStatuses).filter((code) => /export|warehouse/.test(code));
    expect(errors.length).toBe(4);
    expect(untranslated(errors.map((code) => `errors.${code}`))).toEqual([]);
    const fieldCodes = EXPORT_FIELD_ERROR_CODES;
    expect(untranslated(fieldCodes.map((code) => `fieldErrors.${code}`))).toEqual([]);
  });
});
