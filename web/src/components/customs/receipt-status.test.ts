import { describe, expect, it } from 'vitest';
import { receiptFamily, receiptStatusMeaning } from './receipt-status.ts';

describe('receipt status meanings (reference §1.1)', () => {
  it('reads the receipt family from the type however it is spelled', () => {
    expect(receiptFamily('CEB622')).toBe('inventory');
    expect(receiptFamily('CEB622Message')).toBe('inventory');
    expect(receiptFamily('CEB312')).toBe('document');
    expect(receiptFamily('CEB412Message')).toBe('document');
    expect(receiptFamily('CEB816')).toBe('tax');
    expect(receiptFamily('CEB900')).toBe('format');
    expect(receiptFamily('whatever')).toBe('unknown');
  });

  it('gives the common statuses on every document receipt', () => {
    expect(receiptStatusMeaning('CEB312', '120')).toEqual({
      key: 'customs.returnStatus.120',
      tone: 'processing',
    });
    expect(receiptStatusMeaning('CEB512', '100')).toEqual({ key: 'customs.returnStatus.100', tone: 'error' });
    expect(receiptStatusMeaning('CEB622', '399')?.key).toBe('customs.returnStatus.399');
    expect(receiptStatusMeaning('CEB412', ' 3 ')?.key).toBe('customs.returnStatus.3');
  });

  it('gives inspection, release and detention only on the import inventory receipt', () => {
    expect(receiptStatusMeaning('CEB622', '500')).toEqual({
      key: 'customs.returnStatus.500',
      tone: 'warning',
    });
    expect(receiptStatusMeaning('CEB622', '800')).toEqual({
      key: 'customs.returnStatus.800',
      tone: 'success',
    });
    expect(receiptStatusMeaning('CEB622', '502')?.tone).toBe('error');
    // 500 on an order receipt is not a status §1.1 defines.
    expect(receiptStatusMeaning('CEB312', '500')).toBeNull();
    expect(receiptStatusMeaning('CEB412', '800')).toBeNull();
  });

  it('reads a tax bill status in its own scale', () => {
    expect(receiptStatusMeaning('CEB816', '1')?.key).toBe('customs.taxBillStatus.1');
    expect(receiptStatusMeaning('CEB816', '3')).toEqual({ key: 'customs.taxBillStatus.3', tone: 'default' });
    expect(receiptStatusMeaning('CEB816', '120')).toBeNull();
  });

  it('names negative statuses as processing errors, tradehub format errors by number', () => {
    expect(receiptStatusMeaning('CEB900', '-1')?.key).toBe('customs.returnStatus.format-1');
    expect(receiptStatusMeaning('CEB900', '-3')?.key).toBe('customs.returnStatus.format-3');
    expect(receiptStatusMeaning('CEB900', '-9')).toEqual({
      key: 'customs.returnStatus.negative',
      tone: 'error',
    });
    expect(receiptStatusMeaning('CEB312', '-2')?.tone).toBe('error');
    expect(receiptStatusMeaning('CEB900', '120')).toBeNull();
  });

  it('has no meaning for numbers nobody defined', () => {
    expect(receiptStatusMeaning('CEB622', '42')).toBeNull();
    expect(receiptStatusMeaning('CEB622', '')).toBeNull();
    expect(receiptStatusMeaning('CEB622', 'abc')).toBeNull();
  });
});
