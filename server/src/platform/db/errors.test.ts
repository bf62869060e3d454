import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isDatabaseUnavailable, MigrationError } from './errors.ts';

const withCode = (code: string, message = 'failed'): Error => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'ENOTFOUND',
    '08006',
    '08001',
    '57P01',
    '57P02',
    '57P03',
    '53300',
  ])('is true for code %s', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
  });

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
    'PGlite is closed',
  ])('is true for the message "%s"', (message) => {
    expect(isDatabaseUnavailable(new Error(message))).toBe(true);
  });

  it('looks into causes and AggregateErrors', () => {
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('ECONNREFUSED') }))).toBe(true);
    expect(
      isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')], 'all addresses failed')),
    ).toBe(true);
    expect(isDatabaseUnavailable(new DatabaseUnavailableError(new Error('x')))).toBe(true);
  });

  it('is false for errors the database answered', () => {
    expect(isDatabaseUnavailable(withCode('23505', 'duplicate key'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('42P01', 'relation does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe('error classes', () => {
  it('carry stable codes', () => {
    const unavailable = new DatabaseUnavailableError(withCode('ECONNREFUSED', 'connect ECONNREFUSED'));
    expect(unavailable.code).toBe('db.unavailable');
    expect(unavailable.message).toContain('connect ECONNREFUSED');
    const changed = new MigrationError('db.migration_changed', 'changed', ['/x/0001_a.sql']);
    expect(changed.code).toBe('db.migration_changed');
    expect(changed.files).toEqual(['/x/0001_a.sql']);
  });
});
