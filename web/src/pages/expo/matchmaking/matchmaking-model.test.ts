import { describe, expect, it } from 'vitest';
import {
  minorToDecimal,
  monthsBefore,
  reasonParams,
  requirementInput,
  scoreColour,
  trendBarOption,
} from './matchmaking-model.ts';

describe('requirementInput', () => {
  it('leaves empty optional fields out and joins the target price', () => {
    expect(
      requirementInput({
        title: ' LED bulbs ',
        description: '',
        hsCode: '8539.52',
        quantity: '20000',
        unit: 'H87',
        targetAmount: '3.50',
        targetCurrency: 'MYR',
        destinationCountry: 'MY',
        destinationUnlocode: '',
        certifications: ['CE'],
        deadline: '2027-06-30',
      }),
    ).toEqual({
      title: 'LED bulbs',
      hsCode: '853952',
      quantity: '20000',
      unit: 'H87',
      targetPrice: { amount: '3.50', currency: 'MYR' },
      destinationCountry: 'MY',
      certifications: ['CE'],
      deadline: '2027-06-30',
    });
  });

  it('sends no destination when none was picked, so the server names the field', () => {
    const input = requirementInput({ title: 'x', quantity: '1', unit: 'H87', deadline: '2027-01-01' });
    expect(input).not.toHaveProperty('destinationCountry');
    expect(input).not.toHaveProperty('targetPrice');
  });
});

describe('money in explanations', () => {
  it('turns minor units into amounts with the currency’s decimals', () => {
    expect(minorToDecimal('77', 'USD')).toBe('0.77');
    expect(minorToDecimal('151', 'JPY')).toBe('151');
    expect(minorToDecimal('5', 'KWD')).toBe('0.005');
    expect(
      reasonParams({
        key: 'price',
        weight: 15,
        value: 1,
        points: 15,
        reason: 'price_below_target',
        params: { currency: 'USD', target: '130', min: '80', max: '120' },
      }),
    ).toEqual({ currency: 'USD', target: '1.30 USD', min: '0.80 USD', max: '1.20 USD' });
  });
});

describe('small helpers', () => {
  it('colours scores and steps back months', () => {
    expect(scoreColour(80)).toBe('green');
    expect(scoreColour(60)).toBe('blue');
    expect(scoreColour(30)).toBe('default');
    expect(monthsBefore('2026-03', 11)).toBe('2025-04');
  });

  it('orders the bar chart by total', () => {
    const option = trendBarOption(
      [
        { key: '85', total: 9, counts: [] },
        { key: '66', total: 2, counts: [] },
      ],
      { seriesName: (key) => `ch ${key}`, month: (m) => m, axis: 'n' },
    );
    expect((option.yAxis as { data: string[] }).data).toEqual(['ch 66', 'ch 85']);
  });
});
