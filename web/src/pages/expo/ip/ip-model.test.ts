import { describe, expect, it } from 'vitest';
import {
  agreementInput,
  assetInput,
  canAccept,
  isPercent,
  listingInput,
  parseNiceClasses,
  sha256OfFile,
  splitList,
  termsText,
} from './ip-model.ts';

describe('IP registry forms', () => {
  it('splits lists in either language’s punctuation', () => {
    expect(splitList('H01M 10/0525, H01L；H01M 10/0525\nF21K')).toEqual(['H01M 10/0525', 'H01L', 'F21K']);
    expect(splitList(undefined)).toEqual([]);
  });

  it('reads Nice classes 1 to 45 only', () => {
    expect(parseNiceClasses('35, 9 9')).toEqual([9, 35]);
    expect(parseNiceClasses('46')).toBeUndefined();
    expect(parseNiceClasses('x')).toBeUndefined();
  });

  it('takes percent as the server does', () => {
    expect(isPercent('3.5')).toBe(true);
    expect(isPercent('0')).toBe(false);
    expect(isPercent('100.5')).toBe(false);
  });

  it('builds an asset body: holder first, a trade secret never published and without a number', () => {
    const body = assetInput(
      {
        kind: 'trade_secret_reference',
        titleZh: ' 配方 ',
        titleEn: 'Recipe',
        registryNumber: '123',
        jurisdiction: 'CN',
        status: 'pending',
        secretDocumentSha256: 'a'.repeat(64),
        coOwnerNames: '张三, 李四',
        publish: true,
      },
      'org_1',
    );
    expect(body).toMatchObject({
      titleZh: '配方',
      registryNumber: null,
      visibility: 'draft',
      owners: [{ organisationId: 'org_1' }, { personName: '张三' }, { personName: '李四' }],
    });
    const mark = assetInput(
      {
        kind: 'trademark',
        titleZh: '乐聚',
        titleEn: 'LEJU',
        jurisdiction: 'CN',
        status: 'granted',
        niceClasses: '28 16',
        publish: true,
      },
      'org_1',
    );
    expect(mark).toMatchObject({ niceClasses: [16, 28], visibility: 'published' });
    expect(mark).not.toHaveProperty('ipcClasses');
  });

  it('builds agreement and listing bodies with money and percent as strings', () => {
    expect(
      agreementInput({
        kind: 'licence',
        counterpartyKind: 'named',
        counterpartyName: ' Müller GmbH ',
        exclusivity: 'exclusive',
        territory: ['DE'],
        termStart: '2026-01-01',
        royaltyKind: 'lump_sum',
        royaltyAmount: '50000.00',
        royaltyCurrency: 'EUR',
      }),
    ).toEqual({
      kind: 'licence',
      counterparty: { name: 'Müller GmbH' },
      exclusivity: 'exclusive',
      territory: ['DE'],
      termStart: '2026-01-01',
      termEnd: null,
      royalty: { kind: 'lump_sum', amount: { amount: '50000.00', currency: 'EUR' } },
    });
    const assignment = agreementInput({
      kind: 'assignment',
      counterpartyKind: 'named',
      counterpartyOrganisationId: 'org_2',
      termStart: '2026-01-01',
      royaltyKind: 'none',
    });
    expect(assignment.counterparty).toEqual({ organisationId: 'org_2' });
    expect(assignment).not.toHaveProperty('exclusivity');
    expect(
      listingInput({
        assetIds: ['eip_1'],
        deal: 'either',
        pitchZh: '好',
        pitchEn: 'Good',
        fields: 'LED, lighting',
        askingKind: 'royalty',
        askingPercent: '4',
      }),
    ).toMatchObject({
      fields: ['LED', 'lighting'],
      asking: { kind: 'royalty', percent: '4' },
      status: 'draft',
    });
  });

  it('shows terms and who may accept', () => {
    expect(termsText({ amount: null, percent: '3.5' }, '—')).toBe('3.5 %');
    expect(termsText({ amount: { amount: '1.00', currency: 'CNY' }, percent: null }, '—')).toBe('CNY 1.00');
    expect(termsText({ amount: null, percent: null }, 'negotiable')).toBe('negotiable');
    expect(canAccept({ myRole: 'counterparty', status: 'awaiting_acceptance' })).toBe(true);
    expect(canAccept({ myRole: 'grantor', status: 'awaiting_acceptance' })).toBe(false);
  });

  it('hashes a file locally (SHA-256 of "abc")', async () => {
    expect(await sha256OfFile(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
