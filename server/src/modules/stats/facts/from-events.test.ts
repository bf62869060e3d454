import { describe, expect, it } from 'vitest';
import type { Database } from '../../../platform/db/index.ts';
import { cityOf, type FactIntakeDeps, factsFromEvent, partnerCountry, UNKNOWN_CITY } from './from-events.ts';

// The pure rules of the fact intake: partner and city codes, goods vs services, what is not
// China's trade, and when an event must wait for a rate. The database is never reached here.

const profile = (addressCity: string | null, addressUnlocode: string | null = null) => ({
  country: 'CN',
  uscc: null,
  addressCity,
  addressUnlocode,
});

const deps = (rates: Record<string, string>): FactIntakeDeps => ({
  db: {} as Database,
  now: () => new Date('2026-03-01T00:00:00Z'),
  enterpriseProfile: async (id) =>
    id.startsWith('org_') ? { ...profile('Ningbo'), uscc: `USCC-${id}` } : undefined,
  dayRate: async (from, to) => {
    const rate = rates[`${from}/${to}`];
    return rate === undefined ? undefined : { rate };
  },
});

const invoice = (overrides: Record<string, unknown> = {}) => ({
  orderId: 'ord_1',
  documentId: 'doc_1',
  documentVersion: 1,
  issueDate: '2026-02-27',
  sellerOrganisationId: 'org_seller',
  buyerOrganisationId: 'org_buyer',
  sellerCountry: 'CN',
  buyerCountry: 'US',
  currency: 'EUR',
  lines: [
    { hsCode: '490199', unitCode: 'DAY', amountMinor: '50000' },
    { hsCode: '610910', unitCode: 'H87', amountMinor: '12345' },
  ],
  totalMinor: '62345',
  ...overrides,
});

describe('fact intake rules', () => {
  it('reads partners from customs codes, ISO codes, or says unknown', () => {
    expect(['502', '116', 'DE', 'DEU', '999', null, 'xx'].map(partnerCountry)).toEqual([
      'US',
      'JP',
      'DE',
      'DE',
      'ZZ',
      'ZZ',
      'ZZ',
    ]);
  });

  it('finds the Zhejiang city from the address as written, a county-level city or the UN/LOCODE', () => {
    expect(cityOf(profile('Hangzhou'))).toBe('330100');
    expect(cityOf(profile('浙江省温州市鹿城区'))).toBe('330300');
    expect(cityOf(profile('Yiwu, Jinhua'))).toBe('330700');
    expect(cityOf(profile(null, 'NGB'))).toBe('330200');
    expect(cityOf(profile('Shanghai'))).toBe(UNKNOWN_CITY);
  });

  it('splits an invoice into services and goods, priced at the day rate either way round', async () => {
    const mapped = await factsFromEvent(
      deps({ 'EUR/CNY': '7.8', 'USD/EUR': '0.9' }),
      'trade.invoice.issued',
      invoice(),
    );
    expect('facts' in mapped).toBe(true);
    const facts = 'facts' in mapped ? mapped.facts : [];
    expect(
      facts.map((f) => [
        f.sourceRef,
        f.kind,
        f.customsMode,
        f.ebops,
        f.consumerGoods,
        f.cnyMinor,
        f.usdMinor,
      ]),
    ).toEqual([
      // Goods: 123.45 EUR -> 962.91 CNY; USD by the inverse of USD/EUR 0.9: 137.17.
      ['ord_1:g:61', 'goods', '9710', null, true, 96291n, 13717n],
      // Services: 500.00 EUR -> 3,900.00 CNY, 555.56 USD.
      ['ord_1:s:SJ', 'services', null, 'SJ', false, 390000n, 55556n],
    ]);
    expect(facts.every((f) => f.city === '330200' && f.month === '2026-02-01' && f.partner === 'US')).toBe(
      true,
    );
  });

  it('counts no domestic sale, parks one without a rate or an enterprise', async () => {
    expect(await factsFromEvent(deps({}), 'trade.invoice.issued', invoice({ buyerCountry: 'CN' }))).toEqual({
      facts: [],
    });
    expect(await factsFromEvent(deps({}), 'trade.invoice.issued', invoice())).toMatchObject({
      parked: 'no_rate',
    });
    expect(
      await factsFromEvent(
        deps({ 'EUR/CNY': '7.8' }),
        'trade.invoice.issued',
        invoice({ sellerOrganisationId: 'unknown' }),
      ),
    ).toMatchObject({ parked: 'unknown_enterprise' });
    expect(await factsFromEvent(deps({}), 'trade.invoice.issued', { orderId: 1 })).toMatchObject({
      parked: 'invalid_payload',
    });
  });

  it('maps a recorded service delivery to one services-export fact, or parks it without a rate', async () => {
    const delivery = {
      deliveryId: 'esd_1',
      contractId: 'esc_1',
      providerOrganisationId: 'org_provider',
      clientCountry: 'MY',
      ebopsCode: 'SI22',
      gatsMode: 'mode1',
      digitallyDelivered: true,
      currency: 'USD',
      amountMinor: '100000',
      deliveredOn: '2026-02-27',
    };
    const topic = 'expo.service_delivery.recorded';
    const mapped = await factsFromEvent(deps({ 'USD/CNY': '7.1' }), topic, delivery);
    expect('facts' in mapped && mapped.facts).toEqual([
      expect.objectContaining({
        source: 'expo',
        sourceRef: 'esd_1',
        flow: 'export',
        kind: 'services',
        customsMode: null,
        hsChapter: null,
        ebops: 'SI',
        partner: 'MY',
        contentType: 'digital_technology',
        digitallyOrdered: false,
        digitallyDelivered: true,
        platformIntermediated: false,
        month: '2026-02-01',
        amountMinor: 100000n,
        cnyMinor: 710000n,
        usdMinor: 100000n,
      }),
    ]);
    const offline = await factsFromEvent(deps({ 'USD/CNY': '7.1' }), topic, {
      ...delivery,
      ebopsCode: 'SJ22',
      digitallyDelivered: false,
    });
    expect('facts' in offline && offline.facts[0]?.contentType).toBe('traditional');
    expect(await factsFromEvent(deps({}), topic, delivery)).toMatchObject({ parked: 'no_rate' });
    expect(await factsFromEvent(deps({}), topic, { ...delivery, amountMinor: '-5' })).toMatchObject({
      parked: 'invalid_payload',
    });
    expect(await factsFromEvent(deps({}), topic, { ...delivery, clientCountry: 'CN' })).toEqual({
      facts: [],
    });
  });
});
