import { inflateRawSync } from 'node:zlib';

export type ZipLimits = { maxEntries: number; maxExpandedBytes: number };

/** Why an archive was refused, or how much it expands to once every entry is inflated. */
export type ZipExpansion =
  | { ok: true; entries: number; expandedBytes: number }
  | { ok: false; reason: 'not_zip' | 'unsupported' | 'too_many_entries' | 'too_large' | 'corrupt' };

const EOCD = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

const findEndOfCentralDirectory = (bytes: Buffer): number => {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD) {
      return at;
    }
  }
  return -1;
};

/**
 * Inflates every entry of a ZIP archive (an XLSX or DOCX upload) with a hard cap on the output,
 * before a library that trusts the archive's declared sizes unpacks it into memory: a few
 * kilobytes of deflated zeros can otherwise expand to gigabytes (a "zip bomb"). The sizes the
 * archive declares are not believed; the bytes actually inflated are counted. ZIP64 and methods
 * other than stored and deflate are refused (no spreadsheet needs them).
 */
export const checkZipExpansion = (bytes: Buffer, limits: ZipLimits): ZipExpansion => {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL_ENTRY) {
    return { ok: false, reason: 'not_zip' };
  }
  const end = findEndOfCentralDirectory(bytes);
  if (end < 0) {
    return { ok: false, reason: 'corrupt' };
  }
  const entries = bytes.readUInt16LE(end + 10);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff) {
    return { ok: false, reason: 'unsupported' };
  }
  if (entries > limits.maxEntries) {
    return { ok: false, reason: 'too_many_entries' };
  }
  let at = directoryOffset;
  let expandedBytes = 0;
  try {
    for (let index = 0; index < entries; index += 1) {
      if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL_ENTRY) {
        return { ok: false, reason: 'corrupt' };
      }
      const method = bytes.readUInt16LE(at + 10);
      const compressedSize = bytes.readUInt32LE(at + 20);
      const localOffset = bytes.readUInt32LE(at + 42);
      at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
      if (compressedSize === 0xffffffff || localOffset === 0xffffffff) {
        return { ok: false, reason: 'unsupported' };
      }
      if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL_ENTRY) {
        return { ok: false, reason: 'corrupt' };
      }
      const dataStart =
        localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
      if (dataStart + compressedSize > bytes.length) {
        return { ok: false, reason: 'corrupt' };
      }
      const data = bytes.subarray(dataStart, dataStart + compressedSize);
      const budget = limits.maxExpandedBytes - expandedBytes;
      if (method === STORED) {
        expandedBytes += data.length;
      } else if (method === DEFLATED) {
        // One byte over the budget is enough to know it is too much; inflating stops there.
        try {
          expandedBytes += inflateRawSync(data, { maxOutputLength: Math.max(budget + 1, 1) }).length;
        } catch (error) {
          return {
            ok: false,
            reason: (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too_large' : 'corrupt',
          };
        }
      } else {
        return { ok: false, reason: 'unsupported' };
      }
      if (expandedBytes > limits.maxExpandedBytes) {
        return { ok: false, reason: 'too_large' };
      }
    }
  } catch {
    // A length field pointing past the end of the buffer.
    return { ok: false, reason: 'corrupt' };
  }
  return { ok: true, entries, expandedBytes };
};
