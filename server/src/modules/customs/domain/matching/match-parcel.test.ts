import { AppError } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import { type MatchingConfig, matchParcel, parcelMatchError } from './match-parcel.ts';
import { MATCHING_RULES } from './rules.ts';
import { sampleParcel } from './test-fixtures.ts';

describe('matchParcel', () => {
  it('matches the reference §4.1 order and payment with a waybill and inventory that agree', () => {
    expect(matchParcel(sampleParcel())).toEqual({
      state: 'matched',
      missing: [],
      findings: [],
      rejected: false,
    });
  });

  it('holds the inventory until order, payment and waybill all exist', () => {
    const { order, payment, waybill, inventory } = sampleParcel();
    expect(matchParcel({ inventory })).toEqual({
      state: 'waiting',
      missing: ['order', 'payment', 'waybill'],
      findings: [],
      rejected: false,
    });
    expect(matchParcel({ inventory, order, payment })).toMatchObject({
      state: 'waiting',
      missing: ['waybill'],
    });
    expect(matchParcel({ order, payment, waybill })).toMatchObject({ state: 'matched', missing: [] });
    expect(matchParcel({})).toMatchObject({ state: 'waiting', missing: ['order', 'payment', 'waybill'] });
  });

  it('shows an order/payment mismatch before the waybill arrives, and fails the parcel', () => {
    const { order, payment } = sampleParcel();
    payment.amountPaid = '427.30';
    const match = matchParcel({ order, payment });
    expect(match.state).toBe('failed');
    expect(match.missing).toEqual(['waybill']);
    expect(match.rejected).toBe(true);
    expect(match.findings.map((finding) => finding.code)).toEqual(['customs.match_amount_paid']);
    expect(match.findings[0]?.fields).toEqual([
      { document: 'order', field: 'acturalPaid', value: '427.31' },
      { document: 'payment', field: 'amountPaid', value: '427.30' },
    ]);
  });

  it('lets a warning through: the parcel still matches', () => {
    const docs = sampleParcel();
    docs.waybill.freight = '12.00';
    const match = matchParcel(docs);
    expect(match.state).toBe('matched');
    expect(match.rejected).toBe(false);
    expect(match.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['order_waybill.freight', 'warn'],
    ]);
  });

  describe('severities per rule id', () => {
    it('turns a rejecting rule into a warning', () => {
      const docs = sampleParcel();
      docs.payment.amountPaid = '427.30';
      const match = matchParcel(docs, { severities: { 'order_payment.amount': 'warn' } });
      expect(match).toMatchObject({ state: 'matched', rejected: false });
      expect(match.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
        ['order_payment.amount', 'warn'],
      ]);
    });

    it('turns a warning into a rejection once the practice is confirmed', () => {
      const docs = sampleParcel();
      docs.inventory.head.grossWeight = '3.5';
      const config: MatchingConfig = { severities: { 'inventory_waybill.gross_weight': 'reject' } };
      const match = matchParcel(docs, config);
      expect(match).toMatchObject({ state: 'failed', rejected: true });
      expect(match.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
        ['inventory_waybill.gross_weight', 'reject'],
      ]);
    });

    it('switches a rule off', () => {
      const docs = sampleParcel();
      docs.payment.amountPaid = '427.30';
      docs.waybill.freight = '12.00';
      const match = matchParcel(docs, {
        severities: { 'order_payment.amount': 'off', 'order_waybill.freight': 'off' },
      });
      expect(match).toEqual({ state: 'matched', missing: [], findings: [], rejected: false });
    });

    it('accepts the sandbox settings record keyed by plain strings', () => {
      // service deps keep severities as Record<string, …>; it must be assignable without a cast.
      const fromSettings: Record<string, 'reject' | 'warn' | 'off'> = { 'order_payment.amount': 'off' };
      const docs = sampleParcel();
      docs.payment.amountPaid = '1';
      expect(matchParcel(docs, { severities: fromSettings }).findings).toEqual([]);
    });
  });

  it('never shows an ID number, telephone number or name in clear', () => {
    const docs = sampleParcel();
    const secrets = [
      '33010619900101001X',
      '11010519491231002X',
      '13800000000',
      '13912345678',
      '张三',
      '李四',
    ];
    docs.payment.payerIdNumber = '11010519491231002X';
    docs.payment.payerName = '李四';
    docs.waybill.consigneeTelephone = '13912345678';
    docs.waybill.consignee = '李四';
    docs.inventory.head.buyerIdNumber = '11010519491231002X';
    docs.inventory.head.buyerTelephone = '13912345678';
    docs.inventory.head.buyerName = '李四';
    const match = matchParcel(docs);
    expect(match.findings.map((finding) => finding.rule)).toEqual([
      'order_payment.payer_id_number',
      'order_payment.payer_name',
      'order_waybill.consignee',
      'order_waybill.consignee_telephone',
      'inventory_order.buyer_id_number',
      'inventory_order.buyer_name',
      'inventory_order.buyer_telephone',
    ]);
    const shown = JSON.stringify([match, parcelMatchError(match)?.fieldErrors]);
    for (const secret of secrets) {
      expect(shown).not.toContain(secret);
    }
    // At most the first two and the last two characters of a number are visible.
    const values = match.findings.flatMap((finding) => finding.fields.map((field) => field.value ?? ''));
    for (const value of values.filter((text) => /\d/.test(text))) {
      expect(value.replaceAll('*', '').length, value).toBeLessThanOrEqual(4);
    }
  });

  it('gives an AppError with one field error per compared field of each rejecting finding', () => {
    const docs = sampleParcel();
    docs.payment.amountPaid = '427.30';
    docs.inventory.lines = docs.inventory.lines.map((line) => ({ ...line, qty: '3' }));
    docs.waybill.freight = '12.00'; // a warning: not part of the error
    const error = parcelMatchError(matchParcel(docs));
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe('customs.parcel_not_matched');
    expect(error?.details).toEqual({ rules: ['order_payment.amount', 'inventory_order.line_qty'] });
    expect(error?.fieldErrors?.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'order.acturalPaid', code: 'customs.match_amount_paid' },
      { field: 'payment.amountPaid', code: 'customs.match_amount_paid' },
      { field: 'inventory.lines[1].qty', code: 'customs.match_line_qty' },
      { field: 'order.lines[1].qty', code: 'customs.match_line_qty' },
    ]);
    expect(parcelMatchError(matchParcel(sampleParcel()))).toBeNull();
  });

  it('lists findings in rule order', () => {
    const docs = sampleParcel();
    docs.inventory.head.packNo = 2;
    docs.payment.amountPaid = '1';
    docs.waybill.consignee = '王五';
    const order = MATCHING_RULES.map((rule) => rule.id);
    const rules = matchParcel(docs).findings.map((finding) => finding.rule);
    expect(rules).toEqual([...rules].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(rules).toEqual(['order_payment.amount', 'order_waybill.consignee', 'inventory_waybill.pack_no']);
  });
});
