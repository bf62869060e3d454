import { describe, expect, it } from 'vitest';
import { checkCebBusinessRules, parseCebMessage } from './index.ts';
import { officialSamples, xmllintErrors } from './test-support.ts';

const today = '2026-11-27';

// How each official sample breaks the business rules (README.md, "Known sample quirks"): field error
// code → count. The rules are not bent for the samples; this table records the deviations instead.
const SAMPLE_RULE_VIOLATIONS: Record<string, Record<string, number>> = {
  // Export samples use lower-case GUIDs (311af125-…), against "36 characters, upper case".
  'CEB303Message.xml': { 'customs.invalid_guid': 11 },
  'CEB304Message.xml': { 'customs.invalid_guid': 11 },
  'CEB403Message.xml': { 'customs.invalid_guid': 1 },
  'CEB404Message.xml': { 'customs.invalid_guid': 1 },
  'CEB507Message.xml': { 'customs.invalid_guid': 1 },
  'CEB508Message.xml': { 'customs.invalid_guid': 1 },
  'CEB509Message.xml': { 'customs.invalid_guid': 1 },
  'CEB510Message.xml': { 'customs.invalid_guid': 1 },
  'CEB605Message.xml': { 'customs.invalid_guid': 1 },
  'CEB606Message.xml': { 'customs.invalid_guid': 1 },
  'CEB607Message.xml': { 'customs.invalid_guid': 1 },
  'CEB608Message.xml': { 'customs.invalid_guid': 1 },
  'CEB792Message.xml': { 'customs.invalid_guid': 11 },
  // Import samples: made-up ID numbers (130625021345225322 has birth date 0213-45-22) and list
  // lines whose totalPrice is not price × qty (100 × 20 given as 20, 200 × 60 as 12).
  'CEB411Message.xml': { 'customs.id_number_invalid': 10 },
  'CEB621Message.xml': { 'customs.id_number_invalid': 10, 'customs.amount_mismatch': 20 },
  'CEB623Message.xml': { 'customs.id_number_invalid': 10 },
  'CEB412Message.xml': {},
  'CEB511Message.xml': {},
  'CEB512Message.xml': {},
  'CEB622Message.xml': {},
  'CEB624Message.xml': {},
  'CEB711Message.xml': {},
  'CEB712Message.xml': {},
};

const DEFAULT_NAMESPACE_RECEIPTS = ['CEB412', 'CEB512', 'CEB514', 'CEB622', 'CEB624', 'CEB712'];

const countCodes = (errors: { code: string }[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const { code } of errors) {
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
};

describe('official samples (onlymaker/taurus doc/201809)', () => {
  const samples = officialSamples();

  it('are all here: 23 files, one table entry each', () => {
    expect(samples.map((s) => s.file)).toEqual(Object.keys(SAMPLE_RULE_VIOLATIONS).sort());
  });

  for (const { file, messageType, xml } of samples) {
    describe(file, () => {
      it('passes the compiled schema model and xmllint against the official XSD', async () => {
        const message = parseCebMessage(xml, { businessRules: false });
        expect(message.messageType).toBe(messageType);
        expect(message.documents.length).toBeGreaterThan(0);
        expect(message.raw).toBe(xml);
        expect(await xmllintErrors(xml, messageType)).toEqual([]);
        if (DEFAULT_NAMESPACE_RECEIPTS.includes(messageType)) {
          expect(xml).toContain('xmlns="http://www.chinaport.gov.cn/ceb"');
        }
      });

      it('breaks the business rules exactly as documented', () => {
        const message = parseCebMessage(xml, { businessRules: false });
        const expected = SAMPLE_RULE_VIOLATIONS[file] ?? {};
        expect(countCodes(checkCebBusinessRules(message, { today }))).toEqual(expected);
        if (Object.keys(expected).length === 0) {
          expect(parseCebMessage(xml, { today }).messageType).toBe(messageType);
        } else {
          expect(() => parseCebMessage(xml, { today })).toThrow(
            expect.objectContaining({ code: 'customs.message_invalid' }),
          );
        }
      });
    });
  }

  it('reads documents, BaseTransfer and the signature in schema terms', () => {
    const sample = samples.find((s) => s.messageType === 'CEB621');
    const message = parseCebMessage(sample?.xml ?? '', { businessRules: false });
    expect(message.direction).toBe('import');
    expect(message.guid).toBe('4CDE1CFD-EDED-46B1-946C-B8022E42FC94');
    expect(message.signature).toEqual({ present: true });
    expect(message.baseTransfer?.dxpMode).toBe('DXP');
    const first = message.documents[0];
    expect(first?.InventoryHead).toMatchObject({
      orderNo: 'order2016030811340001',
      preNo: '',
      freight: '500',
    });
    expect(Array.isArray(first?.InventoryList)).toBe(true);
    expect(((first?.InventoryList ?? []) as { gnum: string }[])[1]?.gnum).toBe('2');
  });
});
