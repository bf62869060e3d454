import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSubject, MAX_SUBJECT_BYTES } from './subject-checks.ts';

describe('checkSubject', () => {
  it('accepts ordinary trade fields', () => {
    expect(
      checkSubject(
        { seller: { name: '杭州公司' }, lines: [{ qty: 3, price: '12.50' }], paid: false, note: null },
        'subject',
      ),
    ).toEqual([]);
  });

  it('names each problem by its path', () => {
    const errors = checkSubject(
      { type: 'x', documentNumber: 'y', lines: [{ price: 1.5 }, { qty: 2 ** 60 }] },
      'documents.3.subject',
    );
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['documents.3.subject.type', 'documents.reserved_field'],
      ['documents.3.subject.documentNumber', 'documents.reserved_field'],
      ['documents.3.subject.lines.0.price', 'documents.number_not_integer'],
      ['documents.3.subject.lines.1.qty', 'documents.number_not_integer'],
    ]);
  });

  it('refuses deep nesting and oversized subjects', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i += 1) {
      deep = { a: deep };
    }
    expect(checkSubject({ deep }, 's').map((e) => e.code)).toEqual(['kernel.invalid_format']);
    expect(checkSubject({ big: 'x'.repeat(MAX_SUBJECT_BYTES) }, 's')).toEqual([
      expect.objectContaining({ field: 's', code: 'documents.subject_too_large' }),
    ]);
    // Multi-byte characters count in UTF-8 bytes, not UTF-16 units.
    expect(checkSubject({ big: '貨'.repeat(MAX_SUBJECT_BYTES / 3) }, 's')).toHaveLength(1);
    expect(checkSubject({ big: '貨'.repeat(MAX_SUBJECT_BYTES / 3 - 10) }, 's')).toEqual([]);
  });

  it('never throws and only ever reports the codes it knows', () => {
    const known = new Set([
      'documents.reserved_field',
      'documents.number_not_integer',
      'documents.subject_too_large',
      'kernel.invalid_format',
    ]);
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (subject) => {
        for (const error of checkSubject(subject, 'subject')) {
          expect(known.has(error.code)).toBe(true);
          expect(error.field.startsWith('subject')).toBe(true);
        }
      }),
    );
  });
});
