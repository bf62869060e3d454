// The few Web platform APIs the verifier uses (WebCrypto Ed25519, gzip streams, fetch), typed here
// because the package compiles with the ES library only: no DOM or Node types, so nothing from
// either can slip into code that must run in both. Every accessor returns undefined when the
// running engine lacks the API, and callers fall back or report it.

import { utf8Encode } from '@tradehub/kernel';

/** The part of WebCrypto's SubtleCrypto that verifies Ed25519 signatures. */
export type SubtleEd25519 = {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'Ed25519' },
    extractable: boolean,
    usages: readonly ['verify'],
  ): Promise<unknown>;
  verify(algorithm: 'Ed25519', key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
};

type ReadResult = { done: boolean; value?: Uint8Array };

/** A reader of a byte stream, as ReadableStreamDefaultReader. */
export type ByteReader = {
  read(): Promise<ReadResult>;
  cancel(reason?: unknown): Promise<void>;
};

/** A writer of a byte stream, as WritableStreamDefaultWriter. */
export type ByteWriter = {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
};

/** A CompressionStream or DecompressionStream. */
export type ByteTransform = {
  readonly readable: { getReader(): ByteReader };
  readonly writable: { getWriter(): ByteWriter };
};

/** The formats CompressionStream and DecompressionStream share. */
export type CompressionFormat = 'gzip' | 'deflate' | 'deflate-raw';

type TransformConstructor = new (format: CompressionFormat) => ByteTransform;

/** The part of a fetch Response the verifier reads. */
export type FetchResponse = {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
};

/** A fetch function: the global one, or one a caller injects (tests, proxies, a CLI with a timeout). */
export type FetchFunction = (
  url: string,
  init?: { headers?: Record<string, string>; signal?: unknown },
) => Promise<FetchResponse>;

type Utf8Decoder = { decode(bytes: Uint8Array): string };
type Utf8DecoderConstructor = new (
  label: 'utf-8',
  options: { fatal: boolean; ignoreBOM: boolean },
) => Utf8Decoder;

type Utf8Encoder = { encode(text: string): Uint8Array };

type WebGlobals = {
  TextDecoder?: Utf8DecoderConstructor;
  TextEncoder?: new () => Utf8Encoder;
  crypto?: { subtle?: Partial<SubtleEd25519> };
  CompressionStream?: TransformConstructor;
  DecompressionStream?: TransformConstructor;
  fetch?: FetchFunction;
};

const web = globalThis as unknown as WebGlobals;

/** WebCrypto's SubtleCrypto when the engine has one; Ed25519 support is probed separately. */
export function subtleCrypto(): SubtleEd25519 | undefined {
  const subtle = web.crypto?.subtle;
  return typeof subtle?.importKey === 'function' && typeof subtle.verify === 'function'
    ? (subtle as SubtleEd25519)
    : undefined;
}

/** A new CompressionStream, or undefined when the engine has none. */
export function newCompressionStream(format: CompressionFormat): ByteTransform | undefined {
  return web.CompressionStream === undefined ? undefined : new web.CompressionStream(format);
}

/** A new DecompressionStream, or undefined when the engine has none. */
export function newDecompressionStream(format: CompressionFormat): ByteTransform | undefined {
  return web.DecompressionStream === undefined ? undefined : new web.DecompressionStream(format);
}

/** The engine's global fetch, or undefined. */
export function globalFetch(): FetchFunction | undefined {
  const fetch = web.fetch;
  return typeof fetch === 'function' ? (url, init) => fetch(url, init) : undefined;
}

const nativeEncoder: Utf8Encoder | undefined =
  web.TextEncoder === undefined ? undefined : new web.TextEncoder();

/**
 * UTF-8 bytes of a string: the engine's TextEncoder when it has one (native code), else the kernel's
 * encoder, which is specified to give the same bytes (lone surrogates become U+FFFD).
 */
export function encodeUtf8(text: string): Uint8Array {
  return nativeEncoder === undefined ? utf8Encode(text) : nativeEncoder.encode(text);
}

let strictDecoder: Utf8Decoder | undefined | null = null;

/**
 * The engine's strict UTF-8 decoder (native TextDecoder with fatal errors, keeping a BOM as the
 * kernel's decoder does), or undefined when the engine has none. Much faster than decoding in
 * JavaScript for the bundles a verifier reads by the thousand.
 */
export function nativeUtf8Decoder(): Utf8Decoder | undefined {
  if (strictDecoder === null) {
    strictDecoder =
      web.TextDecoder === undefined
        ? undefined
        : new web.TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  }
  return strictDecoder;
}

/** The outcome of running bytes through a (de)compression stream with an output bound. */
export type TransformResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'unavailable' | 'corrupt' | 'too_large' };

/**
 * Runs `input` through a CompressionStream or DecompressionStream, stopping as soon as the output
 * passes `maxOutputBytes`, so a small gzip bomb costs at most that much memory. Never throws.
 */
export async function transformBytes(
  transform: ByteTransform | undefined,
  input: Uint8Array,
  maxOutputBytes: number,
): Promise<TransformResult> {
  if (transform === undefined) {
    return { ok: false, reason: 'unavailable' };
  }
  const writer = transform.writable.getWriter();
  const reader = transform.readable.getReader();
  // Writing and reading run together: awaiting the write first would deadlock on backpressure.
  const written = writer
    .write(input)
    .then(() => writer.close())
    .catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      if (value === undefined) {
        continue;
      }
      total += value.length;
      if (total > maxOutputBytes) {
        await reader.cancel().catch(() => undefined);
        await writer.abort().catch(() => undefined);
        return { ok: false, reason: 'too_large' };
      }
      chunks.push(value);
    }
  } catch {
    await writer.abort().catch(() => undefined);
    return { ok: false, reason: 'corrupt' };
  }
  await written;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { ok: true, bytes };
}
