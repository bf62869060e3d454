import { describe, expect, it } from 'vitest';
import { expoErrorStatuses, expoFieldErrorCodes } from '../src/modules/expo/index.ts';
import { financeErrorStatuses, financeFieldErrorCodes } from '../src/modules/finance/index.ts';
import { logisticsErrorStatuses, logisticsFieldErrorCodes } from '../src/modules/logistics/index.ts';
import { iso20022FieldErrorCodes, paymentsErrorStatuses } from '../src/modules/payments/index.ts';
import { statsErrorStatuses, statsFieldErrorCodes } from '../src/modules/stats/index.ts';
import { untranslated } from './support/web-i18n.ts';

// The web app translates the codes the newer modules answer with; a code without zh-CN and en text
// would show English server text (or a raw code) to a Chinese user.
describe('payments, finance, logistics, stats and expo codes have zh-CN and en text', () => {
  it('every error code and every field error code', () => {
    const errors = [
      ...Object.keys(paymentsErrorStatuses),
      ...Object.keys(financeErrorStatuses),
      ...Object.keys(logisticsErrorStatuses),
      ...Object.keys(statsErrorStatuses),
      ...Object.keys(expoErrorStatuses),
    ];
    expect(errors.length).toBeGreaterThan(25);
    expect(untranslated(errors.map((code) => `errors.${code}`))).toEqual([]);
    const fields = [
      ...iso20022FieldErrorCodes,
      ...financeFieldErrorCodes,
      ...logisticsFieldErrorCodes,
      ...statsFieldErrorCodes,
      ...expoFieldErrorCodes,
    ];
    expect(fields.length).toBeGreaterThan(10);
    expect(untranslated(fields.map((code) => `fieldErrors.${code}`))).toEqual([]);
  });
});
