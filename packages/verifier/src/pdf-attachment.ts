// Finds a tradehub-bundle/v1 attached to a PDF (an /EmbeddedFile stream, usually /FlateDecode)
// without a PDF library: every `stream ... endstream` body is a candidate, embedded files first,
// inflated when it is Flate, and the first that parses as a bundle wins. The work is bounded (stream
// count, inflated bytes in total and per stream), so a hostile PDF costs little and never hangs.

import type { TradehubBundle } from './bundle.ts';
import { MAX_BUNDLE_BYTES, parseBundle } from './bundle.ts';
import { newDecompressionStream, transformBytes } from './web-platform.ts';

/** The largest PDF searched. */
export const MAX_PDF_BYTES = 256 * 1024 * 1024;

/** Inflates zlib (RFC 1950) data, giving up past `maxBytes`; undefined when the data is not zlib. */
export type Inflate = (
  data: Uint8Array,
  maxBytes: number,
) => Uint8Array | undefined | Promise<Uint8Array | undefined>;

/** Options of findBundleInPdf. */
export type FindBundleInPdfOptions = {
  /** Defaults to DecompressionStream('deflate'); the CLI passes node:zlib's inflateSync. */
  readonly inflate?: Inflate;
  /** The most streams looked at (default 10,000). */
  readonly maxStreams?: number;
  /** The most bytes inflated over all streams (default 64 MiB). */
  readonly maxInflatedBytes?: number;
};

/** Why no bundle came out of a PDF. */
export type PdfBundleErrorReason = 'not_a_pdf' | 'too_large' | 'no_bundle';

export type PdfBundleResult =
  | { readonly ok: true; readonly bundle: TradehubBundle; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: PdfBundleErrorReason; readonly message: string };

const STREAM = bytesOf('stream');
const END_STREAM = bytesOf('endstream');
const OBJ = bytesOf('obj');
const PDF_HEADER = bytesOf('%PDF-');
const BUNDLE_MARKER = bytesOf('tradehub-bundle/v1');
// Stream dictionaries of attached files are a few hundred bytes; the bound keeps hostile input cheap.
const MAX_DICTIONARY_BYTES = 4096;

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  }
  return text;
}

function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** The first index of `pattern` in `bytes` at or after `from`, or -1. */
function indexOfBytes(
  bytes: Uint8Array,
  pattern: Uint8Array,
  from: number,
  to: number = bytes.length,
): number {
  const first = pattern[0] as number;
  const last = to - pattern.length;
  for (let i = bytes.indexOf(first, from); i >= 0 && i <= last; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < pattern.length && bytes[i + j] === pattern[j]) {
      j++;
    }
    if (j === pattern.length) {
      return i;
    }
  }
  return -1;
}

/** The last index of `pattern` that starts in [from, to), or -1. */
function lastIndexOfBytes(bytes: Uint8Array, pattern: Uint8Array, from: number, to: number): number {
  for (let i = Math.min(to, bytes.length - pattern.length); i >= from; i--) {
    let j = 0;
    while (j < pattern.length && bytes[i + j] === pattern[j]) {
      j++;
    }
    if (j === pattern.length) {
      return i;
    }
  }
  return -1;
}

type Candidate = {
  readonly data: Uint8Array;
  readonly flate: boolean;
  readonly embeddedFile: boolean;
};

const isWhite = (b: number | undefined) =>
  b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;

// The body of the stream whose keyword is at `at`, or undefined when `at` is not a stream keyword.
function streamAt(pdf: Uint8Array, at: number): { candidate?: Candidate; end: number } {
  // "endstream" also contains "stream".
  if (at >= 3 && pdf[at - 3] === 0x65 && pdf[at - 2] === 0x6e && pdf[at - 1] === 0x64) {
    return { end: at + STREAM.length };
  }
  let before = at - 1;
  while (before >= 0 && isWhite(pdf[before])) {
    before--;
  }
  if (before < 1 || pdf[before] !== 0x3e || pdf[before - 1] !== 0x3e) {
    return { end: at + STREAM.length };
  }
  let start = at + STREAM.length;
  if (pdf[start] === 0x0d) {
    start++;
  }
  if (pdf[start] === 0x0a) {
    start++;
  }
  const objAt = lastIndexOfBytes(pdf, OBJ, Math.max(0, at - MAX_DICTIONARY_BYTES), at);
  const dictionary = latin1(pdf.subarray(objAt < 0 ? Math.max(0, at - MAX_DICTIONARY_BYTES) : objAt, at));
  const declared = /\/Length\s+(\d{1,12})(?!\s+\d+\s+R)/.exec(dictionary);
  let end = -1;
  if (declared !== null) {
    const length = Number(declared[1]);
    let after = start + length;
    while (after < pdf.length && isWhite(pdf[after])) {
      after++;
    }
    if (
      start + length <= pdf.length &&
      indexOfBytes(pdf, END_STREAM, after, after + END_STREAM.length) === after
    ) {
      end = start + length;
    }
  }
  if (end < 0) {
    const endstream = indexOfBytes(pdf, END_STREAM, start);
    if (endstream < 0) {
      return { end: pdf.length };
    }
    end = endstream;
    if (pdf[end - 1] === 0x0a) {
      end--;
    }
    if (pdf[end - 1] === 0x0d) {
      end--;
    }
  }
  const filters = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dictionary)?.[1];
  const flate = filters !== undefined && /^\[?\s*\/FlateDecode\s*\]?$/.test(filters);
  const plain = filters === undefined;
  const embeddedFile = /\/Type\s*\/EmbeddedFile\b/.test(dictionary);
  const candidate = flate || plain ? { data: pdf.subarray(start, end), flate, embeddedFile } : undefined;
  return { ...(candidate === undefined ? {} : { candidate }), end };
}

function collectCandidates(pdf: Uint8Array, maxStreams: number): Candidate[] {
  const found: Candidate[] = [];
  let from = 0;
  let looked = 0;
  while (looked < maxStreams) {
    const at = indexOfBytes(pdf, STREAM, from);
    if (at < 0) {
      break;
    }
    const { candidate, end } = streamAt(pdf, at);
    if (candidate !== undefined) {
      found.push(candidate);
      looked++;
    }
    from = Math.max(end, at + 1);
  }
  // Attached files first: content streams rarely hold JSON, so they are tried last.
  return [...found.filter((c) => c.embeddedFile), ...found.filter((c) => !c.embeddedFile)];
}

async function defaultInflate(data: Uint8Array, maxBytes: number): Promise<Uint8Array | undefined> {
  const result = await transformBytes(newDecompressionStream('deflate'), data, maxBytes);
  return result.ok ? result.bytes : undefined;
}

/**
 * The first tradehub-bundle/v1 attached to (or otherwise stored as a stream in) a PDF. Never throws;
 * bounded in the streams it inflates and the bytes it inflates.
 */
export async function findBundleInPdf(
  pdf: Uint8Array,
  options: FindBundleInPdfOptions = {},
): Promise<PdfBundleResult> {
  if (pdf.length > MAX_PDF_BYTES) {
    return { ok: false, reason: 'too_large', message: `The PDF is larger than ${MAX_PDF_BYTES} bytes` };
  }
  if (indexOfBytes(pdf, PDF_HEADER, 0, Math.min(pdf.length, 1024)) < 0) {
    return { ok: false, reason: 'not_a_pdf', message: 'The file is not a PDF (no %PDF- header)' };
  }
  const inflate = options.inflate ?? defaultInflate;
  let budget = options.maxInflatedBytes ?? 64 * 1024 * 1024;
  for (const candidate of collectCandidates(pdf, options.maxStreams ?? 10_000)) {
    let body: Uint8Array | undefined = candidate.data;
    if (candidate.flate) {
      if (budget <= 0) {
        break;
      }
      try {
        body = await inflate(candidate.data, Math.min(MAX_BUNDLE_BYTES, budget));
      } catch {
        body = undefined;
      }
      budget -= body?.length ?? candidate.data.length;
    }
    if (body === undefined || body.length > MAX_BUNDLE_BYTES || indexOfBytes(body, BUNDLE_MARKER, 0) < 0) {
      continue;
    }
    const parsed = parseBundle(body);
    if (parsed.ok) {
      return { ok: true, bundle: parsed.bundle, bytes: body };
    }
  }
  return { ok: false, reason: 'no_bundle', message: 'The PDF has no attached tradehub-bundle/v1' };
}
