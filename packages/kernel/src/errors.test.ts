import { describe, expect, it } from 'vitest';
import {
  AppError,
  AssertionError,
  assert,
  isAppError,
  isAppErrorCode,
  KERNEL_ERROR_CODES,
  KERNEL_FIELD_ERROR_CODES,
} from './errors.ts';
import { thrown } from './test-support.ts';

describe('AppError', () => {
  it('carries code, message, details and field errors', () => {
    const error = new AppError('identity.email_taken', 'taken', {
      details: { email: 'a@b.cn' },
      fieldErrors: [{ field: 'email', code: 'kernel.invalid_format', message: 'bad' }],
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('identity.email_taken');
    expect(error.message).toBe('taken');
    expect(error.details).toEqual({ email: 'a@b.cn' });
    expect(error.fieldErrors).toEqual([{ field: 'email', code: 'kernel.invalid_format', message: 'bad' }]);
  });

  it('leaves optional members absent rather than undefined', () => {
    const error = new AppError('http.not_found', 'no');
    expect('details' in error).toBe(false);
    expect('fieldErrors' in error).toBe(false);
    expect(error.cause).toBeUndefined();
  });

  it('keeps the cause', () => {
    const cause = new Error('db down');
    expect(new AppError('db.unavailable', 'down', { cause }).cause).toBe(cause);
  });

  it.each([
    'identity.email_taken',
    'transparency-log.bad_proof',
    'data-market.no_offer',
    'kernel.invalid_check_digit',
    'a.b',
  ])('accepts the code %s', (code) => {
    expect(isAppErrorCode(code)).toBe(true);
    expect(new AppError(code, 'x').code).toBe(code);
  });

  it.each([
    '',
    'nomodule',
    'Identity.email_taken',
    'identity.EmailTaken',
    'identity.email-taken',
    '1dentity.x',
    'identity.',
    '.x',
    'a.b.c',
    'identity._x',
  ])('refuses the malformed code %j with an AssertionError', (code) => {
    expect(isAppErrorCode(code)).toBe(false);
    expect(() => new AppError(code, 'x')).toThrow(AssertionError);
  });

  it('is recognised by isAppError, optionally by code', () => {
    const error = new AppError('kernel.invalid_id', 'x');
    expect(isAppError(error)).toBe(true);
    expect(isAppError(error, 'kernel.invalid_id')).toBe(true);
    expect(isAppError(error, 'kernel.invalid_hex')).toBe(false);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(isAppError({ code: 'kernel.invalid_id' })).toBe(false);
  });

  it('lists only well-formed kernel codes', () => {
    for (const code of [...KERNEL_ERROR_CODES, ...KERNEL_FIELD_ERROR_CODES]) {
      expect(isAppErrorCode(code)).toBe(true);
      expect(code.startsWith('kernel.')).toBe(true);
    }
  });
});

describe('assert', () => {
  it('passes on truthy conditions and narrows', () => {
    const value: string | null = 'x' as string | null;
    assert(value !== null, 'value is set');
    expect(value.length).toBe(1);
  });

  it('throws an AssertionError, which is not an AppError, on falsy conditions', () => {
    expect(() => assert(false, 'broken invariant')).toThrow(new AssertionError('broken invariant'));
    const error = thrown(() => assert(0, 'zero'));
    expect(error).toBeInstanceOf(AssertionError);
    expect(error).not.toBeInstanceOf(AppError);
    expect((error as Error).name).toBe('AssertionError');
  });
});
