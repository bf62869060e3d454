import { AppError } from './errors.ts';

const REPLACEMENT_CHARACTER = 0xfffd;
const HEX_DIGITS = '0123456789abcdef';
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL_VALUES = new Map([...BASE64URL_ALPHABET].map((char, value) => [char, value]));

/** UTF-8 bytes of a string; lone surrogates become U+FFFD, exactly as TextEncoder does. */
export function utf8Encode(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let codePoint = text.charCodeAt(i);
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      const isPair = codePoint <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
      codePoint = isPair ? 0x10000 + ((codePoint - 0xd800) << 10) + (next - 0xdc00) : REPLACEMENT_CHARACTER;
      i += isPair ? 1 : 0;
    }
    n = writeUtf8(out, n, codePoint);
  }
  return out.slice(0, n);
}

function writeUtf8(out: Uint8Array, at: number, codePoint: number): number {
  if (codePoint < 0x80) {
    out[at] = codePoint;
    return at + 1;
  }
  if (codePoint < 0x800) {
    out[at] = 0xc0 | (codePoint >> 6);
    out[at + 1] = 0x80 | (codePoint & 0x3f);
    return at + 2;
  }
  if (codePoint < 0x10000) {
    out[at] = 0xe0 | (codePoint >> 12);
    out[at + 1] = 0x80 | ((codePoint >> 6) & 0x3f);
    out[at + 2] = 0x80 | (codePoint & 0x3f);
    return at + 3;
  }
  out[at] = 0xf0 | (codePoint >> 18);
  out[at + 1] = 0x80 | ((codePoint >> 12) & 0x3f);
  out[at + 2] = 0x80 | ((codePoint >> 6) & 0x3f);
  out[at + 3] = 0x80 | (codePoint & 0x3f);
  return at + 4;
}

/** Options of utf8Decode. */
export type Utf8DecodeOptions = {
  /** Throw AppError `kernel.invalid_utf8` instead of substituting U+FFFD for malformed input. */
  fatal?: boolean;
};

type DecoderState = { needed: number; seen: number; codePoint: number; lower: number; upper: number };

function freshState(): DecoderState {
  return { needed: 0, seen: 0, codePoint: 0, lower: 0x80, upper: 0xbf };
}

// Starts a multi-byte sequence (WHATWG Encoding, "UTF-8 decoder"); false means an invalid lead byte.
function startSequence(state: DecoderState, byte: number): boolean {
  if (byte >= 0xc2 && byte <= 0xdf) {
    state.needed = 1;
    state.codePoint = byte & 0x1f;
  } else if (byte >= 0xe0 && byte <= 0xef) {
    // After E0 a low second byte would be an overlong form; after ED a high one would be a surrogate.
    state.needed = 2;
    state.codePoint = byte & 0xf;
    state.lower = byte === 0xe0 ? 0xa0 : 0x80;
    state.upper = byte === 0xed ? 0x9f : 0xbf;
  } else if (byte >= 0xf0 && byte <= 0xf4) {
    // After F0 a low second byte would be overlong; after F4 a high one would exceed U+10FFFF.
    state.needed = 3;
    state.codePoint = byte & 0x7;
    state.lower = byte === 0xf0 ? 0x90 : 0x80;
    state.upper = byte === 0xf4 ? 0x8f : 0xbf;
  } else {
    return false;
  }
  return true;
}

function invalidUtf8(offset: number): AppError {
  return new AppError('kernel.invalid_utf8', `Invalid UTF-8 at byte ${offset}`, { details: { offset } });
}

// Collects code points and turns them into a string in chunks, so huge inputs stay within argument limits.
class TextBuilder {
  private readonly codePoints: number[] = [];
  private readonly chunks: string[] = [];

  push(codePoint: number): void {
    this.codePoints.push(codePoint);
    if (this.codePoints.length >= 8192) {
      this.chunks.push(String.fromCodePoint(...this.codePoints.splice(0)));
    }
  }

  finish(): string {
    this.chunks.push(String.fromCodePoint(...this.codePoints.splice(0)));
    return this.chunks.join('');
  }
}

/**
 * Text from UTF-8 bytes, following the WHATWG decoder (so it matches TextDecoder with ignoreBOM);
 * a leading byte order mark is kept, because hashing and signing must see every byte.
 */
export function utf8Decode(bytes: Uint8Array, options: Utf8DecodeOptions = {}): string {
  const text = new TextBuilder();
  const malformed = (offset: number): void => {
    if (options.fatal === true) {
      throw invalidUtf8(offset);
    }
    text.push(REPLACEMENT_CHARACTER);
  };
  let state = freshState();
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (state.needed === 0) {
      if (byte < 0x80) {
        text.push(byte);
      } else if (!startSequence(state, byte)) {
        malformed(i);
      }
    } else if (byte < state.lower || byte > state.upper) {
      // The byte is not consumed: it is decoded again as the start of the next sequence.
      state = freshState();
      malformed(i);
      i--;
    } else if (continueSequence(state, byte)) {
      text.push(state.codePoint);
      state = freshState();
    }
  }
  if (state.needed !== 0) {
    malformed(bytes.length);
  }
  return text.finish();
}

// Adds a continuation byte; true when the sequence is complete.
function continueSequence(state: DecoderState, byte: number): boolean {
  state.lower = 0x80;
  state.upper = 0xbf;
  state.codePoint = (state.codePoint << 6) | (byte & 0x3f);
  state.seen++;
  return state.seen === state.needed;
}

/** Lower-case hexadecimal of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    out += HEX_DIGITS.charAt(byte >> 4) + HEX_DIGITS.charAt(byte & 0xf);
  }
  return out;
}

/** Bytes from hexadecimal (either case); throws AppError `kernel.invalid_hex` on odd length or a non-hex digit. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new AppError('kernel.invalid_hex', 'Hex input must have an even number of digits 0-9, a-f or A-F');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return out;
}

/** Unpadded base64url (RFC 4648 §5) of bytes, as used in JWS and JSON Web Keys. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] as number;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const triple = (b0 << 16) | (b1 << 8) | b2;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) {
      out += BASE64URL_ALPHABET[(triple >> (18 - 6 * j)) & 0x3f];
    }
  }
  return out;
}

function invalidBase64Url(reason: string): AppError {
  return new AppError('kernel.invalid_base64url', `Invalid base64url: ${reason}`);
}

/**
 * Bytes from unpadded base64url. Strict, so each byte string has exactly one encoding: padding, other
 * alphabets, impossible lengths and non-zero leftover bits throw AppError `kernel.invalid_base64url`.
 */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) {
    throw invalidBase64Url('impossible length');
  }
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (const char of text) {
    const value = BASE64URL_VALUES.get(char);
    if (value === undefined) {
      throw invalidBase64Url(`unexpected character ${JSON.stringify(char)}`);
    }
    buffer = ((buffer << 6) | value) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) {
    throw invalidBase64Url('non-zero padding bits');
  }
  return out;
}

/**
 * True when both byte arrays are equal, in time that depends only on their lengths, for comparing
 * secrets such as MACs and token hashes. Lengths are not secret here.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  let difference = 0;
  for (let i = 0; i < a.length; i++) {
    difference |= (a[i] as number) ^ (b[i] as number);
  }
  return difference === 0;
}
