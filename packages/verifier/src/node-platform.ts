// Node's native crypto when the verifier runs in Node, reached through process.getBuiltinModule
// (Node 20.16+) rather than an import, so the package still loads unchanged in browsers and
// bundlers. Typed here, like web-platform.ts, because the package compiles without Node's types.

/** The part of node:crypto the verifier uses. */
export type NodeCrypto = {
  createHash(algorithm: 'sha256'): { update(data: Uint8Array | string): { digest(): Uint8Array } };
  createPublicKey(key: { key: Uint8Array; format: 'der'; type: 'spki' }): unknown;
  verify(algorithm: null, data: Uint8Array, key: unknown, signature: Uint8Array): boolean;
};

type NodeProcess = { getBuiltinModule?: (id: string) => unknown };

let found: NodeCrypto | undefined | null = null;

/** node:crypto when running in Node (with getBuiltinModule), else undefined. Never throws. */
export function nodeCrypto(): NodeCrypto | undefined {
  if (found === null) {
    found = undefined;
    try {
      const proc = (globalThis as { process?: NodeProcess }).process;
      const module = proc?.getBuiltinModule?.('node:crypto') as Partial<NodeCrypto> | undefined;
      if (
        typeof module?.createHash === 'function' &&
        typeof module.createPublicKey === 'function' &&
        typeof module.verify === 'function'
      ) {
        found = module as NodeCrypto;
      }
    } catch {
      found = undefined;
    }
  }
  return found;
}
