import { hash } from 'node:crypto';

// RFC 6962 hashing on the server's native SHA-256: the verifier's portable one runs in browsers
// too but is 3 to 7 times slower, and the sequencer hashes every entry and every tile node.
// hashing.test.ts checks both agree.

const asBytes = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** RFC 6962 leaf hash: SHA-256(0x00 || entry). */
export const leafHashOf = (entry: Uint8Array): Uint8Array => {
  const input = Buffer.allocUnsafe(1 + entry.length);
  input[0] = 0x00;
  input.set(entry, 1);
  return asBytes(hash('sha256', input, 'buffer'));
};

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export const nodeHashOf = (left: Uint8Array, right: Uint8Array): Uint8Array => {
  const input = Buffer.allocUnsafe(65);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 33);
  return asBytes(hash('sha256', input, 'buffer'));
};
