import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../deps.ts';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). Tests and the demo seed may pass cheaper
// parameters; production keeps these.
const productionCost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** argon2id password hashing (PHC string format, so parameters can be raised later). */
export const createArgon2PasswordHasher = (cost = productionCost): PasswordHasher => {
  const hashPassword = (password: string) => hash(password, { ...cost, algorithm: 2 });
  let decoy: Promise<string> | undefined;

  return {
    hash: hashPassword,
    verify: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
    decoyHash: () => {
      decoy ??= hashPassword('decoy password that matches no account');
      return decoy;
    },
  };
};
