import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '@tradehub/kernel';
import type { Delivery, PreparedMessage, RailTransport, RailTransportSetting } from './types.ts';

// The two ways a message leaves the hub for a bank-operated rail. Neither logs or returns the
// auth header: it is the operator's secret for the bank's gateway.

const DEFAULT_TIMEOUT_MS = 15_000;

const transportFailed = (message: string) =>
  new AppError('payments.rail_transport_failed', message, { details: { retryable: true } });

/** POSTs the message to the bank's gateway; a 2xx is delivery, a pacs.002 body is read too. */
export const httpTransport = (
  setting: Extract<RailTransportSetting, { kind: 'http' }>,
  fetchImpl: typeof fetch = fetch,
): RailTransport => ({
  kind: 'http',
  send: async (message: PreparedMessage): Promise<Delivery> => {
    const headers: Record<string, string> = {
      'content-type': `${message.mediaType}; charset=utf-8`,
      'x-message-id': message.messageId,
      'x-message-definition': message.definition,
    };
    if (setting.authHeaderName !== undefined && setting.authHeaderValue !== undefined) {
      headers[setting.authHeaderName] = setting.authHeaderValue;
    }
    let response: Response;
    try {
      response = await fetchImpl(setting.url, {
        method: 'POST',
        headers,
        body: message.xml,
        signal: AbortSignal.timeout(setting.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      throw transportFailed(`The rail's gateway could not be reached: ${(error as Error).name}`);
    }
    const text = await response.text();
    if (!response.ok) {
      throw transportFailed(`The rail's gateway answered HTTP ${response.status}`);
    }
    const reference = response.headers.get('x-request-id') ?? `HTTP ${response.status}`;
    return text.includes('FIToFIPmtStsRpt') ? { reference, statusXml: text } : { reference };
  },
});

/**
 * Writes the message into the directory the operator's gateway (or SFTP job) picks up from: first
 * under a temporary name, then renamed, so the gateway never reads half a file.
 */
export const directoryTransport = (
  setting: Extract<RailTransportSetting, { kind: 'directory' }>,
): RailTransport => ({
  kind: 'directory',
  send: async (message: PreparedMessage): Promise<Delivery> => {
    const target = join(setting.dir, message.fileName);
    const partial = `${target}.partial`;
    try {
      await mkdir(setting.dir, { recursive: true });
      await writeFile(partial, message.xml, { encoding: 'utf8', flag: 'w' });
      await rename(partial, target);
    } catch (error) {
      throw transportFailed(
        `The message could not be written for the rail: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    return { reference: message.fileName };
  },
});

export const transportOf = (setting: RailTransportSetting | undefined): RailTransport | undefined =>
  setting === undefined
    ? undefined
    : setting.kind === 'http'
      ? httpTransport(setting)
      : directoryTransport(setting);
