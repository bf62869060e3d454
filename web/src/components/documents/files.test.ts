import { describe, expect, it } from 'vitest';
import { bundleFileName, pdfFileName, safeFileStem } from './files.ts';

describe('download file names', () => {
  it('are the document number for ordinary numbers', () => {
    expect(bundleFileName('INV-2026-0001')).toBe('INV-2026-0001.tradehub.json');
    expect(pdfFileName('发票-0001')).toBe('发票-0001.pdf');
  });

  it('replace characters file systems refuse and never come out empty or hidden', () => {
    expect(safeFileStem('INV/2026\\01:A*?"<>|')).toBe('INV_2026_01_A______');
    expect(safeFileStem('a\u0000b\tc')).toBe('a_b_c');
    expect(safeFileStem('..')).toBe('document');
    expect(safeFileStem('  ')).toBe('document');
    expect(safeFileStem('.hidden')).toBe('hidden');
    expect(safeFileStem('name. ')).toBe('name');
    expect(safeFileStem('x'.repeat(300))).toHaveLength(120);
  });
});
