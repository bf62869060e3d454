import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPersonalDataVault, PersonalDataError } from './personal-data.ts';

const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(9);

describe('personal data vault', () => {
  it('round-trips any text and never shows it in the sealed form', () => {
    const vault = createPersonalDataVault(key);
    fc.assert(
      fc.property(fc.string({ minLength: 4 }), (text) => {
        const sealed = vault.encrypt(text);
        expect(vault.decrypt(sealed)).toBe(text);
        expect(sealed.includes(text)).toBe(false);
      }),
    );
  });

  it('seals the same value differently each time but hashes it the same way', () => {
    const vault = createPersonalDataVault(key);
    const id = '11010519491231002X';
    expect(vault.encrypt(id)).not.toBe(vault.encrypt(id));
    expect(vault.lookupHash(id)).toBe(vault.lookupHash(id));
    expect(vault.lookupHash(id)).not.toBe(createPersonalDataVault(otherKey).lookupHash(id));
    expect(vault.lookupHash(id)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a tampered value and a wrong key', () => {
    const vault = createPersonalDataVault(key);
    const sealed = vault.encrypt('11010519491231002X');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    const tampered = [parts[0], parts[1], body.toString('base64url'), parts[3]].join('.');
    expect(() => vault.decrypt(tampered)).toThrow(PersonalDataError);
    expect(() => createPersonalDataVault(otherKey).decrypt(sealed)).toThrow(PersonalDataError);
    expect(() => vault.decrypt('garbage')).toThrow(PersonalDataError);
  });

  it('needs a 32-byte key', () => {
    expect(() => createPersonalDataVault(new Uint8Array(16))).toThrow(PersonalDataError);
  });
});
