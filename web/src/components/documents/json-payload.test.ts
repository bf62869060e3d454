import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from './document-types.ts';
import { checkPayload, payloadTemplate } from './json-payload.ts';

describe('checkPayload', () => {
  it('accepts an object with string amounts and integer counts', () => {
    const result = checkPayload('{"packages": [{"count": 12, "grossWeightKg": "150.5"}]}');
    expect(result).toEqual({
      ok: true,
      subject: { packages: [{ count: 12, grossWeightKg: '150.5' }] },
      bytes: 51,
    });
  });

  it('says why a payload cannot be sent', () => {
    expect(checkPayload('{"a": }')).toMatchObject({ ok: false, code: 'syntax' });
    expect(checkPayload('[1, 2]')).toEqual({ ok: false, code: 'notObject', detail: '' });
    expect(checkPayload('"text"')).toEqual({ ok: false, code: 'notObject', detail: '' });
    expect(checkPayload('{"type": "X"}')).toEqual({ ok: false, code: 'reserved', detail: 'type' });
    expect(checkPayload('{"goods": [{"price": 12.5}]}')).toEqual({
      ok: false,
      code: 'nonIntegerNumber',
      detail: 'goods[0].price',
    });
    expect(checkPayload('{"n": 9007199254740993}')).toEqual({
      ok: false,
      code: 'nonIntegerNumber',
      detail: 'n',
    });
    expect(checkPayload(JSON.stringify({ text: 'x'.repeat(70_000) }))).toMatchObject({
      ok: false,
      code: 'tooLarge',
    });
  });
});

describe('payloadTemplate', () => {
  it('gives every type a template the checks accept', () => {
    for (const type of DOCUMENT_TYPES) {
      expect(checkPayload(payloadTemplate(type)).ok, type).toBe(true);
    }
  });
});
