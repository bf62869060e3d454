import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight.ts';

describe('highlightParts', () => {
  it('marks matched English word starts and Chinese runs', () => {
    expect(highlightParts('LED Lamps for desks', ['lamp', 'led'])).toEqual([
      { text: 'LED', match: true },
      { text: ' ', match: false },
      { text: 'Lamp', match: true },
      { text: 's for desks', match: false },
    ]);
    expect(highlightParts('不锈钢保温杯', ['保温杯'])).toEqual([
      { text: '不锈钢', match: false },
      { text: '保温杯', match: true },
    ]);
    expect(highlightParts('flamp', ['lamp'])).toEqual([{ text: 'flamp', match: false }]);
  });

  it('keeps the text intact whatever the terms', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.array(fc.string({ maxLength: 10 }), { maxLength: 10 }),
        (text, terms) => {
          expect(
            highlightParts(text, terms)
              .map((part) => part.text)
              .join(''),
          ).toBe(text);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });
});
