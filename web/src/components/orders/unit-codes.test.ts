import { isUnitCode } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import { COMMON_UNIT_CODES, DEFAULT_UNIT_CODE } from './unit-codes.ts';

describe('the unit codes the order form offers', () => {
  it('are all codes the server accepts', () => {
    expect(COMMON_UNIT_CODES.filter((code) => !isUnitCode(code))).toEqual([]);
    expect(isUnitCode(DEFAULT_UNIT_CODE)).toBe(true);
  });
});
