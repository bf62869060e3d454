import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue, findAgency, leadAgencyOf, measureNumberOf } from './catalogue.ts';
import { parsePolicyText, policyNumber } from './policy-text.ts';

// The seed data must say what the policy says: same measures, same words, same agencies in the
// same order (the first leads). The text file beside this test is the source.
const policy = parsePolicyText(
  readFileSync(new URL('./opinions-on-digital-trade.zh.txt', import.meta.url), 'utf8'),
);

/** The catalogue code of an agency name as the text writes it. */
const codeOf = (name: string) =>
  catalogue.agencies.find((agency) => agency.zh === name || agency.aliases.includes(name))?.code;

describe('policy text', () => {
  it('reads Chinese numerals and the Arabic digits the published text slipped into', () => {
    expect([
      policyNumber('一'),
      policyNumber('十'),
      policyNumber('十四'),
      policyNumber('二十'),
      policyNumber('二十四'),
    ]).toEqual([1, 10, 14, 20, 24]);
    expect(policyNumber('2')).toBe(2);
    expect(policyNumber('十十')).toBeUndefined();
    expect(policyNumber('')).toBeUndefined();
  });

  it('has 24 numbered measures, (一) to (二十四), in order, in five sections', () => {
    expect(policy.title).toBe('关于大力发展数字贸易的若干意见');
    expect(policy.measures.map((m) => m.number)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(policy.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps parentheses inside an agency name whole and drops the lead note', () => {
    const measure4 = policy.measures[3];
    expect(measure4?.agencies).toEqual([
      '省商务厅',
      '浙江省税务局',
      '省邮政管理局',
      '省贸促会',
      '人行杭州中心支行（省外汇管理局）',
      '杭州海关',
      '宁波海关',
    ]);
    expect(measure4?.textZh).not.toContain('责任单位');
    // (十七) ends with a stray empty pair of parentheses, which is no part of the text.
    expect(policy.measures[16]?.textZh.endsWith('数字化港口。')).toBe(true);
  });
});

describe('measures.zh-en.json against the policy text', () => {
  it('has the same measures, sections, titles and texts', () => {
    expect(catalogue.measures).toHaveLength(policy.measures.length);
    for (const [index, parsed] of policy.measures.entries()) {
      const seeded = catalogue.measures[index];
      expect(seeded, `measure ${parsed.number}`).toMatchObject({
        number: parsed.number,
        section: parsed.section,
        titleZh: parsed.titleZh,
        textZh: parsed.textZh,
      });
    }
    expect(catalogue.sections.map((s) => [s.number, s.zh])).toEqual(
      policy.sections.map((s) => [s.number, s.headingZh]),
    );
  });

  it('lists each measure’s agencies in the text’s order, the lead first', () => {
    for (const parsed of policy.measures) {
      const seeded = catalogue.measures[parsed.number - 1];
      const codes = parsed.agencies.map(codeOf);
      expect(codes, `measure ${parsed.number}: every agency is in the catalogue`).not.toContain(undefined);
      expect(seeded?.agencies, `measure ${parsed.number}`).toEqual(codes);
    }
    // Spot checks where the lead is not the commerce department.
    expect(catalogue.measures.map(leadAgencyOf)[14]).toBe('zj-financial-regulation');
    expect(catalogue.measures[17]?.agencies[0]).toBe('zj-port-office');
    expect(catalogue.measures[22]?.agencies[0]).toBe('zj-high-court');
    // The general requirements (一)–(三) name no agency.
    expect(catalogue.measures.slice(0, 3).map((m) => m.agencies)).toEqual([[], [], []]);
  });

  it('has a catalogue of exactly the agencies the text names, each code and name once', () => {
    const named = new Set(policy.measures.flatMap((m) => m.agencies));
    const spellings = catalogue.agencies.flatMap((a) => [a.zh, ...a.aliases]);
    expect(new Set(spellings)).toEqual(named);
    expect(new Set(spellings).size).toBe(spellings.length);
    const codes = catalogue.agencies.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(findAgency('zj-commerce')?.zh).toBe('省商务厅');
    expect(findAgency('hangzhou-customs')?.en).toBe('Hangzhou Customs');
    for (const measure of catalogue.measures) {
      // A translation of every measure, paragraph for paragraph.
      expect(measure.textEn.split('\n'), `measure ${measure.number}`).toHaveLength(
        measure.textZh.split('\n').length,
      );
    }
    for (const agency of catalogue.agencies) {
      expect(agency.en, agency.code).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('reads measure numbers from a path strictly', () => {
    expect(measureNumberOf('4')).toBe(4);
    expect(measureNumberOf('24')).toBe(24);
    expect(['0', '25', '04', '4.0', 'x', ''].map(measureNumberOf)).toEqual(Array(6).fill(undefined));
  });
});
