import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkZipExpansion } from './index.ts';

const LIMITS = { maxEntries: 100, maxExpandedBytes: 1_000_000 };

/** A minimal ZIP writer: entries deflated (or stored), local headers, central directory, end record. */
const zip = (entries: { name: string; content: Buffer; stored?: boolean }[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = entry.stored ? entry.content : deflateRawSync(entry.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(entry.stored ? 0 : 8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.stored ? 0 : 8, 10);
    central.writeUInt32LE(data.length, 20);
    // A bomb lies here: it declares a small size.
    central.writeUInt32LE(Math.min(entry.content.length, 1024), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};

describe('checkZipExpansion', () => {
  it('passes a real XLSX workbook and counts what it inflates to', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('report').addRow(['cell', 'label', 'value']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = checkZipExpansion(bytes, LIMITS);
    expect(result.ok).toBe(true);
    expect(result.ok && result.entries).toBeGreaterThan(3);
    expect(result.ok && result.expandedBytes).toBeGreaterThan(bytes.length);
  });

  it('refuses deflated zeros that expand past the limit, whatever size the archive declares', () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(50_000_000) }]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(checkZipExpansion(bomb, LIMITS)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('adds the entries up: many small ones over the limit are refused too', () => {
    const many = zip(
      Array.from({ length: 5 }, (_, i) => ({ name: `part${i}.xml`, content: Buffer.alloc(300_000, 0x41) })),
    );
    expect(checkZipExpansion(many, LIMITS)).toEqual({ ok: false, reason: 'too_large' });
    expect(checkZipExpansion(many, { ...LIMITS, maxExpandedBytes: 1_500_000 })).toEqual({
      ok: true,
      entries: 5,
      expandedBytes: 1_500_000,
    });
  });

  it('counts stored entries and refuses too many entries', () => {
    const stored = zip([{ name: 'a.txt', content: Buffer.from('hello'), stored: true }]);
    expect(checkZipExpansion(stored, LIMITS)).toEqual({ ok: true, entries: 1, expandedBytes: 5 });
    const crowd = zip(Array.from({ length: 101 }, (_, i) => ({ name: `${i}`, content: Buffer.from('x') })));
    expect(checkZipExpansion(crowd, LIMITS)).toEqual({ ok: false, reason: 'too_many_entries' });
  });

  it('refuses what is not a ZIP archive', () => {
    expect(checkZipExpansion(Buffer.from('cell,label,value\n'), LIMITS)).toEqual({
      ok: false,
      reason: 'not_zip',
    });
  });

  it('never throws on damaged archives: any byte changed or the file cut short gives an answer', () => {
    const good = zip([
      { name: 'a.xml', content: Buffer.from('<a>'.repeat(200)) },
      { name: 'b.xml', content: Buffer.from('<b/>'.repeat(100)) },
    ]);
    fc.assert(
      fc.property(
        fc.nat(good.length - 1),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(good.length),
        (at, value, cut) => {
          const damaged = Buffer.from(good);
          damaged[at] = value;
          for (const bytes of [damaged, damaged.subarray(0, cut)]) {
            const result = checkZipExpansion(bytes, LIMITS);
            expect(typeof result.ok).toBe('boolean');
            if (result.ok) {
              expect(result.expandedBytes).toBeLessThanOrEqual(LIMITS.maxExpandedBytes);
            }
          }
        },
      ),
      { numRuns: 2_000, seed: 20261127 },
    );
  });

  it('never throws on arbitrary bytes that start like a ZIP', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 400 }), (tail) => {
        const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(tail)]);
        expect(typeof checkZipExpansion(bytes, LIMITS).ok).toBe('boolean');
      }),
      { numRuns: 2_000, seed: 7 },
    );
  });
});
