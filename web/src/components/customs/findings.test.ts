import { describe, expect, it } from 'vitest';
import { describeDetail, documentOfMessageType } from './documents.ts';
import { fieldLabel, readFindings, ruleParts, sidesDisagree } from './findings.ts';

// A finding as the matching rules store it (server domain/matching/rules.ts RuleFinding).
const amountFinding = {
  rule: 'order_payment.amount',
  severity: 'reject',
  code: 'customs.match_amount_paid',
  message: 'order.acturalPaid "427.31" differs from payment.amountPaid "427.30"',
  fields: [
    { document: 'order', field: 'acturalPaid', value: '427.31' },
    { document: 'payment', field: 'amountPaid', value: '427.30' },
  ],
};

describe('matching findings', () => {
  it('reads each compared field with its document, line and value', () => {
    const lineFinding = {
      rule: 'inventory_order.line_gname',
      severity: 'warn',
      code: 'customs.match_line_gname',
      message: 'names differ',
      fields: [
        { document: 'inventory', field: 'gname', gnum: 2, value: '奶粉' },
        { document: 'order', field: 'itemName', gnum: 2, value: null },
      ],
    };
    const [first, second] = readFindings([lineFinding, amountFinding]);
    // Rejecting findings come first: they are why the parcel failed.
    expect(first?.rule).toBe('order_payment.amount');
    expect(first?.sides).toEqual([
      { document: 'order', field: 'acturalPaid', gnum: null, value: '427.31' },
      { document: 'payment', field: 'amountPaid', gnum: null, value: '427.30' },
    ]);
    expect(second?.severity).toBe('warn');
    expect(second?.sides[0]).toEqual({ document: 'inventory', field: 'gname', gnum: 2, value: '奶粉' });
    expect(second?.sides[1]?.value).toBeNull();
    expect(
      fieldLabel(second?.sides[0] ?? { document: null, field: '', gnum: null, value: null }, 'line'),
    ).toBe('line 2 · gname');
  });

  it('shows the disagreement of a failed comparison', () => {
    const [finding] = readFindings([amountFinding]);
    expect(finding && sidesDisagree(finding)).toBe(true);
    const [same] = readFindings([
      { ...amountFinding, fields: [amountFinding.fields[0], amountFinding.fields[0]] },
    ]);
    expect(same && sidesDisagree(same)).toBe(false);
  });

  it('survives JSON of another shape without inventing a rejection', () => {
    expect(readFindings(null)).toEqual([]);
    expect(readFindings({ not: 'a list' })).toEqual([]);
    const [odd] = readFindings([
      'text',
      { rule: 7, severity: 'fatal', fields: [{ document: 'invoice', field: 'x', value: 12 }, 'junk'] },
    ]);
    expect(odd).toEqual({
      rule: '',
      severity: 'warn',
      code: '',
      message: '',
      sides: [{ document: null, field: 'x', gnum: null, value: '12' }],
    });
  });

  it('splits a rule id into its pair and what it compares', () => {
    expect(ruleParts('order_waybill.consignee_address')).toEqual({
      pair: 'order_waybill',
      compared: 'consignee_address',
    });
    expect(ruleParts('random')).toEqual({ pair: '', compared: 'random' });
  });
});

describe('parcel documents', () => {
  it('maps CEB message types to the four documents', () => {
    expect(documentOfMessageType('CEB311')).toBe('order');
    expect(documentOfMessageType('CEB411Message')).toBe('payment');
    expect(documentOfMessageType('ceb511')).toBe('waybill');
    expect(documentOfMessageType('CEB621')).toBe('inventory');
    expect(documentOfMessageType('CEB622')).toBeNull();
    expect(documentOfMessageType('')).toBeNull();
  });

  it('summarises an event detail for the timeline', () => {
    expect(describeDetail({ invtNo: '31002026I000000001', tax: '12.30', riskHits: 0, skipped: null })).toBe(
      'invtNo: 31002026I000000001, tax: 12.30, riskHits: 0',
    );
    expect(describeDetail(null)).toBe('');
    expect(describeDetail('note')).toBe('note');
    expect(describeDetail([1, 2])).toBe('[1,2]');
  });
});
