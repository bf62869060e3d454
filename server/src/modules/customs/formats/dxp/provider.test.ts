import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDxpMessage, buildDxpResponse, parseDxpMessage } from './dxp.ts';
import { createDxpProvider } from './provider.ts';

// The DXP provider against a real local HTTP server standing in for the E-port endpoint: it checks
// the auth header and the envelope, and answers with a DxpMsg carrying a CEB622 receipt (or a DxpRep
// acknowledgement, or an error).

const SECRET = 'Bearer dxp-test-secret-7f3a';
const CEB =
  '<?xml version="1.0" encoding="UTF-8"?><ceb:CEB621Message guid="0A1B2C3D-0000-4000-A000-000000000001" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:Inventory/></ceb:CEB621Message>';
const RECEIPT =
  '<?xml version="1.0" encoding="UTF-8"?><CEB622Message guid="0A1B2C3D-0000-4000-A000-000000000002" version="1.0" xmlns="http://www.chinaport.gov.cn/ceb"><InventoryReturn><guid>0A1B2C3D-0000-4000-A000-000000000003</guid><returnStatus>120</returnStatus></InventoryReturn></CEB622Message>';

type Seen = { headers: IncomingMessage['headers']; body: string };

describe('DXP provider', () => {
  let server: Server;
  let url: string;
  const seen: Seen[] = [];
  let answer: 'receipt' | 'ack' | 'error' = 'receipt';

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        seen.push({ headers: request.headers, body });
        if (request.headers.authorization !== SECRET || answer === 'error') {
          response
            .writeHead(answer === 'error' ? 500 : 401)
            .end(`refused ${request.headers.authorization ?? ''}`);
          return;
        }
        const envelope = parseDxpMessage(body);
        response.writeHead(200, { 'content-type': 'application/xml', 'x-request-id': 'eport-42' });
        response.end(
          answer === 'receipt'
            ? buildDxpMessage({
                copMsgId: `R-${envelope.copMsgId}`,
                senderId: 'DXPEDCCEB0000002',
                receiverIds: [envelope.senderId],
                createdAt: new Date('2026-11-11T02:00:00Z'),
                messageType: 'CEB622Message',
                data: RECEIPT,
              })
            : buildDxpResponse({
                receiverId: envelope.senderId,
                responses: [
                  {
                    responseCode: '0',
                    responseInfo: 'ok',
                    noticeTime: new Date('2026-11-11T02:00:00Z'),
                    oriHead: { ...envelope, receiverIds: envelope.receiverIds },
                  },
                ],
              }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dxp`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const message = {
    copMsgId: 'cbm_01TEST',
    messageType: 'CEB621',
    direction: 'import' as const,
    xml: CEB,
    at: new Date('2026-11-11T01:00:00Z'),
  };

  it('POSTs the DXP envelope with the auth header and returns the receipt customs sent back', async () => {
    answer = 'receipt';
    const provider = createDxpProvider({
      senderId: 'DXPENT0000000001',
      transport: { kind: 'http', url, authHeaderName: 'authorization', authHeaderValue: SECRET },
    });
    const delivery = await provider.send(message);
    expect(delivery.reference).toBe('eport-42');
    expect(delivery.receipts).toEqual([RECEIPT]);
    const request = seen.at(-1) as Seen;
    expect(request.headers['content-type']).toContain('application/xml');
    const envelope = parseDxpMessage(request.body);
    expect(envelope).toMatchObject({
      copMsgId: 'cbm_01TEST',
      senderId: 'DXPENT0000000001',
      receiverIds: ['DXPEDCCEB0000002'],
      messageType: 'CEB621Message',
      createdAt: '2026-11-11T09:00:00',
    });
    expect(envelope.cebXml).toBe(CEB);
  });

  it('sends export messages to the export receiver and reads a DxpRep acknowledgement', async () => {
    answer = 'ack';
    const provider = createDxpProvider({
      senderId: 'DXPENT0000000001',
      transport: { kind: 'http', url, authHeaderName: 'authorization', authHeaderValue: SECRET },
    });
    const delivery = await provider.send({ ...message, messageType: 'CEB603', direction: 'export' });
    expect(delivery.receipts).toEqual([]);
    expect(delivery.acknowledgement?.responses[0]?.responseCode).toBe('0');
    expect(parseDxpMessage((seen.at(-1) as Seen).body).receiverIds).toEqual(['DXPEDCCEB0000003']);
  });

  it('fails retryably without ever repeating the secret', async () => {
    answer = 'error';
    const provider = createDxpProvider({
      senderId: 'DXPENT0000000001',
      transport: { kind: 'http', url, authHeaderName: 'authorization', authHeaderValue: SECRET },
    });
    const error = await provider.send(message).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'customs.dxp_transport_failed', details: { retryable: true } });
    expect(JSON.stringify(error)).not.toContain('dxp-test-secret');
    expect(String((error as Error).message)).not.toContain('dxp-test-secret');
    const unreachable = createDxpProvider({
      senderId: 'DXPENT0000000001',
      transport: {
        kind: 'http',
        url: 'http://127.0.0.1:9/none',
        authHeaderName: 'authorization',
        authHeaderValue: SECRET,
        timeoutMs: 2000,
      },
    });
    await expect(unreachable.send(message)).rejects.toMatchObject({ code: 'customs.dxp_transport_failed' });
  });

  it('drops the envelope whole into the E-port client send folder', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dxp-send-')), 'out');
    const provider = createDxpProvider({
      senderId: 'DXPENT0000000001',
      transport: { kind: 'directory', dir },
    });
    const delivery = await provider.send(message);
    expect(delivery).toEqual({ reference: 'cbm_01TEST.xml', receipts: [] });
    expect(readdirSync(dir)).toEqual(['cbm_01TEST.xml']);
    expect(parseDxpMessage(readFileSync(join(dir, 'cbm_01TEST.xml'), 'utf8')).cebXml).toBe(CEB);
  });
});
