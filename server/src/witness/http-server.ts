import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADD_CHECKPOINT_PATH } from '@tradehub/verifier';
import type { Witness } from './witness.ts';

export type WitnessHttpServerOptions = {
  port: number;
  host: string;
  /** The submission prefix, e.g. `/witness`; add-checkpoint is served at `<prefix>/add-checkpoint`. */
  prefix?: string;
  /** Bodies above this are refused with 413 before they are read in full. */
  bodyLimitBytes?: number;
};

export type WitnessHttpServer = {
  /** `http://<host>:<port><prefix>`: the URL logs configure as this witness's submission prefix. */
  url: string;
  host: string;
  port: number;
  /** Stops accepting connections and waits for requests in flight. */
  close: () => Promise<void>;
};

// A checkpoint with a hundred signatures and a full proof is about 20 KB.
const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;
const TEXT = 'text/plain; charset=utf-8';

class BodyTooLarge extends Error {}

const readBody = (request: IncomingMessage, limit: number): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        reject(new BodyTooLarge());
        request.pause();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    request.on('error', reject);
  });

const answer = (
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(body);
};

/**
 * Serves a witness over HTTP (node:http, keep-alive on): `POST <prefix>/add-checkpoint` as
 * c2sp.org/tlog-witness defines it, 405 for other methods there, 404 anywhere else. Resolves once
 * it is listening.
 */
export const createWitnessHttpServer = async (
  witness: Witness,
  options: WitnessHttpServerOptions,
): Promise<WitnessHttpServer> => {
  const prefix = (options.prefix ?? '').replace(/\/+$/, '');
  const path = `${prefix}${ADD_CHECKPOINT_PATH}`;
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://witness.invalid');
    if (url.pathname !== path) {
      answer(response, 404, TEXT, 'Not found: this witness answers POST add-checkpoint only\n');
      return;
    }
    if (request.method !== 'POST') {
      answer(response, 405, TEXT, 'Use POST\n', { allow: 'POST' });
      return;
    }
    let body: Uint8Array;
    try {
      body = await readBody(request, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        // The rest of the body is not read, so the connection cannot be reused.
        answer(response, 413, TEXT, `The body exceeds ${limit} bytes\n`, { connection: 'close' });
        return;
      }
      throw error;
    }
    const result = await witness.addCheckpoint(body);
    answer(response, result.status, result.contentType, result.body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) {
        answer(response, 500, TEXT, 'Internal error\n');
      } else {
        response.destroy();
      }
    });
  });
  // Slow clients must not hold a request open forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}${prefix}`,
    host: address.address,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeIdleConnections();
      }),
  };
};
