import { AppError } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CEB_FIELD_ERROR_CODES, checkCebBusinessRules, parseCebMessage } from './index.ts';
import { officialSamples, xmllintErrorsMany } from './test-support.ts';

const today = '2026-11-27';
const KNOWN_CODES = new Set<string>(CEB_FIELD_ERROR_CODES);

/** Fails unless `error` is one of the two refusals the parser may give. */
const expectRefusal = (error: unknown, input: string): void => {
  if (!(error instanceof AppError)) {
    throw new Error(`not an AppError for input ${JSON.stringify(input.slice(0, 200))}: ${String(error)}`);
  }
  const codes = (error.fieldErrors ?? []).map((e) => e.code);
  expect(codes.length).toBeGreaterThan(0);
  if (error.code === 'customs.message_invalid') {
    expect(codes.filter((code) => !KNOWN_CODES.has(code))).toEqual([]);
  } else {
    expect(error.code).toBe('http.validation_failed');
    expect(codes.every((code) => code.startsWith('xml.'))).toBe(true);
  }
};

/** Parses like a caller would (schema, then business rules on what passed); counts the outcome. */
const tryParse = (input: string): 'accepted' | 'refused' => {
  try {
    const message = parseCebMessage(input, { businessRules: false });
    // The business rules must not crash on anything the schema let through either.
    checkCebBusinessRules(message, { today });
    return 'accepted';
  } catch (error) {
    expectRefusal(error, input);
    return 'refused';
  }
};

// mulberry32: small, deterministic, good enough to pick mutation sites.
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const JUNK = [
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '&#x110000;',
  ']]>',
  '<![CDATA[x]]>',
  '<!-- c -->',
  '<?pi x?>',
  '<!DOCTYPE x>',
  '<ceb:junk>1</ceb:junk>',
  '<junk/>',
  '<ceb:note>n</ceb:note>',
  ' xmlns:ceb="urn:other"',
  ' guid="x"',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '中',
  '9'.repeat(30),
  '.00000001',
  '-1',
  '</ceb:Order>',
];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const LEAF = /<((?:ceb:)?[A-Za-z]+)>([^<]*)<\/\1>/g;
const BLOCK =
  /<((?:ceb:)?(?:Order|OrderList|InventoryList|Inventory|Payment|Logistics|[A-Za-z]+Return|[A-Za-z]+Head))>[\s\S]*?<\/\1>/g;

const mutate = (xml: string, next: () => number): string => {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const matches = (pattern: RegExp) => [...xml.matchAll(pattern)];
  const at = Math.floor(next() * xml.length);
  switch (Math.floor(next() * 7)) {
    case 0: // flip one character
      return `${xml.slice(0, at)}${String.fromCharCode(Math.floor(next() * 0x3000))}${xml.slice(at + 1)}`;
    case 1: {
      // delete a leaf element or a whole block
      const match = pick(matches(next() < 0.7 ? LEAF : BLOCK));
      return match === undefined ? xml : xml.replace(match[0], '');
    }
    case 2: {
      // duplicate a leaf element or a block
      const match = pick(matches(next() < 0.5 ? LEAF : BLOCK));
      return match === undefined ? xml : xml.replace(match[0], `${match[0]}${match[0]}`);
    }
    case 3: // truncate
      return xml.slice(0, at);
    case 4: // insert junk
      return `${xml.slice(0, at)}${pick(JUNK)}${xml.slice(at)}`;
    case 5: {
      // replace a leaf value with something of the wrong shape or length
      const match = pick(matches(LEAF));
      const value = pick([
        '',
        ' ',
        'X'.repeat(Math.floor(next() * 1100)),
        '1.123456',
        '1e5',
        '-0',
        'abc',
        '20250230',
        '1',
      ]);
      return match === undefined ? xml : xml.replace(match[0], `<${match[1]}>${value}</${match[1]}>`);
    }
    default: {
      // rename an element
      const match = pick(matches(LEAF));
      return match === undefined ? xml : xml.replace(match[0], `<${match[1]}x>${match[2]}</${match[1]}x>`);
    }
  }
};

describe('robustness', () => {
  it('10,000 mutated official samples: only AppError refusals escape, and both outcomes occur', () => {
    const samples = officialSamples();
    const next = random(20261127);
    const outcome = { accepted: 0, refused: 0 };
    const mutants = 10_000;
    for (let i = 0; i < mutants; i += 1) {
      const sample = samples[i % samples.length];
      let xml = sample?.xml ?? '';
      const rounds = 1 + Math.floor(next() * 3);
      for (let round = 0; round < rounds; round += 1) {
        xml = mutate(xml, next);
      }
      outcome[tryParse(xml)] += 1;
    }
    console.log(`CEB fuzz: ${mutants} mutants, ${outcome.accepted} accepted, ${outcome.refused} refused`);
    expect(outcome.accepted + outcome.refused).toBe(mutants);
    // A fuzzer that only ever produced garbage, or never produced any, would prove nothing.
    expect(outcome.accepted).toBeGreaterThan(100);
    expect(outcome.refused).toBeGreaterThan(1000);
  });

  it('the compiled model and xmllint agree on 1,000 mutants (schema only, no business rules)', async () => {
    const samples = officialSamples();
    const next = random(7);
    const mutants = Array.from({ length: 1000 }, (_, i) => {
      const sample = samples[i % samples.length];
      return {
        name: `m${i}`,
        messageType: sample?.messageType ?? 'CEB311',
        xml: mutate(sample?.xml ?? '', next),
      };
    });
    const errors = await xmllintErrorsMany(mutants);
    const disagreements: string[] = [];
    let accepted = 0;
    for (const mutant of mutants) {
      if (LONE_SURROGATE.test(mutant.xml)) {
        // Not representable in UTF-8, so xmllint sees different text; the model refuses it (see below).
        expect(tryParse(mutant.xml)).toBe('refused');
        continue;
      }
      const ours = tryParse(mutant.xml) === 'accepted';
      accepted += ours ? 1 : 0;
      // Two deliberate differences (README.md): ds:Signature content is the signing module's job, so
      // the model checks its presence only; and saxes, unlike libxml2, does not judge whether a
      // namespace name is a syntactically valid URI.
      const theirs = !errors.some(
        (error) =>
          error.startsWith(`${mutant.name}.xml:`) &&
          !error.includes("Element '{http://www.w3.org/2000/09/xmldsig#}") &&
          !/namespace error : xmlns(:\w+)?: .* is not a valid URI/.test(error),
      );
      if (ours !== theirs) {
        disagreements.push(
          `${mutant.name} (${mutant.messageType}): model ${ours ? 'accepts' : 'refuses'}, xmllint ${theirs ? 'accepts' : 'refuses'}: ${errors.filter((e) => e.startsWith(`${mutant.name}.xml:`)).join(' / ')}`,
        );
      }
    }
    expect(accepted).toBeGreaterThan(50);
    expect(disagreements).toEqual([]);
  });

  it('random strings never crash the parser', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc
            .constantFrom('<', '<a/>', '<?xml version="1.0"?>')
            .chain((prefix) => fc.string().map((rest) => `${prefix}${rest}`)),
          fc
            .string()
            .map(
              (inner) =>
                `<ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="1" version="1">${inner}</ceb:CEB311Message>`,
            ),
        ),
        (input) => {
          tryParse(input);
        },
      ),
      { numRuns: 2000, seed: 42 },
    );
  });
});
