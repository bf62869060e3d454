import { describe, expect, it } from 'vitest';
import { linesOffPositiveList, parsePositiveListCsv } from './positive-list.ts';
import { bondedDemandOf, stockShortfalls } from './stock.ts';

describe('positive list', () => {
  const list = parsePositiveListCsv(
    '# comment\nhs_code,remark\n19011010,registered formulas only\n2106909090,\n',
  );

  it('covers a 10-digit code by its 8-digit tariff line, and a 10-digit entry only itself', () => {
    expect(list.covering('1901101000')?.remark).toBe('registered formulas only');
    expect(list.covering('1901101099')?.hsCode).toBe('19011010');
    expect(list.covering('2106909090')?.hsCode).toBe('2106909090');
    expect(list.covering('2106909099')).toBeUndefined();
    expect(
      linesOffPositiveList(list, [
        { gnum: 1, gcode: '1901101000' },
        { gnum: 2, gcode: '3304990010' },
      ]),
    ).toEqual([
      expect.objectContaining({ field: 'InventoryList[gnum=2].gcode', code: 'customs.not_on_positive_list' }),
    ]);
  });

  it('refuses a bad file whole, every problem with its line', () => {
    let caught: unknown;
    try {
      parsePositiveListCsv('hs_code,remark\n1901101,x\n19011010,a,b\n19011010,\n19011010,\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 'customs.invalid_positive_list',
      fieldErrors: [
        { field: 'rows[2].hs_code', code: 'customs.positive_list_invalid_hs_code' },
        { field: 'rows[3]', code: 'customs.positive_list_wrong_column_count' },
        { field: 'rows[5].hs_code', code: 'customs.positive_list_duplicate_hs_code' },
      ],
    });
    expect(() => parsePositiveListCsv('code\n19011010\n')).toThrow(/header/);
    expect(() => parsePositiveListCsv('')).toThrow(/empty/);
  });
});

describe('bonded demand', () => {
  const head = { tradeMode: '1210', emsNo: 'T2991W000001', areaCode: '3301968001', ebcCode: '3301960002' };

  it('sums the legal quantity per book item, in item order', () => {
    const parsed = bondedDemandOf(head, [
      { gnum: '1', itemRecordNo: 'B', gcode: '1901101000', qty: '2', qty1: '2' },
      { gnum: '2', itemRecordNo: 'A', gcode: '2106909090', qty: '1', qty1: '1.5' },
      { gnum: '3', itemRecordNo: 'B', gcode: '1901101000', qty: '3', qty1: '3' },
    ]);
    expect(parsed.errors).toEqual([]);
    expect([...(parsed.demand?.byItem ?? new Map())]).toEqual([
      ['A', 150000n],
      ['B', 500000n],
    ]);
  });

  it('names what a bonded list lacks', () => {
    const parsed = bondedDemandOf({ tradeMode: '1210' }, [{ gnum: '1', gcode: '1901101000', qty1: '1' }]);
    expect(parsed.errors.map((e) => e.code)).toEqual([
      'customs.bonded_ems_no_required',
      'customs.bonded_area_code_required',
      'customs.bonded_item_record_required',
    ]);
  });

  it('reports items the book lacks or holds too little of, with the quantities', () => {
    const demand = bondedDemandOf(head, [
      { gnum: '1', itemRecordNo: 'A', gcode: '1901101000', qty1: '3' },
      { gnum: '2', itemRecordNo: 'B', gcode: '2106909090', qty1: '1' },
      { gnum: '3', itemRecordNo: 'C', gcode: '2106909090', qty1: '1' },
    ]).demand;
    if (demand === null) {
      throw new Error('the list is declarable');
    }
    const short = stockShortfalls(
      demand,
      new Map([
        ['A', 200000n],
        ['B', 100000n],
      ]),
    );
    expect(short.map((e) => [e.field, e.code])).toEqual([
      ['InventoryList[itemRecordNo=A]', 'customs.bonded_stock_short'],
      ['InventoryList[itemRecordNo=C]', 'customs.bonded_item_not_in_book'],
    ]);
    expect(short[0]?.message).toContain('库存不足');
  });
});
