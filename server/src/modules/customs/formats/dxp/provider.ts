import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '@tradehub/kernel';
import {
  buildDxpMessage,
  CEB_EXPORT_RECEIVER_ID,
  CEB_IMPORT_RECEIVER_ID,
  DXP_NS,
  type ParsedDxpResponse,
  parseDxpMessage,
  parseDxpResponse,
} from './dxp.ts';

// The customs provider's production side: a CEB message the hub forwards to customs is wrapped in
// the DXP envelope (DxpMsg, receiver DXPEDCCEB0000002 for import, …0003 for export) and handed to
// the E-port either by HTTP POST to the operator's configured endpoint (a local service platform
// or the operator's DXP gateway, with the configured auth header) or by a file in the directory the
// E-port client sends from (§8.1). Neither logs nor returns the auth header: it is the operator's
// secret. What comes back synchronously (a DxpRep acknowledgement, or a DxpMsg carrying a CEB
// receipt) is returned for the intake to record.

export type DxpTransportSetting =
  | {
      kind: 'http';
      url: string;
      authHeaderName?: string | undefined;
      authHeaderValue?: string | undefined;
      timeoutMs?: number | undefined;
    }
  | { kind: 'directory'; dir: string };

export type DxpProviderSetting = {
  /** The hub's DXP user id (BaseTransfer.dxpId), at most 16 characters. */
  senderId: string;
  transport: DxpTransportSetting;
};

/** A signed CEB message on its way to customs. */
export type OutgoingCebMessage = {
  /** Unique per message: the hub's message id (DXP CopMsgId, ≤255). */
  copMsgId: string;
  /** For example CEB621 (the envelope's MsgType is CEB621Message). */
  messageType: string;
  direction: 'import' | 'export';
  xml: string;
  at: Date;
};

export type DxpDelivery = {
  /** What identifies the hand-over: the HTTP status and request id, or the file name. */
  reference: string;
  /** CEB receipt messages that came back at once (the E-port's answer carried in a DxpMsg). */
  receipts: string[];
  /** The exchange platform's acknowledgement, when it answered with a DxpRep. */
  acknowledgement?: ParsedDxpResponse;
};

export type DxpProvider = {
  kind: 'dxp';
  transport: DxpTransportSetting['kind'];
  send(message: OutgoingCebMessage): Promise<DxpDelivery>;
};

const DEFAULT_TIMEOUT_MS = 15_000;

const failed = (message: string) =>
  new AppError('customs.dxp_transport_failed', message, { details: { retryable: true } });

/** The DxpMsg the E-port takes for one CEB message. */
export const envelopeOf = (senderId: string, message: OutgoingCebMessage): string =>
  buildDxpMessage({
    copMsgId: message.copMsgId,
    senderId,
    receiverIds: [message.direction === 'export' ? CEB_EXPORT_RECEIVER_ID : CEB_IMPORT_RECEIVER_ID],
    createdAt: message.at,
    messageType: `${message.messageType}Message`,
    data: message.xml,
  });

/** Reads what the endpoint answered: a DxpRep, a DxpMsg carrying a CEB receipt, or nothing. */
export const readDxpAnswer = (body: string): Omit<DxpDelivery, 'reference'> => {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text === '') {
    return { receipts: [] };
  }
  if (/^(?:<\?xml[^>]*\?>\s*)?<(?:[A-Za-z_][\w.-]*:)?DxpRep[\s>]/.test(text) && text.includes(DXP_NS)) {
    return { receipts: [], acknowledgement: parseDxpResponse(text) };
  }
  return { receipts: [parseDxpMessage(text).cebXml] };
};

const httpSend =
  (setting: DxpProviderSetting & { transport: { kind: 'http' } }, fetchImpl: typeof fetch) =>
  async (message: OutgoingCebMessage): Promise<DxpDelivery> => {
    const transport = setting.transport;
    const headers: Record<string, string> = {
      'content-type': 'application/xml; charset=utf-8',
      'x-dxp-cop-msg-id': message.copMsgId,
    };
    if (transport.authHeaderName !== undefined && transport.authHeaderValue !== undefined) {
      headers[transport.authHeaderName] = transport.authHeaderValue;
    }
    let response: Response;
    try {
      response = await fetchImpl(transport.url, {
        method: 'POST',
        headers,
        body: envelopeOf(setting.senderId, message),
        signal: AbortSignal.timeout(transport.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      throw failed(`The DXP endpoint could not be reached: ${(error as Error).name}`);
    }
    const text = await response.text();
    if (!response.ok) {
      throw failed(`The DXP endpoint answered HTTP ${response.status}`);
    }
    let answer: Omit<DxpDelivery, 'reference'>;
    try {
      answer = readDxpAnswer(text);
    } catch {
      throw failed('The DXP endpoint answered something that is neither a DxpRep nor a DxpMsg');
    }
    return { reference: response.headers.get('x-request-id') ?? `HTTP ${response.status}`, ...answer };
  };

const directorySend =
  (setting: DxpProviderSetting & { transport: { kind: 'directory' } }) =>
  async (message: OutgoingCebMessage): Promise<DxpDelivery> => {
    // The E-port client picks up every file in its send folder: write under a temporary name and
    // rename, so it never reads half an envelope.
    const fileName = `${message.copMsgId.replace(/[^A-Za-z0-9_.-]/g, '_')}.xml`;
    const target = join(setting.transport.dir, fileName);
    try {
      await mkdir(setting.transport.dir, { recursive: true });
      await writeFile(`${target}.partial`, envelopeOf(setting.senderId, message), 'utf8');
      await rename(`${target}.partial`, target);
    } catch (error) {
      throw failed(`The envelope could not be written: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    return { reference: fileName, receipts: [] };
  };

/** The DXP provider for a configured endpoint or send folder. */
export const createDxpProvider = (
  setting: DxpProviderSetting,
  fetchImpl: typeof fetch = fetch,
): DxpProvider => ({
  kind: 'dxp',
  transport: setting.transport.kind,
  send:
    setting.transport.kind === 'http'
      ? httpSend(setting as DxpProviderSetting & { transport: { kind: 'http' } }, fetchImpl)
      : directorySend(setting as DxpProviderSetting & { transport: { kind: 'directory' } }),
});
