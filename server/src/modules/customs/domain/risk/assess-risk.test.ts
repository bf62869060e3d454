import { AssertionError } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { untranslated } from '../../../../../test/support/web-i18n.ts';
import { sampleInventory, sampleWaybill } from '../matching/test-fixtures.ts';
import type { ImportInventory } from '../matching/types.ts';
import {
  assessRisk,
  DEFAULT_RISK_CONFIG,
  isSampled,
  RISK_RULE_IDS,
  resolveRiskConfig,
} from './assess-risk.ts';

const samplingKey = new TextEncoder().encode('sandbox sampling key for tests, 32b');
const NO_SAMPLE = { inspectionRate: 0 };

const withGuid = (guid: string): ImportInventory => {
  const inventory = sampleInventory();
  return { ...inventory, head: { ...inventory.head, guid } };
};
const withOrderNo = (orderNo: string): ImportInventory => {
  const inventory = sampleInventory();
  return { ...inventory, head: { ...inventory.head, orderNo } };
};

// 10,000 synthetic guids, the same every run.
const GUIDS = fc.sample(fc.uuid(), { seed: 5000, numRuns: 10_000 }).map((guid) => guid.toUpperCase());

describe('random inspection sample', () => {
  it('lands close to the configured rate over 10,000 guids', () => {
    expect(new Set(GUIDS).size).toBe(10_000);
    for (const rate of [0.05, 0.3]) {
      const config = { inspectionRate: rate, sampleBy: 'guid' as const };
      const picked = GUIDS.filter((guid) => isSampled(withGuid(guid), config, samplingKey)).length;
      // Binomial(10,000, rate): five standard deviations either side, so a fair hash never fails it.
      const bound = 5 * Math.sqrt(10_000 * rate * (1 - rate));
      expect(Math.abs(picked - 10_000 * rate), `rate ${rate}: picked ${picked}`).toBeLessThanOrEqual(bound);
    }
  });

  it('never samples at rate 0 and always at rate 1', () => {
    const some = GUIDS.slice(0, 500);
    expect(
      some.some((guid) => isSampled(withGuid(guid), { inspectionRate: 0, sampleBy: 'guid' }, samplingKey)),
    ).toBe(false);
    expect(
      some.every((guid) => isSampled(withGuid(guid), { inspectionRate: 1, sampleBy: 'guid' }, samplingKey)),
    ).toBe(true);
  });

  it('gives the same parcel the same answer every time, and only the key changes it', () => {
    const orders = GUIDS.slice(0, 2000).map((guid) => `ZJ${guid.slice(0, 8)}`);
    const picks = (key: Uint8Array) =>
      orders.filter((orderNo) => isSampled(withOrderNo(orderNo), { inspectionRate: 0.2 }, key));
    const first = picks(samplingKey);
    expect(picks(samplingKey)).toEqual(first);
    expect(picks(new TextEncoder().encode('another key'))).not.toEqual(first);
  });

  it('keys on the order by default, so resending the inventory under a new guid cannot re-roll the sample', () => {
    const orders = GUIDS.slice(0, 300).map((guid) => `ZJ${guid.slice(0, 8)}`);
    for (const [index, orderNo] of orders.entries()) {
      const first = { ...withOrderNo(orderNo) };
      const resent = { ...first, head: { ...first.head, guid: GUIDS[9_999 - index] ?? '' } };
      expect(isSampled(resent, { inspectionRate: 0.5 }, samplingKey)).toBe(
        isSampled(first, { inspectionRate: 0.5 }, samplingKey),
      );
    }
    // Keyed on the guid, the same orders do get different answers under new guids.
    const byGuid = { inspectionRate: 0.5, sampleBy: 'guid' as const };
    const changed = orders.filter((orderNo, index) => {
      const first = {
        ...withOrderNo(orderNo),
        head: { ...withOrderNo(orderNo).head, guid: GUIDS[index] ?? '' },
      };
      const resent = { ...first, head: { ...first.head, guid: GUIDS[9_999 - index] ?? '' } };
      return isSampled(first, byGuid, samplingKey) !== isSampled(resent, byGuid, samplingKey);
    });
    expect(changed.length).toBeGreaterThan(0);
  });

  it('inspects a sampled parcel without any hit', () => {
    const inventory = sampleInventory();
    expect(assessRisk(inventory, { inspectionRate: 1 }, { samplingKey })).toEqual({
      hits: [],
      sampled: true,
      inspect: true,
    });
    expect(assessRisk(inventory, NO_SAMPLE, { samplingKey })).toEqual({
      hits: [],
      sampled: false,
      inspect: false,
    });
  });
});

describe('watch lists', () => {
  it('inspects a watched buyer, found by the keyed hash, showing the ID number masked', () => {
    const assessment = assessRisk(
      sampleInventory(),
      { ...NO_SAMPLE, watchLists: { buyerIdNumberHashes: ['AB12'] } },
      { samplingKey, buyerIdNumberHash: 'ab12' },
    );
    expect(assessment.inspect).toBe(true);
    expect(assessment.hits).toEqual([
      {
        rule: 'watch_list.buyer',
        code: 'customs.risk_watched_buyer',
        message: 'The buyer is on the watch list: inventory.buyerIdNumber "33**************1X"',
        fields: [{ document: 'inventory', field: 'buyerIdNumber', value: '33**************1X' }],
      },
    ]);
    expect(
      assessRisk(
        sampleInventory(),
        { ...NO_SAMPLE, watchLists: { buyerIdNumberHashes: ['ab12'] } },
        {
          samplingKey,
          buyerIdNumberHash: 'cd34',
        },
      ).hits,
    ).toEqual([]);
  });

  it('refuses to check a buyer list without the buyer hash (a wiring mistake, not a clean parcel)', () => {
    expect(() =>
      assessRisk(sampleInventory(), { watchLists: { buyerIdNumberHashes: ['ab12'] } }, { samplingKey }),
    ).toThrow(AssertionError);
  });

  it('matches telephones of buyer and consignee, ignoring +86, spaces and dashes', () => {
    const waybill = { ...sampleWaybill(), consigneeTelephone: '139 1234-5678' };
    const assessment = assessRisk(
      sampleInventory(),
      { ...NO_SAMPLE, watchLists: { telephones: ['+8613800000000', '13912345678'] } },
      { samplingKey, waybill },
    );
    expect(assessment.hits.map(({ rule, code, fields }) => ({ rule, code, fields }))).toEqual([
      {
        rule: 'watch_list.telephone',
        code: 'customs.risk_watched_telephone',
        fields: [
          { document: 'inventory', field: 'buyerTelephone', value: '13*******00' },
          { document: 'waybill', field: 'consigneeTelephone', value: '13*********78' },
        ],
      },
    ]);
    expect(JSON.stringify(assessment)).not.toContain('13800000000');
  });

  it('matches HS code prefixes per line', () => {
    const inventory = sampleInventory();
    const [line] = inventory.lines;
    if (line === undefined) {
      throw new Error('the sample inventory has a line');
    }
    inventory.lines = [line, { ...line, gnum: 2, gcode: '3304990099', price: '50', totalPrice: '50' }];
    const hits = assessRisk(
      inventory,
      { ...NO_SAMPLE, watchLists: { hsCodePrefixes: ['3304.99'] } },
      { samplingKey },
    ).hits;
    expect(hits.map(({ rule, fields }) => ({ rule, fields }))).toEqual([
      {
        rule: 'watch_list.hs_code',
        fields: [{ document: 'inventory', field: 'gcode', gnum: 2, value: '3304990099' }],
      },
    ]);
    expect(
      assessRisk(inventory, { ...NO_SAMPLE, watchLists: { hsCodePrefixes: ['0402'] } }, { samplingKey }).hits,
    ).toEqual([]);
  });

  it('matches enterprise codes in every enterprise role on the inventory', () => {
    const hits = assessRisk(
      sampleInventory(),
      { ...NO_SAMPLE, watchLists: { enterpriseCodes: ['3301yyyyyy', '3301LLLLLL'] } },
      { samplingKey },
    ).hits;
    expect(hits.map(({ rule, code, fields }) => ({ rule, code, fields }))).toEqual([
      {
        rule: 'watch_list.enterprise',
        code: 'customs.risk_watched_enterprise',
        fields: [
          { document: 'inventory', field: 'ebcCode', value: '3301YYYYYY' },
          { document: 'inventory', field: 'logisticsCode', value: '3301LLLLLL' },
          { document: 'inventory', field: 'assureCode', value: '3301YYYYYY' },
        ],
      },
    ]);
  });
});

describe('unit price floors', () => {
  const floors = { unitPriceFloors: { '19': '150.00' } };

  it('flags a line priced below its HS chapter floor, by value', () => {
    const inventory = sampleInventory();
    inventory.lines = inventory.lines.map((line) => ({ ...line, price: '149.99', totalPrice: '299.98' }));
    expect(assessRisk(inventory, { ...NO_SAMPLE, ...floors }, { samplingKey })).toEqual({
      hits: [
        {
          rule: 'value.unit_price_floor',
          code: 'customs.risk_unit_price_below_floor',
          message:
            'The unit price is below the floor of CNY 150.00 for HS chapter 19: inventory line 1 price "149.99", inventory line 1 gcode "1901101000"',
          fields: [
            { document: 'inventory', field: 'price', gnum: 1, value: '149.99' },
            { document: 'inventory', field: 'gcode', gnum: 1, value: '1901101000' },
          ],
        },
      ],
      sampled: false,
      inspect: true,
    });
    inventory.lines = inventory.lines.map((line) => ({ ...line, price: '150.000' }));
    expect(assessRisk(inventory, { ...NO_SAMPLE, ...floors }, { samplingKey }).hits).toEqual([]);
    expect(
      assessRisk(inventory, { ...NO_SAMPLE, unitPriceFloors: { '19': '150.001' } }, { samplingKey }).hits,
    ).toHaveLength(1);
  });

  it('leaves gift lines alone unless told to check them', () => {
    const inventory = sampleInventory();
    inventory.lines = inventory.lines.map((line) => ({ ...line, price: '0', totalPrice: '0' }));
    expect(assessRisk(inventory, { ...NO_SAMPLE, ...floors }, { samplingKey }).hits).toEqual([]);
    expect(
      assessRisk(inventory, { ...NO_SAMPLE, ...floors, checkGiftLines: true }, { samplingKey }).hits.map(
        (h) => h.rule,
      ),
    ).toEqual(['value.unit_price_floor']);
  });

  it('ignores chapters without a floor', () => {
    expect(
      assessRisk(sampleInventory(), { ...NO_SAMPLE, unitPriceFloors: { '33': '1000' } }, { samplingKey })
        .hits,
    ).toEqual([]);
  });
});

describe('risk config', () => {
  it('defaults to 5% sampling by order, with empty lists and no floors', () => {
    expect(resolveRiskConfig()).toEqual(DEFAULT_RISK_CONFIG);
    expect(DEFAULT_RISK_CONFIG).toEqual({
      inspectionRate: 0.05,
      sampleBy: 'order',
      watchLists: { buyerIdNumberHashes: [], telephones: [], hsCodePrefixes: [], enterpriseCodes: [] },
      unitPriceFloors: {},
      checkGiftLines: false,
    });
  });

  it('fills a partial watch list from the defaults', () => {
    expect(resolveRiskConfig({ watchLists: { telephones: ['1'] } }).watchLists).toEqual({
      ...DEFAULT_RISK_CONFIG.watchLists,
      telephones: ['1'],
    });
  });

  it('refuses a rate outside 0..1', () => {
    for (const inspectionRate of [-0.1, 1.5, Number.NaN]) {
      expect(() => resolveRiskConfig({ inspectionRate })).toThrow(AssertionError);
    }
  });
});

describe('risk translations', () => {
  it('has en and zh-CN text in the web app for every hit code', () => {
    const keys = [
      'fieldErrors.customs.risk_unit_price_below_floor',
      'fieldErrors.customs.risk_watched_buyer',
      'fieldErrors.customs.risk_watched_enterprise',
      'fieldErrors.customs.risk_watched_hs_code',
      'fieldErrors.customs.risk_watched_telephone',
    ];
    expect(RISK_RULE_IDS.length).toBe(keys.length);
    expect(untranslated(keys)).toEqual([]);
  });
});
